//! `GET /ecosysteme`: the ecosystem's front page and its matching. A GET form (need, sector,
//! stage, commune, kind); then the actors who offer the need, ranked, each with the line
//! that explains why. Without a need: what the ecosystem is, and the vocabulary as links
//! with the number of actors offering each. A logged-in visitor with a profile starts from
//! it (first need, sector, stage, commune) and is told so.

use super::super::labels::{self, Vocabulary};
use super::query::MatchForm;
use super::search::{PAGE_CAP, active_actors, find};
use super::view::MatchCard;
use crate::error::AppError;
use crate::pages::{Ctx, FormErrors, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use tremplin_domain::ecosystem::matching::offer_counts;
use tremplin_domain::ecosystem::{Actor, ActorRepo, Topic};

#[derive(Template)]
#[template(path = "ecosystem_actors/search.html")]
struct SearchPage {
    ctx: Ctx,
    /// The vocabularies the form lists.
    vocab: Vocabulary,
    form: MatchForm,
    errors: FormErrors,
    /// The visitor's own profile.
    own: Option<Actor>,
    /// The form was filled from the visitor's profile.
    from_profile: bool,
    /// The commune distances are measured from.
    place_name: Option<String>,
    /// The need's label, once asked.
    need_label: Option<String>,
    /// `None` until a need is asked.
    cards: Option<Vec<MatchCard>>,
    /// Results beyond the cap.
    more: usize,
    /// Each topic with the number of actors offering it (no need asked).
    counts: Vec<(Topic, usize)>,
}

impl SearchPage {
    /// "12 actors offer it".
    fn offering(&self, count: &usize) -> String {
        self.ctx.tr.count_with("eco-actors-offering-count", "count", *count, &[])
    }
    /// "12 more results: narrow the search".
    fn more_text(&self) -> String {
        self.ctx.tr.count_with("eco-actors-more", "count", self.more, &[])
    }
    /// "3 actors found".
    fn found_text(&self) -> String {
        let shown = self.cards.as_ref().map_or(0, Vec::len);
        self.ctx.tr.count_with("eco-actors-found", "count", shown + self.more, &[])
    }
}

/// The form a profile starts: its first need, sector and stage, its commune.
fn from_profile(actor: &Actor) -> Option<MatchForm> {
    let need = actor.needs.first()?;
    Some(MatchForm {
        need: need.as_str().into(),
        sector: actor.sectors.first().map(|s| s.as_str().to_owned()).unwrap_or_default(),
        stage: actor.stages.first().map(|s| s.as_str().to_owned()).unwrap_or_default(),
        commune: actor.insee.clone().unwrap_or_default(),
        ..MatchForm::default()
    })
}

/// The page.
pub async fn page(State(state): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, AppError> {
    let own = match &ctx.user {
        Some(user) => state.db.actor_by_user(user.id).await?,
        None => None,
    };
    let mut form = MatchForm::from_query(raw.as_deref());
    let mut from_profile_form = false;
    if form.is_empty()
        && let Some(prefilled) = own.as_ref().and_then(from_profile)
    {
        form = prefilled;
        from_profile_form = true;
    }
    let mut page = SearchPage {
        vocab: Vocabulary::new(ctx.tr),
        ctx,
        form,
        errors: FormErrors::default(),
        own,
        from_profile: from_profile_form,
        place_name: None,
        need_label: None,
        cards: None,
        more: 0,
        counts: Vec::new(),
    };
    let resolved = match page.form.resolve(&state).await? {
        Ok(resolved) => resolved,
        Err(errors) => {
            page.errors = FormErrors(errors);
            page.counts = offer_counts(&active_actors(&state, None).await?);
            return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    page.place_name = resolved.commune.map(|c| c.name);
    match resolved.query {
        Some(mut query) => {
            query.exclude_actor = page.own.as_ref().map(|a| a.id);
            let matches = find(&state, &query, resolved.territory_ids).await?;
            page.more = matches.len().saturating_sub(PAGE_CAP);
            page.need_label = Some(labels::topic(&page.ctx.tr, query.need));
            page.cards = Some(matches.iter().take(PAGE_CAP).map(|m| MatchCard::new(&page.ctx.tr, m, &query)).collect());
        }
        None => page.counts = offer_counts(&active_actors(&state, resolved.territory_ids).await?),
    }
    Ok(render(StatusCode::OK, &page))
}
