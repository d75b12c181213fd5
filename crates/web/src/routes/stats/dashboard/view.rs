//! The dashboard's sections: each table (with its chart, when drawn) built once from the
//! domain's view model, so that the page and every CSV download show the same rows.

use super::chart::{Chart, bars};
use crate::i18n::Tr;
use crate::routes::events::staff::vocabulary_label;
use std::collections::BTreeMap;
use tremplin_domain::learning::diagnostic::platform_questionnaire;
use tremplin_domain::stats::dashboard::{Dashboard, Figure, MonthLine, Split, Unit};
use tremplin_domain::stats::targets::{Forecast, Progress};

/// A table: caption, headers, rows of text (the first cell of a row heads it).
#[derive(Debug, Clone)]
pub struct Table {
    /// Identifier, the `tableau` of its CSV download.
    pub id: &'static str,
    /// Caption.
    pub caption: String,
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<String>>,
}

/// A table, drawn first when it has a chart.
#[derive(Debug, Clone)]
pub struct Block {
    /// The chart.
    pub chart: Option<Chart>,
    /// The table.
    pub table: Table,
}

/// A section of the page.
#[derive(Debug, Clone)]
pub struct Section {
    /// Anchor.
    pub id: &'static str,
    /// Heading.
    pub title: String,
    /// Its tables.
    pub blocks: Vec<Block>,
}

/// Numbers written the local way.
struct Fmt<'a>(&'a Tr);

impl Fmt<'_> {
    fn decimal(&self, value: f64) -> String {
        let text = format!("{value:.1}");
        if self.0.locale == tremplin_kernel::Locale::Fr { text.replace('.', ",") } else { text }
    }

    fn count(&self, value: f64) -> String {
        let rounded = value.round() as i64;
        if rounded < 0 { format!("-{}", self.0.number(-rounded)) } else { self.0.number(rounded) }
    }

    fn value(&self, unit: Unit, value: Option<f64>) -> String {
        match (unit, value) {
            (_, None) => "—".to_owned(),
            (Unit::Count, Some(v)) => self.count(v),
            (Unit::Percent, Some(v)) => format!("{} %", self.decimal(v)),
            (Unit::OutOfFive, Some(v)) => format!("{} / 5", self.decimal(v)),
            (Unit::Hours, Some(v)) => format!("{} h", self.decimal(v)),
        }
    }

    fn change(&self, unit: Unit, change: Option<f64>) -> String {
        let Some(change) = change else { return "—".to_owned() };
        let sign = if change > 0.0 { "+" } else { "" };
        match unit {
            Unit::Count => format!("{sign}{}", self.count(change)),
            Unit::Percent => format!("{sign}{} pts", self.decimal(change)),
            Unit::OutOfFive => format!("{sign}{}", self.decimal(change)),
            Unit::Hours => format!("{sign}{} h", self.decimal(change)),
        }
    }
}

fn headers(tr: &Tr, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| tr.t(&format!("dash-col-{k}"))).collect()
}

fn figures(tr: &Tr, id: &'static str, caption: &str, figures: &[Figure]) -> Table {
    let f = Fmt(tr);
    Table {
        id,
        caption: tr.t(caption),
        headers: headers(tr, &["indicator", "period", "previous", "change"]),
        rows: figures
            .iter()
            .map(|fig| {
                vec![
                    tr.t(&format!("dash-fig-{}", fig.id.replace('_', "-"))),
                    f.value(fig.unit, fig.value),
                    f.value(fig.unit, fig.previous),
                    f.change(fig.unit, fig.change()),
                ]
            })
            .collect(),
    }
}

fn splits(tr: &Tr, id: &'static str, caption: &str, first: &str, unit: Unit, items: &[Split], label: impl Fn(&str) -> String) -> Table {
    let f = Fmt(tr);
    Table {
        id,
        caption: tr.t(caption),
        headers: headers(tr, &[first, "period", "previous", "change"]),
        rows: items
            .iter()
            .map(|s| {
                let change = s.value.zip(s.previous).map(|(a, b)| a - b);
                vec![label(&s.dim), f.value(unit, s.value), f.value(unit, s.previous), f.change(unit, change)]
            })
            .collect(),
    }
}

fn forecast(tr: &Tr, p: &Progress) -> String {
    match p.forecast {
        Forecast::Reached => tr.t("dash-forecast-reached"),
        Forecast::Never => tr.t("dash-forecast-never"),
        Forecast::In(month) if p.late => tr.t1("dash-forecast-late", "month", month.to_string()),
        Forecast::In(month) => month.to_string(),
    }
}

/// The targets table (also on the targets page).
pub fn targets_table(tr: &Tr, targets: &[Progress]) -> Table {
    let f = Fmt(tr);
    Table {
        id: "objectifs",
        caption: tr.t("dash-table-targets"),
        headers: headers(tr, &["indicator", "target", "from", "by", "achieved", "remaining", "needed", "pace", "forecast"]),
        rows: targets
            .iter()
            .map(|p| {
                vec![
                    tr.t(&format!("target-indicator-{}", p.target.indicator.as_str().replace('_', "-"))),
                    tr.number(p.target.value),
                    p.target.starts_on.to_string(),
                    p.target.ends_on.to_string(),
                    tr.number(p.pace.achieved),
                    tr.number(p.pace.remaining),
                    p.pace.per_month.map_or_else(|| tr.t("dash-needed-late"), |n| tr.number(n)),
                    f.decimal(p.current_per_month),
                    forecast(tr, p),
                ]
            })
            .collect(),
    }
}

/// Every section of the dashboard.
/// `coaches` names the coaches listed; `active_coaches` is how many were active in all (the list
/// holds the most active ones only).
pub fn sections(tr: &Tr, d: &Dashboard, coaches: &BTreeMap<i64, String>, active_coaches: usize, with_targets: bool) -> Vec<Section> {
    let f = Fmt(tr);
    let months = |id: &'static str, caption: &str, cols: &[&str], cells: &dyn Fn(&MonthLine) -> Vec<i64>| Table {
        id,
        caption: tr.t(caption),
        headers: headers(tr, cols),
        rows: d
            .months
            .iter()
            .map(|m| {
                std::iter::once(m.month.map(|m| m.to_string()).unwrap_or_default())
                    .chain(cells(m).into_iter().map(|v| tr.number(v)))
                    .collect()
            })
            .collect(),
    };
    let people = months("personnes", "dash-table-people", &["month", "people-new", "people-cumulative"], &|m| {
        vec![m.people_new, m.people_cumulative]
    });
    let workshops =
        months("ateliers", "dash-table-workshops", &["month", "workshops", "seats", "registered", "attended", "no-shows"], &|m| {
            vec![m.workshops_held, m.seats, m.registered, m.attended, m.no_shows]
        });
    let diagnostics = months("diagnostics", "dash-table-diagnostics", &["month", "diagnostics"], &|m| vec![m.diagnostics]);
    let levels: Vec<i64> = d.passport_target_levels.iter().map(|(_, level)| *level).collect();
    let mut passports = months("passeports", "dash-table-passports", &["month", "passports", "passports-cumulative"], &|m| {
        vec![m.passports, m.passports_cumulative]
    });
    if let Some(level) = levels.first() {
        passports.headers.push(tr.t("dash-col-target-level"));
        for row in &mut passports.rows {
            row.push(tr.number(*level));
        }
    }
    let chart = |table: &Table, value: fn(&MonthLine) -> i64, label: &str, lines: &[i64]| {
        let series: Vec<(String, i64)> = d.months.iter().map(|m| (m.month.map(|m| m.to_string()).unwrap_or_default(), value(m))).collect();
        Some(bars(table.id, tr.t(label), &series, lines))
    };
    let questionnaire = platform_questionnaire();
    let coaching_rows = d
        .coaches
        .iter()
        .map(|c| {
            vec![
                coaches.get(&c.coach_id).cloned().unwrap_or_else(|| format!("#{}", c.coach_id)),
                tr.number(c.accompaniments),
                f.value(Unit::Hours, Some(c.minutes as f64 / 60.0)),
            ]
        })
        .collect();
    let cov = &d.coverage;
    let share = |part: i64| f.value(Unit::Percent, cov.share(part));
    let mut results = vec![
        Block { chart: None, table: figures(tr, "resultats", "dash-table-results", &d.results) },
        Block { chart: chart(&diagnostics, |m| m.diagnostics, "dash-chart-diagnostics", &[]), table: diagnostics.clone() },
        Block {
            chart: None,
            table: splits(tr, "axes", "dash-table-axes", "axis", Unit::Percent, &d.axes, |axis| {
                questionnaire.axis(axis).map_or_else(|| axis.to_owned(), |a| a.title.clone())
            }),
        },
        Block {
            chart: None,
            table: splits(tr, "niveaux", "dash-table-levels", "level", Unit::Count, &d.levels, |level| {
                tr.t(&format!("diagnostic-level-{level}"))
            }),
        },
        Block { chart: chart(&passports, |m| m.passports_cumulative, "dash-chart-passports", &levels), table: passports.clone() },
    ];
    if with_targets {
        results.push(Block { chart: None, table: targets_table(tr, &d.targets) });
    }
    vec![
        Section {
            id: "frequentation",
            title: tr.t("dash-section-reach"),
            blocks: vec![
                Block { chart: None, table: figures(tr, "frequentation", "dash-table-reach", &d.reach) },
                Block { chart: chart(&people, |m| m.people_new, "dash-chart-people", &[]), table: people.clone() },
                Block { chart: chart(&workshops, |m| m.workshops_held, "dash-chart-workshops", &[]), table: workshops.clone() },
                Block {
                    chart: None,
                    table: splits(tr, "publics", "dash-table-audiences", "audience", Unit::Count, &d.audiences, |a| {
                        vocabulary_label(tr, "audience", a)
                    }),
                },
            ],
        },
        Section { id: "resultats", title: tr.t("dash-section-results"), blocks: results },
        Section {
            id: "accompagnement",
            title: tr.t("dash-section-coaching"),
            blocks: vec![
                Block { chart: None, table: figures(tr, "accompagnement", "dash-table-coaching", &d.coaching) },
                Block {
                    chart: None,
                    table: Table {
                        id: "conseillers",
                        caption: if active_coaches > d.coaches.len() {
                            tr.args(
                                "dash-table-coaches-top",
                                &[("shown", tr.number(d.coaches.len() as i64)), ("active", tr.number(active_coaches as i64))],
                            )
                        } else {
                            tr.t("dash-table-coaches")
                        },
                        headers: headers(tr, &["coach", "accompaniments", "hours"]),
                        rows: coaching_rows,
                    },
                },
            ],
        },
        Section {
            id: "annuaire",
            title: tr.t("dash-section-directory"),
            blocks: vec![Block {
                chart: None,
                table: Table {
                    id: "annuaire",
                    caption: tr.t("dash-table-directory"),
                    headers: headers(tr, &["indicator", "count", "share"]),
                    rows: vec![
                        vec![tr.t("dash-fig-listings"), tr.number(cov.listings), share(cov.listings)],
                        vec![tr.t("dash-fig-listings-website"), tr.number(cov.with_website), share(cov.with_website)],
                        vec![tr.t("dash-fig-listings-click-collect"), tr.number(cov.click_collect), share(cov.click_collect)],
                        vec![tr.t("dash-fig-listings-online-shop"), tr.number(cov.online_shop), share(cov.online_shop)],
                    ],
                },
            }],
        },
    ]
}
