//! The statistics' counts of diagnostics, aggregated from scores and dates only: no
//! answer, account or commune is read, so anonymous results count without personal data.

use super::AXES;
use super::repo::{DiagnosticCounts, MonthCount};
use super::scoring::AxisScore;
use crate::coaching::slots::local_date;
use std::collections::BTreeMap;

/// What one result contributes: when (Unix seconds), per-axis scores, overall score.
pub type CountedResult = (i64, Vec<AxisScore>, i64);

fn rounded_mean(sum: i64, count: i64) -> i64 {
    if count == 0 { 0 } else { (2 * sum + count) / (2 * count) }
}

/// Diagnostics per month (Europe/Paris) and average scores per axis.
pub fn aggregate(results: &[CountedResult]) -> DiagnosticCounts {
    let mut months: BTreeMap<String, i64> = BTreeMap::new();
    let mut axes: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
    let mut overall = 0;
    for (at, scores, total) in results {
        *months.entry(local_date(*at).format("%Y-%m").to_string()).or_default() += 1;
        overall += total;
        for score in scores {
            if let Some(axis) = AXES.iter().find(|a| **a == score.axis) {
                let entry = axes.entry(axis).or_default();
                entry.0 += score.percent;
                entry.1 += 1;
            }
        }
    }
    DiagnosticCounts {
        total: results.len() as i64,
        by_month: months.into_iter().map(|(month, count)| MonthCount { month, count }).collect(),
        average_axes: AXES
            .iter()
            .filter_map(|axis| axes.get(axis).map(|(sum, n)| AxisScore { axis: (*axis).to_owned(), percent: rounded_mean(*sum, *n) }))
            .collect(),
        average_overall: rounded_mean(overall, results.len() as i64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_paris_month_and_averages_axes() {
        let axis = |p| vec![AxisScore { axis: "presence".into(), percent: p }];
        // 2026-01-31 23:30 UTC is already February in Paris.
        let results = [(1_769_902_200, axis(10), 10), (1_767_268_800, axis(21), 20)];
        let counts = aggregate(&results);
        assert_eq!(counts.by_month, [MonthCount { month: "2026-01".into(), count: 1 }, MonthCount { month: "2026-02".into(), count: 1 }]);
        assert_eq!(counts.average_axes, [AxisScore { axis: "presence".into(), percent: 16 }]);
        assert_eq!((counts.total, counts.average_overall), (2, 15));
    }
}
