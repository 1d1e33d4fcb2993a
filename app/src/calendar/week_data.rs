//! The week as data: the contract between a This week page and the rest of
//! the phone. Each week page carries its sessions as JSON in a
//! `<script type="application/json" id="week-data">` block, and the diary's
//! "this week" bridge reads that block from the pages the service worker
//! saved, so a change of markup or class names cannot silently break it.
//! The server writes the block (`to_script`), the browser reads it
//! (`from_page`); the tests below hold both sides to the same shape.

use serde::{Deserialize, Serialize};

/// The id of the block on the page.
pub const WEEK_DATA_ID: &str = "week-data";

/// The sessions a saved week page holds that are going ahead.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekData {
    /// Sessions not cancelled, in the order the page shows them.
    pub sessions: Vec<WeekSession>,
}

/// One session of the week, as plain strings: the browser reads it without
/// pulling in a date library's parsing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekSession {
    /// The day, as `YYYY-MM-DD`.
    pub date: String,
    /// Starts and ends, as the page writes them ("10:00").
    pub starts: String,
    pub ends: String,
    pub title: String,
    /// The group's page on this site, `/groups/<id>`.
    pub href: String,
}

impl WeekSession {
    /// "10:00–11:30", as the week page writes it.
    pub fn time(&self) -> String {
        format!("{}–{}", self.starts, self.ends)
    }

    /// Whether the link is a group's page on this site: a saved page is
    /// read back from the phone's storage, so nothing else is followed.
    pub fn links_to_a_group(&self) -> bool {
        self.href
            .strip_prefix("/groups/")
            .is_some_and(|id| village_core::calendar::GroupId::parse(id).is_ok())
    }
}

/// The block's start, up to the JSON: what `from_page` looks for.
fn opening() -> String {
    format!(r#"<script type="application/json" id="{WEEK_DATA_ID}">"#)
}

/// The whole block for a page. Inside a `<script>` element no text may
/// close it, so `<`, `>` and `&` are written as JSON escapes: a group called
/// `</script><script>…` stays a title.
pub fn to_script(data: &WeekData) -> String {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "{\"sessions\":[]}".to_owned());
    let mut escaped = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => escaped.push_str("\\u003c"),
            '>' => escaped.push_str("\\u003e"),
            '&' => escaped.push_str("\\u0026"),
            c => escaped.push(c),
        }
    }
    format!("{}{escaped}</script>", opening())
}

/// The week a saved page holds, or `None` for a page without a block (not a
/// week, or saved by an older version) or with one that does not read.
pub fn from_page(html: &str) -> Option<WeekData> {
    let opening = opening();
    let start = html.find(&opening)? + opening.len();
    let length = html.get(start..)?.find("</script>")?;
    serde_json::from_str(html.get(start..start + length)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(title: &str) -> WeekSession {
        WeekSession {
            date: "2026-12-08".to_owned(),
            starts: "10:00".to_owned(),
            ends: "11:30".to_owned(),
            title: title.to_owned(),
            href: "/groups/g-1".to_owned(),
        }
    }

    #[test]
    fn a_week_written_into_a_page_reads_back_the_same() {
        let data = WeekData {
            sessions: vec![session("Tuesday Talk & Tea"), session("Dads <together>")],
        };
        let page = format!(
            "<html><body><main>…</main>{}</body></html>",
            to_script(&data)
        );
        assert_eq!(from_page(&page), Some(data));
    }

    #[test]
    fn a_session_reads_as_its_time_and_links_only_to_a_group_here() {
        let talk = session("Tuesday Talk");
        assert_eq!(talk.time(), "10:00–11:30");
        assert!(talk.links_to_a_group());
        for href in [
            "javascript:alert(1)",
            "//evil.example/groups/x",
            "/groups/",
            "/groups/../admin",
            "https://evil.example",
        ] {
            let elsewhere = WeekSession {
                href: href.to_owned(),
                ..talk.clone()
            };
            assert!(!elsewhere.links_to_a_group(), "{href}");
        }
    }

    #[test]
    fn a_title_cannot_close_the_block() {
        let data = WeekData {
            sessions: vec![session("</script><script>alert(1)</script>")],
        };
        let block = to_script(&data);
        assert_eq!(block.matches("</script>").count(), 1, "{block}");
        assert!(block.ends_with("</script>"));
        assert_eq!(from_page(&block), Some(data));
    }

    #[test]
    fn a_page_without_a_week_or_with_a_broken_one_holds_none() {
        assert_eq!(
            from_page("<html><body>Choose your area</body></html>"),
            None
        );
        let broken = format!("{}{{\"sessions\":[{{</script>", opening());
        assert_eq!(from_page(&broken), None);
    }
}
