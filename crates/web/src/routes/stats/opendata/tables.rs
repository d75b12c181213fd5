//! The tables of the open statistics, one per theme with one row per month: what the page shows
//! and, cell for cell, what its CSV holds.

use super::Published;
use crate::i18n::Tr;
use tremplin_domain::stats::Metric;
use tremplin_domain::stats::disclosure::{Cell, PublicMonth};
use tremplin_kernel::Locale;

/// What a hidden cell shows, in the page and in the CSV alike.
pub const SUPPRESSED: &str = "< 5";

/// A table of one theme.
#[derive(Debug, Clone)]
pub struct Table {
    /// Theme identifier (`workshops`, `people`, …), for anchors.
    pub id: &'static str,
    /// Title.
    pub title: String,
    /// Column headers after the first (the month).
    pub columns: Vec<String>,
    /// Rows: the month (or "now" for the directory) and the cells, as shown.
    pub rows: Vec<(String, Vec<String>)>,
}

/// One column: its header and how to read its cell from a month.
struct Column {
    header: String,
    read: Box<dyn Fn(&PublicMonth) -> String>,
}

fn count(cell: Option<Cell<i64>>) -> String {
    match cell {
        Some(Cell::Shown(v)) => v.to_string(),
        Some(Cell::Suppressed) => SUPPRESSED.to_owned(),
        None => "0".to_owned(),
    }
}

/// An average, one decimal, the local decimal mark; empty when nobody makes it.
fn average(cell: Option<Cell<f64>>, locale: Locale) -> String {
    match cell {
        Some(Cell::Shown(v)) => {
            let text = format!("{v:.1}");
            if locale == Locale::Fr { text.replace('.', ",") } else { text }
        }
        Some(Cell::Suppressed) => SUPPRESSED.to_owned(),
        None => String::new(),
    }
}

fn metric(tr: &Tr, m: Metric) -> Column {
    Column { header: tr.t(&format!("stats-open-metric-{}", m.as_str())), read: Box::new(move |p| count(p.counts.get(&m).copied())) }
}

/// The dimensions of a split seen in any month, so that every month has the same columns.
fn dims(published: &Published, split: Metric) -> Vec<String> {
    let mut dims: Vec<String> =
        published.months.iter().flat_map(|(_, p)| p.splits.get(&split).into_iter().flat_map(|s| s.keys().cloned())).collect();
    dims.sort();
    dims.dedup();
    dims
}

fn split(tr: &Tr, split: Metric, dim: String, label_key: &str) -> Column {
    let header = tr.t1(&format!("stats-open-metric-{}", split.as_str()), "part", tr.t(&format!("{label_key}{dim}")));
    Column {
        header,
        read: Box::new(move |p| count(Some(p.splits.get(&split).and_then(|s| s.get(&dim)).copied().unwrap_or(Cell::Shown(0))))),
    }
}

fn table(tr: &Tr, id: &'static str, published: &Published, columns: Vec<Column>) -> Table {
    let rows = published.months.iter().map(|(month, p)| (month.to_string(), columns.iter().map(|c| (c.read)(p)).collect())).collect();
    Table { id, title: tr.t(&format!("stats-open-theme-{id}")), columns: columns.into_iter().map(|c| c.header).collect(), rows }
}

/// Every table, in the order of the page.
pub fn tables(tr: &Tr, published: &Published) -> Vec<Table> {
    let locale = tr.locale;
    let workshops = vec![
        metric(tr, Metric::WorkshopsHeld),
        metric(tr, Metric::WorkshopsCancelled),
        metric(tr, Metric::Seats),
        metric(tr, Metric::Registered),
        metric(tr, Metric::Attended),
        metric(tr, Metric::NoShows),
        Column { header: tr.t("stats-open-satisfaction"), read: Box::new(move |p| average(p.satisfaction, locale)) },
    ];
    let mut people = vec![metric(tr, Metric::PeopleNew)];
    people.extend(
        dims(published, Metric::AttendedByAudience).into_iter().map(|d| split(tr, Metric::AttendedByAudience, d, "event-audience-")),
    );
    let coaching = vec![
        metric(tr, Metric::BusinessesNew),
        metric(tr, Metric::Accompaniments),
        metric(tr, Metric::AccompanimentNoShows),
        metric(tr, Metric::AccompanimentMinutes),
        metric(tr, Metric::AppointmentsBooked),
        metric(tr, Metric::AppointmentsCancelled),
    ];
    let mut diagnostics = vec![metric(tr, Metric::Diagnostics)];
    diagnostics.extend(
        dims(published, Metric::DiagnosticsByLevel).into_iter().map(|d| split(tr, Metric::DiagnosticsByLevel, d, "diagnostic-level-")),
    );
    diagnostics.push(Column { header: tr.t("stats-open-maturity"), read: Box::new(move |p| average(p.maturity, locale)) });
    let mut axes: Vec<String> = published.months.iter().flat_map(|(_, p)| p.maturity_by_axis.keys().cloned()).collect();
    axes.sort();
    axes.dedup();
    for axis in axes {
        let header = tr.t1("stats-open-maturity-axis", "axis", tr.t(&format!("stats-open-axis-{axis}")));
        diagnostics.push(Column { header, read: Box::new(move |p| average(p.maturity_by_axis.get(&axis).copied(), locale)) });
    }
    let passports = vec![
        metric(tr, Metric::PassportsIssued),
        metric(tr, Metric::PassportsRevoked),
        Column { header: tr.t("stats-open-passports-valid"), read: Box::new(|p| count(p.passports_valid)) },
    ];
    let directory = [Metric::Listings, Metric::ListingsWithWebsite, Metric::ListingsClickCollect, Metric::ListingsOnlineShop];
    let stock = Table {
        id: "directory",
        title: tr.t("stats-open-theme-directory"),
        columns: directory.iter().map(|m| tr.t(&format!("stats-open-metric-{}", m.as_str()))).collect(),
        rows: vec![(tr.t("stats-open-now"), directory.iter().map(|m| count(published.stock.counts.get(m).copied())).collect())],
    };
    vec![
        table(tr, "workshops", published, workshops),
        table(tr, "people", published, people),
        table(tr, "coaching", published, coaching),
        table(tr, "diagnostics", published, diagnostics),
        table(tr, "passports", published, passports),
        stock,
    ]
}

/// The CSV rows of the tables: a header, then one line per cell (theme, month, indicator,
/// value), so that every theme fits one sheet with the same columns.
pub fn csv_rows(tr: &Tr, territory: &str, tables: &[Table]) -> Vec<Vec<String>> {
    let mut out = vec![vec![
        tr.t("stats-open-csv-territory"),
        tr.t("stats-open-csv-theme"),
        tr.t("stats-open-csv-month"),
        tr.t("stats-open-csv-indicator"),
        tr.t("stats-open-csv-value"),
    ]];
    for table in tables {
        for (month, cells) in &table.rows {
            for (column, cell) in table.columns.iter().zip(cells) {
                out.push(vec![territory.to_owned(), table.title.clone(), month.clone(), column.clone(), cell.clone()]);
            }
        }
    }
    out
}
