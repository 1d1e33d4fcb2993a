//! Words that send a person somewhere: a phone number, a web address or an
//! email address inside free text. An organiser's change that adds one
//! waits for an admin, as a changed phone list does, so that a hijacked
//! account cannot quietly point parents at a stranger's number or page.

/// Whether `text` holds a phone number (nine digits or more, in any
/// script, with spaces, dashes, dots, slashes or brackets between them), a
/// web address (`https://…`, `www.…` or a name such as `example.org/refer`
/// or `t.me/x`) or an email address. Invisible formatting characters (a
/// zero-width space, a soft hyphen) are taken out first, so they cannot
/// hide one.
pub fn sends_somewhere(text: &str) -> bool {
    let text: String = text.chars().filter(|c| !is_invisible(*c)).collect();
    has_phone_number(&text)
        || text.contains("://")
        || text
            .split(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '@')))
            .any(|piece| {
                let piece = piece.trim_matches(|c: char| c == '.' || c == '-');
                is_web_address(piece) || is_email(piece)
            })
}

/// Characters that show nothing: zero-width spaces and joiners, direction
/// marks, the soft hyphen, the word joiner and the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Nine or more digits in one run, allowing up to three separators
/// between any two.
fn has_phone_number(text: &str) -> bool {
    let mut digits = 0;
    let mut separators = 0;
    for c in text.chars() {
        if c.is_numeric() {
            digits += 1;
            separators = 0;
            if digits >= 9 {
                return true;
            }
        } else if (c.is_whitespace() || matches!(c, '-' | '.' | '(' | ')' | '+' | '/' | '_'))
            && separators < 3
        {
            separators += 1;
        } else {
            digits = 0;
            separators = 0;
        }
    }
    false
}

fn is_web_address(word: &str) -> bool {
    let lower = word.to_lowercase();
    if lower.starts_with("www.") {
        return true;
    }
    // A host name: labels of letters, digits and dashes, the last two or
    // more letters ("example.org", "t.me").
    let labels: Vec<&str> = lower.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic))
}

fn is_email(word: &str) -> bool {
    match word.split_once('@') {
        Some((name, host)) => !name.is_empty() && is_web_address(host),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn phone_numbers_web_and_email_addresses_are_found_in_free_text() {
        for sends in [
            "Call 0300 123 4567 to refer yourself",
            "Ring (029) 2034 5678",
            "Text 07700-900-123",
            "+44 7700 900123",
            "See https://example.org/refer",
            "see www.example.org",
            "Fill in the form at example.org/refer.",
            "Email hello@example.org please",
            "nhs.uk",
            "07700\u{200B}900\u{00AD}123",
            "call 0\u{2009}7\u{2009}7\u{2009}0\u{2009}0\u{2009}9\u{2009}0\u{2009}0\u{2009}1",
            "０７７００ ９００１２３",
            "see t.me/helpers",
            "evil.org?x",
            "see:evil.org",
            "evil\u{200B}.org",
            "07700/900/123",
        ] {
            assert!(sends_somewhere(sends), "{sends}");
        }
        for stays in [
            "Tuesdays, 10:00 to 11:30, term time only",
            "A walk and a chat. Bring a snack.",
            "Ages 0 to 24 months; £2.50 each time",
            "Starts 2026-12-06; room 12",
            "St. Mark's Hall, e.g. the back door",
            "Up to 12 people",
            "",
        ] {
            assert!(!sends_somewhere(stays), "{stays}");
        }
    }

    proptest! {
        #[test]
        fn a_phone_number_anywhere_in_words_is_found(
            before in "[a-z ]{0,30}",
            number in "0[1-9][0-9]{3} [0-9]{6}",
            after in "[a-z ]{0,30}",
        ) {
            let text = format!("{before} {number} {after}");
            prop_assert!(sends_somewhere(&text));
        }
    }
}
