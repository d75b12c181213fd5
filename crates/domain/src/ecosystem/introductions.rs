//! Introductions between two actors with double opt-in. Asking is the requester's consent;
//! the recipient's acceptance is the second. Contact details are given only to the two sides
//! of an accepted introduction (see [`contact_visible`]). Abuse is bounded by limits counted in
//! the database inside the request's transaction, so they hold across instances.

use super::intro_mail;
use super::model::Actor;
use super::vocabulary::Topic;
use crate::StoreResult;
use crate::accounts::FieldError;
use crate::notifications::MailRequest;
use std::future::Future;
use tremplin_kernel::token::new_public_id;
use tremplin_kernel::{Clock, Locale};

/// Requests one requester may send per rolling 24 hours.
pub const DAILY_REQUESTS: i64 = 5;
/// Requests one requester may have waiting at once.
pub const MAX_PENDING: i64 = 10;
/// Shortest and longest request message, characters.
pub const MESSAGE_MIN: usize = 20;
/// Longest request message.
pub const MESSAGE_MAX: usize = 1000;
/// Longest answer message.
pub const ANSWER_MAX: usize = 500;
/// First reminder, after this many seconds without answer.
pub const FIRST_REMINDER_SECS: i64 = 3 * 86_400;
/// Second reminder.
pub const SECOND_REMINDER_SECS: i64 = 7 * 86_400;
/// Expiry.
pub const EXPIRY_SECS: i64 = 14 * 86_400;

vocabulary! {
    /// Where an introduction stands.
    IntroStatus {
        /// Waiting for the recipient.
        Pending => "pending",
        /// Both agreed: contacts are shared.
        Accepted => "accepted",
        /// The recipient said no.
        Declined => "declined",
        /// The requester took it back (or a manager suspended them).
        Withdrawn => "withdrawn",
        /// No answer within 14 days.
        Expired => "expired",
    }
}

/// One side of an introduction, as the other side and the e-mails need it.
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    /// Actor id.
    pub actor_id: i64,
    /// Account holding the actor.
    pub user_id: i64,
    /// Actor slug.
    pub slug: String,
    /// Actor name.
    pub name: String,
    /// Where the platform's e-mails to this side go: the account's login address (the
    /// actor's contact columns are read only by `actor_contact`).
    pub mail_to: String,
    /// The account's language.
    pub locale: Locale,
}

/// An introduction.
#[derive(Debug, Clone, PartialEq)]
pub struct Introduction {
    /// Internal id.
    pub id: i64,
    /// Opaque id of URLs.
    pub public_id: String,
    /// Who asked.
    pub requester: Party,
    /// Who is asked.
    pub recipient: Party,
    /// The need, one the recipient offers.
    pub need: Topic,
    /// The requester's message.
    pub message: String,
    /// Where it stands.
    pub status: IntroStatus,
    /// The recipient's answer message.
    pub answer: String,
    /// Whether the acceptance opened a mentoring relationship (with a meetings log).
    pub mentoring: bool,
    /// Reminders sent so far.
    pub reminders: i64,
    /// When the worker next looks at it (pending only).
    pub due_at: Option<i64>,
    /// Asked, Unix seconds.
    pub created_at: i64,
    /// Answered (or withdrawn, expired), Unix seconds.
    pub answered_at: Option<i64>,
}

impl Introduction {
    /// The side `actor_id` is on, if any.
    pub fn side_of(&self, actor_id: i64) -> Option<Side> {
        if self.requester.actor_id == actor_id {
            Some(Side::Requester)
        } else if self.recipient.actor_id == actor_id {
            Some(Side::Recipient)
        } else {
            None
        }
    }

    /// The side of an account, if any.
    pub fn side_of_user(&self, user_id: i64) -> Option<Side> {
        if self.requester.user_id == user_id {
            Some(Side::Requester)
        } else if self.recipient.user_id == user_id {
            Some(Side::Recipient)
        } else {
            None
        }
    }

    /// The other side of `side`.
    pub fn other(&self, side: Side) -> &Party {
        match side {
            Side::Requester => &self.recipient,
            Side::Recipient => &self.requester,
        }
    }
}

/// Which side of an introduction someone is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The one who asked.
    Requester,
    /// The one asked.
    Recipient,
}

/// Whether a side may see the other side's contact details: only once accepted. Every page
/// and answer that shows a contact asks this first.
pub fn contact_visible(intro: &Introduction, viewer: Option<Side>) -> bool {
    viewer.is_some() && intro.status == IntroStatus::Accepted
}

/// A request about to be written.
#[derive(Debug, Clone)]
pub struct NewIntroduction {
    /// Opaque id.
    pub public_id: String,
    /// Requester actor.
    pub requester_id: i64,
    /// Recipient actor.
    pub recipient_id: i64,
    /// The need.
    pub need: Topic,
    /// The message.
    pub message: String,
    /// Now.
    pub created_at: i64,
}

/// Why the store refused a request (limits counted inside its transaction).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Already [`DAILY_REQUESTS`] in the last 24 hours.
    Daily,
    /// Already [`MAX_PENDING`] waiting.
    TooManyPending,
    /// A request to this actor is waiting already.
    AlreadyPending,
}

impl Refusal {
    /// Translation key of the message.
    pub fn key(self) -> &'static str {
        match self {
            Refusal::Daily => "eco-intro-error-daily",
            Refusal::TooManyPending => "eco-intro-error-pending",
            Refusal::AlreadyPending => "eco-intro-error-already",
        }
    }
}

/// A meeting of a mentoring relationship.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    /// Internal id.
    pub id: i64,
    /// Who wrote it (actor id).
    pub author_id: i64,
    /// Paris date, `YYYY-MM-DD`.
    pub met_on: String,
    /// Duration, minutes.
    pub minutes: i64,
    /// What was said.
    pub summary: String,
    /// What comes next.
    pub next_steps: String,
    /// Written, Unix seconds.
    pub created_at: i64,
}

/// What introductions need from the store.
pub trait IntroRepo: Send + Sync {
    /// Writes a request and enqueues `mail`, in one transaction, after counting the limits
    /// (the requester's actor row is locked first, so two requests at once count each other).
    fn create_introduction(
        &self,
        new: &NewIntroduction,
        mail: Option<&MailRequest>,
    ) -> impl Future<Output = StoreResult<Result<(), Refusal>>> + Send;
    /// An introduction by its opaque id.
    fn introduction(&self, public_id: &str) -> impl Future<Output = StoreResult<Option<Introduction>>> + Send;
    /// Every introduction an actor is a side of, newest first.
    fn introductions_of(&self, actor_id: i64) -> impl Future<Output = StoreResult<Vec<Introduction>>> + Send;
    /// Moves a pending introduction to `status` (with the answer and mentoring flag) and
    /// enqueues `mail`, only if still pending; returns whether it moved.
    fn close_introduction(
        &self,
        id: i64,
        status: IntroStatus,
        answer: &str,
        mentoring: bool,
        now: i64,
        mail: Option<&MailRequest>,
    ) -> impl Future<Output = StoreResult<bool>> + Send;
    /// The meetings of a relationship, newest first.
    fn meetings(&self, introduction_id: i64) -> impl Future<Output = StoreResult<Vec<Meeting>>> + Send;
    /// Logs a meeting.
    fn add_meeting(&self, introduction_id: i64, meeting: &Meeting) -> impl Future<Output = StoreResult<()>> + Send;
    /// Suspends an actor with a note and withdraws its pending outgoing requests, in one
    /// transaction.
    fn suspend_actor(&self, actor_id: i64, note: &str, now: i64) -> impl Future<Output = StoreResult<()>> + Send;
}

/// Why a request or an answer is refused.
#[derive(Debug)]
pub enum IntroError {
    /// The visitor holds no active profile (they are sent to the profile form).
    NoProfile,
    /// Not allowed (asking oneself, a suspended side, not the recipient …).
    Forbidden,
    /// Not pending any more.
    Closed,
    /// Input to fix.
    Invalid(Vec<FieldError>),
    /// A limit.
    Refused(Refusal),
    /// The store failed.
    Store(crate::StoreError),
}

impl From<crate::StoreError> for IntroError {
    fn from(e: crate::StoreError) -> Self {
        IntroError::Store(e)
    }
}

/// The request form's input.
#[derive(Debug, Clone, Default)]
pub struct RequestInput {
    /// The need, a [`Topic`] identifier.
    pub need: String,
    /// The message.
    pub message: String,
}

/// Checks a request's input against the recipient's offers.
pub fn check_request(recipient: &Actor, input: &RequestInput) -> Result<(Topic, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let need = Topic::parse(&input.need).filter(|t| recipient.offers.contains(t));
    if need.is_none() {
        errors.push(FieldError { field: "need", key: "eco-intro-error-need" });
    }
    let message = input.message.trim().to_owned();
    let length = message.chars().count();
    if !(MESSAGE_MIN..=MESSAGE_MAX).contains(&length) {
        errors.push(FieldError { field: "message", key: "eco-intro-error-message" });
    }
    match need {
        Some(need) if errors.is_empty() => Ok((need, message)),
        _ => Err(errors),
    }
}

/// Sends a request from `requester` (the visitor's actor, `None` if they have none) to
/// `recipient`; returns the new introduction's opaque id.
pub async fn request(
    repo: &impl IntroRepo,
    clock: &dyn Clock,
    requester: Option<&Actor>,
    requester_party: Option<Party>,
    recipient: &Actor,
    recipient_party: Party,
    input: &RequestInput,
) -> Result<String, IntroError> {
    let (Some(requester), Some(requester_party)) = (requester, requester_party) else { return Err(IntroError::NoProfile) };
    if !requester.is_active() {
        return Err(IntroError::NoProfile);
    }
    if requester.id == recipient.id || !recipient.is_active() {
        return Err(IntroError::Forbidden);
    }
    let (need, message) = check_request(recipient, input).map_err(IntroError::Invalid)?;
    let new = NewIntroduction {
        public_id: new_public_id(),
        requester_id: requester.id,
        recipient_id: recipient.id,
        need,
        message,
        created_at: clock.now_ts(),
    };
    let mail = intro_mail::new_request(&requester_party, &recipient_party, &new);
    repo.create_introduction(&new, mail.as_ref()).await?.map_err(IntroError::Refused)?;
    Ok(new.public_id)
}

/// The recipient's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Yes (optionally opening a mentoring relationship).
    Accept {
        /// Open a mentoring relationship.
        mentoring: bool,
    },
    /// No.
    Decline,
}

/// Whether accepting this introduction may open a mentoring relationship: the need is
/// mentoring and the recipient offers it.
pub fn mentoring_possible(intro: &Introduction, recipient: &Actor) -> bool {
    intro.need == Topic::Mentoring && recipient.offers.contains(&Topic::Mentoring)
}

/// The recipient (`actor`, the visitor's) answers a pending introduction.
pub async fn answer(
    repo: &impl IntroRepo,
    clock: &dyn Clock,
    intro: &Introduction,
    actor: &Actor,
    decision: Decision,
    answer: &str,
) -> Result<(), IntroError> {
    if intro.side_of(actor.id) != Some(Side::Recipient) || !actor.is_active() {
        return Err(IntroError::Forbidden);
    }
    if intro.status != IntroStatus::Pending {
        return Err(IntroError::Closed);
    }
    let answer = answer.trim();
    if answer.chars().count() > ANSWER_MAX {
        return Err(IntroError::Invalid(vec![FieldError { field: "answer", key: "eco-intro-error-answer" }]));
    }
    let (status, mentoring) = match decision {
        Decision::Accept { mentoring } => (IntroStatus::Accepted, mentoring && mentoring_possible(intro, actor)),
        Decision::Decline => (IntroStatus::Declined, false),
    };
    let mail = intro_mail::answered(intro, status);
    if !repo.close_introduction(intro.id, status, answer, mentoring, clock.now_ts(), mail.as_ref()).await? {
        return Err(IntroError::Closed);
    }
    Ok(())
}

/// The requester (`actor`) takes a pending request back.
pub async fn withdraw(repo: &impl IntroRepo, clock: &dyn Clock, intro: &Introduction, actor: &Actor) -> Result<(), IntroError> {
    if intro.side_of(actor.id) != Some(Side::Requester) {
        return Err(IntroError::Forbidden);
    }
    if intro.status != IntroStatus::Pending
        || !repo.close_introduction(intro.id, IntroStatus::Withdrawn, "", false, clock.now_ts(), None).await?
    {
        return Err(IntroError::Closed);
    }
    Ok(())
}

/// The meeting form's input.
#[derive(Debug, Clone, Default)]
pub struct MeetingInput {
    /// `YYYY-MM-DD`.
    pub met_on: String,
    /// Minutes.
    pub minutes: String,
    /// Summary.
    pub summary: String,
    /// Next steps.
    pub next_steps: String,
}

/// Longest summary and next steps.
pub const MEETING_TEXT_MAX: usize = 2000;

/// Checks a meeting against today's Paris date (`today`, `YYYY-MM-DD`).
pub fn check_meeting(input: &MeetingInput, today: &str) -> Result<(String, i64), Vec<FieldError>> {
    let mut errors = Vec::new();
    let date = chrono::NaiveDate::parse_from_str(input.met_on.trim(), "%Y-%m-%d").ok().map(|d| d.format("%Y-%m-%d").to_string());
    match &date {
        None => errors.push(FieldError { field: "met_on", key: "eco-meeting-error-date" }),
        Some(d) if d.as_str() > today => errors.push(FieldError { field: "met_on", key: "eco-meeting-error-future" }),
        Some(_) => {}
    }
    let minutes = input.minutes.trim().parse::<i64>().ok().filter(|m| (5..=600).contains(m));
    if minutes.is_none() {
        errors.push(FieldError { field: "minutes", key: "eco-meeting-error-minutes" });
    }
    let summary = input.summary.trim();
    if summary.is_empty() || summary.chars().count() > MEETING_TEXT_MAX {
        errors.push(FieldError { field: "summary", key: "eco-meeting-error-summary" });
    }
    if input.next_steps.trim().chars().count() > MEETING_TEXT_MAX {
        errors.push(FieldError { field: "next_steps", key: "eco-meeting-error-too-long" });
    }
    match (date, minutes) {
        (Some(date), Some(minutes)) if errors.is_empty() => Ok((date, minutes)),
        _ => Err(errors),
    }
}

/// Either side (`actor`) logs a meeting of an accepted mentoring relationship.
pub async fn log_meeting(
    repo: &impl IntroRepo,
    clock: &dyn Clock,
    intro: &Introduction,
    actor: &Actor,
    input: &MeetingInput,
) -> Result<(), IntroError> {
    if intro.side_of(actor.id).is_none() || intro.status != IntroStatus::Accepted || !intro.mentoring {
        return Err(IntroError::Forbidden);
    }
    let now = clock.now_ts();
    let (met_on, minutes) = check_meeting(input, &paris_date(now)).map_err(IntroError::Invalid)?;
    let meeting = Meeting {
        id: 0,
        author_id: actor.id,
        met_on,
        minutes,
        summary: input.summary.trim().to_owned(),
        next_steps: input.next_steps.trim().to_owned(),
        created_at: now,
    };
    repo.add_meeting(intro.id, &meeting).await?;
    Ok(())
}

/// The Paris date of a Unix time, `YYYY-MM-DD`.
pub fn paris_date(ts: i64) -> String {
    chrono::DateTime::from_timestamp(ts, 0)
        .map(|d| d.with_timezone(&chrono_tz::Europe::Paris).format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meeting_is_dated_today_or_before_and_lasts_a_sensible_time() {
        let input = |date: &str, minutes: &str| MeetingInput {
            met_on: date.into(),
            minutes: minutes.into(),
            summary: "Point sur le prévisionnel".into(),
            next_steps: String::new(),
        };
        assert_eq!(check_meeting(&input("2026-03-01", "60"), "2026-03-01"), Ok(("2026-03-01".into(), 60)));
        assert!(check_meeting(&input("2026-03-02", "60"), "2026-03-01").is_err());
        assert!(check_meeting(&input("hier", "60"), "2026-03-01").is_err());
        assert!(check_meeting(&input("2026-02-01", "0"), "2026-03-01").is_err());
        let no_summary = MeetingInput { summary: " ".into(), ..input("2026-02-01", "30") };
        assert_eq!(check_meeting(&no_summary, "2026-03-01").map_err(|e| e[0].field), Err("summary"));
    }

    #[test]
    fn statuses_round_trip() {
        for status in IntroStatus::ALL {
            assert_eq!(IntroStatus::parse(status.as_str()), Some(*status));
        }
    }
}
