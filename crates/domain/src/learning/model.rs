//! The values of learning: modules, completions and their evidence, paths and passports.

use crate::coaching::Booker;
use serde::{Deserialize, Serialize};

/// Level of a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModuleLevel {
    /// No prior knowledge needed.
    Beginner,
    /// Some practice expected.
    Intermediate,
    /// For those already at ease.
    Advanced,
}

impl ModuleLevel {
    /// Stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            ModuleLevel::Beginner => "beginner",
            ModuleLevel::Intermediate => "intermediate",
            ModuleLevel::Advanced => "advanced",
        }
    }
}

/// A free resource of a module (a guide, a video, a public service's page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    /// Title shown.
    pub title: String,
    /// Where it is (an external site: shown as a link, never fetched by our pages).
    pub url: String,
    /// Who publishes it.
    pub publisher: String,
}

/// One question of a module's quiz.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizQuestion {
    /// The question.
    pub text: String,
    /// Possible answers, in order.
    pub choices: Vec<String>,
    /// Index of the right answer in `choices`.
    pub correct: usize,
    /// Why it is the right answer, in plain words (shown after answering).
    pub explanation: String,
}

/// A module's short quiz.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Quiz {
    /// Right answers needed to pass.
    pub pass_mark: usize,
    /// Questions, in order.
    pub questions: Vec<QuizQuestion>,
}

/// A module of the catalogue. Content is in French (the territory's working language); the
/// pages around it are translated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Module {
    /// Internal id (0 until stored).
    #[serde(skip)]
    pub id: i64,
    /// Stable identifier in URLs, workshops and records.
    pub slug: String,
    /// Title.
    pub title: String,
    /// One sentence.
    pub summary: String,
    /// What one is able to do afterwards.
    pub objectives: Vec<String>,
    /// Expected duration, in minutes.
    pub duration_minutes: u32,
    /// Level.
    pub level: ModuleLevel,
    /// Themes of the workshops' and coaches' vocabulary it matches.
    pub themes: Vec<String>,
    /// Free resources.
    pub resources: Vec<Resource>,
    /// The quiz that validates it.
    #[serde(default)]
    pub quiz: Quiz,
}

/// Where a completion comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompletionSource {
    /// Attendance at a workshop covering the module (checked in at the door).
    Workshop,
    /// A coach's validation in an accompaniment record.
    Coach,
    /// The module's quiz passed.
    Quiz,
}

impl CompletionSource {
    /// Stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            CompletionSource::Workshop => "workshop",
            CompletionSource::Coach => "coach",
            CompletionSource::Quiz => "quiz",
        }
    }

    /// Parses the stable identifier.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "workshop" => Some(CompletionSource::Workshop),
            "coach" => Some(CompletionSource::Coach),
            "quiz" => Some(CompletionSource::Quiz),
            _ => None,
        }
    }
}

/// What proves a completion: a reference unique per source (`registration:{public id}`,
/// `accompaniment:{public id}`, `quiz`) and a few facts shown on the passport and put in the
/// credential's `evidence` (event title and date, coach's name, quiz score …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Unique per holder, module and source: the same proof is never counted twice.
    pub source_ref: String,
    /// A short description in French ("Atelier « Créer son site » du 12 mars 2026").
    pub narrative: String,
    /// Facts as key and value (e.g. `score` → `4/5`, `event` → slug).
    #[serde(default)]
    pub facts: std::collections::BTreeMap<String, String>,
}

/// Who a completion is for.
#[derive(Debug, Clone)]
pub enum HolderRef {
    /// A known beneficiary (e.g. the one an accompaniment record is about).
    Beneficiary(i64),
    /// A person recognised by e-mail or phone in a territory (created if new), e.g. a workshop
    /// attendee or someone who passed a quiz.
    Person {
        /// Territory where they learn.
        territory_id: i64,
        /// Their details.
        person: Booker,
    },
}

/// A completion to record.
#[derive(Debug, Clone)]
pub struct NewCompletion {
    /// Module slug.
    pub module_slug: String,
    /// Source.
    pub source: CompletionSource,
    /// Evidence.
    pub evidence: Evidence,
    /// When it was completed (Unix seconds).
    pub completed_at: i64,
}

/// A recorded completion.
#[derive(Debug, Clone, Serialize)]
pub struct Completion {
    /// Module slug.
    pub module_slug: String,
    /// Source.
    pub source: CompletionSource,
    /// Evidence.
    pub evidence: Evidence,
    /// Unix seconds.
    pub completed_at: i64,
}

/// The passport path of a territory, resolved: its own, a parent's, or the default.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassportPath {
    /// Module slugs, in order.
    pub modules: Vec<String>,
    /// The territory whose path this is (`None`: the platform default).
    pub defined_by: Option<i64>,
}

/// A module as it stands on a passport, frozen at issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassportModule {
    /// Module slug.
    pub slug: String,
    /// Title at issue.
    pub title: String,
    /// Earliest completion (Unix seconds).
    pub completed_at: i64,
    /// Evidence of every completion of the module, in order.
    pub evidence: Vec<PassportEvidence>,
}

/// One piece of evidence on a passport.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassportEvidence {
    /// Source.
    pub source: CompletionSource,
    /// Description.
    pub narrative: String,
    /// Unix seconds.
    pub completed_at: i64,
}

/// A digital passport. Personal data: holder name, business.
#[derive(Debug, Clone, Serialize)]
pub struct Passport {
    /// Internal id.
    #[serde(skip)]
    pub id: i64,
    /// Public identifier (verification URL).
    pub public_id: String,
    /// Secret behind the holder's link (never shown).
    #[serde(skip)]
    pub secret: String,
    /// The holder (a beneficiary).
    #[serde(skip)]
    pub beneficiary_id: i64,
    /// Issuing territory.
    #[serde(skip)]
    pub territory_id: i64,
    /// Holder's name at issue.
    pub holder_name: String,
    /// Holder's business at issue (empty for a resident).
    pub business: String,
    /// Modules of the path, with evidence.
    pub modules: Vec<PassportModule>,
    /// Signing key used for its credential, once signed.
    pub key_id: Option<String>,
    /// Whether the holder agreed to show their name on the verification page.
    pub show_name: bool,
    /// Whether the holder agreed to show the modules on the verification page.
    pub show_modules: bool,
    /// Unix seconds.
    pub issued_at: i64,
    /// When revoked, if so.
    pub revoked_at: Option<i64>,
    /// Why revoked.
    pub revoked_reason: Option<String>,
}

impl Passport {
    /// Whether it has been revoked.
    pub fn is_revoked(&self) -> bool {
        self.revoked_at.is_some()
    }
}
