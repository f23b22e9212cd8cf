//! Every JSON example of the API reference (`lock-groups-api.txt`, copied verbatim into
//! `tests/fixtures/`) and of the API README: deserialize into the wire types, serialize
//! back, and compare with the original field by field (as JSON values, so key order and
//! whitespace do not matter but every key, `null` and value does).

use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;
use wire::*;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Deserialize `value` as `T`, serialize it again and require the same JSON.
fn round_trip<T: Serialize + DeserializeOwned>(name: &str, value: &Value) -> T {
    let typed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{name}: does not deserialize: {e}"));
    let back = serde_json::to_value(&typed).unwrap();
    assert_fields_equal(name, value, &back);
    typed
}

fn assert_fields_equal(path: &str, expected: &Value, actual: &Value) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                let sub = format!("{path}.{k}");
                let got = a
                    .get(k)
                    .unwrap_or_else(|| panic!("{sub}: missing after round trip"));
                assert_fields_equal(&sub, v, got);
            }
            for k in a.keys() {
                assert!(e.contains_key(k), "{path}.{k}: added by round trip");
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            assert_eq!(e.len(), a.len(), "{path}: array length");
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                assert_fields_equal(&format!("{path}[{i}]"), ev, av);
            }
        }
        _ => assert_eq!(expected, actual, "{path}"),
    }
}

/// An expansion fragment (`{"statistics": {...}}`) merged into a full example body.
fn with_expansion(base: &Value, fragment: &str) -> Value {
    let mut merged = base.clone();
    for (k, v) in fixture(fragment).as_object().unwrap() {
        merged[k] = v.clone();
    }
    merged
}

#[test]
fn lock_group_list_and_get() {
    let list: Vec<LockGroup> = round_trip("list", &fixture("list_lock_groups"));
    assert_eq!(list[0].title, "Office Building");
    assert_eq!(list[0].target_type, TARGET_GROUP);
    assert_eq!(list[0].rcl_serial_no, None);
    let one: LockGroup = round_trip("get", &fixture("get_lock_group"));
    assert_eq!(
        one.description.as_deref(),
        Some("A description for this lock group.")
    );
}

#[test]
fn lock_group_expansions() {
    let base = fixture("get_lock_group");
    let g: LockGroup = round_trip(
        "supportedFeatures",
        &with_expansion(&base, "expand_supported_features"),
    );
    assert!(g.supported_features.unwrap().time_restriction_supported());

    let g: LockGroup = round_trip("statistics", &with_expansion(&base, "expand_statistics"));
    assert_eq!(g.count(MembershipState::Joined), 5);
    assert_eq!(g.count(MembershipState::UnjoinPending), 1);
    assert_eq!(g.count(MembershipState::Unjoined), 1);
    assert_eq!(g.count(MembershipState::JoinPending), 0);
}

#[test]
fn create_and_patch_lock_group() {
    let req: CreateLockGroup = round_trip("create req", &fixture("create_lock_group_request"));
    assert_eq!(req.title.as_deref(), Some("Office Building"));
    let resp: LockGroup = round_trip("create resp", &fixture("create_lock_group_response"));
    assert_eq!(resp.rcl_serial_no, Some(1));
    assert_eq!(
        resp.physical_lock_id.as_deref(),
        Some("DAAl1T7twFAiUeZ56tI=")
    );

    let patch: PatchLockGroup = round_trip("patch req", &fixture("patch_lock_group_request"));
    assert_eq!(patch.title.as_deref(), Some("Office Building B"));
    let resp: LockGroup = round_trip("patch resp", &fixture("patch_lock_group_response"));
    assert_eq!(resp.title, "Office Building B");

    // A patch sends only what changed.
    let only_title = PatchLockGroup {
        title: Some("B".into()),
        description: None,
    };
    assert_eq!(
        serde_json::to_string(&only_title).unwrap(),
        r#"{"title":"B"}"#
    );
}

#[test]
fn group_grants() {
    let grants: Vec<Grant> = round_trip("grants", &fixture("group_grants"));
    let g = &grants[0];
    assert_eq!(g.state, GrantState::Ok);
    assert!(g.active);
    assert_eq!(
        g.contact.as_ref().unwrap().title.as_deref(),
        Some("User One")
    );
    assert_eq!(g.bound_lock.as_ref().unwrap().target_type, TARGET_GROUP);
    assert_eq!(g.valid_from, None);
}

#[test]
fn memberships_and_expansions() {
    let list: Vec<Membership> = round_trip("memberships", &fixture("memberships"));
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[0].leave_start_date.as_deref(),
        Some("2020-03-27T14:00:36.800Z")
    );
    assert_eq!(list[1].leave_start_date, None);

    let base = fixture("create_membership_response");
    let m: Membership = round_trip("boundLock", &with_expansion(&base, "expand_bound_lock"));
    let lock = m.bound_lock.unwrap();
    assert_eq!(lock.target_type, TARGET_LOCK);
    assert_eq!(lock.title, "Entrance Door");
    let m: Membership = round_trip("lockGroup", &with_expansion(&base, "expand_lock_group"));
    assert!(!m.lock_group.unwrap().active);
}

#[test]
fn create_membership() {
    let req: CreateMembership = round_trip("req", &fixture("create_membership_request"));
    assert_eq!(req.bound_lock_id.as_deref(), Some("3"));
    let m: Membership = round_trip("resp", &fixture("create_membership_response"));
    assert_eq!(
        m.join_start_date.as_deref(),
        Some("2020-03-03T15:53:03.587Z")
    );
    assert_eq!(m.join_completed_date, None);
}

#[test]
fn owners_and_bound_locks_from_the_api_readme() {
    let owners: Vec<Owner> = round_trip("owners", &fixture("owners"));
    assert_eq!(owners[0].name, "Office");
    let locks: Vec<BoundLock> = round_trip("locks", &fixture("bound_locks"));
    assert_eq!(locks[0].lock_type.as_ref().unwrap().model_name, "Td30");
    let with_stats = with_expansion(&fixture("bound_locks")[0], "expand_membership_statistics");
    let lock: BoundLock = round_trip("membershipStatistics", &with_stats);
    assert_eq!(
        lock.membership_statistics
            .unwrap()
            .count(MembershipState::Joined),
        2
    );
}

#[test]
fn unknown_fields_and_states_are_tolerated() {
    let mut v = fixture("get_lock_group");
    v["somethingNew"] = Value::from(42);
    v["statistics"] = serde_json::json!({"ByState": [{"State": "Frozen", "Count": 3}]});
    let g: LockGroup = serde_json::from_value(v).unwrap();
    assert_eq!(
        g.statistics.unwrap().by_state[0].state,
        MembershipState::Unknown
    );
}

#[test]
fn unknown_grant_states_and_feature_values_are_tolerated() {
    let mut v = fixture("group_grants")[0].clone();
    v["state"] = Value::from("Suspended");
    let g: Grant = serde_json::from_value(v).unwrap();
    assert_eq!(g.state, GrantState::Unknown);
    let f: SupportedFeatures =
        serde_json::from_value(serde_json::json!({"timeRestrictionIcalSupport": "Partly"}))
            .unwrap();
    assert_eq!(f.time_restriction_ical_support, FeatureSupport::Unknown);
    assert!(!f.time_restriction_supported());
    let f: SupportedFeatures =
        serde_json::from_value(serde_json::json!({"timeRestrictionIcalSupport": "NotSupported"}))
            .unwrap();
    assert_eq!(
        f.time_restriction_ical_support,
        FeatureSupport::NotSupported
    );
}
