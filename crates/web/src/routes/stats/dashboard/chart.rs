//! The geometry of the dashboard's month charts (one bar per month, optionally a horizontal
//! target line), drawn by the server as SVG so that the template only places rectangles.

/// Width of the drawing (SVG user units); it scales to its container.
pub const WIDTH: i64 = 640;
/// Height of the plotting area.
const PLOT: i64 = 160;
/// Left margin (the axis values).
const LEFT: i64 = 48;
/// Top margin.
const TOP: i64 = 12;

/// One month's bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Left.
    pub x: i64,
    /// Top.
    pub y: i64,
    /// Width.
    pub width: i64,
    /// Height.
    pub height: i64,
    /// Short label under the bar (`MM`), or empty when months are too many to label each.
    pub label: String,
    /// Centre of the label.
    pub label_x: i64,
}

/// A horizontal line (a target level).
#[derive(Debug, Clone)]
pub struct Line {
    /// Height on the drawing.
    pub y: i64,
    /// Its value, written beside it.
    pub value: i64,
}

/// A chart.
#[derive(Debug, Clone)]
pub struct Chart {
    /// Identifier (the table it comes with).
    pub id: &'static str,
    /// What it shows, read by screen readers.
    pub label: String,
    /// Bars, months in order.
    pub bars: Vec<Bar>,
    /// Target lines.
    pub lines: Vec<Line>,
    /// The scale's top value, written at the top left.
    pub max: i64,
    /// Height of the drawing.
    pub height: i64,
    /// Baseline.
    pub base: i64,
    /// Right end of the plotting area.
    pub right: i64,
}

/// The chart of `values` (month `YYYY-MM`, value) with `lines` at target levels.
pub fn bars(id: &'static str, label: String, values: &[(String, i64)], lines: &[i64]) -> Chart {
    let top = values.iter().map(|(_, v)| *v).chain(lines.iter().copied()).max().unwrap_or(0).max(1);
    let slot = (WIDTH - LEFT) / i64::try_from(values.len().max(1)).unwrap_or(1);
    let width = (slot * 3 / 4).max(1);
    let base = TOP + PLOT;
    let scale = |v: i64| v.max(0) * PLOT / top;
    // Label every month while they fit, else every third.
    let every = if values.len() <= 12 { 1 } else { 3 };
    let bars = values
        .iter()
        .enumerate()
        .map(|(i, (month, value))| {
            let x = LEFT + i64::try_from(i).unwrap_or(0) * slot + (slot - width) / 2;
            let height = scale(*value);
            Bar {
                x,
                y: base - height,
                width,
                height,
                label: if i % every == 0 { month.get(5..).unwrap_or(month).to_owned() } else { String::new() },
                label_x: x + width / 2,
            }
        })
        .collect();
    Chart {
        id,
        label,
        bars,
        lines: lines.iter().map(|v| Line { y: base - scale(*v), value: *v }).collect(),
        max: top,
        height: base + 20,
        base,
        right: WIDTH,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_highest_value_or_line() {
        let values = vec![("2026-01".to_owned(), 5), ("2026-02".to_owned(), 10)];
        let chart = bars("x", String::new(), &values, &[20]);
        assert_eq!(chart.max, 20);
        assert_eq!((chart.bars[0].height, chart.bars[1].height), (40, 80));
        assert_eq!(chart.lines[0].y, TOP);
        assert_eq!(chart.bars[1].label, "02");
        let empty = bars("x", String::new(), &[("2026-01".to_owned(), 0)], &[]);
        assert_eq!((empty.max, empty.bars[0].height), (1, 0));
    }
}
