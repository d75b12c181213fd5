//! Rate limits on the forms and API calls that create things for anyone who asks: sign-up,
//! workshop registration, coaching booking, introduction requests.
//!
//! Counted in the database (`rate_events`, through `AccountRepo::allow_attempt`, as the login
//! limits are), so that several instances behind a load balancer share one count: a limit
//! kept in memory would be multiplied by the number of instances.
//!
//! The numbers are per hour and chosen for the busiest honest case we know: many people
//! behind one address. A town hall's public Internet access, a media library's room or a
//! workshop kiosk is one IP address for everyone in it; a digital-help session signs up or
//! registers 10 to 20 people in an hour, an open day at a kiosk one person a minute at most.
//! The per-client limits sit well above that (60 to 120 an hour), and far below what a script
//! filling the database or the mailboxes of strangers would need. Per e-mail address, 20
//! registrations an hour is more than a person picking sessions in a programme (one request
//! covers many sessions) and stops one address from being subscribed to everything.
//! `WebConfig.rate_limits = false` (`TREMPLIN_RATE_LIMITS=false`) turns them off for the
//! benchmarks, which send thousands of requests from one address.

use crate::error::AppError;
use crate::state::AppState;
use tremplin_domain::accounts::AccountRepo;

/// One hour, the window of every limit here.
const WINDOW_SECS: i64 = 3600;

/// What is being limited, and for whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Accounts created from one client address.
    SignUpPerClient,
    /// Workshop registrations (page or API) from one client address.
    RegistrationPerClient,
    /// Workshop registrations for one e-mail address.
    RegistrationPerEmail,
    /// Coaching bookings from one client address.
    BookingPerClient,
    /// Coaching bookings for one e-mail address (the person booking, signed in or not).
    BookingPerEmail,
    /// Introduction requests from one client address (on top of the per-account daily limit).
    IntroductionPerClient,
}

impl Limit {
    /// The bucket's prefix in `rate_events` and the most attempts allowed per hour.
    const fn rule(self) -> (&'static str, i64) {
        match self {
            // A digital-help session creates 10 to 20 accounts an hour from one room.
            Limit::SignUpPerClient => ("signup-client", 60),
            // An open day's kiosk: about one person a minute, two sessions each at most.
            Limit::RegistrationPerClient => ("register-client", 120),
            Limit::RegistrationPerEmail => ("register-email", 20),
            // A coach's appointments are scarce: a mediator booking for the people in the room
            // books a few an hour; a script booking them all is what this stops.
            Limit::BookingPerClient => ("book-client", 60),
            Limit::BookingPerEmail => ("book-email", 10),
            // Actors of a shared workspace behind one address; each account has its own
            // daily limit already.
            Limit::IntroductionPerClient => ("intro-client", 60),
        }
    }

    /// The most attempts allowed in an hour.
    pub const fn max_per_hour(self) -> i64 {
        self.rule().1
    }
}

/// Counts one attempt of `limit` for `key` and says whether it is allowed. Without a key
/// (the client's address unknown, no e-mail typed) or with limits turned off, it is.
pub async fn allow(state: &AppState, limit: Limit, key: Option<&str>) -> Result<bool, AppError> {
    let Some(key) = key.map(str::trim).filter(|k| !k.is_empty()) else {
        return Ok(true);
    };
    if !state.config.rate_limits {
        return Ok(true);
    }
    let (prefix, max) = limit.rule();
    let now = state.clock.now_ts();
    let bucket = format!("{prefix}:{}", key.to_lowercase());
    Ok(state.db.allow_attempt(&bucket, now - WINDOW_SECS, now, max).await?)
}

/// Counts one attempt for each of `checks`; false as soon as one is over its limit.
pub async fn allow_all(state: &AppState, checks: &[(Limit, Option<&str>)]) -> Result<bool, AppError> {
    for (limit, key) in checks {
        if !allow(state, *limit, *key).await? {
            return Ok(false);
        }
    }
    Ok(true)
}
