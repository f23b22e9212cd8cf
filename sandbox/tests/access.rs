//! Who can open a lock, and what a person can open: the requests the console's lock page
//! and People pages make (grants filtered by target and by contact, contacts searched and
//! paged, revocation), over real HTTP against the demo data, and the demo's access stories.

mod common;

use common::*;
use reqwest::Method;
use serde_json::Value;

const GR: &str = "/api/v1/Owners/1/Grants";
const C: &str = "/api/v1/Owners/1/Contacts";
const G: &str = "/api/v1/Owners/1/LockGroups";
const L: &str = "/api/v1/Owners/1/BoundLocks";

/// The list at `path`, which must answer 200.
async fn list(sb: &Sb, path: &str) -> Vec<Value> {
    let (s, v) = sb.get(path).await;
    assert_eq!(s, 200, "{path} -> {v}");
    v.as_array().expect("a bare JSON array").clone()
}

async fn grant_ids(sb: &Sb, filter: &str) -> Vec<String> {
    ids(&Value::Array(
        list(sb, &format!("{GR}?$filter={filter}")).await,
    ))
}

/// A `$filter` literal for now, as the API writes date-times.
fn now_literal() -> String {
    let now = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    // Seconds precision, `Z`: one of the accepted forms.
    format!("{}Z", &now[..19])
}

#[tokio::test]
async fn grants_filtered_by_target_one_id_space_for_locks_and_groups() {
    let sb = Sb::start().await;
    // A lock's direct grants, and a group's: `boundLockId` names either.
    assert_eq!(grant_ids(&sb, "boundLockId eq '3'").await, ["10", "14"]);
    for g in list(&sb, &format!("{GR}?$filter=boundLockId eq '3'")).await {
        assert_eq!(g["boundLockId"], "3");
        assert_eq!(g["boundLock"]["id"], "3");
        assert_eq!(g["boundLock"]["targetType"], "Lock");
        assert_eq!(g["boundLock"]["title"], "Meeting Room A");
    }
    assert_eq!(
        grant_ids(&sb, "boundLockId eq '101'").await,
        ["1", "2", "3", "11"]
    );
    let by_group = list(&sb, &format!("{G}/101/Grants")).await;
    assert_eq!(ids(&Value::Array(by_group)), ["1", "2", "3", "11"]);
    for g in list(&sb, &format!("{GR}?$filter=boundLockId eq '101'")).await {
        assert_eq!(g["boundLock"]["targetType"], "Group");
        assert_eq!(g["boundLock"]["title"], "All Staff");
    }
    // Lab (12) is in 8 groups but has no direct grant; no other target's grants leak in.
    assert!(grant_ids(&sb, "boundLockId eq '12'").await.is_empty());
    assert!(grant_ids(&sb, "boundLockId eq '999'").await.is_empty());
    // Another owner's target names nothing here.
    assert!(grant_ids(&sb, "boundLockId eq '201'").await.is_empty());

    // A lock's page in one request: its direct grants and those of its groups, active.
    assert_eq!(
        grant_ids(
            &sb,
            "(boundLockId eq '3' or boundLockId eq '101' or boundLockId eq '102') and active eq true"
        )
        .await,
        ["1", "2", "4", "10", "11", "12", "14"]
    );
    // Combined with the state, as the console asks for what is in force.
    assert_eq!(
        grant_ids(
            &sb,
            "boundLockId eq '101' and state eq 'Ok' and active eq true"
        )
        .await,
        ["1", "2", "11"]
    );
    assert_eq!(
        grant_ids(&sb, "boundLockId eq '101' and not (state eq 'Ok')").await,
        ["3"]
    );
    sb.stop().await;
}

#[tokio::test]
async fn grants_filtered_by_contact_paged_and_selected() {
    let sb = Sb::start().await;
    // What one person holds: on a lock and on groups.
    let frank = list(&sb, &format!("{GR}?$filter=contactId eq '6'")).await;
    let held: Vec<(&str, &str, &str)> = frank
        .iter()
        .map(|g| {
            (
                g["id"].as_str().unwrap(),
                g["boundLockId"].as_str().unwrap(),
                g["boundLock"]["targetType"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        held,
        [
            ("10", "3", "Lock"),
            ("11", "101", "Group"),
            ("12", "102", "Group")
        ]
    );
    assert!(frank
        .iter()
        .all(|g| g["contact"]["email"] == "frank@example.com"));
    // Several people at once (an `or` of contactIds), and only what is in force.
    assert_eq!(
        grant_ids(&sb, "contactId eq '1' or contactId eq '6'").await,
        ["1", "4", "8", "10", "11", "12"]
    );
    assert_eq!(
        grant_ids(
            &sb,
            "(contactId eq '1' or contactId eq '6') and state eq 'Ok' and active eq true"
        )
        .await,
        ["1", "4", "10", "11", "12"]
    );
    // Erin is owner 2's contact.
    assert!(grant_ids(&sb, "contactId eq '5'").await.is_empty());

    // Paging: pages of 4 until a short one give the whole list, in id order.
    let all = ids(&Value::Array(list(&sb, GR).await));
    assert_eq!(all.len(), 14, "owner 1's demo grants");
    let mut paged = Vec::new();
    for page in 0.. {
        let got = list(&sb, &format!("{GR}?$top=4&$skip={}", page * 4)).await;
        let n = got.len();
        paged.extend(ids(&Value::Array(got)));
        if n < 4 {
            break;
        }
    }
    assert_eq!(paged, all);
    let (_, v) = sb
        .get(&format!(
            "{GR}?$filter=active eq true&$orderby=boundLockId desc&$top=2&$skip=1&$select=id,boundLockId"
        ))
        .await;
    assert_eq!(
        v,
        serde_json::json!([{"id": "5", "boundLockId": "103"}, {"id": "12", "boundLockId": "102"}]),
        "ordered by target as a number (107, 103, 102 ...), ties by id in the same direction"
    );

    // Contact and target come embedded; `expand` (not OData's `$expand`) is not needed
    // and changes nothing.
    let plain = list(&sb, &format!("{GR}?$filter=id eq '10'")).await;
    assert_eq!(plain[0]["contact"]["title"], "Frank Example");
    assert_eq!(plain[0]["boundLock"]["title"], "Meeting Room A");
    for q in ["expand=contact,boundLock", "$expand=contact"] {
        let v = list(&sb, &format!("{GR}?$filter=id eq '10'&{q}")).await;
        assert_eq!(v, plain, "{q}");
    }

    // Validity and schedule, as seeded; expired and not-yet-valid grants by date.
    let (d, f12) = (plain_grant(&sb, "10").await, plain_grant(&sb, "12").await);
    let (f14, f15) = (plain_grant(&sb, "14").await, plain_grant(&sb, "15").await);
    assert!(d["timeRestrictionIcal"]
        .as_str()
        .unwrap()
        .contains("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"));
    assert_eq!(
        (d["validFrom"].clone(), d["validBefore"].clone()),
        (Value::Null, Value::Null)
    );
    assert!(f12["validFrom"].is_null() && f12["validBefore"].is_string());
    assert!(f14["validBefore"].is_string() && f15["validFrom"].is_string());
    let now = now_literal();
    assert_eq!(
        grant_ids(&sb, &format!("validBefore lt {now}")).await,
        ["14"],
        "expired"
    );
    assert_eq!(
        grant_ids(&sb, &format!("validFrom gt {now}")).await,
        ["15"],
        "not yet valid"
    );
    sb.stop().await;
}

async fn plain_grant(sb: &Sb, id: &str) -> Value {
    let (s, v) = sb.get(&format!("{GR}/{id}")).await;
    assert_eq!(s, 200, "{v}");
    v
}

#[tokio::test]
async fn contacts_searched_sorted_and_paged() {
    let sb = Sb::start().await;
    assert_eq!(
        ids(&Value::Array(list(&sb, C).await)),
        ["1", "2", "3", "4", "6"]
    );
    // The People search: title or e-mail, case-insensitive.
    let search = |term: &str| {
        format!(
            "{C}?$filter=contains(tolower(title),'{term}') or contains(tolower(email),'{term}')"
        )
    };
    assert_eq!(ids(&Value::Array(list(&sb, &search("ali")).await)), ["1"]);
    assert_eq!(
        ids(&Value::Array(list(&sb, &search("frank@")).await)),
        ["6"]
    );
    assert_eq!(
        ids(&Value::Array(list(&sb, &search("example")).await)),
        ["1", "2", "3", "4", "6"]
    );
    // LIKE's wildcards in the term are plain characters.
    assert!(list(&sb, &search("%")).await.is_empty());
    assert!(list(&sb, &search("_")).await.is_empty());
    assert!(list(&sb, &search("o''brien")).await.is_empty());
    // Sorted by title, either way, and paged; a short page is the last.
    assert_eq!(
        ids(&Value::Array(
            list(&sb, &format!("{C}?$orderby=title desc")).await
        )),
        ["6", "4", "3", "2", "1"]
    );
    let page = |skip: u32| format!("{C}?$orderby=title&$top=2&$skip={skip}&$select=id,title");
    assert_eq!(
        Value::Array(list(&sb, &page(2)).await),
        serde_json::json!([{"id": "3", "title": "Carol Example"}, {"id": "4", "title": "Dave Example"}])
    );
    assert_eq!(ids(&Value::Array(list(&sb, &page(4)).await)), ["6"]);
    assert!(list(&sb, &page(6)).await.is_empty());
    // One person by id (the person's page).
    let frank = list(&sb, &format!("{C}?$filter=id eq '6'")).await;
    assert_eq!(frank.len(), 1);
    assert_eq!(frank[0]["title"], "Frank Example");
    assert_eq!(frank[0]["email"], "frank@example.com");
    assert_eq!(frank[0]["ownerId"], "1");
    // Another owner's contacts stay there.
    assert_eq!(
        ids(&Value::Array(list(&sb, "/api/v1/Owners/2/Contacts").await)),
        ["5"]
    );
    sb.stop().await;
}

#[tokio::test]
async fn revocation_is_idempotent_and_errors_are_documented() {
    let sb = Sb::start().await;
    let before = plain_grant(&sb, "10").await;
    let (s, r) = sb.post(&format!("{GR}/10/Revoke")).await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(
        (r["state"].as_str(), r["active"].as_bool()),
        (Some("Revoked"), Some(false))
    );
    // Only the state changes: the same grant, the same person and target.
    for k in [
        "id",
        "contactId",
        "boundLockId",
        "contact",
        "boundLock",
        "timeRestrictionIcal",
    ] {
        assert_eq!(r[k], before[k], "{k}");
    }
    let (s, again) = sb.post(&format!("{GR}/10/Revoke")).await;
    assert_eq!((s, &again), (200, &r), "revoking twice answers the same");
    assert_eq!(plain_grant(&sb, "10").await, r);
    assert_eq!(
        grant_ids(&sb, "boundLockId eq '3' and active eq true").await,
        ["14"]
    );
    assert_eq!(
        grant_ids(&sb, "contactId eq '6' and state eq 'Revoked'").await,
        ["10"]
    );
    // An already revoked demo grant answers as it is.
    let (s, r) = sb.post(&format!("{GR}/3/Revoke")).await;
    assert_eq!((s, r["state"].as_str()), (200, Some("Revoked")));

    // Unknown, junk, and another owner's grant ids are the same 404.
    for id in ["9999", "abc", "9", "-1", "10.0"] {
        assert_err(&sb.get(&format!("{GR}/{id}")).await, 404, "grant not found");
        assert_err(
            &sb.post(&format!("{GR}/{id}/Revoke")).await,
            404,
            "grant not found",
        );
    }
    assert_err(
        &sb.post("/api/v1/Owners/99/Grants/1/Revoke").await,
        404,
        "owner account not found",
    );
    // Revoking needs write:grants; listing with read:grants is fine.
    let (s, _) = sb
        .call_as(Some(READER), Method::POST, &format!("{GR}/11/Revoke"), None)
        .await;
    assert_eq!(s, 403);
    let (s, _) = sb
        .call_as(
            Some(READER),
            Method::GET,
            &format!("{GR}?$filter=contactId eq '6'"),
            None,
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(plain_grant(&sb, "11").await["state"], "Ok");
    sb.stop().await;
}

#[tokio::test]
async fn malformed_filters_are_400s_that_say_what_and_where() {
    let sb = Sb::start().await;
    for (path, q, says) in [
        (GR, "$filter=boundLockId eq", "$filter: "),
        (GR, "$filter=boundLockId eq 3", "cannot compare"),
        (GR, "$filter=contactId eq '1' or", "$filter: "),
        (GR, "$filter=contactId in ('1','6')", "$filter: "),
        (GR, "$filter=lockId eq '3'", "unknown property 'lockId'"),
        (GR, "$filter=active eq 'yes'", "cannot compare"),
        (GR, "$filter=validBefore lt 2030-01-01", "$filter: "),
        (GR, "$orderby=contact", "$orderby: "),
        (GR, "$top=-1", "$top: "),
        (C, "$filter=contains(tolower(title) 'ali')", "$filter: "),
        (C, "$filter=contains(title)", "$filter: "),
        (
            C,
            "$filter=contains(tolower(nope),'a')",
            "unknown property 'nope'",
        ),
        (C, "$filter=tolower(title) eq", "$filter: "),
        (C, "$orderby=title sideways", "$orderby: "),
        (C, "$skip=x", "$skip: "),
        (C, "$select=phone", "$select: "),
    ] {
        let (s, e) = sb.get(&format!("{path}?{q}")).await;
        assert_eq!(s, 400, "{q} -> {e}");
        let m = e["Message"].as_str().unwrap_or_default();
        assert!(m.starts_with('$') && m.contains(says), "{q} -> {m}");
        assert_eq!(e["ErrorCode"], "BadRequest", "{q}");
    }
    sb.stop().await;
}

/// The state of lock `lock`'s memberships in group `group`, oldest first.
async fn states(sb: &Sb, group: &str, lock: &str) -> Vec<&'static str> {
    list(
        sb,
        &format!("{G}/{group}/Memberships?$filter=boundLockId eq '{lock}'"),
    )
    .await
    .iter()
    .map(|m| {
        match (
            m["joinCompletedDate"].is_string(),
            m["leaveStartDate"].is_string(),
            m["leaveCompletedDate"].is_string(),
        ) {
            (_, _, true) => "Unjoined",
            (_, true, false) => "UnjoinPending",
            (true, false, false) => "Joined",
            (false, false, false) => "JoinPending",
        }
    })
    .collect()
}

fn by_state(lock: &Value) -> Vec<(String, u64)> {
    lock["membershipStatistics"]["ByState"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["State"].as_str().unwrap().to_string(),
                s["Count"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_demo_tells_three_access_stories() {
    let sb = Sb::start().await;
    // Frank opens Meeting Room A three ways: directly, through Meeting Rooms (Joined) and
    // through All Staff, where the lock is still joining.
    assert_eq!(states(&sb, "101", "3").await, ["JoinPending"]);
    assert_eq!(states(&sb, "102", "3").await, ["Joined"]);
    let frank = grant_ids(&sb, "contactId eq '6' and active eq true").await;
    assert_eq!(frank, ["10", "11", "12"]);

    // Garage changes both ways at its next sync: All Staff's grantees (Alice, Bob, Frank)
    // still open it while it leaves; Carol opens it once it joins Deliveries.
    assert_eq!(states(&sb, "101", "14").await, ["UnjoinPending"]);
    assert_eq!(states(&sb, "106", "14").await, ["Joined"]);
    assert_eq!(states(&sb, "107", "14").await, ["JoinPending"]);
    let people = |v: Vec<Value>| -> Vec<String> {
        v.iter()
            .map(|g| g["contactId"].as_str().unwrap().to_string())
            .collect()
    };
    let active = |g: &str| format!("{GR}?$filter=boundLockId eq '{g}' and active eq true");
    assert_eq!(people(list(&sb, &active("101")).await), ["1", "2", "6"]);
    assert_eq!(people(list(&sb, &active("107")).await), ["3"]);
    assert!(list(&sb, &active("106")).await.is_empty());
    // Dave's direct grant on Garage is not valid yet.
    assert_eq!(grant_ids(&sb, "boundLockId eq '14'").await, ["15"]);

    // Bike Storage is still leaving Former Team, a deleted group: listed nowhere, readable
    // by id, and the lock has not synced since the group was deleted.
    let (s, former) = sb.get(&format!("{G}/110")).await;
    assert_eq!((s, former["active"].as_bool()), (200, Some(false)));
    assert!(!ids(&Value::Array(list(&sb, G).await)).contains(&"110".to_string()));
    assert_eq!(states(&sb, "110", "9").await, ["UnjoinPending"]);
    assert_eq!(states(&sb, "110", "4").await, ["Unjoined"]);
    let leave = list(
        &sb,
        &format!("{G}/110/Memberships?$filter=boundLockId eq '9'"),
    )
    .await;
    let (_, bike) = sb.get(&format!("{L}/9?expand=membershipStatistics")).await;
    assert!(
        bike["lastSeenRclUpdateDate"].as_str() < leave[0]["leaveStartDate"].as_str(),
        "{bike} {leave:?}"
    );
    assert_eq!(
        by_state(&bike),
        [("Joined".to_string(), 1), ("UnjoinPending".to_string(), 1)]
    );
    // Only the lock's memberships tell which group: one request per group would miss it.
    let groups_with_9: Vec<String> = {
        let mut found = Vec::new();
        for g in list(&sb, G).await {
            let id = g["id"].as_str().unwrap().to_string();
            if !states(&sb, &id, "9").await.is_empty() {
                found.push(id);
            }
        }
        found
    };
    assert_eq!(groups_with_9, ["108"]);
    // No active grant on the deleted group: its leave changes nobody's access.
    assert!(list(&sb, &active("110")).await.is_empty());

    // The next syncs complete it all.
    let v = sb.sync("1", "3").await;
    assert_eq!(
        (v["completedJoins"].as_u64(), v["completedLeaves"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(states(&sb, "101", "3").await, ["Joined"]);
    let v = sb.sync("1", "14").await;
    assert_eq!(
        (v["completedJoins"].as_u64(), v["completedLeaves"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(states(&sb, "101", "14").await, ["Unjoined"]);
    assert_eq!(states(&sb, "107", "14").await, ["Joined"]);
    let v = sb.sync("1", "9").await;
    assert_eq!(
        (v["completedJoins"].as_u64(), v["completedLeaves"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(
        by_state(&v["boundLock"]),
        [("Joined".to_string(), 1), ("Unjoined".to_string(), 1)]
    );
    assert_eq!(states(&sb, "110", "9").await, ["Unjoined"]);
    sb.stop().await;
}
