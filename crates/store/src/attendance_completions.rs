//! A presence marked at the door completes the modules the session covers, in the check-in's
//! transaction: the registrant is the holder, in the session's territory. Undoing a check-in
//! keeps the completion (the person did come; a mistaken tick is corrected by hand).

use crate::completions::complete_in_tx;
use crate::db::{Result, Tx};
use sea_query::{Expr, ExprTrait, Query};
use tremplin_domain::coaching::Booker;
use tremplin_domain::learning::evidence::workshop_completions;
use tremplin_domain::learning::{HolderRef, catalogue};
use tremplin_kernel::{Email, Locale, Phone};

type AttendeeRow = (String, String, Option<String>, Option<String>, String, String, i64, String, i64, String);

/// Records the completions of the registration's session for its registrant, if the session
/// covers modules and the registrant left a contact that recognises them.
pub(crate) async fn complete_attendance(tx: &mut Tx, registration_id: i64, now: i64) -> Result<()> {
    let row: Option<AttendeeRow> = tx
        .fetch_optional(
            Query::select()
                .columns([
                    ("registrations", "public_id"),
                    ("registrations", "name"),
                    ("registrations", "email"),
                    ("registrations", "phone"),
                    ("registrations", "business"),
                    ("registrations", "locale"),
                ])
                .columns([("events", "territory_id"), ("events", "title"), ("events", "starts_at"), ("events", "modules")])
                .from("registrations")
                .inner_join("events", Expr::col(("events", "id")).equals(("registrations", "event_id")))
                .and_where(Expr::col(("registrations", "id")).eq(registration_id)),
        )
        .await?;
    let Some((public_id, name, email, phone, business, locale, territory_id, title, starts_at, modules)) = row else {
        return Ok(());
    };
    // Sessions written before the catalogue may name other modules: only catalogue modules
    // make someone a holder.
    let modules: Vec<String> =
        modules.split('|').filter(|slug| catalogue::modules().iter().any(|m| m.slug == *slug)).map(str::to_owned).collect();
    let person = Booker {
        name,
        email: email.as_deref().and_then(|e| Email::parse(e).ok()),
        phone: phone.as_deref().and_then(|p| Phone::parse(p).ok()),
        business,
        locale: Locale::parse(&locale).unwrap_or_default(),
    };
    if modules.is_empty() || person.person_key().is_empty() {
        return Ok(());
    }
    let completions = workshop_completions(&modules, &title, starts_at, &public_id, now);
    complete_in_tx(tx, &HolderRef::Person { territory_id, person }, &completions, now).await?;
    Ok(())
}
