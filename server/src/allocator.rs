//! How the server asks glibc's allocator to hold memory.
//!
//! By default glibc gives each busy thread its own arena and keeps freed
//! memory in them for later, so after a burst of requests the server stays
//! at its peak: about 21 MB of heap where 8 MB is in use (measured with
//! `make bench`, see `docs/reliability-and-performance.md`). One arena, and
//! freed blocks over 128 KB handed back to the system, keep it near what it
//! uses, and the single arena costs no throughput here: a request allocates
//! little, and what it does is short-lived.
//!
//! Malloc settings given by whoever runs the server still win: these are
//! only applied when neither `GLIBC_TUNABLES` names a `glibc.malloc.`
//! tunable nor a `MALLOC_*` variable is set.
//!
//! A module of the binary, not the library, so that its one caller is the
//! first line of `main`, before any thread exists.

/// The values, named as glibc's tunables name them.
const ARENA_MAX: i32 = 1;
const TRIM_THRESHOLD: i32 = 128 * 1024;
const MMAP_THRESHOLD: i32 = 128 * 1024;

/// Applies the settings above, unless the environment sets malloc's own,
/// and says whether it did. Called first thing in `main`, before any thread
/// is started: glibc's manual marks `mallopt` MT-Unsafe.
pub fn tune() -> bool {
    let tunables = std::env::var("GLIBC_TUNABLES").unwrap_or_default();
    let set_by_environment = tunables.contains("glibc.malloc.")
        || std::env::vars_os().any(|(name, _)| name.to_string_lossy().starts_with("MALLOC_"));
    if set_by_environment || !glibc::PRESENT {
        return false;
    }
    glibc::set(ARENA_MAX, TRIM_THRESHOLD, MMAP_THRESHOLD);
    true
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod glibc {
    pub const PRESENT: bool = true;

    /// Sets the three parameters with `mallopt(3)`. Each call only stores an
    /// integer in the allocator's settings and reports whether it was
    /// accepted; a refusal leaves glibc's default, which is safe, so the
    /// result is not needed.
    #[expect(unsafe_code, reason = "mallopt is glibc's C interface")]
    pub fn set(arena_max: i32, trim_threshold: i32, mmap_threshold: i32) {
        // SAFETY: `mallopt` takes two integers and touches no memory of
        // ours. It is MT-Unsafe (it changes the allocator's settings without
        // the arenas' locks), so it must run while no other thread can
        // allocate: its only caller, `tune`, is private to the binary and
        // called first in `main`, before the runtime starts any thread.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, arena_max);
            libc::mallopt(libc::M_TRIM_THRESHOLD, trim_threshold);
            libc::mallopt(libc::M_MMAP_THRESHOLD, mmap_threshold);
        }
    }

    /// `malloc_trim(0)`: gives whole free pages back. It reports whether it
    /// gave any, which nothing needs.
    #[expect(unsafe_code, reason = "malloc_trim is glibc's C interface")]
    pub fn trim() {
        // SAFETY: `malloc_trim` takes an integer and touches only the
        // allocator's own free memory, under the arenas' locks; glibc's
        // manual marks it MT-Safe, so any thread may call it at any time.
        unsafe {
            libc::malloc_trim(0);
        }
    }
}

/// Hands freed memory back to the system, from anywhere in the heap, not
/// only its top. Called when a published copy has gone (see
/// `app::storage::when_a_copy_goes`): its memory is freed between records
/// of the copy that replaced it, where the trim threshold never reaches.
/// Trimming walks the whole heap, so it runs on a thread of its own rather
/// than in the request that let the copy go.
/// Copies go at most about once a second (each is read first), and one
/// trim at a time is enough: a copy that goes while one runs is left to it
/// or to the next.
pub fn give_back() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static TRIMMING: AtomicBool = AtomicBool::new(false);
    if TRIMMING.swap(true, Ordering::AcqRel) {
        return;
    }
    let trimming = std::thread::Builder::new()
        .name("give-back".to_owned())
        .spawn(|| {
            glibc::trim();
            TRIMMING.store(false, Ordering::Release);
        });
    if trimming.is_err() {
        TRIMMING.store(false, Ordering::Release);
        // No thread to spare: the memory is kept until the next copy goes.
        tracing::debug!("could not start a thread to hand freed memory back");
    }
}

/// Other C libraries (musl, say) hand memory back by themselves.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
mod glibc {
    pub const PRESENT: bool = false;
    pub fn set(_arena_max: i32, _trim_threshold: i32, _mmap_threshold: i32) {}
    pub fn trim() {}
}
