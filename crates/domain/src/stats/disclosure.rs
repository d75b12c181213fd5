//! What the public may see of the statistics: small counts of people are hidden so that nobody
//! can be re-identified (statistical disclosure control).
//!
//! - A count of people (`Metric::counts_people`) from 1 to 4 is **suppressed**. Zero is
//!   published: it says that nobody did something, which reveals nothing about any one person,
//!   and hiding it would make every empty month look like a secret.
//! - **Complementary suppression**: within a month, a total and its parts (registered =
//!   attended + no-shows; diagnostics = Σ by level; attended ⊇ Σ by audience; passports issued =
//!   valid + revoked) form one equation. When exactly one of its cells is hidden, the others
//!   would give it away, so the smallest other part that is not zero is hidden too (the total
//!   when no part is left). Relations are applied until nothing changes, since a cell may be the
//!   total of one and a part of another.
//! - Per-coach metrics (`coach_*`) are never published: they are a person's activity.
//! - Sums of marks or scores are not published; their **averages** are, when at least 5 people
//!   make them (satisfaction, maturity per axis). Minutes of accompaniment follow the count of
//!   accompaniments: hidden when it is.

use super::{Metric, StatRow};
use std::collections::BTreeMap;

/// Counts of people below this are hidden (the rule used by French public statistics).
pub const THRESHOLD: i64 = 5;

/// A published figure, or the fact that it is hidden.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<T> {
    /// Shown as is.
    Shown(T),
    /// Hidden by the rule.
    Suppressed,
}

impl<T: Copy> Cell<T> {
    /// The value, when shown.
    pub fn value(self) -> Option<T> {
        match self {
            Cell::Shown(v) => Some(v),
            Cell::Suppressed => None,
        }
    }

    /// Whether it is hidden.
    pub fn is_suppressed(self) -> bool {
        matches!(self, Cell::Suppressed)
    }
}

/// Primary suppression of one count.
pub fn count_cell(metric: Metric, value: i64) -> Cell<i64> {
    if metric.counts_people() && (1..THRESHOLD).contains(&value) { Cell::Suppressed } else { Cell::Shown(value) }
}

/// An average over `count` people: shown when they are at least [`THRESHOLD`].
pub fn average_cell(sum: f64, count: i64) -> Option<Cell<f64>> {
    match count {
        0 => None,
        n if n < THRESHOLD => Some(Cell::Suppressed),
        n => Some(Cell::Shown(sum / n as f64)),
    }
}

/// Whether a metric may appear in open data at all (as a count: averages are derived from the
/// sums of marks and scores, which are not shown).
pub fn is_published(metric: Metric) -> bool {
    !matches!(
        metric,
        Metric::CoachAccompaniments
            | Metric::CoachMinutes
            | Metric::SatisfactionPoints
            | Metric::DiagnosticAxisPoints
            | Metric::DiagnosticOverallPoints
    )
}

/// The metrics split by a dimension that open data shows.
pub const SPLITS: [Metric; 2] = [Metric::AttendedByAudience, Metric::DiagnosticsByLevel];

/// What the public sees of one month (or of the stock).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PublicMonth {
    /// Counts not split, by metric (every published metric, zero included).
    pub counts: BTreeMap<Metric, Cell<i64>>,
    /// Valid passports (issued − revoked), a derived count.
    pub passports_valid: Option<Cell<i64>>,
    /// Split counts (audience, maturity level), by metric then dimension.
    pub splits: BTreeMap<Metric, BTreeMap<String, Cell<i64>>>,
    /// Mean satisfaction mark, 1 to 5; none without answers.
    pub satisfaction: Option<Cell<f64>>,
    /// Mean overall maturity score (percent); none without diagnostics.
    pub maturity: Option<Cell<f64>>,
    /// Mean maturity per axis (percent), by axis.
    pub maturity_by_axis: BTreeMap<String, Cell<f64>>,
}

/// One equation between cells: the total and its parts, by position in a flat list.
struct Relation {
    total: usize,
    parts: Vec<usize>,
}

/// Makes sure no relation has exactly one hidden cell, hiding the smallest non-zero part
/// (or the total) as needed, until nothing changes.
fn complete(values: &[i64], cells: &mut [Cell<i64>], relations: &[Relation]) {
    loop {
        let mut changed = false;
        for relation in relations {
            let members = std::iter::once(relation.total).chain(relation.parts.iter().copied());
            let hidden = members.clone().filter(|&i| cells[i].is_suppressed()).count();
            if hidden != 1 {
                continue;
            }
            let next = relation
                .parts
                .iter()
                .copied()
                .filter(|&i| !cells[i].is_suppressed() && values[i] > 0)
                .min_by_key(|&i| (values[i], i))
                .or_else(|| relation.parts.iter().copied().find(|&i| !cells[i].is_suppressed()))
                .unwrap_or(relation.total);
            let next = if cells[next].is_suppressed() { relation.total } else { next };
            if !cells[next].is_suppressed() {
                cells[next] = Cell::Suppressed;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// What the public may see of the rows of one month (all rows given must share it).
pub fn publish(rows: &[StatRow]) -> PublicMonth {
    publish_as(rows, false)
}

/// What the public may see of the stock rows (the directory now).
pub fn publish_stock(rows: &[StatRow]) -> PublicMonth {
    publish_as(rows, true)
}

fn publish_as(rows: &[StatRow], is_stock: bool) -> PublicMonth {
    let mut sums: BTreeMap<(Metric, &str), i64> = BTreeMap::new();
    for row in rows {
        if let Some(metric) = Metric::parse(&row.metric) {
            *sums.entry((metric, row.dim.as_str())).or_default() += row.value;
        }
    }
    let sum = |metric: Metric| sums.get(&(metric, "")).copied().unwrap_or_default();

    // Flat list of every count cell, with its value, so that relations can refer to positions.
    let mut keys: Vec<(Metric, String)> = Vec::new();
    let mut values: Vec<i64> = Vec::new();
    for metric in Metric::ALL {
        if !is_published(metric) || SPLITS.contains(&metric) || metric.is_stock() != is_stock {
            continue;
        }
        keys.push((metric, String::new()));
        values.push(sum(metric));
    }
    for metric in SPLITS {
        for ((m, dim), value) in &sums {
            if *m == metric && !dim.is_empty() {
                keys.push((metric, (*dim).to_owned()));
                values.push(*value);
            }
        }
    }
    // Valid passports, a derived part of the passports issued.
    let valid_at = keys.len();
    keys.push((Metric::PassportsIssued, "valid".to_owned()));
    values.push(sum(Metric::PassportsIssued) - sum(Metric::PassportsRevoked));
    let mut cells: Vec<Cell<i64>> = keys.iter().zip(&values).map(|((m, _), v)| count_cell(*m, *v)).collect();

    let at = |metric: Metric| keys.iter().position(|(m, d)| *m == metric && d.is_empty());
    let dims_of = |metric: Metric| keys.iter().enumerate().filter(move |(_, (m, d))| *m == metric && !d.is_empty()).map(|(i, _)| i);
    let mut relations = Vec::new();
    if !is_stock {
        let flat =
            [(Metric::Registered, vec![Metric::Attended, Metric::NoShows]), (Metric::PassportsIssued, vec![Metric::PassportsRevoked])];
        for (total, parts) in flat {
            let (Some(total), Some(mut parts)) = (at(total), parts.into_iter().map(at).collect::<Option<Vec<_>>>()) else {
                continue;
            };
            if total == at(Metric::PassportsIssued).unwrap_or(usize::MAX) {
                parts.push(valid_at);
            }
            relations.push(Relation { total, parts });
        }
        for (total, split) in [(Metric::Attended, Metric::AttendedByAudience), (Metric::Diagnostics, Metric::DiagnosticsByLevel)] {
            let parts: Vec<usize> = dims_of(split).collect();
            if let (Some(total), false) = (at(total), parts.is_empty()) {
                relations.push(Relation { total, parts });
            }
        }
    }
    complete(&values, &mut cells, &relations);

    let mut public = PublicMonth::default();
    for (i, ((metric, dim), cell)) in keys.into_iter().zip(cells.iter().copied()).enumerate() {
        if i == valid_at {
            if !is_stock {
                public.passports_valid = Some(cell);
            }
        } else if dim.is_empty() {
            public.counts.insert(metric, cell);
        } else {
            public.splits.entry(metric).or_default().insert(dim, cell);
        }
    }
    if is_stock {
        return public;
    }
    // Minutes of accompaniment would tell how long a hidden handful of people were coached.
    if public.counts.get(&Metric::Accompaniments).is_some_and(|c| c.is_suppressed()) {
        public.counts.insert(Metric::AccompanimentMinutes, Cell::Suppressed);
    }
    let responses = sum(Metric::SurveyResponses);
    public.satisfaction = average_cell(sum(Metric::SatisfactionPoints) as f64 / 4.0, responses);
    let diagnostics = sum(Metric::Diagnostics);
    public.maturity = average_cell(sum(Metric::DiagnosticOverallPoints) as f64, diagnostics);
    for ((metric, dim), value) in &sums {
        if *metric == Metric::DiagnosticAxisPoints
            && let Some(cell) = average_cell(*value as f64, diagnostics)
        {
            public.maturity_by_axis.insert((*dim).to_owned(), cell);
        }
    }
    public
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(metric: Metric, dim: &str, value: i64) -> StatRow {
        StatRow { month: "2026-03".into(), metric: metric.as_str().into(), dim: dim.into(), value }
    }

    #[test]
    fn small_counts_of_people_are_hidden_zero_and_five_are_not() {
        let public = publish(&[
            row(Metric::PeopleNew, "", 3),
            row(Metric::BusinessesNew, "", 5),
            row(Metric::WorkshopsHeld, "", 2),
            row(Metric::Seats, "", 4),
        ]);
        assert_eq!(public.counts[&Metric::PeopleNew], Cell::Suppressed);
        assert_eq!(public.counts[&Metric::BusinessesNew], Cell::Shown(5));
        assert_eq!(public.counts[&Metric::Diagnostics], Cell::Shown(0));
        // Workshops and seats are not people.
        assert_eq!(public.counts[&Metric::WorkshopsHeld], Cell::Shown(2));
        assert_eq!(public.counts[&Metric::Seats], Cell::Shown(4));
    }

    #[test]
    fn coaches_and_sums_of_marks_are_never_published() {
        let public = publish(&[
            row(Metric::CoachAccompaniments, "12", 40),
            row(Metric::CoachMinutes, "12", 2400),
            row(Metric::SatisfactionPoints, "", 80),
            row(Metric::SurveyResponses, "", 5),
        ]);
        for metric in [Metric::CoachAccompaniments, Metric::CoachMinutes, Metric::SatisfactionPoints] {
            assert!(!public.counts.contains_key(&metric), "{metric:?}");
            assert!(!public.splits.contains_key(&metric), "{metric:?}");
        }
        assert_eq!(public.satisfaction, Some(Cell::Shown(4.0)));
    }

    #[test]
    fn averages_need_five_people() {
        let public = publish(&[
            row(Metric::SurveyResponses, "", 4),
            row(Metric::SatisfactionPoints, "", 64),
            row(Metric::Diagnostics, "", 6),
            row(Metric::DiagnosticOverallPoints, "", 300),
            row(Metric::DiagnosticAxisPoints, "presence", 360),
            row(Metric::DiagnosticsByLevel, "basic", 6),
        ]);
        assert_eq!(public.satisfaction, Some(Cell::Suppressed));
        assert_eq!(public.maturity, Some(Cell::Shown(50.0)));
        assert_eq!(public.maturity_by_axis["presence"], Cell::Shown(60.0));
        assert_eq!(publish(&[]).satisfaction, None);
    }

    #[test]
    fn one_hidden_part_hides_the_next_smallest() {
        // 3 + 7 + 9 = 19 diagnostics: hiding 3 alone would leave 19 − 7 − 9.
        let public = publish(&[
            row(Metric::Diagnostics, "", 19),
            row(Metric::DiagnosticsByLevel, "basic", 3),
            row(Metric::DiagnosticsByLevel, "average", 7),
            row(Metric::DiagnosticsByLevel, "advanced", 9),
        ]);
        let levels = &public.splits[&Metric::DiagnosticsByLevel];
        assert_eq!(levels["basic"], Cell::Suppressed);
        assert_eq!(levels["average"], Cell::Suppressed);
        assert_eq!(levels["advanced"], Cell::Shown(9));
        assert_eq!(public.counts[&Metric::Diagnostics], Cell::Shown(19));
    }

    #[test]
    fn a_total_is_not_shown_beside_all_but_one_part() {
        // Only one non-zero part, hidden: the total is the part.
        let public = publish(&[row(Metric::Diagnostics, "", 8), row(Metric::DiagnosticsByLevel, "basic", 3)]);
        assert_eq!(public.counts[&Metric::Diagnostics], Cell::Suppressed);
        // Registered 10 = attended 3 + no-shows 7: both parts go.
        let public = publish(&[row(Metric::Registered, "", 10), row(Metric::Attended, "", 3), row(Metric::NoShows, "", 7)]);
        assert_eq!(public.counts[&Metric::Attended], Cell::Suppressed);
        assert_eq!(public.counts[&Metric::NoShows], Cell::Suppressed);
        assert_eq!(public.counts[&Metric::Registered], Cell::Shown(10));
    }

    #[test]
    fn hiding_spreads_along_relations() {
        // Attended 12 is hidden as the complement of 2 no-shows; its audience split must not
        // then give it back (12 = 12 for the public).
        let public = publish(&[
            row(Metric::Registered, "", 14),
            row(Metric::Attended, "", 12),
            row(Metric::NoShows, "", 2),
            row(Metric::AttendedByAudience, "public", 12),
        ]);
        assert_eq!(public.counts[&Metric::NoShows], Cell::Suppressed);
        assert_eq!(public.counts[&Metric::Attended], Cell::Suppressed);
        assert_eq!(public.splits[&Metric::AttendedByAudience]["public"], Cell::Suppressed);
    }

    #[test]
    fn valid_passports_and_minutes_follow_their_counts() {
        let public = publish(&[
            row(Metric::PassportsIssued, "", 9),
            row(Metric::PassportsRevoked, "", 1),
            row(Metric::Accompaniments, "", 2),
            row(Metric::AccompanimentMinutes, "", 90),
        ]);
        assert_eq!(public.counts[&Metric::PassportsRevoked], Cell::Suppressed);
        assert_eq!(public.passports_valid, Some(Cell::Suppressed));
        assert_eq!(public.counts[&Metric::AccompanimentMinutes], Cell::Suppressed);
    }

    #[test]
    fn the_stock_is_public() {
        let stock = publish_stock(&[StatRow { month: "stock".into(), metric: "listings".into(), dim: String::new(), value: 2 }]);
        assert_eq!(stock.counts[&Metric::Listings], Cell::Shown(2));
        assert!(!stock.counts.contains_key(&Metric::PeopleNew));
        assert_eq!(stock.passports_valid, None);
    }
}
