//! Demo diagnostics: a few dozen results spread over the demo territories and the last
//! months (anonymous, as most takers are), and two results of the demo merchant, four months
//! apart, that show progress on `/diagnostic/historique`.

use tremplin_domain::learning::diagnostic::{Answers, DiagnosticRepo, NewDiagnostic, score};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Clock, Email};
use tremplin_store::Db;

/// Communes of the demo takers (Angers, Trélazé, Saumur, Cholet).
const COMMUNES: [&str; 4] = ["49007", "49353", "49328", "49099"];
/// Anonymous results.
const ANONYMOUS: usize = 36;

/// Answers whose level grows with `skill` (0 to 9), varied by `seed`.
fn answers_for(questionnaire: &tremplin_domain::learning::diagnostic::Questionnaire, skill: usize, seed: usize) -> Answers {
    questionnaire
        .questions()
        .enumerate()
        .map(|(i, (_, q))| {
            let spread = (seed * 7 + i * 3) % 3;
            let pick = ((skill + spread) * q.answers.len() / 12).min(q.answers.len() - 1);
            (q.id.clone(), q.answers[pick].id.clone())
        })
        .collect()
}

async fn store(db: &Db, commune: &str, user_id: Option<i64>, answers: Answers, at: i64, public_id: String) -> anyhow::Result<()> {
    let territory_id = db.territory_of_commune(commune).await?.map(|t| t.id);
    let questionnaire = db.questionnaire_for(territory_id).await?;
    let scored = score(&questionnaire.content, &answers);
    let new = NewDiagnostic {
        public_id,
        questionnaire_id: questionnaire.id,
        territory_id,
        insee: Some(commune.to_owned()),
        audience: "business".into(),
        user_id,
        answers,
        axis_scores: scored.axes,
        overall: scored.overall,
        level: scored.level,
        created_at: at,
    };
    db.save_diagnostic(&new).await?;
    Ok(())
}

/// Loads the demo diagnostics once (skipped when the merchant already has results).
pub async fn load(db: &Db, clock: &dyn Clock, merchant_email: &str) -> anyhow::Result<()> {
    let merchant =
        tremplin_domain::accounts::AccountRepo::user_by_email(db, &Email::parse(merchant_email).map_err(|e| anyhow::anyhow!("{e}"))?)
            .await?
            .ok_or_else(|| anyhow::anyhow!("demo merchant"))?;
    if !db.diagnostics_of_user(merchant.id).await?.is_empty() {
        return Ok(());
    }
    let now = clock.now_ts();
    let platform = db.questionnaire_for(None).await?.content;
    for n in 0..ANONYMOUS {
        let at = now - (n as i64 % 6) * 30 * 86_400 - n as i64 * 3_600;
        let answers = answers_for(&platform, n % 10, n);
        store(db, COMMUNES[n % COMMUNES.len()], None, answers, at, format!("demo-diagnostic-{n:02}")).await?;
    }
    store(db, "49007", Some(merchant.id), answers_for(&platform, 1, 0), now - 120 * 86_400, "demo-diagnostic-commerce-1".into()).await?;
    store(db, "49007", Some(merchant.id), answers_for(&platform, 6, 0), now - 2 * 86_400, "demo-diagnostic-commerce-2".into()).await?;
    Ok(())
}
