//! The evidence each source leaves: what it says on the passport and what makes it unique.
//! Narratives are in French, as the passport is.

use super::model::{CompletionSource, Evidence, NewCompletion};
use crate::coaching::slots::local_date;
use std::collections::BTreeMap;

const MONTHS: [&str; 12] =
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/// "12 mars 2026", the local (Europe/Paris) day of an instant.
pub fn french_date(at: i64) -> String {
    use chrono::Datelike;
    let day = local_date(at);
    let month = MONTHS.get(day.month0() as usize).copied().unwrap_or_default();
    format!("{} {month} {}", day.day(), day.year())
}

/// A workshop attended (checked in at the door): one completion per module the session covers.
pub fn workshop_completions(modules: &[String], title: &str, starts_at: i64, registration_public_id: &str, now: i64) -> Vec<NewCompletion> {
    let facts = BTreeMap::from([("event".to_owned(), title.to_owned()), ("date".to_owned(), local_date(starts_at).to_string())]);
    modules
        .iter()
        .map(|slug| NewCompletion {
            module_slug: slug.clone(),
            source: CompletionSource::Workshop,
            evidence: Evidence {
                source_ref: format!("registration:{registration_public_id}"),
                narrative: format!("Atelier « {title} » du {}", french_date(starts_at)),
                facts: facts.clone(),
            },
            completed_at: now,
        })
        .collect()
}

/// A coach's validation in an accompaniment record.
pub fn coach_completions(modules: &[String], coach: &str, occurred_at: i64, accompaniment_public_id: &str) -> Vec<NewCompletion> {
    modules
        .iter()
        .map(|slug| NewCompletion {
            module_slug: slug.clone(),
            source: CompletionSource::Coach,
            evidence: Evidence {
                source_ref: format!("accompaniment:{accompaniment_public_id}"),
                narrative: format!("Validé par {coach} le {}", french_date(occurred_at)),
                facts: BTreeMap::from([("coach".to_owned(), coach.to_owned())]),
            },
            completed_at: occurred_at,
        })
        .collect()
}

/// A module's quiz passed. The first pass is the proof: passing again records nothing new.
pub fn quiz_completion(slug: &str, right: usize, total: usize, now: i64) -> NewCompletion {
    NewCompletion {
        module_slug: slug.to_owned(),
        source: CompletionSource::Quiz,
        evidence: Evidence {
            source_ref: "quiz".to_owned(),
            narrative: format!("Quiz réussi ({right}/{total}) le {}", french_date(now)),
            facts: BTreeMap::from([("score".to_owned(), format!("{right}/{total}"))]),
        },
        completed_at: now,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narratives_name_the_source_and_the_local_day() {
        // 2026-03-12 23:30 UTC is already the 13th in Paris.
        let at = 1_773_358_200;
        assert_eq!(french_date(at), "13 mars 2026");
        let done = workshop_completions(&["a".into(), "b".into()], "Créer son site", at, "R1", at);
        assert_eq!(done.len(), 2);
        assert_eq!(done[0].evidence.narrative, "Atelier « Créer son site » du 13 mars 2026");
        assert_eq!(done[1].evidence.source_ref, "registration:R1");
        let coach = coach_completions(&["a".into()], "Lina", at, "A1");
        assert_eq!(coach[0].evidence.narrative, "Validé par Lina le 13 mars 2026");
        assert_eq!(quiz_completion("a", 4, 5, at).evidence.facts["score"], "4/5");
    }
}
