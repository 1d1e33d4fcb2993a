//! Venues kept by organisers: a new organisation adds its rooms, lists a
//! group in one (or adds the room from the group's own form), and parents
//! see only the access facts the organiser gave. Changes are audited; a
//! venue a group meets in is never deleted.

use reqwest::{header, StatusCode};

use village_core::calendar::Access;

use crate::helpers::{run, sample_app, TestApp};
use crate::organisers::{get, new_group, post, team, Team, ADMIN, DADS, DAN, SAM};

/// Where a post sends the browser (it must send it somewhere).
async fn sent_to(app: &TestApp, path: &str, token: &str, form: &[(&str, &str)]) -> String {
    let response = post(app, path, Some(token), form).await;
    response
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .unwrap_or_else(|| panic!("{path} answered {} with no redirect", response.status()))
        .to_owned()
}

async fn page(app: &TestApp, path: &str) -> String {
    let response = get(app, path, None).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.text().await.expect("page").replace("<!>", "")
}

const HALL: [(&str, &str); 8] = [
    ("name", "Mill Den"),
    ("address", "4 Mill Lane"),
    ("town", "Riverton"),
    ("postcode", "cf10 1ab"),
    ("step_free", "yes"),
    ("buggy_space", "no"),
    ("public_transport", "The 22 bus stops at the mill."),
    ("notes", ""),
];

#[test]
fn a_new_organisation_adds_its_venue_and_parents_see_only_the_access_it_gave() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, dan, .. } = team(&store, &app, &[SAM, DAN]).await;
        assert!(
            store.venues_of(DADS).await.expect("reads").is_empty(),
            "Dads Together starts with no venue"
        );

        // The form is there, and a venue with faults is refused, each named.
        let form = get(&app, "/organisers/venues/new", Some(&dan)).await;
        assert_eq!(form.status(), StatusCode::OK);
        let form = form.text().await.expect("page");
        for asked in [
            "Name of the venue",
            "Postcode",
            "Baby changing?",
            "Not sure",
        ] {
            assert!(form.contains(asked), "{asked}");
        }
        let bad = post(
            &app,
            "/organisers/venues/new",
            Some(&dan),
            &[
                ("name", "Mill Den"),
                ("postcode", "not one"),
                ("parking", "maybe"),
            ],
        )
        .await;
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
        let bad = bad.text().await.expect("page");
        for said in [
            "Please give the street address",
            "does not look like a UK postcode",
            "Please choose yes, no or not sure.",
            "value=\"Mill Den\"",
        ] {
            assert!(bad.contains(said), "{said}");
        }
        assert!(store.venues_of(DADS).await.expect("reads").is_empty());

        // A good one is added for Dan's own organisation, audited.
        assert_eq!(
            sent_to(&app, "/organisers/venues/new", &dan, &HALL).await,
            "/organisers?done=venue-added"
        );
        let venues = store.venue_records(Some(DADS)).await.expect("reads");
        assert_eq!(venues.len(), 1);
        let den = &venues[0];
        assert_eq!(den.venue.postcode, "CF10 1AB");
        assert_eq!(
            den.venue.access,
            Access {
                step_free: Some(true),
                buggy_space: Some(false),
                ..Access::default()
            }
        );
        let entry = &store.audit_entries(1).await.expect("reads")[0];
        assert_eq!(
            (
                entry.action.as_str(),
                entry.item_kind.as_str(),
                entry.item_id.as_str()
            ),
            ("added", "venue", den.id.as_str())
        );
        let home = get(&app, "/organisers", Some(&dan))
            .await
            .text()
            .await
            .expect("page");
        assert!(home.contains("Mill Den, Riverton"), "listed on their page");

        // A £3 book-ahead group there, in Cymraeg and English.
        let place = format!("venue:{}", den.id);
        let mut group = new_group("Dads in the Den", "add");
        group.retain(|(name, _)| *name != "place");
        group.extend([
            ("place", place.as_str()),
            ("cost", "amount"),
            ("cost_amount", "3"),
            ("booking", "book_ahead"),
            ("english", "on"),
            ("cymraeg", "on"),
        ]);
        assert_eq!(
            sent_to(&app, "/organisers/groups/new", &dan, &group).await,
            "/organisers?done=added"
        );
        let id = store
            .groups()
            .await
            .expect("reads")
            .into_iter()
            .find(|g| g.title == "Dads in the Den")
            .map(|g| g.id.to_string())
            .expect("added");
        let shown = page(&app, &format!("/groups/{id}")).await;
        for fact in [
            "Mill Den",
            "4 Mill Lane, Riverton, CF10 1AB",
            "The 22 bus stops at the mill.",
            "Step-free access",
            "No space for buggies",
            "Ask the organiser about baby changing, parking and buses",
            "£3",
            "Book ahead",
        ] {
            assert!(shown.contains(fact), "{fact}");
        }
        for invented in [
            "No parking",
            "Not step-free",
            "No baby changing",
            "Ask the organiser about cost",
        ] {
            assert!(!shown.contains(invented), "{invented} was never said");
        }

        // Another organisation's organiser can neither see nor change it.
        let edit = format!("/organisers/venues/{}/edit", den.id);
        assert_eq!(
            get(&app, &edit, Some(&sam)).await.status(),
            StatusCode::NOT_FOUND
        );
        let forged = post(&app, &edit, Some(&sam), &HALL).await;
        assert_eq!(forged.status(), StatusCode::FORBIDDEN);

        // Dan says there is parking: every group there shows it, and the
        // audit holds the venue as it was and as it became.
        let mut parking = HALL.to_vec();
        parking.push(("parking", "yes"));
        assert_eq!(
            sent_to(&app, &edit, &dan, &parking).await,
            "/organisers?done=venue-saved"
        );
        let shown = page(&app, &format!("/groups/{id}")).await;
        assert!(shown.contains("Parking"));
        assert!(shown.contains("Ask the organiser about baby changing and buses"));
        let entry = &store.audit_entries(1).await.expect("reads")[0];
        assert_eq!(entry.action, "edited");
        let snapshot = |json: &Option<String>| -> village_core::calendar::Venue {
            serde_json::from_str(json.as_deref().expect("kept")).expect("a venue")
        };
        assert_eq!(snapshot(&entry.before).access.parking, None);
        assert_eq!(snapshot(&entry.after).access.parking, Some(true));

        // In use: not deleted, and nothing changes.
        let delete = format!("/organisers/venues/{}/delete", den.id);
        let refused = post(&app, &delete, Some(&dan), &[]).await;
        assert_eq!(refused.status(), StatusCode::CONFLICT);
        assert!(refused
            .text()
            .await
            .expect("says")
            .contains("Groups still meet"));
        assert!(store.venue(&den.id).await.expect("reads").is_some());
        let editing = get(&app, &edit, Some(&dan))
            .await
            .text()
            .await
            .expect("page");
        assert!(editing.contains("1 group meets here, so it cannot be deleted."));
        assert!(!editing.contains("Delete this venue"), "no button for it");
        app.stop().await;
    })
}

#[test]
fn a_groups_form_adds_its_venue_too_all_or_nothing() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { dan, admin, .. } = team(&store, &app, &[DAN, ADMIN]).await;
        let audit_before = store.audit_entries(100).await.expect("reads").len();
        let mut group = new_group("Dads at the Library", "add");
        group.retain(|(name, _)| *name != "place");
        group.extend([
            ("place", "new-venue"),
            ("venue_name", "Riverton Library"),
            ("venue_address", "Library Square"),
            ("venue_postcode", "CF10"),
            ("venue_baby_change", "yes"),
        ]);
        // A fault in the venue: named beside its field; nothing is added.
        let refused = post(&app, "/organisers/groups/new", Some(&dan), &group).await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
        let refused = refused.text().await.expect("page");
        assert!(refused.contains("does not look like a UK postcode"));
        assert!(refused.contains("id=\"new-group-venue_postcode-error\""));
        assert!(
            !refused.contains("Please choose where it meets"),
            "the place was chosen"
        );
        assert!(store.venues_of(DADS).await.expect("reads").is_empty());
        assert_eq!(
            store.audit_entries(100).await.expect("reads").len(),
            audit_before
        );

        // Put right, the venue and the group are added together.
        for field in group.iter_mut() {
            if field.0 == "venue_postcode" {
                field.1 = "CF10 3NS";
            }
        }
        assert_eq!(
            sent_to(&app, "/organisers/groups/new", &dan, &group).await,
            "/organisers?done=added"
        );
        let venues = store.venue_records(Some(DADS)).await.expect("reads");
        assert_eq!(venues.len(), 1);
        assert_eq!(venues[0].venue.name, "Riverton Library");
        assert_eq!(venues[0].venue.access.baby_change, Some(true));
        assert_eq!(venues[0].groups, 1, "the group meets there");

        // An unused venue can be deleted, by its organiser or an admin.
        let spare = [
            ("name", "Spare Room"),
            ("address", "1 Spare Street"),
            ("postcode", "CF10 1AB"),
        ];
        sent_to(&app, "/organisers/venues/new", &dan, &spare).await;
        let spare_id = store
            .venue_records(Some(DADS))
            .await
            .expect("reads")
            .into_iter()
            .find(|v| v.venue.name == "Spare Room")
            .map(|v| v.id)
            .expect("added");
        assert_eq!(
            sent_to(
                &app,
                &format!("/organisers/venues/{spare_id}/delete"),
                &admin,
                &[]
            )
            .await,
            "/organisers?done=venue-deleted"
        );
        assert!(store.venue(&spare_id).await.expect("reads").is_none());
        let entry = &store.audit_entries(1).await.expect("reads")[0];
        assert_eq!(
            (entry.action.as_str(), entry.after.as_deref()),
            ("deleted", None)
        );
        app.stop().await;
    })
}

#[test]
fn venues_saved_before_keep_the_access_they_gave_and_say_nothing_new() {
    run(async {
        let app = sample_app().await;
        let hall = app
            .server
            .store()
            .venue("sample-st-marks-hall")
            .await
            .expect("reads")
            .expect("the sample's hall");
        assert_eq!(hall.venue.access.step_free, Some(true));
        assert_eq!(hall.venue.access.baby_change, None, "never said");
        assert_eq!(hall.venue.access.near_bus_stop, None, "never said");
        app.stop().await;
    })
}
