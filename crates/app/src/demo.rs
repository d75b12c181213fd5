//! The demo territory: the real communes of Maine-et-Loire, Angers Loire Métropole and
//! Saumur Val de Loire, the city of Angers, and one account per role. Loading it twice
//! changes nothing.

use tremplin_domain::accounts::{self, AccountRepo};
use tremplin_domain::territories::{NewTerritory, TerritoryKind, TerritoryRepo};
use tremplin_kernel::{Clock, Email, Role};
use tremplin_store::Db;

/// Password of every demo account.
pub const DEMO_PASSWORD: &str = "demo-tremplin-2026";

/// The demo accounts: e-mail, display name, role, territory slug.
pub const DEMO_ACCOUNTS: [(&str, &str, Role, &str); 6] = [
    ("admin@demo.tremplin.example", "Admin Maine-et-Loire", Role::Admin, "maine-et-loire"),
    ("gestion@demo.tremplin.example", "Gestionnaire ALM", Role::Manager, "angers-loire-metropole"),
    ("conseil@demo.tremplin.example", "Camille Conseil", Role::Coach, "angers-loire-metropole"),
    ("formation@demo.tremplin.example", "Dominique Formation", Role::Trainer, "angers-loire-metropole"),
    ("commerce@demo.tremplin.example", "Boulangerie de la Doutre", Role::Merchant, "angers"),
    ("membre@demo.tremplin.example", "Alex Membre", Role::Member, "angers"),
];

async fn epci(db: &Db, siren: &str, slug: &str, parent: &str) -> anyhow::Result<NewTerritory> {
    let (name, communes) = db.epci_communes(siren).await?.ok_or_else(|| anyhow::anyhow!("EPCI {siren} missing from the reference data"))?;
    Ok(NewTerritory {
        slug: slug.into(),
        name: name.replacen("CU ", "", 1).replacen("CA ", "", 1),
        kind: TerritoryKind::Epci,
        parent_slug: Some(parent.into()),
        communes,
    })
}

/// Loads (or refreshes) the demo territory and accounts.
pub async fn load(db: &Db, clock: &dyn Clock) -> anyhow::Result<()> {
    let department = NewTerritory {
        slug: "maine-et-loire".into(),
        name: "Maine-et-Loire".into(),
        kind: TerritoryKind::Department,
        parent_slug: None,
        communes: db.department_communes("49").await?,
    };
    let territories = [
        department,
        epci(db, "244900015", "angers-loire-metropole", "maine-et-loire").await?,
        epci(db, "200071876", "saumur-val-de-loire", "maine-et-loire").await?,
        NewTerritory {
            slug: "angers".into(),
            name: "Angers".into(),
            kind: TerritoryKind::Commune,
            parent_slug: Some("angers-loire-metropole".into()),
            communes: vec!["49007".into()],
        },
    ];
    for territory in &territories {
        db.upsert_territory(territory).await?;
    }
    for (email, name, role, slug) in DEMO_ACCOUNTS {
        let email = Email::parse(email).map_err(|e| anyhow::anyhow!("{email}: {e}"))?;
        let user = accounts::ensure_user(db, clock, &email, name, Some(DEMO_PASSWORD), false)
            .await
            .map_err(|e| anyhow::anyhow!("demo account {email}: {e}"))?;
        let territory = db.territory_by_slug(slug).await?.ok_or_else(|| anyhow::anyhow!("territory {slug}"))?;
        db.grant_role(user.id, territory.id, role, None, clock.now_ts()).await?;
    }
    db.analyze().await?;
    Ok(())
}
