//! The routes to urgent help that the "Need help now?" card offers on every
//! screen. Numbers live here, checked by tests, so that a typo can never
//! reach a person in crisis; the words around them live in the app's text.

use crate::phone::PhoneNumber;

/// Where in the UK a route to help applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    Everywhere,
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

/// How a person reaches a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Call,
    /// Send a text message with this word in it.
    Text {
        keyword: &'static str,
    },
}

/// Which route to help this is; the app looks up its words by this key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    Emergency,
    Nhs111,
    Nhs24,
    BreathingSpace,
    Lifeline,
    Samaritans,
    Shout,
}

/// One route to help: a number and how to use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HelpLine {
    pub route: Route,
    pub coverage: Coverage,
    pub channel: Channel,
    number: &'static str,
}

impl HelpLine {
    /// The number, parsed. Every number in [`HELP_LINES`] is valid (a test
    /// proves it), so this never falls back in practice.
    pub fn number(&self) -> Option<PhoneNumber> {
        PhoneNumber::parse(self.number).ok()
    }

    /// The link that starts the call or the text.
    pub fn href(&self) -> String {
        match (self.number(), self.channel) {
            (Some(n), Channel::Call) => n.tel_href(),
            (Some(n), Channel::Text { keyword }) => n.sms_href(Some(keyword)),
            // Unreachable for the checked list; a plain tel: link is the safest fallback.
            (None, _) => format!("tel:{}", self.number),
        }
    }

    /// The number as people read it.
    pub fn written(&self) -> &'static str {
        self.number
    }
}

/// Every route to help, in the order the card shows them: danger first.
pub const HELP_LINES: [HelpLine; 7] = [
    HelpLine {
        route: Route::Emergency,
        coverage: Coverage::Everywhere,
        channel: Channel::Call,
        number: "999",
    },
    HelpLine {
        route: Route::Nhs111,
        coverage: Coverage::EnglandAndWales,
        channel: Channel::Call,
        number: "111",
    },
    HelpLine {
        route: Route::Nhs24,
        coverage: Coverage::Scotland,
        channel: Channel::Call,
        number: "111",
    },
    HelpLine {
        route: Route::BreathingSpace,
        coverage: Coverage::Scotland,
        channel: Channel::Call,
        number: "0800 83 85 87",
    },
    HelpLine {
        route: Route::Lifeline,
        coverage: Coverage::NorthernIreland,
        channel: Channel::Call,
        number: "0808 808 8000",
    },
    HelpLine {
        route: Route::Samaritans,
        coverage: Coverage::Everywhere,
        channel: Channel::Call,
        number: "116 123",
    },
    HelpLine {
        route: Route::Shout,
        coverage: Coverage::Everywhere,
        channel: Channel::Text { keyword: "SHOUT" },
        number: "85258",
    },
];

/// The help line for a route.
pub fn help_line(route: Route) -> Option<&'static HelpLine> {
    HELP_LINES.iter().find(|line| line.route == route)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_number_is_valid() {
        for line in HELP_LINES {
            assert!(line.number().is_some(), "{:?} has a bad number", line.route);
        }
    }

    #[test]
    fn numbers_are_the_published_ones() {
        let href = |route| help_line(route).map(HelpLine::href);
        assert_eq!(href(Route::Emergency).as_deref(), Some("tel:999"));
        assert_eq!(href(Route::Nhs111).as_deref(), Some("tel:111"));
        assert_eq!(href(Route::Nhs24).as_deref(), Some("tel:111"));
        assert_eq!(
            href(Route::BreathingSpace).as_deref(),
            Some("tel:0800838587")
        );
        assert_eq!(href(Route::Lifeline).as_deref(), Some("tel:08088088000"));
        assert_eq!(href(Route::Samaritans).as_deref(), Some("tel:116123"));
        assert_eq!(href(Route::Shout).as_deref(), Some("sms:85258?body=SHOUT"));
    }

    #[test]
    fn danger_comes_first_and_each_route_once() {
        assert_eq!(HELP_LINES[0].route, Route::Emergency);
        for (i, a) in HELP_LINES.iter().enumerate() {
            for b in &HELP_LINES[i + 1..] {
                assert_ne!(a.route, b.route);
            }
        }
    }
}
