//! Who may do what in the ecosystem. Pure functions of the acting user, their grants and the
//! ancestry of the actor's or offer's territory.

use super::model::Actor;
use crate::accounts::policy::is_staff_over;
use crate::accounts::{Grant, User};

/// Whether `user` moderates the ecosystem of a territory (reports, suspensions, partner
/// offers): its staff (managers, admins, above it included) and platform admins.
pub fn can_moderate(user: &User, grants: &[Grant], ancestry_ids: &[i64]) -> bool {
    is_staff_over(user, grants, ancestry_ids)
}

/// Whether `user` owns this actor profile.
pub fn owns(user: &User, actor: &Actor) -> bool {
    actor.user_id == user.id
}

/// Whether `user` may see the profile: active ones to anyone; hidden and suspended ones to
/// their owner and the territory's moderators.
pub fn can_view(user: Option<&User>, actor: &Actor, moderator: bool) -> bool {
    actor.is_active() || moderator || user.is_some_and(|u| owns(u, actor))
}
