//! `GET|POST /annuaire/{slug}/modifier`: the owner (or a manager) edits the listing; changes
//! publish at once and are kept in the history. "Preview" shows the week of the hours typed
//! without saving.

use super::find;
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, RawForm, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::directory::editing::EditableFields;
use tremplin_domain::directory::hours::{Day, Hours};
use tremplin_domain::directory::ownership::{self, OwnershipError};
use tremplin_domain::directory::{Amenity, Category, DirectoryRepo, Listing};

#[derive(Template)]
#[template(path = "directory/edit.html")]
struct EditPage {
    ctx: Ctx,
    listing: Listing,
    fields: EditableFields,
    categories: Vec<Category>,
    errors: FormErrors,
    preview: Option<Vec<Day>>,
    hours_problem: Option<String>,
}

impl EditPage {
    fn amenities(&self) -> [Amenity; 5] {
        Amenity::ALL
    }

    fn has_amenity(&self, amenity: &Amenity) -> bool {
        self.fields.amenities.iter().any(|a| a == amenity.as_str())
    }

    fn amenity_label(&self, amenity: &Amenity) -> String {
        self.ctx.tr.t(&format!("amenity-{}", amenity.as_str()))
    }

    fn day_name(&self, day: &Day) -> String {
        format!("{} {}", self.ctx.tr.t(tremplin_domain::directory::hours::weekday_key(day.weekday)), day.date.format("%d/%m"))
    }
}

async fn allowed(state: &AppState, user: &tremplin_domain::accounts::User, listing: &Listing) -> Result<(), AppError> {
    let grants = state.db.grants_of(user.id).await?;
    if ownership::can_edit(&state.db, user, &grants, listing).await? { Ok(()) } else { Err(AppError::Forbidden) }
}

/// The edit form.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let listing = find(&state, &slug).await?;
    allowed(&state, &user, &listing).await?;
    let fields = EditableFields::of(&listing);
    let categories = state.db.categories().await?;
    Ok(ok(&EditPage {
        ctx: ctx.with_form().await?,
        listing,
        fields,
        categories,
        errors: FormErrors::default(),
        preview: None,
        hours_problem: None,
    }))
}

/// The editable fields of a submitted form, and whether "preview" was pressed.
pub fn fields_from_form(body: &[u8]) -> (EditableFields, bool) {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap_or_default();
    let mut fields = EditableFields::default();
    let mut preview = false;
    for (key, value) in pairs {
        match key.as_str() {
            "name" => fields.name = value,
            "description" => fields.description = value,
            "address" => fields.address = value,
            "postcode" => fields.postcode = value,
            "phone" => fields.phone = value,
            "email" => fields.email = value,
            "website" => fields.website = value,
            "opening_hours" => fields.opening_hours = value,
            "category" => fields.category = Some(value).filter(|v| !v.is_empty()),
            "service" => fields.amenities.push(value),
            "preview" => preview = true,
            _ => {}
        }
    }
    (fields, preview)
}

/// Saves the listing, or shows a preview of the hours.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    RawForm(body): RawForm,
) -> Result<Response, AppError> {
    let listing = find(&state, &slug).await?;
    allowed(&state, &user, &listing).await?;
    let (fields, preview) = fields_from_form(&body);
    let categories = state.db.categories().await?;
    let hours = (!fields.opening_hours.trim().is_empty()).then(|| Hours::parse(&fields.opening_hours));
    let hours_problem = match &hours {
        Some(Err(e)) => Some(e.message.clone()),
        _ => None,
    };
    if preview {
        let week = match hours {
            Some(Ok(h)) => Some(h.week(state.clock.now())),
            _ => None,
        };
        let ctx = ctx.with_form().await?;
        return Ok(ok(&EditPage { ctx, listing, fields, categories, errors: FormErrors::default(), preview: week, hours_problem }));
    }
    let grants = state.db.grants_of(user.id).await?;
    match ownership::edit(&state.db, state.clock.as_ref(), &user, &grants, &listing, fields.clone()).await {
        Ok(_) => {
            flash::push(ctx.session(), "listing-saved").await;
            Ok(Redirect::to(&format!("/annuaire/{slug}")).into_response())
        }
        Err(OwnershipError::Invalid(errors)) => {
            let ctx = ctx.with_form().await?;
            Ok(render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &EditPage { ctx, listing, fields, categories, errors: FormErrors(errors), preview: None, hours_problem },
            ))
        }
        Err(other) => Err(other.into()),
    }
}
