//! Words that send a person somewhere: a phone number, a web address or an
//! email address inside free text. An organiser's change that adds one
//! waits for an admin, as a changed phone list does, so that a hijacked
//! account cannot quietly point parents at a stranger's number or page.

/// Whether `text` holds a phone number (nine digits or more, spaces,
/// dashes, dots and brackets allowed between them), a web address
/// (`https://…`, `www.…` or a name such as `example.org/refer`) or an
/// email address.
pub fn sends_somewhere(text: &str) -> bool {
    has_phone_number(text)
        || text.split_whitespace().any(|word| {
            let word = word.trim_matches(|c: char| "()[]<>\"'«».,;:!?".contains(c));
            is_web_address(word) || is_email(word)
        })
}

/// Nine or more digits in one run, allowing separators within it.
fn has_phone_number(text: &str) -> bool {
    let mut digits = 0;
    let mut separators = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            separators = 0;
            if digits >= 9 {
                return true;
            }
        } else if matches!(c, ' ' | '-' | '.' | '(' | ')' | '+' | '\u{a0}') && separators < 3 {
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
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return true;
    }
    // A host name: labels of letters, digits and dashes, the last two or
    // more letters ("example.org", "nhs.uk/help").
    let host = lower.split('/').next().unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels[0].chars().count() >= 2
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
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
