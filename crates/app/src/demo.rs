//! The demo territory: the real communes of Maine-et-Loire, Angers Loire Métropole and
//! Saumur Val de Loire, the city of Angers, and one account per role. Loading it twice
//! changes nothing.

use tremplin_domain::accounts::{self, AccountRepo};
use tremplin_domain::directory::generator::{Place, generate};
use tremplin_domain::directory::ownership::OwnershipRepo;
use tremplin_domain::directory::{DirectoryRepo, ListingInput, ListingKind, UpsertOutcome, save_listing};
use tremplin_domain::territories::{NewTerritory, TerritoryKind, TerritoryRepo};
use tremplin_kernel::text::slugify;
use tremplin_kernel::{Clock, Email, GeoPoint, Role};
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

/// Listings generated for the demo by default (besides the real town halls).
pub const DEMO_LISTINGS: usize = 3000;

/// Loads the directory of the demo: the real town halls of the department's communes, and
/// `generated` plausible listings spread over them by population.
pub async fn load_listings(db: &Db, clock: &dyn Clock, communes: &[String], generated: usize) -> anyhow::Result<ListingCounts> {
    let categories = db.categories().await?;
    let label_of = |slug: &str| categories.iter().find(|c| c.slug == slug).map(|c| c.label_fr.clone());
    let communes = db.communes_in(communes).await?;
    let name_of = |insee: &str| communes.iter().find(|c| c.insee == insee).map(|c| c.name.clone());
    let mut counts = ListingCounts::default();
    let codes: Vec<String> = communes.iter().map(|c| c.insee.clone()).collect();
    let now = clock.now_ts();
    for hall in tremplin_store::reference::town_halls(&codes)? {
        let input = ListingInput {
            source: "town_hall".into(),
            source_id: format!("{}-{}", hall.insee, slugify(&hall.name)),
            kind: Some(ListingKind::PublicService),
            name: hall.name,
            description: String::new(),
            address: hall.address,
            postcode: hall.postcode,
            point: hall.latitude.zip(hall.longitude).and_then(|(lat, lon)| GeoPoint::new(lat, lon)),
            insee: Some(hall.insee),
            category: Some(TOWN_HALL_CATEGORY.into()),
            naf_code: Some("84.11Z".into()),
            phone: hall.phone,
            email: hall.email,
            website: hall.website,
            opening_hours: hall.opening_hours,
            ..ListingInput::default()
        };
        let commune = input.insee.as_deref().and_then(name_of);
        counts.add(save_listing(db, &input, label_of(TOWN_HALL_CATEGORY).as_deref(), commune.as_deref(), now).await?);
    }
    let places: Vec<Place> = communes
        .iter()
        .filter_map(|c| {
            Some(Place {
                insee: c.insee.clone(),
                postcode: c.postcodes.first()?.clone(),
                point: c.point?,
                population: c.population.unwrap_or(1),
            })
        })
        .collect();
    for input in generate(&categories, &places, generated, 2026) {
        let category = input.category.as_deref().and_then(label_of);
        let commune = input.insee.as_deref().and_then(name_of);
        counts.add(save_listing(db, &input, category.as_deref(), commune.as_deref(), now).await?);
    }
    Ok(counts)
}

/// What a load did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ListingCounts {
    /// New listings.
    pub created: usize,
    /// Changed listings.
    pub updated: usize,
    /// Listings already up to date.
    pub unchanged: usize,
}

impl ListingCounts {
    fn add(&mut self, outcome: UpsertOutcome) {
        match outcome {
            UpsertOutcome::Created => self.created += 1,
            UpsertOutcome::Updated => self.updated += 1,
            UpsertOutcome::Unchanged => self.unchanged += 1,
        }
    }
}

/// The demo merchant's listing.
pub const DEMO_BAKERY_SLUG: &str = "boulangerie-de-la-doutre-49007";

fn demo_bakery() -> ListingInput {
    ListingInput {
        source: "demo".into(),
        source_id: "boulangerie-de-la-doutre".into(),
        kind: Some(ListingKind::Shop),
        name: "Boulangerie de la Doutre".into(),
        description: "Pain au levain cuit au feu de bois, viennoiseries maison.".into(),
        address: "12 place de la Laiterie".into(),
        postcode: "49100".into(),
        insee: Some("49007".into()),
        point: GeoPoint::new(47.4742, -0.5610),
        category: Some("boulangerie-patisserie".into()),
        naf_code: Some("10.71C".into()),
        phone: "+33241000000".into(),
        email: "contact@boulangerie-doutre.example".into(),
        opening_hours: "Tu-Sa 07:00-13:30,15:30-19:30; Su 07:00-13:00; PH off".into(),
        amenities: vec![tremplin_domain::directory::Amenity::ClickCollect],
        ..ListingInput::default()
    }
}

/// Category of town halls.
const TOWN_HALL_CATEGORY: &str = "mairie-services-publics";

/// Loads (or refreshes) the demo territory, accounts and `listings` generated listings.
pub async fn load(db: &Db, clock: &dyn Clock, listings: usize) -> anyhow::Result<()> {
    let department = NewTerritory {
        slug: "maine-et-loire".into(),
        name: "Maine-et-Loire".into(),
        kind: TerritoryKind::Department,
        parent_slug: None,
        communes: db.department_communes("49").await?,
    };
    let department_communes = department.communes.clone();
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
    let counts = load_listings(db, clock, &department_communes, listings).await?;
    // The demo merchant owns a bakery of Angers, to show the owner's side.
    let merchant = db
        .user_by_email(&Email::parse(DEMO_ACCOUNTS[4].0).map_err(|e| anyhow::anyhow!("{e}"))?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo merchant"))?;
    save_listing(db, &demo_bakery(), Some("Boulangerie, pâtisserie"), Some("Angers"), clock.now_ts()).await?;
    let bakery = db.listing_by_slug(DEMO_BAKERY_SLUG).await?.ok_or_else(|| anyhow::anyhow!("demo bakery"))?;
    db.add_owner(bakery.id, merchant.id, clock.now_ts()).await?;
    let trainer = db
        .user_by_email(&Email::parse(DEMO_ACCOUNTS[3].0).map_err(|e| anyhow::anyhow!("{e}"))?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo trainer"))?;
    crate::demo_events::load(db, clock, trainer.id).await?;
    crate::demo_coaching::load(db, clock).await?;
    crate::demo_diagnostic::load(db, clock, DEMO_ACCOUNTS[4].0).await?;
    crate::demo_learning::load(db, clock).await?;
    crate::demo_passport::load(db, clock).await?;
    crate::demo_ecosystem_actors::load(db, clock).await?;
    crate::demo_ecosystem_intros::load(db, clock).await?;
    crate::demo_ecosystem_offers::load(db, clock).await?;
    // Eighteen months of history and a target, for a living dashboard and open statistics.
    let admin = db
        .user_by_email(&Email::parse(DEMO_ACCOUNTS[0].0).map_err(|e| anyhow::anyhow!("{e}"))?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo admin"))?;
    crate::demo_stats::load(db, clock, admin.id).await?;
    tracing::info!(created = counts.created, updated = counts.updated, unchanged = counts.unchanged, "demo listings");
    db.analyze().await?;
    Ok(())
}
