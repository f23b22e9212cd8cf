//! The JSON bodies of the Tapkey lock groups API (see `lock-groups-api.txt`), as serde types.
//!
//! Shared by the console (wasm32) and the sandbox (native) so the two cannot drift apart.
//! Field order follows the reference's examples; unknown fields are ignored when reading,
//! because the real service may add properties at any time. Expansions (`statistics`,
//! `supportedFeatures`, ...) are left out of the output unless present, as the service does.
//! Timestamps stay strings in the service's own format (`2020-03-03T15:53:03.587Z`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub mod domain;
pub use domain::{
    refusal, DateField, MembershipDates, MAX_BINDING_CODE, MAX_DESCRIPTION, MAX_TITLE,
};

/// `targetType` of a lock group.
pub const TARGET_GROUP: &str = "Group";
/// `targetType` of a bound lock.
pub const TARGET_LOCK: &str = "Lock";

/// An owner account (a locking system): `GET /Owners`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Owner {
    pub id: String,
    pub name: String,
    pub active: bool,
}

/// `PUT /Owners` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateOwner {
    pub name: Option<String>,
}

/// A lock group, with its optional expansions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LockGroup {
    pub active: bool,
    pub rcl_serial_no: Option<i64>,
    pub rcl_date: Option<String>,
    pub target_type: String,
    pub id: String,
    pub physical_lock_id: Option<String>,
    pub title: String,
    pub description: Option<String>,
    /// `expand=supportedFeatures`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supported_features: Option<SupportedFeatures>,
    /// `expand=statistics`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statistics: Option<Statistics>,
}

impl LockGroup {
    /// Count of memberships in `state`, 0 when the statistics do not list it
    /// (or were not expanded).
    pub fn count(&self, state: MembershipState) -> u64 {
        self.statistics.as_ref().map_or(0, |s| s.count(state))
    }
}

/// The "lock-like target" summary that memberships expand (`boundLock`, `lockGroup`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetSummary {
    pub active: bool,
    pub rcl_serial_no: Option<i64>,
    pub rcl_date: Option<String>,
    pub target_type: String,
    pub id: String,
    pub physical_lock_id: Option<String>,
    pub title: String,
    pub description: Option<String>,
}

/// `supportedFeatures` of a lock group or lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupportedFeatures {
    pub time_restriction_ical_support: FeatureSupport,
}

impl SupportedFeatures {
    pub fn time_restriction_supported(&self) -> bool {
        self.time_restriction_ical_support == FeatureSupport::Supported
    }
}

/// Whether a feature is supported. Values seen: `Supported`, `NotSupported`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FeatureSupport {
    Supported,
    NotSupported,
    /// A value this client does not know (the service may add some).
    #[serde(other)]
    Unknown,
}

impl FeatureSupport {
    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            FeatureSupport::Supported => "Supported",
            FeatureSupport::NotSupported => "Not supported",
            FeatureSupport::Unknown => "Unknown",
        }
    }
}

/// A grant's `state`. Values seen: `Ok`, `Revoked`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GrantState {
    Ok,
    Revoked,
    /// A value this client does not know (the service may add some).
    #[serde(other)]
    Unknown,
}

impl GrantState {
    /// The API's name (`Ok`, `Revoked`).
    pub fn as_str(self) -> &'static str {
        match self {
            GrantState::Ok => "Ok",
            GrantState::Revoked => "Revoked",
            GrantState::Unknown => "Unknown",
        }
    }

    /// Reads the API's name; `Unknown` for any other text.
    pub fn from_name(s: &str) -> GrantState {
        [GrantState::Ok, GrantState::Revoked]
            .into_iter()
            .find(|g| g.as_str() == s)
            .unwrap_or(GrantState::Unknown)
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            GrantState::Ok => "Active",
            GrantState::Revoked => "Revoked",
            GrantState::Unknown => "Unknown",
        }
    }
}

/// `statistics` of a group / `membershipStatistics` of a lock. PascalCase keys, as documented.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statistics {
    #[serde(rename = "ByState", default)]
    pub by_state: Vec<StateCount>,
}

impl Statistics {
    pub fn count(&self, state: MembershipState) -> u64 {
        self.by_state
            .iter()
            .filter(|c| c.state == state)
            .map(|c| c.count)
            .sum()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateCount {
    #[serde(rename = "State")]
    pub state: MembershipState,
    #[serde(rename = "Count")]
    pub count: u64,
}

/// The four states of a membership's join/leave lifecycle, as the statistics name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MembershipState {
    JoinPending,
    Joined,
    UnjoinPending,
    Unjoined,
    /// A state name this client does not know (the service may add some).
    #[serde(other)]
    Unknown,
}

impl MembershipState {
    pub const ALL: [MembershipState; 4] = [
        MembershipState::JoinPending,
        MembershipState::Joined,
        MembershipState::UnjoinPending,
        MembershipState::Unjoined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MembershipState::JoinPending => "JoinPending",
            MembershipState::Joined => "Joined",
            MembershipState::UnjoinPending => "UnjoinPending",
            MembershipState::Unjoined => "Unjoined",
            MembershipState::Unknown => "Unknown",
        }
    }
}

/// `PUT /Owners/{o}/LockGroups` body. `title` is optional here so that a missing one
/// reaches the server's own "lock group must have a title" check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateLockGroup {
    pub title: Option<String>,
    pub description: Option<String>,
}

/// `PATCH /Owners/{o}/LockGroups/{id}` body: only the fields that change are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PatchLockGroup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A lock group membership: one lock's join/leave lifecycle in one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Membership {
    /// `expand=boundLock`
    pub bound_lock: Option<TargetSummary>,
    /// `expand=lockGroup`
    pub lock_group: Option<TargetSummary>,
    pub last_seen_rcl_serial_no: Option<i64>,
    pub last_seen_rcl_update_date: Option<String>,
    pub id: String,
    pub lock_group_id: String,
    pub bound_lock_id: String,
    pub join_start_date: Option<String>,
    pub join_completed_date: Option<String>,
    pub leave_start_date: Option<String>,
    pub leave_completed_date: Option<String>,
}

/// `PUT /Owners/{o}/LockGroups/{g}/Memberships` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateMembership {
    pub bound_lock_id: Option<String>,
}

/// A bound lock: `GET /Owners/{o}/BoundLocks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BoundLock {
    pub active: bool,
    pub bind_date: Option<String>,
    pub description: Option<String>,
    pub id: String,
    pub last_seen_rcl_serial_no: Option<i64>,
    pub last_seen_rcl_update_date: Option<String>,
    pub lock_type: Option<LockType>,
    pub lock_type_id: Option<String>,
    pub owner_account_id: String,
    pub physical_lock_id: Option<String>,
    pub rcl_date: Option<String>,
    pub rcl_serial_no: Option<i64>,
    pub target_type: String,
    pub title: String,
    pub unbind_date: Option<String>,
    /// `expand=membershipStatistics`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership_statistics: Option<Statistics>,
    /// `expand=supportedFeatures`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supported_features: Option<SupportedFeatures>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LockType {
    pub id: String,
    pub manufacturer_id: i64,
    pub model_name: String,
    pub supported_technologies: Vec<String>,
}

/// `PUT /Owners/{o}/BoundLocks` body (binding a lock).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BindLock {
    pub physical_lock_id: Option<String>,
    pub binding_code: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub lock_type_id: Option<String>,
}

/// A contact: a person, known by an e-mail identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub id: String,
    pub owner_id: String,
    pub comment: Option<String>,
    pub ip_id: Option<String>,
    pub ip_user_id: Option<String>,
    pub email: Option<String>,
    pub ip_user_name: Option<String>,
    pub is_active: bool,
    pub title: Option<String>,
}

/// `PUT /Owners/{o}/Contacts` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateContact {
    pub ip_id: Option<String>,
    pub identifier: Option<String>,
    pub title: Option<String>,
}

/// The target of a grant, as grants embed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GrantTarget {
    pub target_type: String,
    pub id: String,
    pub physical_lock_id: Option<String>,
    pub title: String,
    pub description: Option<String>,
}

/// A grant: a contact's access to a lock or a lock group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Grant {
    pub contact: Option<Contact>,
    pub bound_card: Option<Value>,
    pub bound_lock: Option<GrantTarget>,
    pub owner: Option<Value>,
    pub id: String,
    pub bound_lock_id: String,
    pub contact_id: String,
    pub valid_from: Option<String>,
    pub valid_before: Option<String>,
    pub time_restriction_ical: Option<String>,
    pub state: GrantState,
    pub active: bool,
    pub bound_card_id: Option<String>,
    pub custom_payload: Option<Value>,
}

/// `{"identifier": ...}`: names a contact to find or create while granting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactRef {
    pub identifier: Option<String>,
}

/// `PUT /Owners/{o}/Grants` body: a contact by id, or by identifier.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateGrant {
    pub bound_lock_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_restriction_ical: Option<String>,
}

/// The error body the sandbox sends. The real service does not publish its error fields,
/// so clients read errors tolerantly (see the console's `api::error`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    #[serde(rename = "ErrorCode")]
    pub error_code: String,
    #[serde(rename = "Message")]
    pub message: String,
}

/// OAuth 2.0 token endpoint answer (RFC 6749 §5.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}
