//! Every operation and every documented error, over real HTTP.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

const G: &str = "/api/v1/Owners/1/LockGroups";

fn is_ts(v: &Value) -> bool {
    let s = v.as_str().unwrap_or("");
    s.len() == 24 && s.ends_with('Z') && s.as_bytes()[10] == b'T' && s.as_bytes()[19] == b'.'
}

#[tokio::test]
async fn owners() {
    let sb = Sb::start().await;
    let (s, v) = sb.get("/api/v1/Owners").await;
    assert_eq!(s, 200);
    assert_eq!(
        v,
        json!([{"id":"1","name":"Head Office","active":true},{"id":"2","name":"Warehouse","active":true}])
    );
    let (s, v) = sb.get("/api/v1/Owners/2").await;
    assert_eq!((s, v["name"].clone()), (200, json!("Warehouse")));
    assert_err(
        &sb.get("/api/v1/Owners/99").await,
        404,
        "owner account not found",
    );
    assert_err(
        &sb.get("/api/v1/Owners/abc").await,
        404,
        "owner account not found",
    );
    let (s, v) = sb.put("/api/v1/Owners", json!({"name": "Branch"})).await;
    assert_eq!(s, 200);
    assert_eq!(v["name"], "Branch");
    assert_eq!(v["active"], true);
    let id = v["id"].as_str().unwrap().to_string();
    let (s, v) = sb.get(&format!("/api/v1/Owners/{id}/LockGroups")).await;
    assert_eq!((s, v), (200, json!([])));
    assert_err(
        &sb.put("/api/v1/Owners", json!({})).await,
        400,
        "owner account must have a name",
    );
    // Unknown owner on every owner-scoped route.
    for p in ["LockGroups", "BoundLocks", "Contacts", "Grants"] {
        assert_err(
            &sb.get(&format!("/api/v1/Owners/77/{p}")).await,
            404,
            "owner account not found",
        );
    }
    assert_err(
        &sb.put("/api/v1/Owners/77/LockGroups", json!({"title": "x"}))
            .await,
        404,
        "owner account not found",
    );
    sb.stop().await;
}

#[tokio::test]
async fn lock_group_crud_and_shapes() {
    let sb = Sb::start().await;
    let (s, v) = sb
        .put(G, json!({"title": "Office Building", "description": "A description for the new lock group."}))
        .await;
    assert_eq!(s, 200, "{v}");
    let obj = v.as_object().unwrap();
    let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "active",
            "rclSerialNo",
            "rclDate",
            "targetType",
            "id",
            "physicalLockId",
            "title",
            "description"
        ]
    );
    assert_eq!(v["active"], true);
    assert_eq!(v["rclSerialNo"], 1);
    assert_eq!(v["rclDate"], Value::Null);
    assert_eq!(v["targetType"], "Group");
    assert!(v["id"].is_string());
    let pid = v["physicalLockId"].as_str().unwrap();
    assert_eq!(pid.len(), 20, "14 bytes base64: {pid}");
    assert!(pid.ends_with('='));
    let id = v["id"].as_str().unwrap().to_string();

    let (s, got) = sb.get(&format!("{G}/{id}")).await;
    assert_eq!((s, &got), (200, &v));
    let (_, list) = sb.get(G).await;
    assert!(ids(&list).contains(&id));

    // Patch title and description; only those.
    let (s, p) = sb
        .patch(
            &format!("{G}/{id}"),
            json!({"title": "Office Building B", "description": "New."}),
        )
        .await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["title"], "Office Building B");
    assert_eq!(p["description"], "New.");
    assert_eq!(p["physicalLockId"], v["physicalLockId"]);
    let (s, p) = sb
        .patch(&format!("{G}/{id}"), json!({"description": null}))
        .await;
    assert_eq!(
        (s, p["description"].clone(), p["title"].clone()),
        (200, Value::Null, json!("Office Building B"))
    );
    let (s, p) = sb
        .patch(&format!("{G}/{id}"), json!({"title": "Only title"}))
        .await;
    assert_eq!((s, p["title"].clone()), (200, json!("Only title")));
    assert_err(
        &sb.patch(&format!("{G}/{id}"), json!({"title": ""})).await,
        400,
        "lock group must have a title",
    );
    assert_err(
        &sb.patch(&format!("{G}/{id}"), json!({"title": null})).await,
        400,
        "lock group must have a title",
    );
    let (s, e) = sb
        .patch(&format!("{G}/{id}"), json!({"active": false}))
        .await;
    assert_eq!(s, 400);
    assert!(
        e["Message"]
            .as_str()
            .unwrap()
            .contains("'active' cannot be patched"),
        "{e}"
    );
    assert_err(
        &sb.patch(&format!("{G}/99999"), json!({"title": "x"})).await,
        404,
        "lock group not found",
    );

    // Create errors.
    assert_err(
        &sb.put(G, json!({"description": "no title"})).await,
        400,
        "lock group must have a title",
    );
    assert_err(
        &sb.put(G, json!({"title": "   "})).await,
        400,
        "lock group must have a title",
    );
    assert_err(
        &sb.put(G, json!({"title": null})).await,
        400,
        "lock group must have a title",
    );
    assert_err(
        &sb.put("/api/v1/Owners/42/LockGroups", json!({"title": "x"}))
            .await,
        404,
        "owner account not found",
    );

    // Get errors; another owner's group is not found.
    assert_err(
        &sb.get(&format!("{G}/99999")).await,
        404,
        "lock group not found",
    );
    assert_err(
        &sb.get(&format!("{G}/x")).await,
        404,
        "lock group not found",
    );
    assert_err(
        &sb.get("/api/v1/Owners/2/LockGroups/101").await,
        404,
        "lock group not found",
    );
    assert_err(
        &sb.get(&format!("{G}/1")).await,
        404,
        "lock group not found",
    ); // a lock id

    // Delete: soft.
    let (s, body) = sb.delete(&format!("{G}/{id}")).await;
    assert_eq!((s, body), (204, Value::Null));
    let (_, list) = sb.get(G).await;
    assert!(!ids(&list).contains(&id));
    let (s, got) = sb.get(&format!("{G}/{id}")).await;
    assert_eq!(
        (s, got["active"].clone(), got["title"].clone()),
        (200, json!(false), json!("Only title"))
    );
    assert_err(
        &sb.delete(&format!("{G}/{id}")).await,
        404,
        "lock group not found",
    );
    assert_err(
        &sb.patch(&format!("{G}/{id}"), json!({"title": "x"})).await,
        404,
        "lock group not found",
    );
    assert_err(&sb.add(&id, "1").await, 404, "lock group not found");
    sb.stop().await;
}

#[tokio::test]
async fn expand_and_statistics() {
    let sb = Sb::start().await;
    let (s, v) = sb
        .get(&format!("{G}/101?expand=statistics,supportedFeatures"))
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        v["statistics"],
        json!({"ByState": [
            {"State": "JoinPending", "Count": 1},
            {"State": "Joined", "Count": 5},
            {"State": "UnjoinPending", "Count": 1},
            {"State": "Unjoined", "Count": 1}
        ]})
    );
    assert_eq!(
        v["supportedFeatures"],
        json!({"timeRestrictionIcalSupport": "NotSupported"})
    );
    let (_, v) = sb
        .get(&format!("{G}/102?expand=statistics,supportedFeatures"))
        .await;
    assert_eq!(
        v["statistics"],
        json!({"ByState": [{"State": "Joined", "Count": 3}]})
    );
    assert_eq!(
        v["supportedFeatures"],
        json!({"timeRestrictionIcalSupport": "Supported"})
    );
    let (_, v) = sb.get(&format!("{G}/109?expand=statistics")).await;
    assert_eq!(v["statistics"], json!({"ByState": []}));
    let (_, v) = sb.get(&format!("{G}/109")).await;
    assert!(v.get("statistics").is_none() && v.get("supportedFeatures").is_none());
    // Lists expand too.
    let (_, l) = sb.get(&format!("{G}?expand=statistics")).await;
    assert!(l
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["statistics"]["ByState"].is_array()));
    // Unknown names are a 400 that names them.
    let (s, e) = sb.get(&format!("{G}?expand=statistics,foo,bar")).await;
    assert_eq!(s, 400);
    let m = e["Message"].as_str().unwrap();
    assert!(m.contains("'foo'") && m.contains("'bar'"), "{m}");
    let (s, e) = sb.get(&format!("{G}/101?expand=boundLock")).await;
    assert_eq!(s, 400, "{e}");
    let (s, e) = sb
        .get(&format!("{G}/101/Memberships?expand=statistics"))
        .await;
    assert_eq!(s, 400, "{e}");
    assert!(e["Message"].as_str().unwrap().contains("'statistics'"));
    sb.stop().await;
}

#[tokio::test]
async fn memberships_list_and_expand() {
    let sb = Sb::start().await;
    let (s, v) = sb.get(&format!("{G}/101/Memberships")).await;
    assert_eq!(s, 200);
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 8, "unbound lock 13 hidden: {v}");
    let keys: Vec<&str> = arr[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "boundLock",
            "lockGroup",
            "lastSeenRclSerialNo",
            "lastSeenRclUpdateDate",
            "id",
            "lockGroupId",
            "boundLockId",
            "joinStartDate",
            "joinCompletedDate",
            "leaveStartDate",
            "leaveCompletedDate"
        ]
    );
    assert!(arr
        .iter()
        .all(|m| m["boundLock"].is_null() && m["lockGroupId"] == "101"));
    assert!(arr.iter().all(|m| m["boundLockId"] != "13"));
    let (_, v) = sb
        .get(&format!("{G}/101/Memberships?includeUnboundLocks=true"))
        .await;
    assert_eq!(v.as_array().unwrap().len(), 9);
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["boundLockId"] == "13"));
    let (_, v) = sb
        .get(&format!(
            "{G}/101/Memberships?expand=boundLock,lockGroup&$top=1"
        ))
        .await;
    let m = &v[0];
    assert_eq!(m["boundLock"]["targetType"], "Lock");
    assert_eq!(m["boundLock"]["title"], "Main Entrance");
    assert_eq!(m["lockGroup"]["targetType"], "Group");
    assert_eq!(m["lockGroup"]["id"], "101");
    assert_eq!(m["boundLock"].as_object().unwrap().len(), 8);
    assert!(is_ts(&m["joinStartDate"]) && is_ts(&m["joinCompletedDate"]));
    assert_err(
        &sb.get(&format!("{G}/101/Memberships?includeUnboundLocks=maybe"))
            .await,
        400,
        "includeUnboundLocks must be true or false, not 'maybe'",
    );
    assert_err(
        &sb.get(&format!("{G}/4242/Memberships")).await,
        404,
        "lock group not found",
    );
    // A deleted group's memberships and grants stay readable.
    let (s, v) = sb.get(&format!("{G}/110/Memberships")).await;
    assert_eq!((s, v.as_array().unwrap().len()), (200, 2));
    assert!(is_ts(&v[0]["leaveCompletedDate"]));
    // Bike Storage's leave, started by the deletion, waits for the lock's sync.
    assert_eq!(v[1]["boundLockId"], "9");
    assert!(is_ts(&v[1]["leaveStartDate"]) && v[1]["leaveCompletedDate"].is_null());
    let (s, v) = sb.get(&format!("{G}/110/Grants")).await;
    assert_eq!(
        (s, v[0]["state"].clone(), v[0]["active"].clone()),
        (200, json!("Revoked"), json!(false))
    );
    let (_, v) = sb.get(&format!("{G}/110")).await;
    assert_eq!(v["active"], false);
    let (_, l) = sb.get(G).await;
    assert!(!ids(&l).contains(&"110".to_string()));
    sb.stop().await;
}

#[tokio::test]
async fn membership_lifecycle_through_sync() {
    let sb = Sb::start().await;
    let g = sb.new_group("Lifecycle").await;
    let (s, m) = sb.add(&g, "4").await;
    assert_eq!(s, 200, "{m}");
    assert!(is_ts(&m["joinStartDate"]));
    assert_eq!(m["joinCompletedDate"], Value::Null);
    assert_eq!(m["leaveStartDate"], Value::Null);
    assert_eq!(m["lockGroupId"], g.as_str());
    assert_eq!(m["boundLockId"], "4");
    assert_eq!(m["boundLock"], Value::Null);
    let mid = m["id"].as_str().unwrap().to_string();
    let (_, gv) = sb.get(&format!("{G}/{g}?expand=statistics")).await;
    assert_eq!(gv["rclSerialNo"], 2);
    assert!(is_ts(&gv["rclDate"]));
    assert_eq!(
        gv["statistics"],
        json!({"ByState": [{"State": "JoinPending", "Count": 1}]})
    );

    // Already member while pending and while joined.
    assert_err(
        &sb.add(&g, "4").await,
        400,
        "lock is already member of this group",
    );

    let r = sb.sync("1", "4").await;
    assert_eq!(r["completedJoins"], 1);
    assert!(is_ts(&r["boundLock"]["lastSeenRclUpdateDate"]));
    let (_, ms) = sb.get(&format!("{G}/{g}/Memberships")).await;
    assert!(is_ts(&ms[0]["joinCompletedDate"]));
    assert_eq!(ms[0]["lastSeenRclSerialNo"], 3);
    assert!(is_ts(&ms[0]["lastSeenRclUpdateDate"]));
    let (_, gv) = sb.get(&format!("{G}/{g}?expand=statistics")).await;
    assert_eq!(gv["rclSerialNo"], 3);
    assert_eq!(
        gv["statistics"],
        json!({"ByState": [{"State": "Joined", "Count": 1}]})
    );
    assert_err(
        &sb.add(&g, "4").await,
        400,
        "lock is already member of this group",
    );

    // Delete membership: leave starts; completes on sync.
    let (s, _) = sb.delete(&format!("{G}/{g}/Memberships/{mid}")).await;
    assert_eq!(s, 204);
    let (_, gv) = sb.get(&format!("{G}/{g}?expand=statistics")).await;
    assert_eq!(gv["rclSerialNo"], 4);
    assert_eq!(
        gv["statistics"],
        json!({"ByState": [{"State": "UnjoinPending", "Count": 1}]})
    );
    // The group cannot be deleted while a leave is pending.
    assert_err(
        &sb.delete(&format!("{G}/{g}")).await,
        400,
        "lock group has locks assigned",
    );
    // Deleting the same membership again: not found.
    assert_err(
        &sb.delete(&format!("{G}/{g}/Memberships/{mid}")).await,
        404,
        "lock group membership not found",
    );
    let r = sb.sync("1", "4").await;
    assert_eq!(
        (r["completedJoins"].clone(), r["completedLeaves"].clone()),
        (json!(0), json!(1))
    );
    let (_, ms) = sb.get(&format!("{G}/{g}/Memberships")).await;
    assert!(is_ts(&ms[0]["leaveStartDate"]) && is_ts(&ms[0]["leaveCompletedDate"]));
    assert!(ms[0]["leaveCompletedDate"].as_str() >= ms[0]["leaveStartDate"].as_str());
    let (_, gv) = sb.get(&format!("{G}/{g}?expand=statistics")).await;
    assert_eq!(gv["rclSerialNo"], 5);
    assert_eq!(
        gv["statistics"],
        json!({"ByState": [{"State": "Unjoined", "Count": 1}]})
    );
    // A sync with nothing pending changes nothing.
    let r = sb.sync("1", "4").await;
    assert_eq!(
        (r["completedJoins"].clone(), r["completedLeaves"].clone()),
        (json!(0), json!(0))
    );
    let (_, gv) = sb.get(&format!("{G}/{g}")).await;
    assert_eq!(gv["rclSerialNo"], 5);
    // Now Unjoined only: deletable.
    assert_eq!(sb.delete(&format!("{G}/{g}")).await.0, 204);

    // Errors.
    assert_err(
        &sb.delete(&format!("{G}/101/Memberships/999999")).await,
        404,
        "lock group membership not found",
    );
    assert_err(
        &sb.delete(&format!("{G}/101/Memberships/abc")).await,
        404,
        "lock group membership not found",
    );
    // A membership of another group, through the wrong group: not found.
    assert_err(
        &sb.delete(&format!("{G}/102/Memberships/1")).await,
        404,
        "lock group membership not found",
    );
    assert_err(
        &sb.post("/sandbox/Owners/1/BoundLocks/999/Sync").await,
        404,
        "bound lock not found",
    );
    assert_err(
        &sb.post("/sandbox/Owners/1/BoundLocks/101/Sync").await,
        404,
        "bound lock not found",
    );
    assert_err(
        &sb.post("/sandbox/Owners/1/BoundLocks/15/Sync").await,
        404,
        "bound lock not found",
    );
    assert_err(
        &sb.post("/sandbox/Owners/9/BoundLocks/1/Sync").await,
        404,
        "owner account not found",
    );
    sb.stop().await;
}

#[tokio::test]
async fn membership_edge_cases() {
    let sb = Sb::start().await;
    let g = sb.new_group("Edges").await;
    // 1. Removing a lock whose join is still pending: the leave starts now; the next sync
    //    completes the leave only (joinCompletedDate stays null: the lock never joined).
    let (_, m) = sb.add(&g, "5").await;
    let mid = m["id"].as_str().unwrap().to_string();
    assert_eq!(
        sb.delete(&format!("{G}/{g}/Memberships/{mid}")).await.0,
        204
    );
    let (_, ms) = sb.get(&format!("{G}/{g}/Memberships")).await;
    assert_eq!(ms[0]["joinCompletedDate"], Value::Null);
    assert!(is_ts(&ms[0]["leaveStartDate"]));
    // 2. Re-adding while the leave is pending: a new membership (JoinPending) beside the
    //    leaving one, as in the reference's example; one sync completes both.
    let (s, m2) = sb.add(&g, "5").await;
    assert_eq!(s, 200, "{m2}");
    assert_ne!(m2["id"], m["id"]);
    let (_, gv) = sb.get(&format!("{G}/{g}?expand=statistics")).await;
    assert_eq!(
        gv["statistics"],
        json!({"ByState": [{"State": "JoinPending", "Count": 1}, {"State": "UnjoinPending", "Count": 1}]})
    );
    let r = sb.sync("1", "5").await;
    assert_eq!(
        (r["completedJoins"].clone(), r["completedLeaves"].clone()),
        (json!(1), json!(1))
    );
    let (_, ms) = sb.get(&format!("{G}/{g}/Memberships")).await;
    assert_eq!(ms[0]["joinCompletedDate"], Value::Null);
    assert!(is_ts(&ms[0]["leaveCompletedDate"]));
    assert!(is_ts(&ms[1]["joinCompletedDate"]));
    assert_eq!(ms[1]["leaveStartDate"], Value::Null);
    // 3. Re-adding a lock that left completely: again a new membership; history stays.
    let m2id = ms[1]["id"].as_str().unwrap().to_string();
    assert_eq!(
        sb.delete(&format!("{G}/{g}/Memberships/{m2id}")).await.0,
        204
    );
    sb.sync("1", "5").await;
    let (s, m3) = sb.add(&g, "5").await;
    assert_eq!(s, 200, "{m3}");
    let (_, ms) = sb.get(&format!("{G}/{g}/Memberships")).await;
    assert_eq!(ms.as_array().unwrap().len(), 3);
    let (_, gv) = sb.get(&format!("{G}/{g}?expand=statistics")).await;
    assert_eq!(
        gv["statistics"],
        json!({"ByState": [{"State": "JoinPending", "Count": 1}, {"State": "Unjoined", "Count": 2}]})
    );
    // Demo: lock 10 in group 105 was removed while pending.
    let (_, ms) = sb
        .get(&format!("{G}/105/Memberships?$filter=boundLockId eq '10'"))
        .await;
    assert_eq!(ms[0]["joinCompletedDate"], Value::Null);
    assert!(is_ts(&ms[0]["leaveStartDate"]));
    sb.stop().await;
}

#[tokio::test]
async fn membership_errors_and_max_groups() {
    let sb = Sb::start().await;
    let g = sb.new_group("Errors").await;
    assert_err(
        &sb.add(&g, "7").await,
        400,
        "the lock's protocol version is too old",
    );
    assert_err(
        &sb.add(&g, "12").await,
        400,
        "this lock is already member of 8 groups and therefore cannot join another group",
    );
    assert_err(&sb.add(&g, "999").await, 404, "bound lock not found");
    assert_err(&sb.add(&g, "x").await, 404, "bound lock not found");
    assert_err(&sb.add(&g, "15").await, 404, "bound lock not found"); // another owner's lock
    assert_err(&sb.add(&g, "13").await, 404, "bound lock not found"); // unbound
    assert_err(&sb.add(&g, &g).await, 404, "bound lock not found"); // a group is no lock
    assert_err(&sb.add("424242", "1").await, 404, "lock group not found");
    let (s, e) = sb.put(&format!("{G}/{g}/Memberships"), json!({})).await;
    assert_eq!(s, 400, "{e}");
    // Removing one of lock 12's memberships frees a slot only once the leave completed.
    let (_, ms) = sb
        .get(&format!("{G}/108/Memberships?$filter=boundLockId eq '12'"))
        .await;
    let mid = ms[0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        sb.delete(&format!("{G}/108/Memberships/{mid}")).await.0,
        204
    );
    assert_err(
        &sb.add(&g, "12").await,
        400,
        "this lock is already member of 8 groups and therefore cannot join another group",
    );
    sb.sync("1", "12").await;
    assert_eq!(sb.add(&g, "12").await.0, 200);
    sb.stop().await;

    // The limit is configurable, and n is the real count.
    let sb = Sb::start_with(|c| c.max_groups_per_lock = 2).await;
    let g1 = sb.new_group("a").await;
    // Garage: Joined in 106, joining 107, and its pending leave of 101 still counts.
    assert_err(
        &sb.add(&g1, "14").await,
        400,
        "this lock is already member of 3 groups and therefore cannot join another group",
    );
    assert_eq!(sb.add(&g1, "5").await.0, 200);
    assert_err(
        &sb.add(&g1, "1").await,
        400,
        "this lock is already member of 2 groups and therefore cannot join another group",
    );
    sb.stop().await;
}

#[tokio::test]
async fn concurrent_membership_puts_one_wins() {
    let sb = Sb::start().await;
    for round in 0..5 {
        let g = sb.new_group(&format!("race {round}")).await;
        let path = format!("{G}/{g}/Memberships");
        let futs: Vec<_> = (0..6)
            .map(|_| sb.put(&path, json!({"boundLockId": "4"})))
            .collect();
        let results = join_all(futs.into_iter().map(Box::pin).collect()).await;
        let ok = results.iter().filter(|r| r.0 == 200).count();
        assert_eq!(ok, 1, "{results:?}");
        for r in results.iter().filter(|r| r.0 != 200) {
            assert_err(r, 400, "lock is already member of this group");
        }
    }
    sb.stop().await;
}

async fn join_all<F: std::future::Future + Unpin>(mut futs: Vec<F>) -> Vec<F::Output> {
    use std::task::Poll;
    let mut results: Vec<Option<F::Output>> = futs.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in futs.iter_mut().enumerate() {
            if results[i].is_none() {
                match std::pin::Pin::new(f).poll(cx) {
                    Poll::Ready(v) => results[i] = Some(v),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    results.into_iter().map(|r| r.expect("completed")).collect()
}

#[tokio::test]
async fn delete_rules_and_force_options() {
    let sb = Sb::start().await;
    // 101 has locks and active grants.
    assert_err(
        &sb.delete(&format!("{G}/101")).await,
        400,
        "lock group has locks assigned",
    );
    assert_err(
        &sb.delete(&format!("{G}/101?forceRevokeGrants=true")).await,
        400,
        "lock group has locks assigned",
    );
    assert_err(
        &sb.delete(&format!("{G}/101?forceUnjoinLocks=true")).await,
        400,
        "lock group has active grants",
    );
    // Nothing changed by the failed attempts.
    let (_, v) = sb.get(&format!("{G}/101?expand=statistics")).await;
    assert_eq!(v["active"], true);
    assert_eq!(
        v["statistics"]["ByState"][1],
        json!({"State": "Joined", "Count": 5})
    );
    let (_, gr) = sb
        .get(&format!("{G}/101/Grants?$filter=active eq true"))
        .await;
    assert_eq!(gr.as_array().unwrap().len(), 3);
    assert_err(
        &sb.delete(&format!("{G}/101?forceUnjoinLocks=yes")).await,
        400,
        "forceUnjoinLocks must be true or false, not 'yes'",
    );

    let (_, before) = sb.get(&format!("{G}/101")).await;
    let (s, _) = sb
        .delete(&format!(
            "{G}/101?forceUnjoinLocks=true&forceRevokeGrants=true"
        ))
        .await;
    assert_eq!(s, 204);
    let (_, v) = sb.get(&format!("{G}/101?expand=statistics")).await;
    assert_eq!(v["active"], false);
    assert_eq!(
        v["rclSerialNo"],
        before["rclSerialNo"].as_i64().unwrap() + 1
    );
    // Every active membership started leaving; the Unjoined one is untouched.
    assert_eq!(
        v["statistics"],
        json!({"ByState": [{"State": "UnjoinPending", "Count": 7}, {"State": "Unjoined", "Count": 1}]})
    );
    let (_, ms) = sb
        .get(&format!("{G}/101/Memberships?includeUnboundLocks=true"))
        .await;
    assert!(ms
        .as_array()
        .unwrap()
        .iter()
        .all(|m| is_ts(&m["leaveStartDate"])));
    let (_, gr) = sb.get(&format!("{G}/101/Grants")).await;
    assert!(gr
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["state"] == "Revoked" && g["active"] == false));
    // Syncing a lock completes its leave of the deleted group.
    sb.sync("1", "1").await;
    let (_, ms) = sb
        .get(&format!("{G}/101/Memberships?$filter=boundLockId eq '1'"))
        .await;
    assert!(is_ts(&ms[0]["leaveCompletedDate"]));
    assert_err(
        &sb.delete(&format!("{G}/101")).await,
        404,
        "lock group not found",
    );

    // Only grants: 104 after its locks are gone. Empty group 109: plain delete works.
    assert_eq!(sb.delete(&format!("{G}/109")).await.0, 204);
    // A group with active grants only.
    let g = sb.new_group("granted").await;
    let (s, _) = sb
        .put(
            "/api/v1/Owners/1/Grants",
            json!({"boundLockId": g, "contactId": "1"}),
        )
        .await;
    assert_eq!(s, 200);
    assert_err(
        &sb.delete(&format!("{G}/{g}")).await,
        400,
        "lock group has active grants",
    );
    assert_err(
        &sb.delete(&format!("{G}/{g}?forceUnjoinLocks=true")).await,
        400,
        "lock group has active grants",
    );
    assert_eq!(
        sb.delete(&format!("{G}/{g}?forceRevokeGrants=TRUE"))
            .await
            .0,
        204
    );
    // A group with locks only.
    let g = sb.new_group("locked").await;
    sb.add(&g, "4").await;
    assert_err(
        &sb.delete(&format!("{G}/{g}?forceRevokeGrants=true")).await,
        400,
        "lock group has locks assigned",
    );
    assert_eq!(
        sb.delete(&format!("{G}/{g}?forceUnjoinLocks=true")).await.0,
        204
    );
    sb.stop().await;
}

#[tokio::test]
async fn bound_locks() {
    let sb = Sb::start().await;
    let (s, v) = sb.get("/api/v1/Owners/1/BoundLocks").await;
    assert_eq!(s, 200);
    let l = ids(&v);
    assert_eq!(l.len(), 13, "unbound 13 not listed");
    assert!(!l.contains(&"13".to_string()));
    let lock = &v[0];
    let keys: Vec<&str> = lock
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "active",
            "bindDate",
            "description",
            "id",
            "lastSeenRclSerialNo",
            "lastSeenRclUpdateDate",
            "lockType",
            "lockTypeId",
            "ownerAccountId",
            "physicalLockId",
            "rclDate",
            "rclSerialNo",
            "targetType",
            "title",
            "unbindDate"
        ]
    );
    assert_eq!(
        lock["lockType"],
        json!({"id":"TK.Td30","manufacturerId":1,"modelName":"Td30","supportedTechnologies":["nfc","ble"]})
    );
    assert_eq!(lock["targetType"], "Lock");
    let (_, v) = sb
        .get("/api/v1/Owners/1/BoundLocks/12?expand=membershipStatistics,supportedFeatures")
        .await;
    assert_eq!(
        v["membershipStatistics"],
        json!({"ByState": [{"State": "Joined", "Count": 8}]})
    );
    assert_eq!(
        v["supportedFeatures"],
        json!({"timeRestrictionIcalSupport": "Supported"})
    );
    let (_, v) = sb.get("/api/v1/Owners/1/BoundLocks/13").await;
    assert_eq!(v["active"], false);
    assert!(is_ts(&v["unbindDate"]));
    assert_err(
        &sb.get("/api/v1/Owners/1/BoundLocks/101").await,
        404,
        "bound lock not found",
    );
    assert_err(
        &sb.get("/api/v1/Owners/2/BoundLocks/1").await,
        404,
        "bound lock not found",
    );
    let (s, e) = sb.get("/api/v1/Owners/1/BoundLocks?expand=nope").await;
    assert_eq!(s, 400, "{e}");
    // Bind.
    let body = json!({"physicalLockId": "BADhB7Iu", "bindingCode": "anything", "title": "Entrance Door", "description": "Description of Entrance Door.", "lockTypeId": "TK.Td30"});
    let (s, v) = sb.put("/api/v1/Owners/1/BoundLocks", body.clone()).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["physicalLockId"], "BADhB7Iu");
    assert_eq!(v["ownerAccountId"], "1");
    assert!(is_ts(&v["bindDate"]));
    let id = v["id"].as_str().unwrap().to_string();
    let g = sb.new_group("new lock group").await;
    assert_eq!(sb.add(&g, &id).await.0, 200);
    let (s, _) = sb.put("/api/v1/Owners/1/BoundLocks", body.clone()).await;
    assert_eq!(s, 409);
    let (s, v) = sb.put("/api/v1/Owners/1/BoundLocks", json!({"physicalLockId": "OLD1", "bindingCode": "x", "title": "Old", "lockTypeId": "TK.Legacy"})).await;
    assert_eq!(s, 200);
    assert_err(
        &sb.add(&g, v["id"].as_str().unwrap()).await,
        400,
        "the lock's protocol version is too old",
    );
    for (b, frag) in [
        (json!({"bindingCode": "x", "title": "t"}), "physicalLockId"),
        (json!({"physicalLockId": "P2", "title": "t"}), "bindingCode"),
        (json!({"physicalLockId": "P2", "bindingCode": "x"}), "title"),
        (
            json!({"physicalLockId": "P2", "bindingCode": "x", "title": "t", "lockTypeId": "TK.Nope"}),
            "TK.Nope",
        ),
    ] {
        let (s, e) = sb.put("/api/v1/Owners/1/BoundLocks", b).await;
        assert_eq!(s, 400);
        assert!(e["Message"].as_str().unwrap().contains(frag), "{e}");
    }
    sb.stop().await;
}

/// The locks list and worklist the console builds on: OData on BoundLocks as on groups,
/// and demo locks waiting in more than one group.
#[tokio::test]
async fn bound_locks_odata_and_the_demo_worklist() {
    let sb = Sb::start().await;
    const L: &str = "/api/v1/Owners/1/BoundLocks";
    let titles = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|l| l["title"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, v) = sb
        .get(&format!(
            "{L}?$filter=contains(title,'room')&$orderby=title desc"
        ))
        .await;
    assert_eq!(
        titles(&v),
        [
            "Server Room",
            "Meeting Room B",
            "Meeting Room A",
            "Mail Room"
        ]
    );
    let (_, v) = sb.get(&format!("{L}?$orderby=title&$top=3&$skip=2")).await;
    assert_eq!(titles(&v), ["Garage", "Kitchen", "Lab"]);
    let (_, v) = sb
        .get(&format!(
            "{L}?$filter=id eq '8' or id eq '6'&$orderby=title"
        ))
        .await;
    assert_eq!(titles(&v), ["Kitchen", "Roof Access"]);
    let (_, v) = sb
        .get(&format!(
            "{L}?$orderby=lastSeenRclUpdateDate desc&$top=1&$select=id"
        ))
        .await;
    assert_eq!(v, json!([{"id": "14"}]));
    // Locks with a pending join or leave, from their statistics.
    let (_, v) = sb
        .get(&format!("{L}?expand=membershipStatistics&$orderby=title"))
        .await;
    let count = |l: &Value, state: &str| -> u64 {
        l["membershipStatistics"]["ByState"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["State"] == state)
            .map_or(0, |s| s["Count"].as_u64().unwrap())
    };
    let waiting: Vec<(String, u64, u64)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["title"].as_str().unwrap().to_string(),
                count(l, "JoinPending"),
                count(l, "UnjoinPending"),
            )
        })
        .filter(|(_, j, u)| j + u > 0)
        .collect();
    assert_eq!(
        waiting,
        [
            ("Bike Storage".to_string(), 0, 1),
            ("Garage".to_string(), 1, 1),
            ("Kitchen".to_string(), 1, 1),
            ("Main Entrance".to_string(), 1, 0),
            ("Meeting Room A".to_string(), 1, 0),
            ("Parking Gate".to_string(), 0, 1),
            ("Reception".to_string(), 1, 0),
            ("Roof Access".to_string(), 2, 0),
        ]
    );
    // Where a lock waits: each group's memberships filtered by the lock.
    let mut waits_in = Vec::new();
    for g in ["103", "104", "106", "107"] {
        let (_, v) = sb
            .get(&format!(
                "{G}/{g}/Memberships?$filter=boundLockId eq '8' and joinCompletedDate eq null"
            ))
            .await;
        if !v.as_array().unwrap().is_empty() {
            waits_in.push(g);
        }
    }
    assert_eq!(waits_in, ["103", "106"]);
    for q in [
        "$filter=nope eq 1",
        "$orderby=membershipStatistics",
        "$top=x",
    ] {
        let (s, e) = sb.get(&format!("{L}?{q}")).await;
        assert_eq!(s, 400, "{q} -> {e}");
    }
    sb.stop().await;
}

#[tokio::test]
async fn contacts_and_grants() {
    let sb = Sb::start().await;
    let (s, v) = sb.get("/api/v1/Owners/1/Contacts").await;
    assert_eq!(
        (s, ids(&v)),
        (
            200,
            vec![
                "1".to_string(),
                "2".into(),
                "3".into(),
                "4".into(),
                "6".into()
            ]
        )
    );
    let (s, c) = sb.put("/api/v1/Owners/1/Contacts", json!({"ipId": "tapkey", "identifier": "New.Person@Example.com", "title": "New Person"})).await;
    assert_eq!(s, 200, "{c}");
    assert_eq!(c["email"], "new.person@example.com");
    assert_eq!(c["ipId"], "tapkey");
    assert_eq!(c["title"], "New Person");
    assert_eq!(c["isActive"], true);
    assert_eq!(c["ownerId"], "1");
    let (_, c2) = sb
        .put(
            "/api/v1/Owners/1/Contacts",
            json!({"ipId": "tapkey", "identifier": "new.person@example.com"}),
        )
        .await;
    assert_eq!(c2["id"], c["id"], "same identifier, same contact");
    let (s, e) = sb
        .put(
            "/api/v1/Owners/1/Contacts",
            json!({"ipId": "tapkey", "identifier": "not-an-email"}),
        )
        .await;
    assert_eq!(s, 400, "{e}");
    let (s, _) = sb
        .put(
            "/api/v1/Owners/1/Contacts",
            json!({"ipId": "google", "identifier": "a@b.c"}),
        )
        .await;
    assert_eq!(s, 400);

    // Grants.
    let (s, v) = sb.get("/api/v1/Owners/1/Grants").await;
    assert_eq!(s, 200);
    assert_eq!(v.as_array().unwrap().len(), 14);
    let (_, gr) = sb.get(&format!("{G}/101/Grants")).await;
    let keys: Vec<&str> = gr[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "contact",
            "boundCard",
            "boundLock",
            "owner",
            "id",
            "boundLockId",
            "contactId",
            "validFrom",
            "validBefore",
            "timeRestrictionIcal",
            "state",
            "active",
            "boundCardId",
            "customPayload"
        ]
    );
    assert_eq!(gr[0]["boundLock"]["targetType"], "Group");
    assert_eq!(gr[0]["boundLock"].as_object().unwrap().len(), 5);
    assert_eq!(gr[0]["contact"]["email"], "alice@example.com");
    assert_eq!(gr.as_array().unwrap().len(), 4);
    assert_err(
        &sb.get(&format!("{G}/999/Grants")).await,
        404,
        "lock group not found",
    );

    // Grant on a group by contact id, and by identifier (finds or creates the contact).
    let (s, g1) = sb
        .put(
            "/api/v1/Owners/1/Grants",
            json!({"boundLockId": "102", "contactId": "2"}),
        )
        .await;
    assert_eq!(s, 200, "{g1}");
    assert_eq!(
        (g1["state"].clone(), g1["active"].clone()),
        (json!("Ok"), json!(true))
    );
    assert_eq!(g1["boundLock"]["targetType"], "Group");
    let (s, g2) = sb.put("/api/v1/Owners/1/Grants", json!({"boundLockId": "102", "contact": {"identifier": "user@example.com"}, "validFrom": "2030-01-01T00:00:00Z", "validBefore": "2030-02-01T00:00:00.000Z"})).await;
    assert_eq!(s, 200, "{g2}");
    assert_eq!(g2["contact"]["email"], "user@example.com");
    assert_eq!(g2["validFrom"], "2030-01-01T00:00:00.000Z");
    let (_, cs) = sb
        .get("/api/v1/Owners/1/Contacts?$filter=email eq 'user@example.com'")
        .await;
    assert_eq!(cs.as_array().unwrap().len(), 1);
    let (s, g3) = sb
        .put(
            "/api/v1/Owners/1/Grants",
            json!({"boundLockId": "102", "contact": {"identifier": "user@example.com"}}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(g3["contactId"], g2["contactId"]);
    // On a lock.
    let (s, g4) = sb
        .put(
            "/api/v1/Owners/1/Grants",
            json!({"boundLockId": "5", "contactId": "4", "timeRestrictionIcal": common_ical()}),
        )
        .await;
    assert_eq!(s, 200, "{g4}");
    assert_eq!(g4["boundLock"]["targetType"], "Lock");
    // iCal needs support: group 101 has a Cylinder lock.
    let (s, e) = sb
        .put(
            "/api/v1/Owners/1/Grants",
            json!({"boundLockId": "104", "contactId": "4", "timeRestrictionIcal": common_ical()}),
        )
        .await;
    assert_eq!(s, 400, "{e}");
    // Errors.
    assert_err(
        &sb.put(
            "/api/v1/Owners/1/Grants",
            json!({"boundLockId": "999", "contactId": "1"}),
        )
        .await,
        404,
        "bound lock not found",
    );
    assert_err(
        &sb.put(
            "/api/v1/Owners/1/Grants",
            json!({"boundLockId": "110", "contactId": "1"}),
        )
        .await,
        404,
        "bound lock not found",
    );
    assert_err(
        &sb.put(
            "/api/v1/Owners/1/Grants",
            json!({"boundLockId": "101", "contactId": "5"}),
        )
        .await,
        404,
        "contact not found",
    );
    for b in [
        json!({"contactId": "1"}),
        json!({"boundLockId": "101"}),
        json!({"boundLockId": "101", "contactId": "1", "validFrom": "yesterday"}),
        json!({"boundLockId": "101", "contactId": "1", "validFrom": "2030-01-02T00:00:00Z", "validBefore": "2030-01-01T00:00:00Z"}),
        json!({"boundLockId": "5", "contactId": "1", "timeRestrictionIcal": "nonsense"}),
        json!({"boundLockId": "101", "contact": {"identifier": "nope"}}),
    ] {
        let (s, e) = sb.put("/api/v1/Owners/1/Grants", b.clone()).await;
        assert_eq!(s, 400, "{b} -> {e}");
    }
    // validFrom is read as $filter reads date-times: a date alone and second 60 are
    // refused (each with its reason), in the body as in a filter.
    for (value, why) in [
        ("2030-01-01", "a date alone"),
        ("2030-01-01T12:00:60Z", "second out of range"),
    ] {
        let (s, e) = sb
            .put(
                "/api/v1/Owners/1/Grants",
                json!({"boundLockId": "101", "contactId": "1", "validFrom": value}),
            )
            .await;
        assert_eq!(s, 400, "{value} -> {e}");
        let message = e["Message"].as_str().unwrap();
        assert!(
            message.starts_with("validFrom is not a valid date-time"),
            "{message}"
        );
        assert!(message.contains(why), "{message}");
        let (s, e) = sb
            .get(&format!(
                "/api/v1/Owners/1/Grants?$filter=validFrom gt {value}"
            ))
            .await;
        assert_eq!(s, 400, "{value} -> {e}");
        assert!(e["Message"].as_str().unwrap().contains(why), "{e}");
    }
    // Revoke.
    let gid = g1["id"].as_str().unwrap();
    let (s, r) = sb
        .post(&format!("/api/v1/Owners/1/Grants/{gid}/Revoke"))
        .await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(
        (r["state"].clone(), r["active"].clone()),
        (json!("Revoked"), json!(false))
    );
    let (s, r) = sb
        .post(&format!("/api/v1/Owners/1/Grants/{gid}/Revoke"))
        .await;
    assert_eq!((s, r["state"].clone()), (200, json!("Revoked")));
    let (s, r) = sb.get(&format!("/api/v1/Owners/1/Grants/{gid}")).await;
    assert_eq!((s, r["state"].clone()), (200, json!("Revoked")));
    assert_err(
        &sb.post("/api/v1/Owners/1/Grants/9999/Revoke").await,
        404,
        "grant not found",
    );
    assert_err(
        &sb.post("/api/v1/Owners/2/Grants/1/Revoke").await,
        404,
        "grant not found",
    );
    sb.stop().await;
}

fn common_ical() -> &'static str {
    "BEGIN:VEVENT\r\nDTSTART:20240101T080000\r\nDTEND:20240101T170000\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT"
}

#[tokio::test]
async fn odata_on_lists() {
    let sb = Sb::start().await;
    let (s, v) = sb
        .get(&format!(
            "{G}?$filter=startswith(title,'M') or title eq 'IT'&$orderby=title desc"
        ))
        .await;
    assert_eq!(s, 200, "{v}");
    let titles: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Meeting Rooms", "IT"]);
    let (_, v) = sb.get(&format!("{G}?$orderby=title&$top=3&$skip=1")).await;
    let titles: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Cleaning Crew", "Contractors", "Deliveries"]);
    let (_, v) = sb
        .get(&format!("{G}?$filter=description eq null&$select=id,title"))
        .await;
    assert_eq!(
        v,
        json!([{"id":"105","title":"Night Shift"},{"id":"107","title":"Deliveries"}])
    );
    let (_, v) = sb
        .get(&format!(
            "{G}?$filter=contains(description,'lab') and not (id eq '103')&$select=id"
        ))
        .await;
    assert_eq!(v, json!([{"id":"102"}]));
    let (_, v) = sb
        .get(&format!("{G}?$select=title&expand=statistics&$top=1"))
        .await;
    assert_eq!(v[0].as_object().unwrap().len(), 2);
    let (_, v) = sb.get(&format!("{G}?$filter=rclSerialNo gt 10")).await;
    assert_eq!(ids(&v), ["101", "104"]);
    let (_, v) = sb
        .get(&format!(
            "{G}/101/Memberships?$filter=joinCompletedDate eq null&$select=boundLockId"
        ))
        .await;
    assert_eq!(v, json!([{"boundLockId":"3"}]));
    let (_, v) = sb.get(&format!("{G}/101/Memberships?$filter=joinStartDate lt 2999-01-01T00:00:00Z and leaveStartDate ne null")).await;
    assert_eq!(v.as_array().unwrap().len(), 2);
    let (_, v) = sb
        .get("/api/v1/Owners/1/BoundLocks?$filter=lockTypeId ne 'TK.Td30'&$orderby=title")
        .await;
    let titles: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Archive", "Bike Storage", "Kitchen"]);
    let (_, v) = sb
        .get("/api/v1/Owners/1/Grants?$filter=state eq 'Revoked'&$select=id")
        .await;
    assert_eq!(v, json!([{"id":"3"},{"id":"6"},{"id":"8"}]));
    let (_, v) = sb.get("/api/v1/Owners/1/Contacts?$filter=endswith(title,'Example') and title ne 'O''Brien'&$top=2").await;
    assert_eq!(ids(&v), ["1", "2"]);
    let (_, v) = sb.get("/api/v1/Owners?$filter=name eq 'Warehouse'").await;
    assert_eq!(ids(&v), ["2"]);
    // Errors are 400s that say what and where.
    for q in [
        "$filter=foo eq 1",
        "$filter=title eq",
        "$filter=(title eq 'a'",
        "$orderby=nope",
        "$top=-1",
        "$skip=x",
        "$select=nope",
        "$filter=title eq 'unterminated",
    ] {
        let (s, e) = sb.get(&format!("{G}?{q}")).await;
        assert_eq!(s, 400, "{q} -> {e}");
        assert!(
            e["Message"].as_str().unwrap().starts_with('$'),
            "{q} -> {e}"
        );
    }
    sb.stop().await;
}

#[tokio::test]
async fn malformed_requests_are_400_413_404_never_500() {
    let sb = Sb::start().await;
    let (s, e) = sb.raw(Method::PUT, G, "{\"title\": ").await;
    assert_eq!(s, 400);
    assert!(
        e["Message"].as_str().unwrap().contains("invalid JSON"),
        "{e}"
    );
    let (s, e) = sb.raw(Method::PUT, G, "{\"title\": 5}").await;
    assert_eq!(s, 400);
    assert!(
        e["Message"].as_str().unwrap().contains("invalid type"),
        "{e}"
    );
    let (s, _) = sb.raw(Method::PUT, G, "[1,2]").await;
    assert_eq!(s, 400);
    let (s, _) = sb.raw(Method::PUT, G, "").await;
    assert_eq!(s, 400);
    let (s, _) = sb.raw(Method::PUT, G, "\u{0}\u{1}garbage").await;
    assert_eq!(s, 400);
    let long = "x".repeat(257);
    let (s, e) = sb.put(G, json!({"title": long})).await;
    assert_eq!(s, 400);
    assert!(
        e["Message"]
            .as_str()
            .unwrap()
            .contains("title is too long: 257 characters, at most 256"),
        "{e}"
    );
    assert_eq!(sb.put(G, json!({"title": "é".repeat(256)})).await.0, 200);
    let (s, _) = sb
        .put(G, json!({"title": "t", "description": "d".repeat(5000)}))
        .await;
    assert_eq!(s, 400);
    let (s, e) = sb.put(G, json!({"title": "x".repeat(70_000)})).await;
    assert_eq!(s, 413, "{e}");
    assert_eq!(e["ErrorCode"], "PayloadTooLarge");
    // Unknown fields are ignored.
    assert_eq!(
        sb.put(G, json!({"title": "t", "whatever": [1]})).await.0,
        200
    );
    // Unknown routes and methods.
    assert_eq!(sb.get("/api/v1/Nope").await.0, 404);
    assert_eq!(sb.get("/api/v2/Owners").await.0, 404);
    assert_eq!(sb.get("/sandbox/nope").await.0, 404);
    let (s, e) = sb.get("/connect/nope").await;
    assert_eq!((s, e["ErrorCode"].clone()), (404, json!("NotFound")));
    let (s, e) = sb.post("/api/v1/Owners/1/LockGroups").await;
    assert_eq!(
        (s, e["ErrorCode"].clone()),
        (405, json!("MethodNotAllowed"))
    );
    // Odd paths and ids.
    for p in [
        "/api/v1/Owners/1/LockGroups/%FF",
        "/api/v1/Owners/%00/LockGroups",
        "/api/v1/Owners/99999999999999999999999/LockGroups",
        "/api/v1/Owners/-1/LockGroups/1",
        "/api/v1/Owners/1/LockGroups/1e3",
    ] {
        let (s, e) = sb.get(p).await;
        assert!(s == 400 || s == 404, "{p} -> {s} {e}");
    }
    // Weird query strings.
    for q in ["$filter=%FF", "$top=99999999999999999999999", "expand=", "$orderby=title%20sideways", "$filter=((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((title eq 'a'))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))"] {
        let (s, e) = sb.get(&format!("{G}?{q}")).await;
        assert!(s == 200 || s == 400, "{q} -> {s} {e}");
    }
    sb.stop().await;
}

#[tokio::test]
async fn paths_are_case_insensitive() {
    let sb = Sb::start().await;
    let (s, v) = sb
        .get("/API/V1/owners/1/lockgroups/101?expand=statistics")
        .await;
    assert_eq!((s, v["id"].clone()), (200, json!("101")));
    let (s, _) = sb.get("/api/v1/OWNERS/1/LOCKGROUPS/101/memberships").await;
    assert_eq!(s, 200);
    let (s, _) = sb.post("/Sandbox/Owners/1/boundlocks/1/sync").await;
    assert_eq!(s, 200);
    sb.stop().await;
}

#[tokio::test]
async fn static_files_and_spa_fallback() {
    let sb = Sb::start().await;
    // No console built: a short page at /.
    let r = sb.client.get(format!("{}/", sb.url)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("console isn't built"));
    // Build a fake console.
    let dist = sb.dir.path().join("dist");
    std::fs::create_dir_all(dist.join("assets")).unwrap();
    std::fs::write(dist.join("index.html"), "<html>console</html>").unwrap();
    std::fs::write(dist.join("assets/app.js"), "plain();").unwrap();
    std::fs::write(dist.join("assets/app.js.gz"), gzip_stub()).unwrap();
    let r = sb.client.get(format!("{}/", sb.url)).send().await.unwrap();
    assert_eq!(r.text().await.unwrap(), "<html>console</html>");
    let r = sb
        .client
        .get(format!("{}/groups/101/members", sb.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "<html>console</html>");
    let r = sb
        .client
        .get(format!("{}/assets/app.js", sb.url))
        .header("accept-encoding", "identity")
        .send()
        .await
        .unwrap();
    assert_eq!(r.text().await.unwrap(), "plain();");
    let r = sb
        .client
        .get(format!("{}/assets/app.js", sb.url))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap()),
        Some("gzip")
    );
    // API paths never fall back to the console.
    let r = sb
        .client
        .get(format!("{}/api/v1/Nope", sb.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    sb.stop().await;
}

fn gzip_stub() -> Vec<u8> {
    // "plain();" gzip-compressed (stored block), made by hand: header, stored deflate block, crc, size.
    let data = b"plain();";
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.push(1); // final stored block
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(&(!(data.len() as u16)).to_le_bytes());
    out.extend_from_slice(data);
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[tokio::test]
async fn data_persists_across_restart() {
    let sb = Sb::start().await;
    let g = sb.new_group("persisted").await;
    sb.add(&g, "4").await;
    let db = sb.dir.path().join("data/db.sqlite3");
    let Sb { server, dir, .. } = sb;
    server.unwrap().shutdown().await;
    let server = sandbox::start(sandbox::Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        db,
        dev_token: Some(DEV.into()),
        demo: true, // no-op: data exists
        ..Default::default()
    })
    .await
    .unwrap();
    let c = reqwest::Client::new();
    let v: Value = c
        .get(format!(
            "{}/api/v1/Owners/1/LockGroups/{g}/Memberships",
            server.url()
        ))
        .bearer_auth(DEV)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v[0]["boundLockId"], "4");
    let v: Value = c
        .get(format!("{}/api/v1/Owners", server.url()))
        .bearer_auth(DEV)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2, "demo not seeded twice");
    server.shutdown().await;
    drop(dir);
}

#[tokio::test]
async fn junk_ids_in_paths_are_the_documented_404s() {
    let sb = Sb::start().await;
    for junk in [
        "abc",
        "-1",
        "1e3",
        "0x10",
        "%20",
        "99999999999999999999",
        "1.0",
        "%D9%A3",
    ] {
        for (path, message) in [
            (
                format!("/api/v1/Owners/1/LockGroups/{junk}"),
                "lock group not found",
            ),
            (
                format!("/api/v1/Owners/1/LockGroups/{junk}/Memberships"),
                "lock group not found",
            ),
            (
                format!("/api/v1/Owners/1/LockGroups/{junk}/Grants"),
                "lock group not found",
            ),
            (
                format!("/api/v1/Owners/1/BoundLocks/{junk}"),
                "bound lock not found",
            ),
        ] {
            let (s, e) = sb.get(&path).await;
            assert_eq!((s, e["Message"].as_str()), (404, Some(message)), "{path}");
        }
        let (s, e) = sb
            .call(
                Method::PUT,
                "/api/v1/Owners/1/LockGroups/101/Memberships",
                Some(json!({"boundLockId": junk})),
            )
            .await;
        assert_eq!(
            (s, e["Message"].as_str()),
            (404, Some("bound lock not found")),
            "{junk}"
        );
    }
    sb.stop().await;
}
