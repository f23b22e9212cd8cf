//! A group's Overview in a real browser against the sandbox: "does this group need me?".
//! One summary line whose counts are the API's, the locks waiting for a sync (since when)
//! and the grants that end soon under "Needs attention", the first locks and people with
//! links to their tabs, a new group's two actions each opening its dialog, and the few
//! requests it makes.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeSet;

use serde_json::{json, Value};
use support::{exact, spaced, Session};

const DAY_MS: i64 = 86_400_000;

/// Creates a group through the API; returns its id.
async fn create_group(s: &Session, title: &str) -> String {
    let g = s
        .api_put("/Owners/1/LockGroups", json!({ "title": title }))
        .await;
    g["id"].as_str().unwrap().to_string()
}

/// How many requests the page has made to API paths ending with `tail` (query aside).
async fn requests_to(s: &Session, tail: &str) -> u64 {
    s.eval(&format!(
        "return performance.getEntriesByType('resource')
            .filter(e => new URL(e.name).pathname.endsWith('{tail}')).length;"
    ))
    .await
    .as_u64()
    .unwrap()
}

/// The text of the list named `name`, hidden parts (the exact times) included.
async fn list_text(s: &Session, name: &str) -> String {
    s.by_role("list", name).await;
    s.eval(&format!(
        "return document.querySelector('ul[aria-label=\"{name}\"]').textContent;"
    ))
    .await
    .as_str()
    .map(spaced)
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_summary_line_counts_what_the_api_says_and_links_to_the_filtered_members() {
    support::run("overview_summary", async |s| {
        let g: Value = s
            .api_get("/Owners/1/LockGroups/101?expand=statistics")
            .await;
        let count = |state: &str| {
            g["statistics"]["ByState"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["State"] == state)
                .map_or(0, |c| c["Count"].as_u64().unwrap())
        };
        let (active, joining, leaving) = (count("Joined"), count("JoinPending"), count("UnjoinPending"));
        assert!(active > 0 && joining > 0 && leaving > 0, "the demo group has all three");
        let current = active + joining + leaving;
        let grants: Vec<Value> = s
            .api_get("/Owners/1/LockGroups/101/Grants?$filter=active%20eq%20true")
            .await;
        let people: BTreeSet<&str> = grants
            .iter()
            .filter(|g| g["validBefore"].is_null())
            .map(|g| g["contactId"].as_str().unwrap())
            .collect();
        assert_eq!(people.len(), grants.len(), "one open-ended grant per person in 101");

        s.goto("/owners/1/lock-groups/101").await;
        s.wait_for_text(&format!(
            "{current} locks: {active} active, {joining} joining, {leaving} leaving · {} people with access",
            people.len()
        ))
        .await;
        // The tabs still carry their counts.
        s.by_role("link", &format!("Members, {current}")).await;
        s.by_role("link", &format!("Grants, {}", grants.len())).await;

        // The first locks and people, each list a link away from its whole tab.
        let first_locks = s.by_role("list", "First locks").await;
        let shown = first_locks.find_all(fantoccini::Locator::Css("li")).await.unwrap();
        assert_eq!(shown.len() as u64, current.min(5));
        s.by_role("link", &format!("All {current} locks")).await;
        let first_people = list_text(s, "First people").await;
        for g in &grants {
            let name = g["contact"]["title"].as_str().unwrap();
            assert!(first_people.contains(name), "{name} in {first_people}");
        }
        s.by_role("link", &format!("All {} grants", grants.len())).await;

        // The lifecycle is explained on the Diagram tab only; the ids stay under Details.
        assert!(!s
            .names_of_role("group")
            .await
            .iter()
            .any(|n| n == "Membership lifecycle diagram"));
        s.by_role("button", "Details").await;

        // Requests: the page's two (the group, the count of grants), the grants once, and
        // the first locks plus the waiting ones (more than five locks are current).
        assert_eq!(requests_to(s, "/LockGroups/101").await, 1);
        assert_eq!(requests_to(s, "/LockGroups/101/Grants").await, 2);
        assert_eq!(requests_to(s, "/LockGroups/101/Memberships").await, 2);

        // A state opens the Members tab filtered to it.
        s.click("link", &format!("{leaving} leaving")).await;
        s.wait_for_path(
            |p| p == "/owners/1/lock-groups/101/members?state=UnjoinPending",
            "the Members tab, filtered to Leaving",
        )
        .await;
        s.by_role("region", &format!("Members, {current}")).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiting_locks_and_grants_ending_soon_need_attention_with_since_when() {
    support::run("overview_attention", async |s| {
        let id = create_group(s, "Attention Wing").await;
        for lock in ["1", "2"] {
            s.api_put(
                &format!("/Owners/1/LockGroups/{id}/Memberships"),
                json!({ "boundLockId": lock }),
            )
            .await;
        }
        let soon = sandbox::timefmt::format_ms(sandbox::timefmt::now_ms() + 3 * DAY_MS);
        let later = sandbox::timefmt::format_ms(sandbox::timefmt::now_ms() + 40 * DAY_MS);
        let ending = s
            .api_put(
                "/Owners/1/Grants",
                json!({ "boundLockId": id, "contact": { "identifier": "leaving.soon@example.com" }, "validBefore": soon }),
            )
            .await;
        s.api_put(
            "/Owners/1/Grants",
            json!({ "boundLockId": id, "contact": { "identifier": "stays.on@example.com" }, "validBefore": later }),
        )
        .await;
        let members: Vec<Value> = s
            .api_get(&format!("/Owners/1/LockGroups/{id}/Memberships?expand=boundLock"))
            .await;

        s.goto(&format!("/owners/1/lock-groups/{id}")).await;
        s.wait_for_text("2 locks: 2 joining · 2 people with access").await;
        s.by_role("heading", "Needs attention").await;
        s.wait_for_text("2 locks have not synced this group's latest change")
            .await;
        // Each waiting lock: its name (a link to its page), its state, since when.
        let waiting = list_text(s, "Locks waiting for a sync").await;
        for m in &members {
            let title = m["boundLock"]["title"].as_str().unwrap();
            let since = exact(m["joinStartDate"].as_str().unwrap());
            assert!(waiting.contains(title), "{title} in {waiting}");
            assert!(waiting.contains(&since), "{since} in {waiting}");
        }
        // Each name links to the lock's page.
        let hrefs = s
            .eval(
                "return [...document.querySelectorAll('ul[aria-label=\"Locks waiting for a sync\"] a')]
                    .map(a => a.getAttribute('href'));",
            )
            .await;
        let mut want: Vec<String> = members
            .iter()
            .map(|m| format!("/owners/1/locks/{}", m["boundLockId"].as_str().unwrap()))
            .collect();
        let mut got: Vec<String> = serde_json::from_value(hrefs).unwrap();
        want.sort();
        got.sort();
        assert_eq!(got, want);
        assert!(waiting.contains("Joining"), "{waiting}");
        assert!(waiting.contains("added just now"), "{waiting}");
        assert!(waiting.contains(", waiting for the lock to sync"), "{waiting}");
        // Nothing said twice: no separate banner or card repeats the count.
        let body = s.eval("return document.body.innerText;").await;
        assert_eq!(
            body.as_str().unwrap().matches("have not synced").count(),
            1,
            "{body}"
        );

        // The grant that ends in 3 days, not the one in 40.
        s.wait_for_text("1 grant ends within 14 days").await;
        let ends = list_text(s, "Grants ending soon").await;
        assert!(ends.contains("leaving.soon@example.com: access ends in 3 days")
            || ends.contains("leaving.soon@example.com: access ends in 2 days"), "{ends}");
        assert!(ends.contains(&exact(&soon)), "{ends}");
        assert!(!ends.contains("stays.on@example.com"), "{ends}");
        // Two locks only: the first locks hold the waiting ones, no second request.
        assert_eq!(
            requests_to(s, &format!("/LockGroups/{id}/Memberships")).await,
            1
        );

        // The person links to their page; "Show the locks waiting for sync" to Members.
        // (Named twice: under Needs attention and among the people.)
        s.eval("document.querySelector('ul[aria-label=\"Grants ending soon\"] a').click(); return null;")
            .await;
        let contact = ending["contactId"].as_str().unwrap();
        s.wait_for_path(
            |p| p == format!("/owners/1/people/{contact}"),
            "the person's page",
        )
        .await;
        s.back().await;
        s.click("link", "Show the locks waiting for sync").await;
        s.wait_for_path(
            |p| p.ends_with(&format!("/{id}/members?state=waiting")),
            "the waiting members",
        )
        .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_nothing_waits_the_overview_says_nothing_needs_you() {
    support::run("overview_all_clear", async |s| {
        // 102: every lock synced, its grants open-ended or months away.
        s.goto("/owners/1/lock-groups/102").await;
        s.by_role("heading", "Needs attention").await;
        s.wait_for_text("Nothing needs you: every lock has synced")
            .await;
        assert!(s
            .names_of_role("list")
            .await
            .iter()
            .all(|n| n != "Locks waiting for a sync" && n != "Grants ending soon"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_group_offers_add_locks_and_grant_access_each_opening_its_dialog() {
    support::run("overview_new_group", async |s| {
        let id = create_group(s, "Fresh Start").await;
        let overview = format!("/owners/1/lock-groups/{id}");
        s.goto(&overview).await;
        s.by_role("heading", "Start this group").await;
        s.wait_for_text("No locks yet · no one with access yet")
            .await;
        // No six zeros, no diagram, nothing "needs attention" in an empty group.
        assert!(!s
            .names_of_role("heading")
            .await
            .iter()
            .any(|h| h == "Needs attention"));
        assert_eq!(
            requests_to(s, &format!("/LockGroups/{id}/Memberships")).await,
            0,
            "a group without locks asks for no memberships"
        );

        s.click("link", "Add locks").await;
        s.by_role("dialog", "Add locks to the group").await;
        s.wait_for_path(
            |p| p == format!("{overview}/members?dialog=add-locks"),
            "the Members tab with its dialog",
        )
        .await;
        // Closed, the address no longer asks for it: a reload does not reopen it, and Back
        // leads to the Overview.
        s.key(support::ESCAPE).await;
        s.wait_gone("dialog", "Add locks to the group").await;
        s.wait_for_path(|p| p == format!("{overview}/members"), "the Members tab")
            .await;
        s.back().await;
        s.wait_for_path(|p| p == overview, "the Overview").await;

        s.click("link", "Grant access").await;
        s.by_role("dialog", "Grant access to this lock group").await;
        s.wait_for_path(
            |p| p == format!("{overview}/grants?dialog=grant-access"),
            "the Grants tab with its dialog",
        )
        .await;
    })
    .await;
}
