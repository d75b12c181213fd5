//! What actor profiles need from the store. Introductions, meetings, reports and partner
//! offers declare their own traits beside their use cases.

use super::model::{Actor, ActorProfile, Contact};
use super::vocabulary::{ActorStatus, Topic};
use crate::StoreResult;
use std::future::Future;

/// Which actors a search or a list looks at (ranking is the domain's, see `matching`).
#[derive(Debug, Clone, Default)]
pub struct ActorFilter {
    /// Only actors of these territories.
    pub territory_ids: Option<Vec<i64>>,
    /// Only active actors.
    pub active_only: bool,
    /// Only the candidates for this need: actors offering it in the vocabulary, or with free
    /// offer words (which may mention it: `matching::mentions` decides).
    pub offering: Option<Topic>,
}

/// Store of actor profiles.
pub trait ActorRepo: Send + Sync {
    /// Creates the profile of an account (one per account); returns its id.
    fn create_actor(
        &self,
        user_id: i64,
        territory_id: i64,
        slug: &str,
        profile: &ActorProfile,
        now: i64,
    ) -> impl Future<Output = StoreResult<i64>> + Send;
    /// Rewrites a profile (its territory and slug stay). Keeps a suspension: a suspended
    /// actor stays suspended whatever `profile.visible` says.
    fn update_actor(&self, actor_id: i64, profile: &ActorProfile, now: i64) -> impl Future<Output = StoreResult<()>> + Send;
    /// Whether a slug is taken.
    fn actor_slug_taken(&self, slug: &str) -> impl Future<Output = StoreResult<bool>> + Send;
    /// An actor by slug, whatever its status.
    fn actor_by_slug(&self, slug: &str) -> impl Future<Output = StoreResult<Option<Actor>>> + Send;
    /// An actor by id, whatever its status.
    fn actor_by_id(&self, id: i64) -> impl Future<Output = StoreResult<Option<Actor>>> + Send;
    /// The profile of an account.
    fn actor_by_user(&self, user_id: i64) -> impl Future<Output = StoreResult<Option<Actor>>> + Send;
    /// Actors passing a filter, by name.
    fn find_actors(&self, filter: &ActorFilter) -> impl Future<Output = StoreResult<Vec<Actor>>> + Send;
    /// An actor's contact details. Only for its owner, and for the other side of an accepted
    /// introduction: callers check that first.
    fn actor_contact(&self, actor_id: i64) -> impl Future<Output = StoreResult<Option<Contact>>> + Send;
    /// Sets an actor's status with a note (a manager's suspension or reinstatement).
    fn set_actor_status(&self, actor_id: i64, status: ActorStatus, note: &str, now: i64) -> impl Future<Output = StoreResult<()>> + Send;
}
