//! `GET /coachs`: the finder. A GET form (shareable URL): business or resident, where,
//! themes, language, modality; then the coaches ranked, each with its next free slot.

use super::query::FinderForm;
use super::search::find;
use super::view::{CoachCard, language_label, modality_label};
use crate::error::AppError;
use crate::pages::{Ctx, FormErrors, render};
use crate::routes::events::view::theme_label;
use crate::state::AppState;
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use tremplin_domain::coaching::{CoachAudience, LANGUAGES, Modality, THEMES};
use tremplin_domain::territories::Place;

#[derive(Template)]
#[template(path = "coaching_finder/finder.html")]
struct FinderPage {
    ctx: Ctx,
    form: FinderForm,
    errors: FormErrors,
    place: Option<Place>,
    /// `None` until the visitor asked something.
    cards: Option<Vec<CoachCard>>,
}

impl FinderPage {
    fn themes(&self) -> [&'static str; 8] {
        THEMES
    }
    fn theme_label(&self, theme: &str) -> String {
        theme_label(&self.ctx.tr, theme)
    }
    fn audiences(&self) -> &'static [CoachAudience] {
        CoachAudience::ALL
    }
    fn modalities(&self) -> &'static [Modality] {
        Modality::ALL
    }
    fn modality_label(&self, modality: &Modality) -> String {
        modality_label(&self.ctx.tr, *modality)
    }
    fn languages(&self) -> [&'static str; 8] {
        LANGUAGES
    }
    fn language_label(&self, code: &str) -> String {
        language_label(&self.ctx.tr, code)
    }
    fn i_am(&self, audience: &CoachAudience) -> String {
        self.ctx.tr.t(&format!("finder-i-am-{}", audience.as_str()))
    }
    /// "Modalities: at the venue, phone · Languages: French".
    fn ways(&self, card: &CoachCard) -> String {
        self.ctx.tr.args("finder-ways", &[("modalities", card.modalities.join(", ")), ("languages", card.languages.join(", "))])
    }
}

/// The finder page.
pub async fn page(State(state): State<AppState>, ctx: Ctx, RawQuery(query): RawQuery) -> Result<Response, AppError> {
    let form = FinderForm::from_query(query.as_deref());
    let (status, errors, place, cards) = if form.is_empty() {
        (StatusCode::OK, FormErrors::default(), None, None)
    } else {
        match form.resolve(&state).await? {
            Ok((query, place)) => {
                let cards = find(&state, &query).await?.into_iter().map(|r| CoachCard::new(&ctx.tr, r)).collect();
                (StatusCode::OK, FormErrors::default(), place, Some(cards))
            }
            Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, FormErrors(errors), None, None),
        }
    };
    Ok(render(status, &FinderPage { ctx, form, errors, place, cards }))
}
