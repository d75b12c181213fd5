//! Demo passports of Angers: the demo merchant holds one (name and modules shown on its
//! verification page, signed by a key since retired, to show that rotation keeps it valid),
//! a resident holds one with nothing shown, and a third was revoked. Where the demo already
//! has passports (the modules part creates some), those are left as they are.
//! Holders who already hold one are skipped.

use tremplin_domain::coaching::Booker;
use tremplin_domain::learning::credentials::{CredentialRepo, NewKey, Revocation};
use tremplin_domain::learning::{CompletionSource, Evidence, HolderRef, LearningRepo, NewCompletion};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Clock, Email, Locale};
use tremplin_store::Db;

const DAY: i64 = 86_400;

struct DemoHolder {
    name: &'static str,
    email: &'static str,
    business: &'static str,
    /// How the modules were completed, and how many days ago the path was finished.
    source: CompletionSource,
    days_ago: i64,
    show: bool,
    revoked: Option<&'static str>,
}

const HOLDERS: [DemoHolder; 3] = [
    DemoHolder {
        name: "Boulangerie de la Doutre",
        email: "commerce@demo.tremplin.example",
        business: "Boulangerie de la Doutre",
        source: CompletionSource::Workshop,
        days_ago: 40,
        show: true,
        revoked: None,
    },
    DemoHolder {
        name: "Inès Moreau",
        email: "ines.moreau@demo.tremplin.example",
        business: "",
        source: CompletionSource::Quiz,
        days_ago: 12,
        show: false,
        revoked: None,
    },
    DemoHolder {
        name: "Marc Texier",
        email: "marc.texier@demo.tremplin.example",
        business: "Texier Plomberie",
        source: CompletionSource::Coach,
        days_ago: 25,
        show: true,
        revoked: Some("Passeport délivré deux fois par erreur : un autre reste valide."),
    },
];

fn new_key() -> NewKey {
    let seed: [u8; 32] = rand::random();
    let material = tremplin_credentials::KeyMaterial::from_seed(seed);
    NewKey { kid: material.kid, public_key: material.public_key, private_key: material.private_key }
}

fn narrative(source: CompletionSource, title: &str) -> String {
    match source {
        CompletionSource::Workshop => format!("Atelier « {title} » suivi à Angers"),
        CompletionSource::Coach => format!("Validé par Camille Conseil en accompagnement ({title})"),
        CompletionSource::Quiz => format!("Quiz « {title} » réussi"),
    }
}

/// Adds the demo passports (once per holder).
pub async fn load(db: &Db, clock: &dyn Clock) -> anyhow::Result<()> {
    let angers = db.territory_by_slug("angers").await?.ok_or_else(|| anyhow::anyhow!("territory angers"))?;
    let path = db.passport_path(angers.id).await?;
    let now = clock.now_ts();
    let mut first_key = None;
    for holder in &HOLDERS {
        // A holder who already has one (from the modules part's demo, or an earlier run) keeps
        // it, with what they chose to show.
        if let Some(existing) = db.passport_of_email(holder.email).await? {
            db.set_consent(existing.id, holder.show, holder.show).await?;
            continue;
        }
        let person = Booker {
            name: holder.name.into(),
            email: Some(Email::parse(holder.email).map_err(|e| anyhow::anyhow!("{}: {e}", holder.email))?),
            phone: None,
            business: holder.business.into(),
            locale: Locale::Fr,
        };
        let finished = now - holder.days_ago * DAY;
        let mut completions = Vec::new();
        for (n, slug) in path.modules.iter().enumerate() {
            let title = db.module_by_slug(slug).await?.map(|m| m.title).unwrap_or_else(|| slug.clone());
            completions.push(NewCompletion {
                module_slug: slug.clone(),
                source: holder.source,
                evidence: Evidence {
                    source_ref: format!("demo:{slug}"),
                    narrative: narrative(holder.source, &title),
                    facts: Default::default(),
                },
                completed_at: finished - (path.modules.len() - 1 - n) as i64 * 7 * DAY,
            });
        }
        let outcome = db.record_completions(&HolderRef::Person { territory_id: angers.id, person }, &completions, finished).await?;
        let Some(passport) = outcome.issued else { continue };
        db.set_consent(passport.id, holder.show, holder.show).await?;
        if first_key.is_none() {
            // The first demo passport is signed by Angers' first key, retired below.
            let key = db.active_key_or_insert(angers.id, &new_key(), finished).await?;
            db.assign_key(passport.id, &key.kid).await?;
            first_key = Some(key);
        }
        if let Some(reason) = holder.revoked {
            db.revoke(passport.id, &Revocation { reason: reason.into(), by: None, at: now - 2 * DAY }).await?;
        }
    }
    if first_key.is_some() {
        db.rotate_key(angers.id, &new_key(), now - DAY).await?;
    }
    Ok(())
}
