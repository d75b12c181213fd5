//! Accompaniment records, each beneficiary's follow-up timeline and who may read it, and
//! what a person can see and download of what is recorded about them; the managers' list of
//! beneficiaries and coaching statistics.

pub mod activity;
pub mod beneficiaries;
pub mod labels;
pub mod person_copy;
pub mod record_contact;
pub mod record_form;
pub mod share;
pub mod timeline;

use crate::error::AppError;
use crate::state::AppState;
use axum::Router;
use axum::routing::get;
use tremplin_domain::accounts::{AccountRepo, Grant, User};
use tremplin_domain::coaching::follow_up::RecordError;
use tremplin_domain::coaching::records_policy::FollowUpActor;
use tremplin_domain::coaching::{Coach, CoachRepo};

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace-coach/rendez-vous/{public_id}/compte-rendu", get(record_form::show).post(record_form::submit))
        .route("/espace-coach/beneficiaires", get(beneficiaries::mine))
        .route("/espace-coach/beneficiaires/{public_id}", get(timeline::show))
        .route("/espace-coach/beneficiaires/{public_id}/compte-rendu", get(record_contact::show).post(record_contact::submit))
        .route("/espace-coach/beneficiaires/{public_id}/partager", get(share::show).post(share::submit))
        .route("/territoires/{slug}/accompagnements", get(beneficiaries::territory))
        .route("/territoires/{slug}/coachs/activite", get(activity::show))
        .route("/territoires/{slug}/coachs/activite.csv", get(activity::download))
        .route("/rendez-vous/{public_id}/{token}/suivi", get(person_copy::page))
        .route("/rendez-vous/{public_id}/{token}/suivi.json", get(person_copy::download))
}

/// What the policy needs to know of the acting account: its grants and its coach profile.
pub struct ActorData {
    /// The account.
    pub user: User,
    /// Its grants.
    pub grants: Vec<Grant>,
    /// Its coach profile, if it has one.
    pub coach: Option<Coach>,
}

impl ActorData {
    /// Reads the grants and coach profile of `user`.
    pub async fn of(state: &AppState, user: User) -> Result<Self, AppError> {
        let grants = state.db.grants_of(user.id).await?;
        let coach = state.db.coach_by_user(user.id).await?;
        Ok(ActorData { user, grants, coach })
    }

    /// The actor as the policy sees it.
    pub fn actor(&self) -> FollowUpActor<'_> {
        FollowUpActor { user: &self.user, grants: &self.grants, coach_id: self.coach.as_ref().map(|c| c.id) }
    }
}

impl From<RecordError> for AppError {
    fn from(e: RecordError) -> Self {
        match e {
            RecordError::Invalid(fields) => AppError::Invalid(fields),
            RecordError::NotYet => AppError::BadRequest("record-not-yet"),
            RecordError::Cancelled => AppError::BadRequest("record-cancelled"),
            RecordError::NotFound | RecordError::TokenInvalid => AppError::NotFound,
            RecordError::Forbidden => AppError::Forbidden,
            RecordError::Store(s) => s.into(),
        }
    }
}

/// Path of a beneficiary's timeline.
pub fn timeline_path(public_id: &str) -> String {
    format!("/espace-coach/beneficiaires/{public_id}")
}

/// Marks a page holding personal data as never to be stored by a cache.
pub fn private(response: axum::response::Response) -> axum::response::Response {
    crate::routes::events::staff::private(response)
}
