//! The geometry of the server-rendered bar chart (one bar per axis, and the earlier result's
//! bar beside it when comparing two), so that the template only draws rectangles and text.

use tremplin_domain::learning::diagnostic::{AxisScore, Questionnaire};

/// Width of the drawing (SVG user units); the chart scales to its container.
pub const WIDTH: i64 = 320;
/// Longest bar (100 %).
const BAR_MAX: i64 = 260;
/// Height of one axis's row.
const ROW: i64 = 44;

/// One axis's row.
#[derive(Debug, Clone)]
pub struct ChartRow {
    /// Axis title.
    pub label: String,
    /// Score now.
    pub percent: i64,
    /// Earlier score, when comparing.
    pub before: Option<i64>,
    /// Baseline of the label.
    pub label_y: i64,
    /// Top of the bar.
    pub bar_y: i64,
    /// Length of the bar.
    pub width: i64,
    /// Top and length of the earlier bar.
    pub before_y: i64,
    /// Length of the earlier bar.
    pub before_width: i64,
    /// Where the value is written.
    pub value_x: i64,
}

/// A chart of the axes.
#[derive(Debug, Clone)]
pub struct Chart {
    /// Rows in the questionnaire's order.
    pub rows: Vec<ChartRow>,
    /// Height of the drawing.
    pub height: i64,
    /// X of the band limits (25, 50, 75 %).
    pub bands: [i64; 3],
}

fn length(percent: i64) -> i64 {
    percent.clamp(0, 100) * BAR_MAX / 100
}

/// The title of an axis in a questionnaire (its id when unknown).
pub fn axis_title(questionnaire: &Questionnaire, axis: &str) -> String {
    questionnaire.axis(axis).map_or_else(|| axis.to_owned(), |a| a.title.clone())
}

/// The chart of `scores`, compared with `before` when given.
pub fn chart(questionnaire: &Questionnaire, scores: &[AxisScore], before: Option<&[AxisScore]>) -> Chart {
    let row_height = if before.is_some() { ROW + 12 } else { ROW };
    let rows: Vec<ChartRow> = scores
        .iter()
        .enumerate()
        .map(|(i, score)| {
            let top = i as i64 * row_height;
            let earlier = before.and_then(|b| b.iter().find(|s| s.axis == score.axis)).map(|s| s.percent);
            let bar_y = top + 20;
            ChartRow {
                label: axis_title(questionnaire, &score.axis),
                percent: score.percent,
                before: earlier,
                label_y: top + 14,
                bar_y,
                width: length(score.percent),
                before_y: bar_y + 16,
                before_width: earlier.map_or(0, length),
                value_x: length(score.percent) + 6,
            }
        })
        .collect();
    Chart { height: rows.len() as i64 * row_height + 4, rows, bands: [length(25), length(50), length(75)] }
}
