//! What is counted. Each metric is a whole number summed over months and territories; rates
//! and averages are derived from two of them (fill rate = registered / seats, satisfaction =
//! satisfaction_points / (4 × survey_responses), …), so that they roll up exactly.

/// A counted quantity. Rows of a metric with a dimension (`dim`) split it: by audience, axis,
/// maturity level or coach; the others have an empty dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Metric {
    /// Workshops held: not cancelled and ended, in the month they started.
    WorkshopsHeld,
    /// Workshops cancelled, in the month they were to start.
    WorkshopsCancelled,
    /// Seats offered at the workshops held (their capacity).
    Seats,
    /// Confirmed registrations at the workshops held (walk-ins included).
    Registered,
    /// Attendances (checked in) at the workshops held.
    Attended,
    /// Confirmed registrations not checked in at the workshops held.
    NoShows,
    /// Attendances by the audience the workshop was meant for (`dim`: audience id); a
    /// workshop for two audiences counts in both.
    AttendedByAudience,
    /// Answers to the satisfaction survey.
    SurveyResponses,
    /// Sum of the four 1–5 marks of each answer.
    SatisfactionPoints,
    /// People attending a workshop for the first time in this territory (each person counts
    /// once per territory, in the month they first came).
    PeopleNew,
    /// Businesses (beneficiaries of kind business) accompanied for the first time in this
    /// territory, in the month of their first accompaniment that was not a no-show.
    BusinessesNew,
    /// Accompaniment records that were not no-shows.
    Accompaniments,
    /// Accompaniment records marked no-show.
    AccompanimentNoShows,
    /// Minutes of accompaniment.
    AccompanimentMinutes,
    /// Accompaniments per coach (`dim`: coach id).
    CoachAccompaniments,
    /// Minutes per coach (`dim`: coach id).
    CoachMinutes,
    /// Appointments booked and not cancelled, in the month they take place.
    AppointmentsBooked,
    /// Appointments cancelled, in the month they were to take place.
    AppointmentsCancelled,
    /// Diagnostics taken.
    Diagnostics,
    /// Sum of the axis scores (`dim`: axis id); average = points / diagnostics.
    DiagnosticAxisPoints,
    /// Sum of the overall scores.
    DiagnosticOverallPoints,
    /// Diagnostics by maturity level (`dim`: level id).
    DiagnosticsByLevel,
    /// Passports issued in the month (revoked ones included).
    PassportsIssued,
    /// Of those, passports since revoked (counted in the month they were issued).
    PassportsRevoked,
    /// Published listings (stock).
    Listings,
    /// Published listings with a website (stock).
    ListingsWithWebsite,
    /// Published listings offering click & collect (stock).
    ListingsClickCollect,
    /// Published listings with an online shop (stock).
    ListingsOnlineShop,
}

impl Metric {
    /// Every metric.
    pub const ALL: [Metric; 28] = [
        Metric::WorkshopsHeld,
        Metric::WorkshopsCancelled,
        Metric::Seats,
        Metric::Registered,
        Metric::Attended,
        Metric::NoShows,
        Metric::AttendedByAudience,
        Metric::SurveyResponses,
        Metric::SatisfactionPoints,
        Metric::PeopleNew,
        Metric::BusinessesNew,
        Metric::Accompaniments,
        Metric::AccompanimentNoShows,
        Metric::AccompanimentMinutes,
        Metric::CoachAccompaniments,
        Metric::CoachMinutes,
        Metric::AppointmentsBooked,
        Metric::AppointmentsCancelled,
        Metric::Diagnostics,
        Metric::DiagnosticAxisPoints,
        Metric::DiagnosticOverallPoints,
        Metric::DiagnosticsByLevel,
        Metric::PassportsIssued,
        Metric::PassportsRevoked,
        Metric::Listings,
        Metric::ListingsWithWebsite,
        Metric::ListingsClickCollect,
        Metric::ListingsOnlineShop,
    ];

    /// Stable identifier (database, API, CSV).
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::WorkshopsHeld => "workshops_held",
            Metric::WorkshopsCancelled => "workshops_cancelled",
            Metric::Seats => "seats",
            Metric::Registered => "registered",
            Metric::Attended => "attended",
            Metric::NoShows => "no_shows",
            Metric::AttendedByAudience => "attended_by_audience",
            Metric::SurveyResponses => "survey_responses",
            Metric::SatisfactionPoints => "satisfaction_points",
            Metric::PeopleNew => "people_new",
            Metric::BusinessesNew => "businesses_new",
            Metric::Accompaniments => "accompaniments",
            Metric::AccompanimentNoShows => "accompaniment_no_shows",
            Metric::AccompanimentMinutes => "accompaniment_minutes",
            Metric::CoachAccompaniments => "coach_accompaniments",
            Metric::CoachMinutes => "coach_minutes",
            Metric::AppointmentsBooked => "appointments_booked",
            Metric::AppointmentsCancelled => "appointments_cancelled",
            Metric::Diagnostics => "diagnostics",
            Metric::DiagnosticAxisPoints => "diagnostic_axis_points",
            Metric::DiagnosticOverallPoints => "diagnostic_overall_points",
            Metric::DiagnosticsByLevel => "diagnostics_by_level",
            Metric::PassportsIssued => "passports_issued",
            Metric::PassportsRevoked => "passports_revoked",
            Metric::Listings => "listings",
            Metric::ListingsWithWebsite => "listings_with_website",
            Metric::ListingsClickCollect => "listings_click_collect",
            Metric::ListingsOnlineShop => "listings_online_shop",
        }
    }

    /// Parses the stable identifier.
    pub fn parse(value: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.as_str() == value)
    }

    /// Whether the metric counts people, so that open data must hide small values: every
    /// metric but sums of scores, minutes and seats, and the stock of listings (public).
    pub fn counts_people(self) -> bool {
        !matches!(
            self,
            Metric::Seats
                | Metric::SatisfactionPoints
                | Metric::AccompanimentMinutes
                | Metric::CoachMinutes
                | Metric::DiagnosticAxisPoints
                | Metric::DiagnosticOverallPoints
                | Metric::WorkshopsHeld
                | Metric::WorkshopsCancelled
                | Metric::Listings
                | Metric::ListingsWithWebsite
                | Metric::ListingsClickCollect
                | Metric::ListingsOnlineShop
        )
    }

    /// Whether the metric is split by coach (its rows grow with the number of coaches; never
    /// published as open data).
    pub fn is_per_coach(self) -> bool {
        matches!(self, Metric::CoachAccompaniments | Metric::CoachMinutes)
    }

    /// Whether the metric is a stock (month [`super::STOCK`]) rather than a monthly flow.
    pub fn is_stock(self) -> bool {
        matches!(self, Metric::Listings | Metric::ListingsWithWebsite | Metric::ListingsClickCollect | Metric::ListingsOnlineShop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_round_trip_and_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for metric in Metric::ALL {
            assert_eq!(Metric::parse(metric.as_str()), Some(metric));
            assert!(seen.insert(metric.as_str()), "{} twice", metric.as_str());
        }
        assert_eq!(Metric::parse("nope"), None);
    }
}
