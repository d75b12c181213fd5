//! The digital-maturity diagnostic: questionnaires as versioned data (six axes, answers with
//! points and a plain-words explanation), their validation, the scoring aligned with the EU
//! Digital Maturity Assessment bands, and the progress between two results.

pub mod counts;
pub mod questionnaire;
pub mod repo;
pub mod scoring;

pub use questionnaire::{AXES, Answer, Axis, Issue, Question, Questionnaire, platform_questionnaire, validate};
pub use repo::{Diagnostic, DiagnosticCounts, DiagnosticRepo, MonthCount, NewDiagnostic, StoredQuestionnaire};
pub use scoring::{Answers, AxisProgress, AxisScore, Level, Score, missing_answers, progress, score, weak_axes};
