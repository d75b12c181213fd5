//! SQLite: registrations that arrive together are written together. SQLite admits one writer
//! at a time, and each statement is a round trip to the connection's thread, so a burst of
//! registrations one transaction each is bound by those round trips. Here each request puts
//! its registration in a queue (one per database file) and waits for the writer's turn; the
//! request that gets the turn takes every queued registration (up to [`MAX_BATCH`]) and writes
//! them in one transaction, under SQLite's write lock: it reads the sessions' seats and
//! waitlists and the people's earlier registrations once, decides each registration in
//! arrival order exactly as one at a time would (seat while one is left, else the end of the
//! waitlist; the same person recognised), then writes all rows, the sessions' new counts and
//! all e-mails in a few statements, and answers every waiting request. If anything fails, each
//! registration of the batch is retried alone, so one request's problem is never another's.
//! PostgreSQL keeps one transaction per registration: its row locks let them run side by side.

use crate::db::{Db, Result, Tx};
use crate::outbox::enqueue_all;
use crate::registrations::{INSERT_COLUMNS, NewRow, position_in, registration_values};
use sea_query::{Expr, ExprTrait, Func, Query, Value};
use sqlx::sqlite::SqlitePool;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};
use tokio::sync::oneshot;
use tremplin_domain::StoreError;
use tremplin_domain::events::repo::OutcomeMail;
use tremplin_domain::events::tokens::new_secret;
use tremplin_domain::events::{EventStatus, Registrant, RegistrationOutcome, RegistrationStatus};
use tremplin_kernel::token::new_public_id;

/// Most registrations written in one transaction (keeps a turn short for other writers).
pub const MAX_BATCH: usize = 256;

type Answer = Result<Vec<RegistrationOutcome>>;

/// A registration waiting for the writer's turn.
struct Job {
    /// Tells this job from the others of the queue (to withdraw it).
    id: u64,
    sessions: Vec<(i64, String)>,
    registrant: Registrant,
    now: i64,
    mail: OutcomeMail,
    reply: oneshot::Sender<Answer>,
}

type Queue = Arc<Mutex<Vec<Job>>>;

fn queue_of(pool: &SqlitePool) -> Queue {
    static QUEUES: LazyLock<Mutex<HashMap<PathBuf, Queue>>> = LazyLock::new(Mutex::default);
    let mut queues = QUEUES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    queues.entry(pool.connect_options().get_filename().to_path_buf()).or_default().clone()
}

/// Registers a person, in the next batch written.
pub(crate) async fn register(
    db: &Db,
    pool: &SqlitePool,
    sessions: &[(i64, String)],
    registrant: &Registrant,
    now: i64,
    mail: OutcomeMail,
) -> Answer {
    let queue = queue_of(pool);
    static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let (reply, mut answer) = oneshot::channel();
    let job = Job { id, sessions: sessions.to_vec(), registrant: registrant.clone(), now, mail, reply };
    queue.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(job);
    loop {
        tokio::select! {
            biased;
            answered = &mut answer => return answered.map_err(|_| StoreError("registration batch abandoned".into()))?,
            turn = db.begin() => {
                let tx = match turn {
                    Ok(tx) => tx,
                    Err(error) => {
                        // No turn (the database is locked by another process past the busy
                        // timeout, or unreachable): withdraw ours, so that the error answered
                        // is the truth and a later batch does not write it after all. If a
                        // batch has taken it already, its answer is on the way.
                        let mut waiting = queue.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                        match waiting.iter().position(|job| job.id == id) {
                            Some(ours) => {
                                waiting.remove(ours);
                                return Err(error);
                            }
                            None => continue,
                        }
                    }
                };
                let jobs: Vec<Job> = {
                    let mut waiting = queue.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                    let n = waiting.len().min(MAX_BATCH);
                    waiting.drain(..n).collect()
                };
                if jobs.is_empty() {
                    // Ours was in a batch that has just been written: its answer is on the way.
                    drop(tx);
                    tokio::task::yield_now().await;
                    continue;
                }
                // In a task of its own: if this request is dropped (its client went away), the
                // batch still completes and answers the others.
                let _ = tokio::spawn(write_or_retry_alone(db.clone(), tx, jobs)).await;
            }
        }
    }
}

/// Writes a batch and answers its requests; on failure, retries each alone.
async fn write_or_retry_alone(db: Db, mut tx: Tx, jobs: Vec<Job>) {
    let written = match write(&mut tx, &jobs).await {
        Ok(outcomes) => tx.commit().await.map(|()| outcomes),
        Err(e) => {
            drop(tx);
            Err(e)
        }
    };
    match written {
        Ok(outcomes) => {
            for (job, outcome) in jobs.into_iter().zip(outcomes) {
                let _ = job.reply.send(Ok(outcome));
            }
        }
        Err(error) => {
            tracing::warn!(%error, registrations = jobs.len(), "registration batch failed; each is retried alone");
            for job in jobs {
                let alone = db.register_alone(&job.sessions, &job.registrant, job.now, &job.mail).await;
                let _ = job.reply.send(alone);
            }
        }
    }
}

/// Seats of a session as the batch goes.
struct Seats {
    capacity: i64,
    confirmed: i64,
    confirmed_before: i64,
    waitlisted: i64,
}

/// An earlier registration of a person for a session: id, public id, status, secret.
type Earlier = (i64, String, RegistrationStatus, String);

/// Decides and writes every registration of the batch; returns the outcomes, job by job.
async fn write(tx: &mut Tx, jobs: &[Job]) -> Result<Vec<Vec<RegistrationOutcome>>> {
    let event_ids: BTreeSet<i64> = jobs.iter().flat_map(|j| j.sessions.iter().map(|s| s.0)).collect();
    let keys: BTreeSet<String> = jobs.iter().map(|j| j.registrant.person_key()).collect();
    let mut seats = read_seats(tx, &event_ids).await?;
    let mut earlier = read_earlier(tx, &event_ids, &keys).await?;

    let mut results = Vec::with_capacity(jobs.len());
    let mut rows: Vec<[Value; 15]> = Vec::new();
    let mut replaced: Vec<i64> = Vec::new();
    let mut mails = Vec::new();
    let mut latest = 0;
    for job in jobs {
        let key = job.registrant.person_key();
        latest = Ord::max(latest, job.now);
        let mut outcomes = Vec::with_capacity(job.sessions.len());
        for (event_id, slug) in &job.sessions {
            if let Some((id, public_id, status, secret)) = earlier.get(&(*event_id, key.clone())).cloned() {
                if status != RegistrationStatus::Cancelled {
                    let position = match (status, id) {
                        // Registered in this very batch: its position is known; else count.
                        (RegistrationStatus::Waitlisted, 0) => outcomes_position(&results, &outcomes, &public_id),
                        (RegistrationStatus::Waitlisted, id) => Some(position_in(tx, *event_id, id).await?),
                        _ => None,
                    };
                    outcomes.push(RegistrationOutcome { event_slug: slug.clone(), public_id, status, position, already: true, secret });
                    continue;
                }
                // Registering again after cancelling: a new registration, at the end of the queue.
                replaced.push(id);
            }
            let session = seats.get_mut(event_id).ok_or_else(|| StoreError(format!("session {event_id} missing")))?;
            let (status, position) = if session.confirmed < session.capacity {
                session.confirmed += 1;
                (RegistrationStatus::Confirmed, None)
            } else {
                session.waitlisted += 1;
                (RegistrationStatus::Waitlisted, Some(session.waitlisted))
            };
            let (public_id, secret) = (new_public_id(), new_secret());
            let row = NewRow {
                event_id: *event_id,
                key: &key,
                registrant: &job.registrant,
                status,
                public_id: &public_id,
                secret: &secret,
                walk_in: false,
                now: job.now,
            };
            rows.push(registration_values(&row));
            // Id 0: not written yet; a second request of the same person in this batch finds it.
            earlier.insert((*event_id, key.clone()), (0, public_id.clone(), status, secret.clone()));
            outcomes.push(RegistrationOutcome { event_slug: slug.clone(), public_id, status, position, already: false, secret });
        }
        mails.extend((job.mail)(&outcomes));
        results.push(outcomes);
    }

    if !replaced.is_empty() {
        tx.execute(Query::delete().from_table("registrations").and_where(Expr::col("id").is_in(replaced))).await?;
    }
    tx.insert_rows("registrations", INSERT_COLUMNS, rows).await?;
    for (event_id, session) in seats.iter().filter(|(_, s)| s.confirmed != s.confirmed_before) {
        // Exact: the transaction holds SQLite's write lock since it began.
        tx.execute(
            Query::update()
                .table("events")
                .value("confirmed", session.confirmed)
                .value("updated_at", latest)
                .and_where(Expr::col("id").eq(*event_id)),
        )
        .await?;
    }
    enqueue_all(tx, &mails, latest).await?;
    Ok(results)
}

/// The position given in this batch to a registration (by public id).
fn outcomes_position(done: &[Vec<RegistrationOutcome>], current: &[RegistrationOutcome], public_id: &str) -> Option<i64> {
    done.iter().flatten().chain(current).find(|o| o.public_id == public_id && !o.already).and_then(|o| o.position)
}

async fn read_seats(tx: &mut Tx, event_ids: &BTreeSet<i64>) -> Result<HashMap<i64, Seats>> {
    let sessions: Vec<(i64, i64, i64, String)> = tx
        .fetch_all(
            Query::select()
                .columns(["id", "capacity", "confirmed", "status"])
                .from("events")
                .and_where(Expr::col("id").is_in(event_ids.iter().copied())),
        )
        .await?;
    let waiting: Vec<(i64, i64)> = tx
        .fetch_all(
            Query::select()
                .column("event_id")
                .expr(Func::count(Expr::col("id")))
                .from("registrations")
                .and_where(Expr::col("event_id").is_in(event_ids.iter().copied()))
                .and_where(Expr::col("status").eq(RegistrationStatus::Waitlisted.as_str()))
                .group_by_col("event_id"),
        )
        .await?;
    let waiting: HashMap<i64, i64> = waiting.into_iter().collect();
    Ok(sessions
        .into_iter()
        .map(|(id, capacity, confirmed, status)| {
            // A session called off while requests were queued gives no seat: no room left.
            let capacity = if status == EventStatus::Scheduled.as_str() { capacity } else { Ord::min(confirmed, capacity) };
            (id, Seats { capacity, confirmed, confirmed_before: confirmed, waitlisted: waiting.get(&id).copied().unwrap_or(0) })
        })
        .collect())
}

async fn read_earlier(tx: &mut Tx, event_ids: &BTreeSet<i64>, keys: &BTreeSet<String>) -> Result<HashMap<(i64, String), Earlier>> {
    let rows: Vec<(i64, i64, String, String, String, String)> = tx
        .fetch_all(
            Query::select()
                .columns(["id", "event_id", "person_key", "public_id", "status", "secret"])
                .from("registrations")
                .and_where(Expr::col("event_id").is_in(event_ids.iter().copied()))
                .and_where(Expr::col("person_key").is_in(keys.iter().map(String::as_str))),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, event_id, key, public_id, status, secret)| {
            ((event_id, key), (id, public_id, RegistrationStatus::parse(&status), secret))
        })
        .collect())
}
