//! Tests choose their own today: no test reads the wall clock for a calendar
//! date, so the suite passes on any day of any year. This guard reads every
//! test in the workspace (Rust test files and `#[cfg(test)]` modules, and the
//! browser tests) and names each line that asks the clock for a date.
//! Tests about real time (session expiry, two-step codes) compare instants,
//! never dates; a browser test line about real time says so with `// real time`.

use std::path::{Path, PathBuf};

/// What reads today's date (or a date from now) off the wall clock, in Rust.
const RUST: [&str; 8] = [
    "now().date_naive()",
    "now().date()",
    "now().naive_local()",
    "now().naive_utc()",
    "Local::now()",
    "Local::today()",
    "Utc::today()",
    "now().year()",
];

/// The same in the browser tests' TypeScript.
const SCRIPT: [&str; 2] = ["new Date()", "Date.now()"];

/// Days counted from the wall clock.
fn counts_days_from_now(line: &str) -> bool {
    line.contains("now()") && (line.contains("Duration::days") || line.contains("Duration::weeks"))
}

fn workspace() -> PathBuf {
    // The package's folder as cargo gives it when the test runs (the path
    // built in may name another checkout that shared the build).
    let package = std::env::var("CARGO_MANIFEST_DIR").unwrap_or(env!("CARGO_MANIFEST_DIR").into());
    Path::new(&package)
        .parent()
        .expect("the workspace holds the server")
        .to_path_buf()
}

fn files(dir: &Path, extension: &str, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if !["node_modules", "target", "fuzz", ".git"].contains(&name.to_str().unwrap_or("")) {
                files(&path, extension, found);
            }
        } else if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
}

/// Lines of Rust test code that read a date off the wall clock. In a source
/// file, only what follows its `#[cfg(test)]` is test code.
fn rust_offences(text: &str, whole_file_is_test: bool) -> Vec<(usize, String)> {
    let mut in_tests = whole_file_is_test;
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            in_tests = true;
        }
        let code = line.split("//").next().unwrap_or_default();
        if in_tests && (RUST.iter().any(|p| code.contains(p)) || counts_days_from_now(code)) {
            found.push((number + 1, line.trim().to_owned()));
        }
    }
    found
}

/// Lines of the browser tests that read the clock without saying why.
fn script_offences(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            SCRIPT.iter().any(|p| line.contains(p)) && !line.contains("// real time")
        })
        .map(|(number, line)| (number + 1, line.trim().to_owned()))
        .collect()
}

#[test]
fn no_test_reads_the_wall_clock_for_a_date() {
    let root = workspace();
    let mut offences = Vec::new();
    let mut rust = Vec::new();
    files(&root.join("app"), "rs", &mut rust);
    files(&root.join("server"), "rs", &mut rust);
    files(&root.join("frontend"), "rs", &mut rust);
    assert!(
        rust.len() > 50,
        "the guard finds the Rust files ({})",
        rust.len()
    );
    for path in rust {
        if path.ends_with("server/tests/wall_clock.rs") {
            continue;
        }
        let inside = path.strip_prefix(&root).unwrap_or(&path);
        let whole = inside
            .components()
            .any(|c| c.as_os_str() == "tests" || c.as_os_str() == "benches");
        let text = std::fs::read_to_string(&path).expect("reads");
        for (line, code) in rust_offences(&text, whole) {
            offences.push(format!("{}:{line}: {code}", path.display()));
        }
    }
    let mut scripts = Vec::new();
    files(&root.join("end2end/tests"), "ts", &mut scripts);
    files(&root.join("end2end/pages"), "ts", &mut scripts);
    assert!(
        scripts.len() > 10,
        "the guard finds the browser tests ({})",
        scripts.len()
    );
    for path in scripts {
        let text = std::fs::read_to_string(&path).expect("reads");
        for (line, code) in script_offences(&text) {
            offences.push(format!("{}:{line}: {code}", path.display()));
        }
    }
    assert!(
        offences.is_empty(),
        "tests read the wall clock for a date; choose today instead (VILLAGE_TODAY, helpers::today(), a fixed clock):\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_guard_names_each_way_of_asking_the_clock_for_a_date() {
    let test_module = "fn real() { let t = Utc::now(); }\n#[cfg(test)]\nmod tests {\n    let today = Utc::now().date_naive();\n    let soon = Utc::now() + Duration::days(3);\n    let day = Local::now();\n    let expired = Utc::now() - Duration::minutes(31);\n}\n";
    let found: Vec<usize> = rust_offences(test_module, false)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(found, [4, 5, 6]);
    assert!(
        rust_offences("let today = Utc::now().date_naive();", false).is_empty(),
        "app code may"
    );
    let script = "const d = new Date();\nconst t = Date.now(); // real time: a two-step code\nnew Date(\"2026-12-07\")\n";
    let found: Vec<usize> = script_offences(script)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(found, [1]);
}
