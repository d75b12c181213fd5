//! The register of processings (registre des activités de traitement, art. 30 RGPD): the one
//! declaration of what personal data Tremplin processes, why, on what legal basis, for how
//! long, for whom and how it is protected. The managers' register page and the residents'
//! privacy notice are both generated from it, in French and English, with the retention
//! periods read from the deployment's [`RetentionPolicy`] so that a changed setting shows.

use super::retention::{RetentionPolicy, Unit};
use tremplin_kernel::Locale;

/// A text in both languages of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    /// French.
    pub fr: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// The text in `locale`.
    pub fn get(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::Fr => self.fr,
            Locale::En => self.en,
        }
    }
}

const fn t(fr: &'static str, en: &'static str) -> Text {
    Text { fr, en }
}

/// How long one kind of data is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// A configurable period, by its name in [`RetentionPolicy::periods`].
    Period(&'static str),
    /// A rule that no setting changes.
    Fixed(Text),
}

/// One line of a processing's retention: what is kept, and how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// What.
    pub what: Text,
    /// How long.
    pub keep: Keep,
}

/// One processing of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Processing {
    /// Stable identifier (anchor of the register's section).
    pub id: &'static str,
    /// Name.
    pub name: Text,
    /// Purpose.
    pub purpose: Text,
    /// Legal basis (art. 6 RGPD).
    pub legal_basis: Text,
    /// Categories of persons concerned.
    pub persons: Text,
    /// Data collected.
    pub data: Text,
    /// Retention.
    pub retention: &'static [Retention],
    /// Recipients.
    pub recipients: Text,
    /// Transfers outside the European Union.
    pub transfers: Text,
    /// Security measures.
    pub security: Text,
    /// Whether it holds personal data at all (the statistics do not).
    pub personal: bool,
}

const NO_TRANSFER: Text = t(
    "Aucun : les données restent chez l'hébergeur choisi par le territoire, dans l'Union européenne.",
    "None: the data stays with the host the territory chose, in the European Union.",
);

/// Every processing, in the order of the register.
pub const PROCESSINGS: &[Processing] = &[
    Processing {
        id: "accounts",
        name: t("Comptes des utilisateurs", "User accounts"),
        purpose: t(
            "Permettre aux personnes de se connecter pour gérer leurs fiches, rendez-vous, parcours et profils, et aux équipes des territoires d'exercer leurs rôles.",
            "Let people log in to manage their listings, appointments, paths and profiles, and territory teams exercise their roles.",
        ),
        legal_basis: t(
            "Exécution d'une mission d'intérêt public (art. 6.1.e) et consentement à la création du compte.",
            "Performance of a task in the public interest (art. 6.1.e) and consent when creating the account.",
        ),
        persons: t(
            "Habitants, professionnels, conseillers, formateurs et gestionnaires inscrits.",
            "Residents, businesses, coaches, trainers and managers who sign up.",
        ),
        data: t(
            "Adresse électronique, nom affiché, mot de passe (empreinte Argon2id), langue, rôles par territoire, dates de création et de connexion.",
            "E-mail address, display name, password (Argon2id hash), language, roles per territory, creation and login dates.",
        ),
        retention: &[Retention {
            what: t("Compte sans connexion", "Account without login"),
            keep: Keep::Period("inactive_accounts_months"),
        }],
        recipients: t(
            "La personne elle-même ; les gestionnaires du territoire pour les membres de son équipe.",
            "The person; the territory's managers for the members of its team.",
        ),
        transfers: NO_TRANSFER,
        security: t(
            "Mots de passe hachés (Argon2id), liens de connexion à usage unique et limités dans le temps, limitation des tentatives, HTTPS.",
            "Hashed passwords (Argon2id), single-use time-limited login links, rate limits on attempts, HTTPS.",
        ),
        personal: true,
    },
    Processing {
        id: "directory",
        name: t("Annuaire des commerces et services", "Directory of businesses and services"),
        purpose: t(
            "Publier les commerces et services du territoire, permettre à leurs responsables de revendiquer et corriger leur fiche, et aux visiteurs de signaler une erreur.",
            "Publish the territory's businesses and services, let their owners claim and correct their listing, and visitors report a mistake.",
        ),
        legal_basis: t(
            "Mission d'intérêt public (art. 6.1.e) ; données publiques des sources ouvertes (SIRENE, OpenStreetMap).",
            "Task in the public interest (art. 6.1.e); public data from open sources (SIRENE, OpenStreetMap).",
        ),
        persons: t(
            "Responsables des établissements, auteurs de signalements et de revendications.",
            "Owners of businesses, authors of reports and claims.",
        ),
        data: t(
            "Coordonnées professionnelles de la fiche, historique des modifications (auteur), adresse de la personne qui revendique ou signale.",
            "The listing's business contact details, history of changes (author), address of the person who claims or reports.",
        ),
        retention: &[
            Retention {
                what: t("Fiche publiée", "Published listing"),
                keep: Keep::Fixed(t(
                    "Tant que l'établissement existe ou jusqu'à la demande de son responsable",
                    "As long as the business exists or until its owner asks",
                )),
            },
            Retention {
                what: t("Signalement clos (avec l'adresse de son auteur)", "Closed report (with its author's address)"),
                keep: Keep::Period("reports_months"),
            },
        ],
        recipients: t(
            "Public (fiches publiées, données ouvertes) ; gestionnaires du territoire pour les revendications et signalements.",
            "The public (published listings, open data); the territory's managers for claims and reports.",
        ),
        transfers: NO_TRANSFER,
        security: t(
            "Modération par les gestionnaires du territoire, journal des lectures par le personnel, codes de revendication à usage unique.",
            "Moderation by the territory's managers, log of staff reads, single-use claim codes.",
        ),
        personal: true,
    },
    Processing {
        id: "workshops",
        name: t("Inscriptions aux ateliers et évènements", "Workshop and event registrations"),
        purpose: t(
            "Réserver une place, prévenir les inscrits (confirmation, rappel, changement, annulation), tenir la liste de présence et recueillir leur avis.",
            "Book a seat, tell registrants (confirmation, reminder, change, cancellation), keep the attendance list and collect their opinion.",
        ),
        legal_basis: t(
            "Mission d'intérêt public (art. 6.1.e) ; consentement coché à l'inscription.",
            "Task in the public interest (art. 6.1.e); consent ticked when registering.",
        ),
        persons: t("Personnes inscrites aux ateliers, y compris sur place.", "People registered for workshops, including at the door."),
        data: t(
            "Nom, adresse électronique ou téléphone, structure, langue, présence, réponses à l'enquête de satisfaction.",
            "Name, e-mail address or phone, business, language, attendance, answers to the satisfaction survey.",
        ),
        retention: &[Retention {
            what: t("Inscription (anonymisée ensuite ; les comptes restent)", "Registration (then anonymised; counts stay)"),
            keep: Keep::Period("registrations_months"),
        }],
        recipients: t(
            "Les formateurs de la séance et l'équipe du territoire qui l'organise.",
            "The session's trainers and the team of the territory that runs it.",
        ),
        transfers: NO_TRANSFER,
        security: t(
            "Liens personnels signés et limités dans le temps, pages du personnel sans cache, journal des lectures par le personnel.",
            "Signed time-limited personal links, staff pages never cached, log of staff reads.",
        ),
        personal: true,
    },
    Processing {
        id: "coaching",
        name: t("Accompagnement par les conseillers", "Coaching follow-up"),
        purpose: t(
            "Prendre rendez-vous avec un conseiller et suivre l'accompagnement d'une entreprise ou d'une personne.",
            "Book appointments with a coach and follow up the help given to a business or a person.",
        ),
        legal_basis: t("Mission d'intérêt public (art. 6.1.e).", "Task in the public interest (art. 6.1.e)."),
        persons: t("Bénéficiaires de l'accompagnement, conseillers.", "Beneficiaries of coaching, coaches."),
        data: t(
            "Nom, adresse électronique, téléphone, structure, rendez-vous, comptes rendus et modules validés.",
            "Name, e-mail address, phone, business, appointments, accompaniment records and modules validated.",
        ),
        retention: &[Retention {
            what: t("Suivi après le dernier rendez-vous", "Follow-up after the last appointment"),
            keep: Keep::Period("coaching_months"),
        }],
        recipients: t(
            "Les conseillers du bénéficiaire et l'équipe du territoire ; la personne reçoit sa copie.",
            "The beneficiary's coaches and the territory's team; the person receives their copy.",
        ),
        transfers: NO_TRANSFER,
        security: t(
            "Accès limité aux conseillers du suivi, chaque lecture par le personnel journalisée, pages sans cache.",
            "Access limited to the follow-up's coaches, every staff read logged, pages never cached.",
        ),
        personal: true,
    },
    Processing {
        id: "learning",
        name: t("Diagnostic, parcours et passeport numérique", "Diagnostic, path and digital passport"),
        purpose: t(
            "Mesurer la maturité numérique, recommander ateliers et conseillers, délivrer et vérifier le passeport numérique.",
            "Measure digital maturity, recommend workshops and coaches, issue and verify the digital passport.",
        ),
        legal_basis: t(
            "Mission d'intérêt public (art. 6.1.e) ; consentement pour rendre publics le nom et les modules du passeport.",
            "Task in the public interest (art. 6.1.e); consent to make the passport's name and modules public.",
        ),
        persons: t("Personnes qui répondent au diagnostic, titulaires de passeports.", "People who take the diagnostic, passport holders."),
        data: t(
            "Réponses et scores (anonymes sans compte), modules validés et leurs preuves, passeport (nom, structure, modules).",
            "Answers and scores (anonymous without an account), modules completed and their evidence, passport (name, business, modules).",
        ),
        retention: &[
            Retention {
                what: t("Diagnostic d'un compte", "An account's diagnostic"),
                keep: Keep::Fixed(t("Avec le compte", "With the account")),
            },
            Retention { what: t("Validations et passeport", "Completions and passport"), keep: Keep::Period("coaching_months") },
        ],
        recipients: t(
            "La personne ; l'équipe du territoire (liste des passeports) ; toute personne qui vérifie un passeport (statut seulement, le nom si le titulaire l'a choisi).",
            "The person; the territory's team (list of passports); anyone verifying a passport (status only, the name if the holder chose it).",
        ),
        transfers: NO_TRANSFER,
        security: t(
            "Passeport signé (Ed25519), destinataire désigné par une empreinte salée de son adresse, liens personnels signés.",
            "Signed passport (Ed25519), recipient named by a salted hash of their address, signed personal links.",
        ),
        personal: true,
    },
    Processing {
        id: "ecosystem",
        name: t("Écosystème local et mises en relation", "Local ecosystem and introductions"),
        purpose: t(
            "Présenter les acteurs du territoire, mettre en relation ceux qui le souhaitent tous les deux, et traiter les signalements d'abus.",
            "Present the territory's actors, introduce those who both want it, and handle reports of abuse.",
        ),
        legal_basis: t(
            "Consentement (profil publié, mise en relation acceptée) ; mission d'intérêt public pour la modération.",
            "Consent (published profile, accepted introduction); task in the public interest for moderation.",
        ),
        persons: t(
            "Porteurs de projet, entreprises, mentors, financeurs et autres acteurs ; auteurs de signalements.",
            "Project holders, firms, mentors, funders and other actors; authors of reports.",
        ),
        data: t(
            "Profil (présentation, besoins, offres, commune), coordonnées de contact (montrées seulement après acceptation), messages de mise en relation, rencontres, signalements.",
            "Profile (presentation, needs, offers, commune), contact details (shown only after acceptance), introduction messages, meetings, reports.",
        ),
        retention: &[
            Retention { what: t("Mise en relation close", "Closed introduction"), keep: Keep::Period("introductions_months") },
            Retention { what: t("Signalement clos", "Closed report"), keep: Keep::Period("reports_months") },
        ],
        recipients: t(
            "Public (profils actifs, sans coordonnées) ; l'autre partie d'une mise en relation acceptée ; les gestionnaires du territoire pour la modération.",
            "The public (active profiles, without contact details); the other side of an accepted introduction; the territory's managers for moderation.",
        ),
        transfers: NO_TRANSFER,
        security: t(
            "Coordonnées lues par une seule fonction, jamais dans les courriels ; limites de demandes ; journal des lectures par le personnel.",
            "Contact details read by one function only, never in e-mails; request limits; log of staff reads.",
        ),
        personal: true,
    },
    Processing {
        id: "offers",
        name: t("Offres des partenaires", "Partner offers"),
        purpose: t(
            "Publier les offres des partenaires après examen par le territoire.",
            "Publish partners' offers after review by the territory.",
        ),
        legal_basis: t("Mission d'intérêt public (art. 6.1.e).", "Task in the public interest (art. 6.1.e)."),
        persons: t("Personnes qui proposent une offre pour leur structure.", "People who submit an offer for their organisation."),
        data: t(
            "Adresse du compte qui propose, contenu de l'offre, décision et motif.",
            "Address of the submitting account, the offer's content, the decision and its reason.",
        ),
        retention: &[Retention {
            what: t("Offre et son auteur", "Offer and its author"),
            keep: Keep::Fixed(t("Avec le compte de son auteur", "With its author's account")),
        }],
        recipients: t(
            "Public (offres approuvées, sans l'auteur) ; gestionnaires du territoire.",
            "The public (approved offers, without the author); the territory's managers.",
        ),
        transfers: NO_TRANSFER,
        security: t("Examen par les gestionnaires, journal des lectures par le personnel.", "Review by managers, log of staff reads."),
        personal: true,
    },
    Processing {
        id: "statistics",
        name: t("Statistiques de pilotage et données ouvertes", "Steering statistics and open data"),
        purpose: t(
            "Mesurer l'activité du territoire et la publier en données ouvertes.",
            "Measure the territory's activity and publish it as open data.",
        ),
        legal_basis: t("Mission d'intérêt public (art. 6.1.e).", "Task in the public interest (art. 6.1.e)."),
        persons: t("Aucune : des comptes agrégés par territoire et par mois.", "None: counts aggregated per territory and month."),
        data: t(
            "Comptes agrégés ; pour compter une personne une seule fois, une empreinte de sa clé, effacée avec elle. Les petits comptes (1 à 4) ne sont jamais publiés.",
            "Aggregated counts; to count a person once, a hash of their key, erased with them. Small counts (1 to 4) are never published.",
        ),
        retention: &[Retention {
            what: t("Comptes agrégés", "Aggregated counts"),
            keep: Keep::Fixed(t("Sans limite (aucune donnée personnelle)", "Without limit (no personal data)")),
        }],
        recipients: t("Équipes des territoires ; public pour les données ouvertes.", "Territory teams; the public for open data."),
        transfers: NO_TRANSFER,
        security: t("Secret statistique appliqué avant toute publication.", "Statistical secrecy applied before any publication."),
        personal: false,
    },
    Processing {
        id: "mail",
        name: t("Courriels envoyés", "E-mails sent"),
        purpose: t(
            "Envoyer les confirmations, rappels, liens de connexion et réponses.",
            "Send confirmations, reminders, login links and answers.",
        ),
        legal_basis: t("Nécessaire aux traitements ci-dessus.", "Necessary to the processings above."),
        persons: t("Destinataires des courriels.", "Recipients of e-mails."),
        data: t(
            "Adresse, langue, modèle du message ; les valeurs du message (qui peuvent contenir un lien) sont effacées dès l'envoi.",
            "Address, language, message template; the message's values (which may hold a link) are erased once sent.",
        ),
        retention: &[Retention { what: t("Courriel envoyé", "Sent e-mail"), keep: Keep::Period("sent_mail_days") }],
        recipients: t("Le serveur de courriel choisi par le territoire.", "The mail server the territory chose."),
        transfers: NO_TRANSFER,
        security: t(
            "File d'envoi en base, envoi chiffré (STARTTLS) quand le serveur l'accepte.",
            "Outbox in the database, encrypted delivery (STARTTLS) when the server accepts it.",
        ),
        personal: true,
    },
    Processing {
        id: "security",
        name: t("Sessions et journaux de sécurité", "Sessions and security logs"),
        purpose: t(
            "Garder les personnes connectées, protéger contre les abus (limitation des tentatives) et diagnostiquer les pannes.",
            "Keep people logged in, protect against abuse (rate limits) and diagnose faults.",
        ),
        legal_basis: t(
            "Intérêt légitime de la sécurité du service (art. 6.1.f) et obligation de sécurité (art. 32).",
            "Legitimate interest in the service's security (art. 6.1.f) and the security obligation (art. 32).",
        ),
        persons: t("Visiteurs connectés ou qui remplissent un formulaire.", "Visitors who log in or fill in a form."),
        data: t(
            "Cookie de session, empreintes des tentatives (adresse IP ou compte hachés) ; les journaux du serveur ne contiennent ni adresse électronique, ni paramètres de recherche, ni jeton.",
            "Session cookie, hashes of attempts (IP address or account hashed); server logs hold no e-mail address, search parameters or token.",
        ),
        retention: &[
            Retention { what: t("Session", "Session"), keep: Keep::Fixed(t("14 jours sans activité", "14 days without activity")) },
            Retention {
                what: t("Tentatives comptées", "Attempts counted"),
                keep: Keep::Fixed(t("La durée de leur fenêtre de limitation", "The length of their rate-limit window")),
            },
        ],
        recipients: t("L'exploitant technique du territoire.", "The territory's technical operator."),
        transfers: NO_TRANSFER,
        security: t(
            "Cookies HttpOnly, SameSite, Secure en HTTPS ; jeton anti-CSRF sur chaque formulaire ; politique de sécurité du contenu stricte.",
            "HttpOnly, SameSite cookies, Secure over HTTPS; anti-CSRF token on every form; strict Content-Security-Policy.",
        ),
        personal: true,
    },
    Processing {
        id: "access_log",
        name: t("Journal des accès du personnel aux données personnelles", "Log of staff access to personal data"),
        purpose: t(
            "Rendre compte de chaque lecture de données personnelles par le personnel, pour que les gestionnaires et le délégué à la protection des données puissent la contrôler.",
            "Account for every read of personal data by staff, so that managers and the data-protection officer can review it.",
        ),
        legal_basis: t(
            "Obligation de sécurité (art. 32) et responsabilité (art. 5.2).",
            "Security obligation (art. 32) and accountability (art. 5.2).",
        ),
        persons: t("Membres du personnel qui lisent ; personnes dont les données sont lues.", "Staff who read; people whose data is read."),
        data: t(
            "Compte du membre du personnel, date, nature de la donnée lue, territoire, personne concernée (compte, empreinte de l'adresse, nom affiché, effacé avec elle).",
            "Staff account, date, kind of data read, territory, person concerned (account, hash of the address, display name, erased with them).",
        ),
        retention: &[Retention { what: t("Ligne du journal", "Log row"), keep: Keep::Period("access_log_months") }],
        recipients: t(
            "Gestionnaires et administrateurs du territoire, délégué à la protection des données.",
            "The territory's managers and administrators, the data-protection officer.",
        ),
        transfers: NO_TRANSFER,
        security: t(
            "Écrit dans la même requête que la lecture ; consultable seulement par l'équipe dirigeante du territoire.",
            "Written in the same request as the read; reviewable only by the territory's managers.",
        ),
        personal: true,
    },
];

/// A retention period in words: "12 mois", "30 days".
pub fn period_text(policy: &RetentionPolicy, name: &str, locale: Locale) -> String {
    let Some((_, value, unit)) = policy.periods().into_iter().find(|(n, _, _)| *n == name) else {
        return name.to_owned();
    };
    match (locale, unit) {
        (Locale::Fr, Unit::Months) => format!("{value} mois"),
        (Locale::Fr, Unit::Days) => format!("{value} jour{}", if value > 1 { "s" } else { "" }),
        (Locale::En, Unit::Months) => format!("{value} month{}", if value > 1 { "s" } else { "" }),
        (Locale::En, Unit::Days) => format!("{value} day{}", if value > 1 { "s" } else { "" }),
    }
}

/// How long, in words, for one retention line.
pub fn keep_text(keep: &Keep, policy: &RetentionPolicy, locale: Locale) -> String {
    match keep {
        Keep::Period(name) => period_text(policy, name, locale),
        Keep::Fixed(text) => text.get(locale).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_retention_period_is_shown_by_some_processing() {
        let policy = RetentionPolicy::default();
        for (name, _, _) in policy.periods() {
            let shown = PROCESSINGS.iter().flat_map(|p| p.retention).any(|r| r.keep == Keep::Period(name));
            assert!(shown, "the retention period {name} is in no processing of the register");
        }
    }

    #[test]
    fn every_period_named_by_a_processing_exists() {
        let policy = RetentionPolicy::default();
        for retention in PROCESSINGS.iter().flat_map(|p| p.retention) {
            if let Keep::Period(name) = retention.keep {
                assert!(policy.periods().iter().any(|(n, _, _)| *n == name), "unknown period {name}");
            }
        }
    }

    #[test]
    fn every_text_exists_in_both_languages_and_ids_are_unique() {
        let mut ids = std::collections::HashSet::new();
        for p in PROCESSINGS {
            assert!(ids.insert(p.id), "{} twice", p.id);
            for text in [p.name, p.purpose, p.legal_basis, p.persons, p.data, p.recipients, p.transfers, p.security] {
                assert!(!text.fr.is_empty() && !text.en.is_empty(), "{}", p.id);
                assert_ne!(text.fr, text.en, "{}: untranslated", p.id);
            }
            assert!(!p.retention.is_empty(), "{} keeps data without a period", p.id);
        }
        assert_eq!(PROCESSINGS.iter().filter(|p| !p.personal).count(), 1);
    }

    #[test]
    fn periods_follow_the_settings() {
        let policy = RetentionPolicy { registrations_months: 18, sent_mail_days: 1, ..RetentionPolicy::default() };
        assert_eq!(period_text(&policy, "registrations_months", Locale::Fr), "18 mois");
        assert_eq!(period_text(&policy, "registrations_months", Locale::En), "18 months");
        assert_eq!(period_text(&policy, "sent_mail_days", Locale::Fr), "1 jour");
    }
}
