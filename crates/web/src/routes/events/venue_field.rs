//! The venue of the session form: a place of the directory by its slug, or a name and an
//! address with the commune resolved by the place look-up (name or postcode), which also
//! gives the coordinates the agenda's "near" filter uses.

use super::create_form::EventFields;
use crate::state::AppState;
use tremplin_domain::accounts::FieldError;
use tremplin_domain::directory::DirectoryRepo;
use tremplin_domain::events::Venue;
use tremplin_domain::territories;
use tremplin_kernel::text::fold;

/// The venue: a directory place by slug, else a name and address with the commune resolved by
/// the place look-up (postcode or name).
pub async fn venue(state: &AppState, fields: &EventFields) -> Result<Venue, FieldError> {
    let room = fields.room.trim().to_owned();
    let slug = fields.venue_place.trim();
    if !slug.is_empty() {
        let listing = state
            .db
            .listing_by_slug(slug)
            .await
            .ok()
            .flatten()
            .ok_or(FieldError { field: "venue_place", key: "staff-error-place-unknown" })?;
        return Ok(Venue {
            listing_id: Some(listing.id),
            listing_slug: Some(listing.slug.clone()),
            name: listing.name.clone(),
            address: [listing.address.as_str(), listing.postcode.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", "),
            insee: listing.insee.clone(),
            commune: listing.commune.clone(),
            latitude: listing.point.map(|p| p.lat),
            longitude: listing.point.map(|p| p.lon),
            room,
        });
    }
    let mut venue =
        Venue { name: fields.venue_name.trim().to_owned(), address: fields.venue_address.trim().to_owned(), room, ..Venue::default() };
    let commune = fields.venue_commune.trim();
    if !commune.is_empty() {
        let place = territories::search_places(&state.db, commune, 1)
            .await
            .ok()
            .and_then(|p| p.into_iter().next())
            .ok_or(FieldError { field: "venue_commune", key: "staff-error-commune-unknown" })?;
        // The commune is added to the address unless it is there already (typed, or kept
        // from the session being edited).
        if !venue.address.contains(&place.postcode) && !fold(&venue.address).contains(&fold(&place.name)) {
            venue.address = [venue.address.as_str(), &format!("{} {}", place.postcode, place.name)]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
        }
        venue.insee = Some(place.insee);
        venue.commune = Some(place.name);
        venue.latitude = place.lat;
        venue.longitude = place.lon;
    }
    Ok(venue)
}
