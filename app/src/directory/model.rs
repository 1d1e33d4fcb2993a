//! What the directory's pages show, worked out on the server from the
//! published copy: the found services, and one service in full.

use serde::{Deserialize, Serialize};
use village_core::directory::Service;

/// A service as listed, with whether its confirmation is over a year old.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub service: Service,
    pub stale: bool,
    /// Someone reported its times or number as wrong, and no organiser has
    /// checked it yet (known on its own page only).
    pub may_be_out_of_date: bool,
}

/// A service's own page: the card, its public address and that address's
/// QR code (SVG; empty when none could be drawn).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServicePageView {
    pub card: Card,
    pub page_link: String,
    pub qr_svg: String,
}

/// What was asked for, echoed back into the form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Asked {
    pub words: String,
    pub need: Option<String>,
    pub self_referral: bool,
    pub open_now: bool,
    pub free: bool,
    pub ways: Vec<String>,
    pub language: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelpView {
    /// The area shown, by name; none means national services only.
    pub area: Option<String>,
    /// Its id, for the copy kept on the phone.
    pub area_id: Option<String>,
    pub asked: Asked,
    pub crisis: Vec<Card>,
    pub results: Vec<Card>,
}

#[cfg(feature = "ssr")]
pub fn help_view(
    published: &crate::storage::Published,
    area: Option<&village_core::AreaId>,
    query: &[(String, String)],
    now: village_core::directory::Now,
) -> HelpView {
    use village_core::directory::{search, Query};

    let q = Query::from_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let asked = Asked {
        words: q.words.clone(),
        need: q.need.map(|n| n.code().to_owned()),
        self_referral: q.self_referral,
        open_now: q.open_now,
        free: q.free,
        ways: q.modes.iter().map(|w| w.code().to_owned()).collect(),
        language: q.language.clone().unwrap_or_default(),
    };
    let directory: Vec<&village_core::directory::Indexed> = published.services_for(area).collect();
    let found = search(directory, &q, now);
    let card = |s: &Service| Card {
        service: s.as_of(now.day),
        stale: s.is_stale(now.day),
        may_be_out_of_date: false,
    };
    HelpView {
        area: area.and_then(|a| published.area(a)).map(|a| a.name.clone()),
        area_id: area.map(|a| a.as_str().to_owned()),
        asked,
        crisis: found.crisis.into_iter().map(card).collect(),
        results: found.results.into_iter().map(card).collect(),
    }
}
