//! The demo's partner offers: two dozen current offers of fictional local providers and
//! associations over every category of need, for Maine-et-Loire and Angers Loire Métropole —
//! free software (WordPress, PrestaShop, Dolibarr, Nextcloud, Matomo …) installed or hosted by
//! local associations of the CHATONS kind, free tiers of proprietary tools and preferential
//! rates — each saying plainly what data its provider receives. Besides: one offer that ended,
//! two awaiting the review of `gestion@demo.tremplin.example` and one rejected. Dates follow
//! the clock; an offer whose slug exists is left as it is, so loading twice adds nothing.

use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::ecosystem::offers::{OfferDraft, OfferRepo, paris_today};
use tremplin_domain::ecosystem::{OfferCategory, Pricing};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Clock, Email};
use tremplin_store::Db;

/// Where a demo offer stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stand {
    /// Approved and current until `days` from today.
    Current,
    /// Approved, ended `days` ago.
    Ended,
    /// Awaiting review.
    Submitted,
    /// Rejected with the note.
    Rejected(&'static str),
}

/// A demo offer: slug, territory slug, provider, title, category, description, pricing, price
/// terms, conditions, data shared, licence (empty: not open source), days to its end, status.
struct DemoOffer {
    slug: &'static str,
    territory: &'static str,
    provider: &'static str,
    title: &'static str,
    category: OfferCategory,
    description: &'static str,
    pricing: Pricing,
    price_terms: &'static str,
    conditions: &'static str,
    data_shared: &'static str,
    licence: &'static str,
    days: i64,
    stand: Stand,
}

const ALM: &str = "angers-loire-metropole";
const DEP: &str = "maine-et-loire";

use OfferCategory::{Accounting, Booking, Marketing, Office, OnlineShop, Payment, Security, Training, Website};
use Pricing::{Free, Preferential};
use Stand::{Current, Ended, Rejected, Submitted};

const OFFERS: [DemoOffer; 28] = [
    DemoOffer {
        slug: "chatons-anjou-site-wordpress",
        territory: DEP,
        provider: "Chatons d'Anjou",
        title: "Site WordPress hébergé en Anjou",
        category: Website,
        description: "Un site vitrine WordPress installé, hébergé sur nos serveurs à Angers et mis à jour par l'association, \
                      avec une demi-journée de prise en main.",
        pricing: Free,
        price_terms: "",
        conditions: "Commerces, artisans et associations de Maine-et-Loire. Adhésion à l'association (prix libre).",
        data_shared: "Le nom de l'entreprise, l'e-mail du gérant et le contenu du site. Aucune publicité, aucune revente, \
                      statistiques de visite non collectées.",
        licence: "GPL-2.0",
        days: 540,
        stand: Current,
    },
    DemoOffer {
        slug: "sitefacile-vitrine-gratuite",
        territory: DEP,
        provider: "SiteFacile",
        title: "Site vitrine gratuit avec sous-domaine",
        category: Website,
        description: "Un éditeur de site en ligne, modèles prêts à l'emploi, adresse en sitefacile.example.",
        pricing: Free,
        price_terms: "",
        conditions: "Offre gratuite sans limite de durée ; nom de domaine propre et retrait de la publicité en formule payante.",
        data_shared: "E-mail et nom de l'entreprise, statistiques de visite du site ; une publicité SiteFacile s'affiche en bas \
                      de chaque page.",
        licence: "",
        days: 365,
        stand: Current,
    },
    DemoOffer {
        slug: "web-loire-studio-site-cle-en-main",
        territory: ALM,
        provider: "Web Loire Studio",
        title: "Site clé en main pour commerce",
        category: Website,
        description: "Cinq pages, photos de la boutique, fiche sur les cartes en ligne, livré en trois semaines.",
        pricing: Preferential,
        price_terms: "490 € au lieu de 890 €, puis hébergement 8 € par mois.",
        conditions: "Entreprises de moins de 10 salariés d'Angers Loire Métropole.",
        data_shared: "Coordonnées de l'entreprise et accès à l'hébergement le temps du projet, rendus à la livraison.",
        licence: "",
        days: 300,
        stand: Current,
    },
    DemoOffer {
        slug: "coop-numerique-site-grav",
        territory: ALM,
        provider: "Coop Numérique 49",
        title: "Site Grav sans base de données, hébergé",
        category: Website,
        description: "Un site rapide et sobre avec Grav, formation de deux heures pour le modifier soi-même.",
        pricing: Preferential,
        price_terms: "5 € par mois au lieu de 9 € la première année.",
        conditions: "Engagement d'un an, résiliable ensuite à tout moment ; le site vous est rendu en archive.",
        data_shared: "E-mail du gérant pour la facturation. Le contenu du site est hébergé à Angers et n'est pas analysé.",
        licence: "MIT",
        days: 420,
        stand: Current,
    },
    DemoOffer {
        slug: "atelier-libre-prestashop",
        territory: DEP,
        provider: "Atelier du Libre Angevin",
        title: "Boutique PrestaShop installée",
        category: OnlineShop,
        description: "Une boutique en ligne PrestaShop installée sur l'hébergement de votre choix, catalogue de 50 produits saisi.",
        pricing: Preferential,
        price_terms: "Installation 300 € au lieu de 600 €.",
        conditions: "Commerces de Maine-et-Loire ; hébergement non compris.",
        data_shared: "Accès administrateur à la boutique pendant l'installation, supprimé à la livraison.",
        licence: "OSL-3.0",
        days: 365,
        stand: Current,
    },
    DemoOffer {
        slug: "vitrine-click-retrait-en-magasin",
        territory: ALM,
        provider: "Vitrine Click",
        title: "Retrait en magasin gratuit six mois",
        category: OnlineShop,
        description: "Vos produits en ligne, commande et paiement au retrait, en boutique.",
        pricing: Free,
        price_terms: "",
        conditions: "Gratuit six mois, puis 19 € par mois sans engagement.",
        data_shared: "Les commandes et les coordonnées de vos clients (nom, téléphone), conservées douze mois par Vitrine Click.",
        licence: "",
        days: 200,
        stand: Current,
    },
    DemoOffer {
        slug: "marche-local-place-de-marche",
        territory: ALM,
        provider: "Marché Local",
        title: "Place de marché des commerces angevins",
        category: OnlineShop,
        description: "Vendre sur une place de marché commune aux commerces de l'agglomération, livraison à vélo.",
        pricing: Preferential,
        price_terms: "Commission de 5 % au lieu de 12 % la première année.",
        conditions: "Commerces indépendants d'Angers Loire Métropole.",
        data_shared: "Les commandes, les coordonnées des clients pour la livraison et votre chiffre d'affaires sur la place.",
        licence: "",
        days: 365,
        stand: Current,
    },
    DemoOffer {
        slug: "banque-cooperative-terminal",
        territory: DEP,
        provider: "Banque Coopérative de l'Ouest",
        title: "Terminal de paiement sans contact",
        category: Payment,
        description: "Location d'un terminal de paiement par carte, sans contact et mobile.",
        pricing: Preferential,
        price_terms: "Location à moitié prix la première année (9 € par mois au lieu de 18 €).",
        conditions: "Compte professionnel dans la banque requis. Engagement de 24 mois.",
        data_shared: "Montants et dates des transactions, identité du dirigeant (obligations bancaires).",
        licence: "",
        days: 400,
        stand: Current,
    },
    DemoOffer {
        slug: "payemoi-lien-de-paiement",
        territory: ALM,
        provider: "PayeMoi",
        title: "Liens de paiement par e-mail ou SMS",
        category: Payment,
        description: "Se faire payer un acompte ou une commande à distance par un simple lien.",
        pricing: Preferential,
        price_terms: "1,2 % par transaction au lieu de 1,9 %, sans abonnement.",
        conditions: "Sans engagement.",
        data_shared: "Nom, e-mail et montant payé par chacun de vos clients ; données de carte traitées par PayeMoi.",
        licence: "",
        days: 250,
        stand: Current,
    },
    DemoOffer {
        slug: "chatons-anjou-rendez-vous",
        territory: DEP,
        provider: "Chatons d'Anjou",
        title: "Prise de rendez-vous Easy!Appointments",
        category: Booking,
        description: "Un agenda de réservation en ligne à votre nom, hébergé par l'association, rappels par e-mail.",
        pricing: Free,
        price_terms: "",
        conditions: "Adhésion à l'association (prix libre).",
        data_shared: "Nom, e-mail et téléphone des clients qui réservent, hébergés à Angers et supprimés après six mois.",
        licence: "GPL-3.0",
        days: 540,
        stand: Current,
    },
    DemoOffer {
        slug: "rdv-express-formule-gratuite",
        territory: ALM,
        provider: "RDV Express",
        title: "Agenda en ligne : formule gratuite",
        category: Booking,
        description: "Jusqu'à 50 rendez-vous par mois, page de réservation et rappels.",
        pricing: Free,
        price_terms: "",
        conditions: "Formule gratuite sans limite de durée ; rappels SMS payants.",
        data_shared: "Nom, téléphone et e-mail des clients qui réservent ; RDV Express leur écrit en son nom pour les rappels.",
        licence: "",
        days: 365,
        stand: Current,
    },
    DemoOffer {
        slug: "coop-numerique-dolibarr",
        territory: ALM,
        provider: "Coop Numérique 49",
        title: "Dolibarr hébergé : devis, factures, stock",
        category: Accounting,
        description: "Gestion commerciale et facturation Dolibarr prête à l'emploi, sauvegardée chaque nuit.",
        pricing: Preferential,
        price_terms: "9 € par mois au lieu de 15 €.",
        conditions: "Entreprises d'Angers Loire Métropole ; export complet de vos données à tout moment.",
        data_shared: "Vos devis, factures et fichier clients, hébergés à Angers ; la coopérative n'y accède que sur votre demande.",
        licence: "GPL-3.0",
        days: 600,
        stand: Current,
    },
    DemoOffer {
        slug: "facturepro-formule-gratuite",
        territory: DEP,
        provider: "FacturePro",
        title: "Facturation en ligne gratuite",
        category: Accounting,
        description: "Devis et factures conformes, jusqu'à 10 factures par mois.",
        pricing: Free,
        price_terms: "",
        conditions: "Au-delà de 10 factures par mois : 12 € par mois.",
        data_shared: "Vos factures et les coordonnées de vos clients, hébergées en Irlande.",
        licence: "",
        days: 300,
        stand: Current,
    },
    DemoOffer {
        slug: "cabinet-compta-anjou",
        territory: ALM,
        provider: "Cabinet Compta Anjou",
        title: "Tenue comptable pour les créateurs",
        category: Accounting,
        description: "Tenue de la comptabilité et bilan de la première année, un rendez-vous par trimestre.",
        pricing: Preferential,
        price_terms: "20 % de remise la première année.",
        conditions: "Entreprises créées depuis moins de deux ans.",
        data_shared: "Toutes vos pièces comptables, sous le secret professionnel de l'expert-comptable.",
        licence: "",
        days: 365,
        stand: Current,
    },
    DemoOffer {
        slug: "chatons-anjou-nextcloud",
        territory: DEP,
        provider: "Chatons d'Anjou",
        title: "Nextcloud : fichiers, agenda et visio",
        category: Office,
        description: "Un espace Nextcloud pour l'équipe : fichiers partagés, agendas, contacts, visioconférence.",
        pricing: Free,
        price_terms: "",
        conditions: "5 Go par entreprise, adhésion à l'association (prix libre).",
        data_shared: "Vos fichiers, chiffrés sur nos serveurs à Angers. Aucune analyse, aucune publicité.",
        licence: "AGPL-3.0",
        days: 540,
        stand: Current,
    },
    DemoOffer {
        slug: "ateliers-libres-libreoffice",
        territory: DEP,
        provider: "Les Ateliers Libres du Saumurois",
        title: "LibreOffice installé et configuré",
        category: Office,
        description: "Une séance pour installer LibreOffice, reprendre vos modèles et vos fichiers existants.",
        pricing: Free,
        price_terms: "",
        conditions: "Sur rendez-vous, à Saumur ou chez vous dans le Saumurois.",
        data_shared: "Aucune donnée.",
        licence: "MPL-2.0",
        days: 365,
        stand: Current,
    },
    DemoOffer {
        slug: "bureau-cloud-formule-gratuite",
        territory: DEP,
        provider: "Bureau Cloud",
        title: "Messagerie et documents en ligne gratuits",
        category: Office,
        description: "Messagerie, traitement de texte et 15 Go de stockage en ligne.",
        pricing: Free,
        price_terms: "",
        conditions: "Formule gratuite ; adresse à votre nom de domaine en formule payante.",
        data_shared: "Nom, e-mail, contenus et usage du service, analysés pour améliorer le service et cibler la publicité.",
        licence: "",
        days: 365,
        stand: Current,
    },
    DemoOffer {
        slug: "coop-numerique-matomo",
        territory: ALM,
        provider: "Coop Numérique 49",
        title: "Matomo : mesure d'audience respectueuse",
        category: Marketing,
        description: "Savoir d'où viennent les visiteurs de votre site sans bandeau de cookies, tableau de bord mensuel.",
        pricing: Free,
        price_terms: "",
        conditions: "Gratuit la première année, puis 3 € par mois.",
        data_shared: "Les statistiques de visite de votre site, anonymisées ; adresses IP tronquées, rien n'est revendu.",
        licence: "GPL-3.0",
        days: 365,
        stand: Current,
    },
    DemoOffer {
        slug: "newslettre-500-contacts",
        territory: DEP,
        provider: "NewsLettre",
        title: "Lettre d'information jusqu'à 500 contacts",
        category: Marketing,
        description: "Envoyer une lettre d'information à vos clients, modèles prêts à l'emploi.",
        pricing: Free,
        price_terms: "",
        conditions: "Gratuit jusqu'à 500 contacts et 2 000 envois par mois.",
        data_shared: "Votre liste de contacts (e-mails) et les statistiques d'ouverture et de clic de chaque envoi.",
        licence: "",
        days: 365,
        stand: Current,
    },
    DemoOffer {
        slug: "bouche-a-oreille-photos",
        territory: ALM,
        provider: "Agence Bouche-à-Oreille",
        title: "Photos professionnelles de la boutique",
        category: Marketing,
        description: "Une séance photo d'une heure, vingt photos retouchées pour le site et les réseaux sociaux.",
        pricing: Preferential,
        price_terms: "150 € au lieu de 300 €.",
        conditions: "Commerces de moins de 10 salariés.",
        data_shared: "Les photos prises ; leurs droits vous sont cédés.",
        licence: "",
        days: 180,
        stand: Current,
    },
    DemoOffer {
        slug: "atelier-libre-sauvegardes-borg",
        territory: DEP,
        provider: "Atelier du Libre Angevin",
        title: "Sauvegardes chiffrées automatiques",
        category: Security,
        description: "Installation de sauvegardes automatiques et chiffrées de vos postes avec BorgBackup.",
        pricing: Free,
        price_terms: "",
        conditions: "Une intervention par entreprise ; espace de sauvegarde non compris.",
        data_shared: "Aucune donnée : les sauvegardes sont chiffrées chez vous avant d'être envoyées.",
        licence: "BSD-3-Clause",
        days: 365,
        stand: Current,
    },
    DemoOffer {
        slug: "cyberveille-diagnostic",
        territory: DEP,
        provider: "CyberVeille 49",
        title: "Diagnostic de cybersécurité",
        category: Security,
        description: "Une demi-journée pour vérifier mots de passe, sauvegardes, mises à jour et messagerie, avec un rapport.",
        pricing: Preferential,
        price_terms: "200 € au lieu de 450 €.",
        conditions: "Entreprises de moins de 20 salariés de Maine-et-Loire.",
        data_shared: "La liste de vos équipements et comptes, détruite un mois après la remise du rapport.",
        licence: "",
        days: 300,
        stand: Current,
    },
    DemoOffer {
        slug: "ateliers-libres-initiation",
        territory: DEP,
        provider: "Les Ateliers Libres du Saumurois",
        title: "Initiation aux logiciels libres",
        category: Training,
        description: "Trois soirées pour découvrir les logiciels libres utiles à une petite entreprise.",
        pricing: Free,
        price_terms: "",
        conditions: "Dix places par session, à Saumur.",
        data_shared: "Nom et e-mail des participants, pour les prévenir des sessions.",
        licence: "",
        days: 240,
        stand: Current,
    },
    DemoOffer {
        slug: "formations-val-de-loire-vendre-en-ligne",
        territory: DEP,
        provider: "Formations Numériques Val de Loire",
        title: "Vendre en ligne en trois jours",
        category: Training,
        description: "Formation certifiante : boutique en ligne, photos produits, livraison, paiement.",
        pricing: Preferential,
        price_terms: "40 % de remise, le reste finançable par votre opérateur de compétences.",
        conditions: "Salariés et dirigeants de petites entreprises.",
        data_shared: "Identité des stagiaires (obligation de la formation professionnelle).",
        licence: "",
        days: 300,
        stand: Current,
    },
    DemoOffer {
        slug: "imprimerie-express-flyers",
        territory: ALM,
        provider: "Imprimerie Express",
        title: "Flyers à prix réduit",
        category: Marketing,
        description: "1 000 flyers recto verso imprimés à Angers.",
        pricing: Preferential,
        price_terms: "30 % de remise.",
        conditions: "Une commande par entreprise.",
        data_shared: "Coordonnées de l'entreprise pour la facture et la livraison.",
        licence: "",
        days: 10,
        stand: Ended,
    },
    DemoOffer {
        slug: "boost-reseaux-community-manager",
        territory: ALM,
        provider: "Boost Réseaux",
        title: "Animation des réseaux sociaux",
        category: Marketing,
        description: "Deux publications par semaine sur vos réseaux sociaux, un bilan mensuel.",
        pricing: Preferential,
        price_terms: "199 € par mois au lieu de 299 € les trois premiers mois.",
        conditions: "Engagement de six mois.",
        data_shared: "Accès à vos comptes de réseaux sociaux et à leurs statistiques pendant le contrat.",
        licence: "",
        days: 365,
        stand: Submitted,
    },
    DemoOffer {
        slug: "hebergement-vert-loire-nextcloud",
        territory: ALM,
        provider: "Hébergement Vert Loire",
        title: "Nextcloud hébergé dans un centre de données sobre",
        category: Office,
        description: "Un Nextcloud de 100 Go pour l'équipe, dans un centre de données refroidi par la Loire.",
        pricing: Preferential,
        price_terms: "6 € par mois au lieu de 10 €.",
        conditions: "Engagement d'un an.",
        data_shared: "Vos fichiers, hébergés à Angers ; e-mail du gérant pour la facturation.",
        licence: "AGPL-3.0",
        days: 365,
        stand: Submitted,
    },
    DemoOffer {
        slug: "top-ranking-premiere-place",
        territory: ALM,
        provider: "Top Ranking Pro",
        title: "Première place garantie",
        category: Marketing,
        description: "Votre entreprise en tête des résultats et des catalogues.",
        pricing: Preferential,
        price_terms: "99 € par mois.",
        conditions: "Engagement de 12 mois.",
        data_shared: "Aucune donnée.",
        licence: "",
        days: 365,
        stand: Rejected(
            "Aucune place ne s'achète dans le catalogue, et l'offre ne dit pas ce qu'elle fait concrètement. \
             Décrivez le service rendu et ses conditions.",
        ),
    },
];

/// The Paris day `days` from `now`, `YYYY-MM-DD`.
fn day(now: i64, days: i64) -> String {
    paris_today(now + days * 86_400)
}

/// Adds the demo offers that are not there yet.
pub async fn load(db: &Db, clock: &dyn Clock) -> anyhow::Result<()> {
    let now = clock.now_ts();
    let reviewer = |email: &'static str| async move {
        let email = Email::parse(email).map_err(|e| anyhow::anyhow!("{email}: {e}"))?;
        db.user_by_email(&email).await?.map(|u| u.id).ok_or_else(|| anyhow::anyhow!("demo account {email}"))
    };
    let manager = reviewer("gestion@demo.tremplin.example").await?;
    let admin = reviewer("admin@demo.tremplin.example").await?;
    let mut added = 0;
    for offer in &OFFERS {
        if db.offer_slug_taken(offer.slug).await? {
            continue;
        }
        let territory = db.territory_by_slug(offer.territory).await?.ok_or_else(|| anyhow::anyhow!("territory {}", offer.territory))?;
        let (starts_on, ends_on) = match offer.stand {
            Ended => (day(now, -offer.days - 180), day(now, -offer.days)),
            _ => (day(now, -30), day(now, offer.days)),
        };
        let draft = OfferDraft {
            provider: offer.provider.into(),
            title: offer.title.into(),
            category: offer.category,
            description: offer.description.into(),
            pricing: offer.pricing,
            price_terms: offer.price_terms.into(),
            conditions: offer.conditions.into(),
            data_shared: offer.data_shared.into(),
            open_source: !offer.licence.is_empty(),
            licence: offer.licence.into(),
            url: format!("https://{}.example/offre-territoire", tremplin_kernel::text::slugify(offer.provider)),
            starts_on,
            ends_on,
        };
        let submitted_at = if offer.stand == Submitted { now - 2 * 86_400 } else { now - 40 * 86_400 };
        let id = db
            .create_offer(territory.id, None, offer.slug, &draft, submitted_at)
            .await?
            .ok_or_else(|| anyhow::anyhow!("offer {} refused", offer.slug))?;
        let reviewed_by = if offer.territory == DEP { admin } else { manager };
        match offer.stand {
            Current | Ended => db.decide_offer(id, true, "", reviewed_by, now - 35 * 86_400, |_| None).await?,
            Rejected(note) => db.decide_offer(id, false, note, reviewed_by, now - 35 * 86_400, |_| None).await?,
            Submitted => true,
        };
        added += 1;
    }
    tracing::info!(added, "demo partner offers");
    Ok(())
}
