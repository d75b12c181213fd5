//! The Open Badges 3.0 `OpenBadgeCredential` of a passport (W3C Verifiable Credentials data
//! model 2.0). The issuer is the territory's `Profile`; the achievement is the passport, whose
//! criteria list the path's modules; each module is one `evidence` entry; the recipient is
//! known only by a salted hash of their e-mail; `credentialStatus` points at our status API.

use crate::dates::{french_date, rfc3339};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The VC 2.0 context.
pub const VC_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// The Open Badges 3.0 context.
pub const OB_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// Our status entry type: the status URL answers `valid`, `revoked` or `unknown` (JSON).
pub const STATUS_TYPE: &str = "TremplinPassportStatus";

/// One piece of evidence of a module.
#[derive(Debug, Clone)]
pub struct EvidenceInput {
    /// How it was earned (`workshop`, `coach`, `quiz`).
    pub source: String,
    /// A description in French.
    pub narrative: String,
    /// Unix seconds.
    pub completed_at: i64,
}

/// A module of the passport.
#[derive(Debug, Clone)]
pub struct BadgeModule {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// First completion (Unix seconds).
    pub completed_at: i64,
    /// Evidence.
    pub evidence: Vec<EvidenceInput>,
}

/// The facts a credential states.
#[derive(Debug, Clone)]
pub struct BadgeInput {
    /// Public URL of the site, without trailing slash.
    pub base_url: String,
    /// Passport public id.
    pub public_id: String,
    /// Issuing territory's slug.
    pub territory_slug: String,
    /// Issuing territory's name.
    pub territory_name: String,
    /// Modules, in the path's order.
    pub modules: Vec<BadgeModule>,
    /// Holder's e-mail, if known (only its salted hash is written).
    pub recipient_email: Option<String>,
    /// Salt of the hash (stable per passport, so the credential is reproducible).
    pub salt: String,
    /// Unix seconds.
    pub issued_at: i64,
}

impl BadgeInput {
    /// The issuer's id: the territory's public page.
    pub fn issuer_id(&self) -> String {
        format!("{}/territoires/{}", self.base_url, self.territory_slug)
    }

    /// The credential's id: its public verification page.
    pub fn credential_id(&self) -> String {
        format!("{}/passeport/verifier/{}", self.base_url, self.public_id)
    }

    /// Where its status is answered.
    pub fn status_url(&self) -> String {
        format!("{}/api/v1/passports/{}/verification", self.base_url, self.public_id)
    }
}

/// `sha256$` and the hex SHA-256 of the e-mail (trimmed, lower case) followed by the salt,
/// as Open Badges hashes identities.
pub fn identity_hash(email: &str, salt: &str) -> String {
    let digest = Sha256::new().chain_update(email.trim().to_lowercase().as_bytes()).chain_update(salt.as_bytes()).finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256${hex}")
}

/// The credential document (unsigned).
pub fn credential(input: &BadgeInput) -> Value {
    let issuer = input.issuer_id();
    let titles: Vec<&str> = input.modules.iter().map(|m| m.title.as_str()).collect();
    let narrative = format!("Avoir terminé les modules du parcours du territoire : {}.", titles.join(" ; "));
    let identifier: Vec<Value> = input
        .recipient_email
        .iter()
        .map(|email| {
            json!({
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": true,
                "identityHash": identity_hash(email, &input.salt),
                "salt": input.salt,
            })
        })
        .collect();
    let evidence: Vec<Value> = input.modules.iter().map(|m| module_evidence(input, m)).collect();
    json!({
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": input.credential_id(),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": format!("Passeport numérique — {}", input.territory_name),
        "issuer": { "id": issuer, "type": ["Profile"], "name": input.territory_name, "url": issuer },
        "validFrom": rfc3339(input.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": identifier,
            "achievement": {
                "id": format!("{issuer}#passeport-numerique"),
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": "Passeport pour l'économie numérique",
                "description": format!("Délivré par {} à qui a terminé son parcours de {} modules.", input.territory_name, input.modules.len()),
                "criteria": { "narrative": narrative },
            },
        },
        "evidence": evidence,
        "credentialStatus": { "id": input.status_url(), "type": STATUS_TYPE },
    })
}

fn module_evidence(input: &BadgeInput, module: &BadgeModule) -> Value {
    let pieces: Vec<String> = module.evidence.iter().map(|e| format!("{} ({})", e.narrative, french_date(e.completed_at))).collect();
    json!({
        "id": format!("{}#{}", input.credential_id(), module.slug),
        "type": ["Evidence"],
        "name": module.title,
        "description": format!("Module terminé le {}.", french_date(module.completed_at)),
        "narrative": pieces.join("\n"),
        "genre": module.evidence.iter().map(|e| e.source.as_str()).collect::<Vec<_>>().join(","),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sample() -> BadgeInput {
        BadgeInput {
            base_url: "https://tremplin.example".into(),
            public_id: "p1".into(),
            territory_slug: "angers".into(),
            territory_name: "Angers".into(),
            modules: vec![BadgeModule {
                slug: "creer-son-site".into(),
                title: "Créer son site".into(),
                completed_at: 1_773_316_800,
                evidence: vec![EvidenceInput {
                    source: "quiz".into(), narrative: "Quiz réussi (4/5)".into(), completed_at: 1_773_316_800
                }],
            }],
            recipient_email: Some("Anne@Example.org".into()),
            salt: "salt".into(),
            issued_at: 1_773_316_800,
        }
    }

    #[test]
    fn the_credential_states_issuer_achievement_evidence_and_status() {
        let doc = credential(&sample());
        assert_eq!(doc["type"][1], "OpenBadgeCredential");
        assert_eq!(doc["issuer"]["id"], "https://tremplin.example/territoires/angers");
        assert_eq!(doc["validFrom"], "2026-03-12T12:00:00Z");
        assert!(doc["credentialSubject"]["achievement"]["criteria"]["narrative"].as_str().is_some_and(|n| n.contains("Créer son site")));
        assert_eq!(doc["evidence"][0]["description"], "Module terminé le 12 mars 2026.");
        assert_eq!(doc["credentialSubject"]["identifier"][0]["identityHash"], identity_hash("anne@example.org", "salt"));
        assert_eq!(doc["credentialStatus"]["id"], "https://tremplin.example/api/v1/passports/p1/verification");
        assert!(!doc.to_string().contains("Anne@Example.org"));
    }
}
