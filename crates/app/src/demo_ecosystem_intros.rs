//! The demo's introductions, on the actors part A loads: an accepted mentoring relationship
//! with two meetings, a request waiting for `alex-membre`'s answer (so `membre@` has one to
//! answer), a declined one, and an open report for the managers of Angers Loire Métropole.
//! Never `alex-membre` → `claude-mentor`: the browser test makes that request. Missing actors
//! are skipped quietly; loading twice adds nothing.

use tremplin_domain::ecosystem::introductions::{IntroRepo, IntroStatus, Meeting, NewIntroduction, paris_date};
use tremplin_domain::ecosystem::reports::{ReportReason, ReportRepo};
use tremplin_domain::ecosystem::{Actor, ActorFilter, ActorKind, ActorRepo, Topic};
use tremplin_kernel::Clock;
use tremplin_kernel::token::new_public_id;
use tremplin_store::Db;

/// The demo member's actor.
const MEMBER: &str = "alex-membre";
/// The demo mentor's actor, kept free for the browser test.
const MENTOR: &str = "claude-mentor";
const DAY: i64 = 86_400;

/// Writes one introduction from `from` to `to` unless they already have one; returns its id.
async fn introduce(db: &Db, from: &Actor, to: &Actor, need: Topic, message: &str, at: i64) -> anyhow::Result<Option<i64>> {
    let known = db.introductions_of(from.id).await?;
    if known.iter().any(|i| i.side_of(to.id).is_some()) {
        return Ok(None);
    }
    let new = NewIntroduction {
        public_id: new_public_id(),
        requester_id: from.id,
        recipient_id: to.id,
        need,
        message: message.to_owned(),
        created_at: at,
    };
    if db.create_introduction(&new, None).await?.is_err() {
        return Ok(None);
    }
    Ok(db.introduction(&new.public_id).await?.map(|i| i.id))
}

/// Loads the introductions and the report.
pub async fn load(db: &Db, clock: &dyn Clock) -> anyhow::Result<()> {
    let now = clock.now_ts();
    let actors = db.find_actors(&ActorFilter { active_only: true, ..ActorFilter::default() }).await?;
    let others: Vec<&Actor> = actors.iter().filter(|a| a.slug != MEMBER && a.slug != MENTOR).collect();
    let mentor = others.iter().find(|a| a.kind == ActorKind::Mentor && a.offers.contains(&Topic::Mentoring)).copied();
    let project = others.iter().find(|a| a.kind == ActorKind::Project).copied();
    // An accepted mentoring relationship with two meetings.
    if let (Some(mentor), Some(project)) = (mentor, project) {
        let message = "Je reprends une boutique de centre-ville et j'aimerais un regard extérieur sur mon plan de relance.";
        if let Some(id) = introduce(db, project, mentor, Topic::Mentoring, message, now - 40 * DAY).await? {
            let answer = "Avec plaisir : retrouvons-nous à la Maison de l'économie numérique.";
            db.close_introduction(id, IntroStatus::Accepted, answer, true, now - 38 * DAY, None).await?;
            for (days_ago, minutes, summary, next) in [
                (
                    30,
                    60,
                    "Tour du magasin et des chiffres de l'an dernier ; la clientèle du midi est à reconquérir.",
                    "Tester une offre déjeuner",
                ),
                (
                    9,
                    45,
                    "L'offre déjeuner démarre bien ; on prépare la fiche sur les cartes en ligne.",
                    "Mettre à jour les horaires en ligne",
                ),
            ] {
                let meeting = Meeting {
                    id: 0,
                    author_id: mentor.id,
                    met_on: paris_date(now - days_ago * DAY),
                    minutes,
                    summary: summary.into(),
                    next_steps: next.into(),
                    created_at: now - days_ago * DAY,
                };
                db.add_meeting(id, &meeting).await?;
            }
        }
    }
    let member = actors.iter().find(|a| a.slug == MEMBER);
    // A request waiting for the member's answer.
    let asker = others.iter().find(|a| Some(a.id) != mentor.map(|m| m.id) && Some(a.id) != project.map(|p| p.id)).copied();
    if let (Some(member), Some(asker)) = (member, asker) {
        let need = member.offers.first().copied().unwrap_or(Topic::FirstCustomers);
        let message = "Nous cherchons des commerces du centre d'Angers pour tester nos paniers de producteurs : seriez-vous partant ?";
        introduce(db, asker, member, need, message, now - DAY).await?;
        // An open report on that actor, for the managers of its territory.
        let reason = "Plusieurs messages identiques reçus en une journée.";
        let _ = db.create_report(asker.id, member.user_id, ReportReason::Spam, reason, now - DAY / 2).await?;
    }
    // A declined request.
    let funder = others.iter().find(|a| a.offers.contains(&Topic::Funding)).copied();
    if let (Some(project), Some(funder)) = (project, funder)
        && project.id != funder.id
    {
        let message = "Nous voulons financer un second point de vente et cherchons un prêt d'honneur.";
        if let Some(id) = introduce(db, project, funder, Topic::Funding, message, now - 12 * DAY).await? {
            let answer = "Votre projet sort de notre zone ; voyez l'antenne de Saumur.";
            db.close_introduction(id, IntroStatus::Declined, answer, false, now - 10 * DAY, None).await?;
        }
    }
    Ok(())
}
