//! The demo's ecosystem: thirty-nine actors across Angers Loire Métropole and Saumur Val de
//! Loire (project holders, firms, mentors, funders, distributors, associations, training
//! bodies), each held by its own account. Two are fixed for the browser test: the demo member
//! `membre@` is the project holder `alex-membre` (retail, launch; needs mentoring, funding and
//! premises), and the new account `mentor@` is the mentor `claude-mentor` in Avrillé, ranked
//! first for that need. The demo merchant `commerce@` is the firm of its bakery listing.
//! People and firms are fictional; phone numbers are in the range kept for fiction. Loading
//! twice adds nothing.

use tremplin_domain::accounts::{self, AccountRepo};
use tremplin_domain::directory::DirectoryRepo;
use tremplin_domain::ecosystem::{ActorKind, ActorProfile, ActorRepo, Contact, Sector, Stage, Topic};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Clock, Email};
use tremplin_store::Db;

/// Slug of the demo member's profile (membre@demo.tremplin.example).
pub const DEMO_MEMBER_ACTOR_SLUG: &str = "alex-membre";
/// Slug of the demo mentor's profile (mentor@demo.tremplin.example).
pub const DEMO_MENTOR_ACTOR_SLUG: &str = "claude-mentor";
/// The demo mentor's account.
pub const DEMO_MENTOR_EMAIL: &str = "mentor@demo.tremplin.example";

/// A demo actor: account, name, slug, kind, commune, sectors, stages, needs, offers, free
/// words (needs, offers), presentation, website.
struct DemoActor {
    email: &'static str,
    name: &'static str,
    slug: &'static str,
    kind: ActorKind,
    insee: &'static str,
    sectors: &'static [Sector],
    stages: &'static [Stage],
    needs: &'static [Topic],
    offers: &'static [Topic],
    need_words: &'static str,
    offer_words: &'static str,
    presentation: &'static str,
    website: &'static str,
}

use ActorKind::{Association, Distributor, Firm, Funder, Mentor, Project, TrainingBody};
use Sector::{Agriculture, Crafts, Culture, DigitalSector, Food, Health, Industry, Retail, Services, SocialEconomy, Tourism};
use Stage::{Established, Growth, Idea, Launch};
use Topic::{
    Digital, Distribution, FirstCustomers, Funding, LegalAdvice, Marketing, Mentoring, Partnership, Premises, Recruitment, Suppliers,
    TechnicalSkills, Training,
};

/// Shorthand for a demo actor.
#[allow(clippy::too_many_arguments)]
const fn a(
    email: &'static str,
    name: &'static str,
    slug: &'static str,
    kind: ActorKind,
    insee: &'static str,
    sectors: &'static [Sector],
    stages: &'static [Stage],
    needs: &'static [Topic],
    offers: &'static [Topic],
    words: (&'static str, &'static str),
    presentation: &'static str,
    website: &'static str,
) -> DemoActor {
    DemoActor { email, name, slug, kind, insee, sectors, stages, needs, offers, need_words: words.0, offer_words: words.1, presentation, website }
}

const ACTORS: [DemoActor; 38] = [
    a("membre@demo.tremplin.example", "Alex Membre — épicerie vrac", DEMO_MEMBER_ACTOR_SLUG, Project, "49007", &[Retail, Food], &[Launch],
      &[Mentoring, Funding, Premises], &[], ("Un local de 40 à 60 m² près du centre, un prêt d'honneur pour l'agencement.", ""),
      "Épicerie de produits en vrac et locaux ouverte il y a un an sur un marché, je cherche à m'installer en boutique dans Angers.", ""),
    a(DEMO_MENTOR_EMAIL, "Claude Mentor", DEMO_MENTOR_ACTOR_SLUG, Mentor, "49015", &[Retail, Food], &[Idea, Launch],
      &[], &[Mentoring, FirstCustomers], ("", "Trente ans de commerce alimentaire, ancien gérant de supérette ; je connais les fournisseurs locaux."),
      "Commerçant retraité, j'accompagne bénévolement les créateurs de commerces de proximité : plan de trésorerie, choix du local, premiers clients.", ""),
    a("nadia.benali@demo.tremplin.example", "Nadia Benali", "nadia-benali", Mentor, "49007", &[Services, DigitalSector], &[Launch, Growth],
      &[], &[Mentoring, Digital, Marketing], ("", "Ancienne directrice marketing, je relis vos offres et vos sites."),
      "Vingt ans dans le marketing de services, je donne deux heures par mois à un créateur.", ""),
    a("jean-pierre.rousseau@demo.tremplin.example", "Jean-Pierre Rousseau", "jean-pierre-rousseau", Mentor, "49328", &[Industry, Crafts], &[Growth, Established],
      &[], &[Mentoring, TechnicalSkills, Recruitment], ("", "Ancien directeur d'usine : production, sécurité, embauche."),
      "Ingénieur à la retraite, j'aide les artisans et PME du Saumurois à grandir sans se perdre.", ""),
    a("sylvie.marchand@demo.tremplin.example", "Sylvie Marchand", "sylvie-marchand", Mentor, "49246", &[Retail, Tourism], &[Idea],
      &[], &[Mentoring, LegalAdvice], ("", "Expert-comptable honoraire."),
      "J'aide les porteurs d'idée à vérifier que leur projet tient debout avant de se lancer.", ""),
    a("thomas.girard@demo.tremplin.example", "Thomas Girard", "thomas-girard", Mentor, "49353", &[DigitalSector, Services], &[Idea, Launch, Growth],
      &[], &[Mentoring, TechnicalSkills, Digital], ("", "Développeur et fondateur de deux start-up angevines."),
      "Je parraine les projets numériques : prototype, premiers utilisateurs, levée de fonds.", ""),
    a("initiative.anjou@demo.tremplin.example", "Initiative Anjou Loire", "initiative-anjou-loire", Funder, "49007", &[Retail, Food, Crafts, Services], &[Idea, Launch],
      &[], &[Funding], ("", "Prêts d'honneur à taux zéro de 3 000 à 30 000 €, avec un parrain ou une marraine."),
      "Association de financement des créateurs : prêt d'honneur sans garantie, et un parrainage pendant trois ans.", "https://initiative-anjou.example"),
    a("banque.territoires@demo.tremplin.example", "Crédit Coopératif de Loire", "credit-cooperatif-de-loire", Funder, "49007", &[SocialEconomy, Retail, Services], &[Launch, Growth],
      &[], &[Funding], ("", "Prêts professionnels, microcrédit avec garantie publique."),
      "Banque coopérative : nous finançons les commerces et les entreprises de l'économie sociale du territoire.", ""),
    a("angels.anjou@demo.tremplin.example", "Anjou Business Angels", "anjou-business-angels", Funder, "49020", &[DigitalSector, Industry, Health], &[Launch, Growth],
      &[], &[Funding, Mentoring, Partnership], ("", "Tickets de 50 000 à 300 000 €, entrée au capital."),
      "Quarante dirigeants qui investissent ensemble dans les jeunes entreprises innovantes de l'Anjou.", ""),
    a("fonds.saumurois@demo.tremplin.example", "Fonds Saumurois d'Amorçage", "fonds-saumurois", Funder, "49328", &[Agriculture, Tourism, Food], &[Idea, Launch],
      &[], &[Funding], ("", "Avances remboursables pour les projets agricoles et touristiques."),
      "Fonds local soutenu par la communauté d'agglomération pour les projets du Saumurois.", ""),
    a("halles.angers@demo.tremplin.example", "Les Halles Gourmandes", "halles-gourmandes", Distributor, "49007", &[Food, Agriculture], &[Launch, Growth, Established],
      &[], &[Distribution, FirstCustomers], ("", "Étals à la semaine pour les producteurs et artisans de bouche."),
      "Marché couvert au centre d'Angers : nous louons des étals à l'essai aux nouveaux producteurs.", ""),
    a("panier.local@demo.tremplin.example", "Le Panier Local", "panier-local", Distributor, "49267", &[Food, Agriculture, Crafts], &[Launch, Growth],
      &[Suppliers], &[Distribution, Digital], ("De nouveaux producteurs de légumes et de fromages.", "Vente en ligne et retrait en points relais."),
      "Plateforme coopérative de vente de produits locaux, livrée chaque semaine dans vingt points relais.", "https://panier-local.example"),
    a("concept.store@demo.tremplin.example", "Atelier & Comptoir", "atelier-comptoir", Distributor, "49328", &[Crafts, Culture, Retail], &[Launch, Growth],
      &[], &[Distribution, Marketing], ("", "Dépôt-vente pour les créateurs, vitrine au centre de Saumur."),
      "Boutique de créateurs : nous vendons le travail de trente artisans d'art du Saumurois.", ""),
    a("grossiste.loire@demo.tremplin.example", "Loire Distribution Pro", "loire-distribution-pro", Distributor, "49353", &[Retail, Food], &[Growth, Established],
      &[Partnership], &[Distribution, Suppliers], ("", "Référencement en grandes et moyennes surfaces régionales."),
      "Grossiste régional : nous aidons les marques locales à entrer en rayon.", ""),
    a("boutique.test@demo.tremplin.example", "Boutique à l'essai Saumur", "boutique-essai-saumur", Association, "49328", &[Retail], &[Idea, Launch],
      &[], &[Premises, Mentoring], ("", "Un local commercial à loyer réduit pendant six mois."),
      "Dispositif de la ville et des commerçants : tester son commerce en vrai, accompagné, sans engagement long.", ""),
    a("pepiniere.angers@demo.tremplin.example", "Pépinière d'entreprises Angers Technopole", "pepiniere-angers-technopole", Association, "49020", &[DigitalSector, Industry, Services], &[Idea, Launch],
      &[], &[Premises, Mentoring, Training], ("", "Bureaux et ateliers de 15 à 120 m², salle de réunion, domiciliation."),
      "Pépinière et incubateur : bureaux à loyer progressif et accompagnement pendant quatre ans.", ""),
    a("coworking.doue@demo.tremplin.example", "La Fabrique Douessine", "fabrique-douessine", Association, "49125", &[Crafts, Services, Culture], &[Idea, Launch, Growth],
      &[Funding], &[Premises, Partnership], ("Une subvention pour équiper l'atelier partagé.", "Coworking et atelier partagé avec machines."),
      "Tiers-lieu de Doué-en-Anjou : coworking, atelier de fabrication et café associatif.", ""),
    a("femmes.entrepreneures@demo.tremplin.example", "Réseau Entreprendre au Féminin 49", "entreprendre-au-feminin-49", Association, "49007", &[Services, Health, SocialEconomy], &[Idea, Launch],
      &[], &[Mentoring, Partnership, Training], ("", "Marrainage et ateliers mensuels."),
      "Réseau de cheffes d'entreprise qui accompagnent les créatrices du Maine-et-Loire.", ""),
    a("ess.anjou@demo.tremplin.example", "Pôle ESS Anjou", "pole-ess-anjou", Association, "49246", &[SocialEconomy], &[Idea, Launch, Growth],
      &[], &[LegalAdvice, Mentoring, Funding], ("", "Statuts coopératifs et associatifs, dossiers de subvention."),
      "Nous aidons les projets d'économie sociale et solidaire à choisir leur statut et à trouver leurs financements.", ""),
    a("cma.formation@demo.tremplin.example", "Campus des Métiers d'Anjou", "campus-metiers-anjou", TrainingBody, "49353", &[Crafts, Food], &[Idea, Launch, Growth],
      &[], &[Training, Recruitment], ("", "Apprentis en boulangerie, boucherie, coiffure, mécanique."),
      "Centre de formation d'apprentis : trouvez un apprenti, formez-vous à la gestion d'entreprise.", ""),
    a("num.formation@demo.tremplin.example", "École du Numérique Angevine", "ecole-numerique-angevine", TrainingBody, "49007", &[DigitalSector, Services], &[Launch, Growth],
      &[Partnership], &[Training, Digital, TechnicalSkills], ("Des entreprises qui accueillent des stagiaires.", "Formations courtes : site web, réseaux sociaux, bureautique."),
      "Organisme de formation aux métiers et aux outils du numérique, financements par le CPF.", ""),
    a("gestion.formation@demo.tremplin.example", "Saumur Formation Gestion", "saumur-formation-gestion", TrainingBody, "49328", &[Retail, Services, Tourism], &[Idea, Launch],
      &[], &[Training, LegalAdvice], ("", "Stage de cinq jours pour créer son entreprise."),
      "Formations à la création et à la gestion d'entreprise pour les commerçants et prestataires du Saumurois.", ""),
    a("atelier.bois@demo.tremplin.example", "Menuiserie Lemoine", "menuiserie-lemoine", Firm, "49035", &[Crafts], &[Established],
      &[Recruitment, Digital], &[TechnicalSkills, Premises, Mentoring], ("Un apprenti menuisier, un site pour montrer nos réalisations.", "Un coin d'atelier à partager avec un jeune ébéniste."),
      "Menuiserie familiale depuis 1978 : agencement de boutiques, escaliers, mobilier sur mesure.", ""),
    a("brasserie.loire@demo.tremplin.example", "Brasserie des Ponts", "brasserie-des-ponts", Firm, "49246", &[Food, Industry], &[Growth],
      &[Distribution, Funding, Recruitment], &[FirstCustomers, Partnership], ("Des cavistes et bars pour notre nouvelle gamme.", ""),
      "Brasserie artisanale de 6 salariés, nous ouvrons une deuxième ligne de production.", ""),
    a("informatique.pro@demo.tremplin.example", "Anjou Systèmes", "anjou-systemes", Firm, "49020", &[DigitalSector, Services], &[Established],
      &[Recruitment], &[TechnicalSkills, Digital, FirstCustomers], ("", "Nous sous-traitons à de jeunes studios de développement."),
      "Société de services informatiques : réseaux, sauvegardes et sites pour 300 PME angevines.", ""),
    a("domaine.vin@demo.tremplin.example", "Domaine des Caves Blanches", "domaine-caves-blanches", Firm, "49358", &[Agriculture, Tourism], &[Established],
      &[Digital, Marketing], &[Distribution, Partnership], ("Une boutique en ligne pour nos vins.", "Nos caves pour les événements des jeunes entreprises."),
      "Domaine viticole troglodytique, accueil des visiteurs et vente au caveau.", ""),
    a("hotel.saumur@demo.tremplin.example", "Hôtel du Cadre Noir", "hotel-cadre-noir", Firm, "49328", &[Tourism], &[Established],
      &[Suppliers], &[FirstCustomers, Partnership], ("Des producteurs locaux pour nos petits-déjeuners.", ""),
      "Hôtel de 40 chambres au cœur de Saumur, nous travaillons avec les artisans du territoire.", ""),
    a("cabinet.avocats@demo.tremplin.example", "Cabinet Morel & Associés", "cabinet-morel", Firm, "49007", &[Services], &[Established],
      &[], &[LegalAdvice], ("", "Premier rendez-vous offert aux créateurs : statuts, bail commercial, contrats."),
      "Cabinet d'avocats en droit des affaires.", ""),
    a("agence.com@demo.tremplin.example", "Studio Ardoise", "studio-ardoise", Firm, "49353", &[Culture, DigitalSector], &[Growth],
      &[FirstCustomers], &[Marketing, Digital], ("Des commerces qui veulent une identité visuelle.", ""),
      "Agence de communication de 4 personnes : identité visuelle, sites, réseaux sociaux.", ""),
    a("pharma.start@demo.tremplin.example", "Kinéo Santé", "kineo-sante", Project, "49007", &[Health, DigitalSector], &[Idea],
      &[Funding, Mentoring, TechnicalSkills], &[], ("Un développeur associé, un premier cabinet de kinésithérapie pilote.", ""),
      "Application de suivi des exercices de rééducation entre deux séances de kinésithérapie.", ""),
    a("velo.cargo@demo.tremplin.example", "Cargo Anjou", "cargo-anjou", Project, "49129", &[Services, SocialEconomy], &[Launch],
      &[FirstCustomers, Premises, Funding], &[], ("Des commerçants à livrer à vélo, un local pour garer cinq vélos-cargos.", ""),
      "Livraison du dernier kilomètre à vélo-cargo pour les commerces d'Angers.", ""),
    a("fromagerie@demo.tremplin.example", "Fromagerie de la Vallée", "fromagerie-vallee", Project, "49261", &[Food, Agriculture], &[Launch],
      &[Distribution, Marketing], &[Partnership], ("Des épiceries fines et restaurants pour nos chèvres frais.", ""),
      "Fromagerie fermière créée l'an dernier : fromages de chèvre au lait cru.", ""),
    a("ceramique@demo.tremplin.example", "Terre & Flamme", "terre-et-flamme", Project, "49140", &[Crafts, Culture], &[Idea],
      &[Premises, Distribution, Mentoring], &[], ("Un atelier avec un four, une boutique pour vendre.", ""),
      "Céramiste, je prépare l'ouverture de mon atelier-boutique près de l'abbaye.", ""),
    a("traiteur@demo.tremplin.example", "Saveurs d'Ici Traiteur", "saveurs-d-ici", Project, "49214", &[Food], &[Launch],
      &[FirstCustomers, Suppliers, Recruitment], &[], ("Des entreprises pour nos plateaux-repas.", ""),
      "Traiteur de cuisine locale et de saison, plateaux-repas pour les entreprises.", ""),
    a("recyclerie@demo.tremplin.example", "La Recyclerie du Saumurois", "recyclerie-saumurois", Project, "49215", &[SocialEconomy, Retail], &[Idea],
      &[Premises, Funding, Partnership], &[], ("Un entrepôt de 300 m², des partenaires de collecte.", ""),
      "Projet de ressourcerie avec des emplois en insertion à Montreuil-Bellay.", ""),
    a("appli.tourisme@demo.tremplin.example", "Troglo Tour", "troglo-tour", Project, "49328", &[Tourism, DigitalSector], &[Launch],
      &[Mentoring, Marketing, Partnership], &[], ("Des domaines et sites troglodytiques partenaires.", ""),
      "Application de visites guidées des sites troglodytiques du Saumurois.", ""),
    a("couture@demo.tremplin.example", "Fil d'Anjou", "fil-d-anjou", Project, "49278", &[Crafts, Retail], &[Launch],
      &[Mentoring, Digital, Distribution], &[], ("Une boutique en ligne, des dépôts-ventes.", ""),
      "Atelier de couture de vêtements pour enfants en tissus recyclés.", ""),
    a("maraichage@demo.tremplin.example", "Les Jardins de l'Authion", "jardins-authion", Project, "49307", &[Agriculture, Food], &[Launch],
      &[Distribution, Funding], &[FirstCustomers], ("Des restaurants et cantines pour nos légumes.", ""),
      "Maraîchage biologique sur trois hectares, paniers hebdomadaires.", ""),
];

/// Loads the demo actors, then the merchant's firm profile tied to the demo bakery.
pub async fn load(db: &Db, clock: &dyn Clock) -> anyhow::Result<()> {
    let now = clock.now_ts();
    for (n, demo) in ACTORS.iter().enumerate() {
        let email = Email::parse(demo.email).map_err(|e| anyhow::anyhow!("{}: {e}", demo.email))?;
        // The two accounts the browser test logs in with get the demo password.
        let password = [DEMO_MENTOR_EMAIL, "membre@demo.tremplin.example"].contains(&demo.email).then_some(crate::demo::DEMO_PASSWORD);
        let contact_name = demo.name.split(" — ").next().unwrap_or(demo.name);
        let user = accounts::ensure_user(db, clock, &email, contact_name, password, false)
            .await
            .map_err(|e| anyhow::anyhow!("demo actor {}: {e}", demo.email))?;
        if db.actor_by_user(user.id).await?.is_some() {
            continue;
        }
        let commune = db.commune(demo.insee).await?.ok_or_else(|| anyhow::anyhow!("commune {}", demo.insee))?;
        let territory = db.territory_of_commune(demo.insee).await?.ok_or_else(|| anyhow::anyhow!("territory of {}", demo.insee))?;
        let profile = ActorProfile {
            kind: Some(demo.kind),
            name: demo.name.into(),
            presentation: demo.presentation.into(),
            sectors: demo.sectors.to_vec(),
            stages: demo.stages.to_vec(),
            needs: demo.needs.to_vec(),
            offers: demo.offers.to_vec(),
            need_words: demo.need_words.into(),
            offer_words: demo.offer_words.into(),
            insee: Some(demo.insee.into()),
            latitude: commune.point.map(|p| p.lat),
            longitude: commune.point.map(|p| p.lon),
            listing_id: None,
            website: demo.website.into(),
            contact: Contact { name: contact_name.into(), email: demo.email.into(), phone: format!("02 61 91 00 {:02}", n % 100) },
            visible: true,
        };
        db.create_actor(user.id, territory.id, demo.slug, &profile, now).await?;
    }
    merchant(db, now).await
}

/// The demo merchant's firm: its bakery listing, placed where the listing is.
async fn merchant(db: &Db, now: i64) -> anyhow::Result<()> {
    let (email, name, ..) = crate::demo::DEMO_ACCOUNTS[4];
    let user =
        db.user_by_email(&Email::parse(email).map_err(|e| anyhow::anyhow!("{e}"))?).await?.ok_or_else(|| anyhow::anyhow!("demo merchant"))?;
    if db.actor_by_user(user.id).await?.is_some() {
        return Ok(());
    }
    let bakery = db.listing_by_slug(crate::demo::DEMO_BAKERY_SLUG).await?.ok_or_else(|| anyhow::anyhow!("demo bakery"))?;
    let insee = bakery.insee.clone().unwrap_or_else(|| "49007".into());
    let territory = db.territory_of_commune(&insee).await?.ok_or_else(|| anyhow::anyhow!("territory of {insee}"))?;
    let profile = ActorProfile {
        kind: Some(Firm),
        name: bakery.name.clone(),
        presentation: "Boulangerie artisanale de la Doutre : nous prenons des apprentis, nous mettons en rayon des produits \
                       locaux et nous partageons volontiers nos fournisseurs de farine."
            .into(),
        sectors: vec![Food, Retail],
        stages: vec![Established],
        needs: vec![Digital, Recruitment],
        offers: vec![Distribution, Suppliers, Mentoring],
        need_words: "Une boutique en ligne pour les commandes de gâteaux.".into(),
        offer_words: "Un rayon « produits du coin » près de la caisse.".into(),
        insee: Some(insee),
        latitude: bakery.point.map(|p| p.lat),
        longitude: bakery.point.map(|p| p.lon),
        listing_id: Some(bakery.id),
        website: String::new(),
        contact: Contact { name: name.into(), email: email.into(), phone: "02 61 91 00 99".into() },
        visible: true,
    };
    db.create_actor(user.id, territory.id, "boulangerie-de-la-doutre", &profile, now).await?;
    Ok(())
}
