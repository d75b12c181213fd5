//! Targets a territory's managers set: an indicator to reach by a date (e.g. 150,000
//! passports by 2027-12-31), counted from a start date.

use chrono::NaiveDate;

/// What a target is about. Each reads one or two [`super::Metric`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Indicator {
    /// Valid passports issued (issued − revoked).
    Passports,
    /// Businesses accompanied for the first time.
    BusinessesAccompanied,
    /// People attending a workshop for the first time ("people trained").
    PeopleReached,
    /// Workshops held.
    WorkshopsHeld,
    /// Diagnostics taken.
    Diagnostics,
    /// Accompaniments (not no-shows).
    Accompaniments,
}

impl Indicator {
    /// Every indicator, in the order forms list them.
    pub const ALL: [Indicator; 6] = [
        Indicator::Passports,
        Indicator::BusinessesAccompanied,
        Indicator::PeopleReached,
        Indicator::WorkshopsHeld,
        Indicator::Diagnostics,
        Indicator::Accompaniments,
    ];

    /// Stable identifier (database, forms, API).
    pub fn as_str(self) -> &'static str {
        match self {
            Indicator::Passports => "passports",
            Indicator::BusinessesAccompanied => "businesses_accompanied",
            Indicator::PeopleReached => "people_reached",
            Indicator::WorkshopsHeld => "workshops_held",
            Indicator::Diagnostics => "diagnostics",
            Indicator::Accompaniments => "accompaniments",
        }
    }

    /// Parses the stable identifier.
    pub fn parse(value: &str) -> Option<Indicator> {
        Indicator::ALL.into_iter().find(|i| i.as_str() == value)
    }
}

/// A target as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Internal id.
    pub id: i64,
    /// The territory it is set for (its figures roll up its descendants).
    pub territory_id: i64,
    /// What is counted.
    pub indicator: Indicator,
    /// How many.
    pub value: i64,
    /// Counted from (inclusive).
    pub starts_on: NaiveDate,
    /// By (inclusive).
    pub ends_on: NaiveDate,
}

/// A target to save (checked by the form that produced it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetInput {
    /// What is counted.
    pub indicator: Indicator,
    /// How many.
    pub value: i64,
    /// Counted from (inclusive).
    pub starts_on: NaiveDate,
    /// By (inclusive).
    pub ends_on: NaiveDate,
}
