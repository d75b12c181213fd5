//! Scoring a diagnostic. Each axis scores the share of its questions' best points earned;
//! the overall score is the mean of the axes (each axis weighs the same, as the EU Digital
//! Maturity Assessment averages its dimensions), and the level uses the DMA's bands so that
//! results can be compared with EU data: 0–25 basic, 26–50 average, 51–75 moderately
//! advanced, 76–100 advanced.

use super::questionnaire::Questionnaire;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Chosen answer id by question id.
pub type Answers = BTreeMap<String, String>;

/// Maturity level (EU DMA bands).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 0–25 %.
    Basic,
    /// 26–50 %.
    Average,
    /// 51–75 %.
    ModeratelyAdvanced,
    /// 76–100 %.
    Advanced,
}

impl Level {
    /// The band of a percentage.
    pub fn of(percent: i64) -> Level {
        match percent {
            i64::MIN..=25 => Level::Basic,
            26..=50 => Level::Average,
            51..=75 => Level::ModeratelyAdvanced,
            _ => Level::Advanced,
        }
    }

    /// Stable identifier (stored, and part of translation keys).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Basic => "basic",
            Level::Average => "average",
            Level::ModeratelyAdvanced => "moderately_advanced",
            Level::Advanced => "advanced",
        }
    }

    /// Reads a stored identifier.
    pub fn parse(value: &str) -> Option<Level> {
        [Level::Basic, Level::Average, Level::ModeratelyAdvanced, Level::Advanced].into_iter().find(|l| l.as_str() == value)
    }
}

/// One axis's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AxisScore {
    /// Axis id.
    pub axis: String,
    /// 0 to 100.
    pub percent: i64,
}

/// A diagnostic's score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    /// Per axis, in the questionnaire's order.
    pub axes: Vec<AxisScore>,
    /// 0 to 100.
    pub overall: i64,
    /// Its band.
    pub level: Level,
}

/// Questions without a valid answer, in the questionnaire's order.
pub fn missing_answers(questionnaire: &Questionnaire, answers: &Answers) -> Vec<String> {
    questionnaire.questions().filter(|(_, q)| answers.get(&q.id).and_then(|a| q.answer(a)).is_none()).map(|(_, q)| q.id.clone()).collect()
}

/// `part / whole` as a rounded percentage (0 when `whole` is 0).
fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 { 0 } else { ((200 * part + whole) / (2 * whole)).clamp(0, 100) }
}

/// Scores complete answers (a question left unanswered earns nothing).
pub fn score(questionnaire: &Questionnaire, answers: &Answers) -> Score {
    let axes: Vec<AxisScore> = questionnaire
        .axes
        .iter()
        .map(|axis| {
            let (earned, best) = axis.questions.iter().fold((0, 0), |(earned, best), q| {
                let chosen = answers.get(&q.id).and_then(|a| q.answer(a)).map_or(0, |a| a.points);
                (earned + chosen, best + q.max_points())
            });
            AxisScore { axis: axis.id.clone(), percent: percent(earned, best) }
        })
        .collect();
    let total: i64 = axes.iter().map(|a| a.percent).sum();
    let overall = if axes.is_empty() { 0 } else { percent(total, 100 * axes.len() as i64) };
    Score { axes, overall, level: Level::of(overall) }
}

/// Axes at 50 % or less, weakest first: the ones the recommendations address.
pub fn weak_axes(axes: &[AxisScore]) -> Vec<&AxisScore> {
    let mut weak: Vec<&AxisScore> = axes.iter().filter(|a| a.percent <= 50).collect();
    weak.sort_by_key(|a| a.percent);
    weak
}

/// An axis compared between two results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AxisProgress {
    /// Axis id.
    pub axis: String,
    /// Earlier score, if that result had the axis.
    pub before: Option<i64>,
    /// Later score.
    pub after: i64,
    /// `after - before`.
    pub delta: Option<i64>,
}

/// Progress per axis from `before` to `after`, in `after`'s order.
pub fn progress(before: &[AxisScore], after: &[AxisScore]) -> Vec<AxisProgress> {
    after
        .iter()
        .map(|a| {
            let earlier = before.iter().find(|b| b.axis == a.axis).map(|b| b.percent);
            AxisProgress { axis: a.axis.clone(), before: earlier, after: a.percent, delta: earlier.map(|b| a.percent - b) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learning::diagnostic::platform_questionnaire;

    fn answers(pick: impl Fn(usize) -> usize) -> Answers {
        platform_questionnaire()
            .questions()
            .map(|(_, q)| {
                let i = pick(q.answers.len()).min(q.answers.len() - 1);
                (q.id.clone(), q.answers[i].id.clone())
            })
            .collect()
    }

    #[test]
    fn bands_follow_the_eu_dma() {
        assert_eq!(
            [0, 25, 26, 50, 51, 75, 76, 100].map(Level::of),
            [
                Level::Basic,
                Level::Basic,
                Level::Average,
                Level::Average,
                Level::ModeratelyAdvanced,
                Level::ModeratelyAdvanced,
                Level::Advanced,
                Level::Advanced
            ]
        );
        assert_eq!(Level::parse("moderately_advanced"), Some(Level::ModeratelyAdvanced));
    }

    #[test]
    fn scores_known_answers() {
        let q = platform_questionnaire();
        let lowest = score(q, &answers(|_| 0));
        assert_eq!((lowest.overall, lowest.level), (0, Level::Basic));
        let best = score(q, &answers(|n| n - 1));
        assert_eq!((best.overall, best.level), (100, Level::Advanced));
        assert!(best.axes.iter().all(|a| a.percent == 100));
        // Presence: "site" second answer (1 of 3), others first (0): 1 / (3 + 2 + 2 + 2) = 11 %.
        let mut some = answers(|_| 0);
        some.insert("site".into(), "page".into());
        let s = score(q, &some);
        assert_eq!(s.axes[0], AxisScore { axis: "presence".into(), percent: 11 });
        assert_eq!(s.overall, 2);
        assert_eq!(weak_axes(&s.axes)[0].axis, "visibility");
    }

    #[test]
    fn names_missing_and_unknown_answers() {
        let q = platform_questionnaire();
        let mut some = answers(|_| 0);
        some.remove("site");
        some.insert("avis".into(), "peut-etre".into());
        assert_eq!(missing_answers(q, &some), ["site", "avis"]);
    }

    #[test]
    fn progress_is_per_axis() {
        let before = [AxisScore { axis: "presence".into(), percent: 20 }];
        let after = [AxisScore { axis: "presence".into(), percent: 55 }, AxisScore { axis: "tools".into(), percent: 10 }];
        let p = progress(&before, &after);
        assert_eq!(p[0].delta, Some(35));
        assert_eq!(p[1].delta, None);
    }
}
