//! Who may run a session: the staff of its territory (or of a territory containing it),
//! platform admins, and the session's own trainers. A trainer sees the registrants of their
//! sessions only; the public never sees names.

use super::model::Event;
use crate::accounts::policy::roles_over;
use crate::accounts::{Grant, User};
use tremplin_kernel::Role;

/// Whether `user` may see the registrants of `event`, check people in and change its capacity.
pub fn can_run_event(user: &User, grants: &[Grant], ancestry_ids: &[i64], event: &Event) -> bool {
    user.is_platform_admin
        || roles_over(grants, ancestry_ids).into_iter().any(Role::is_staff)
        || event.trainers.iter().any(|t| t.user_id == user.id)
}

/// Whether `user` may create sessions in a territory (staff and trainers of it).
pub fn can_create_events(user: &User, grants: &[Grant], ancestry_ids: &[i64]) -> bool {
    user.is_platform_admin || roles_over(grants, ancestry_ids).into_iter().any(|r| r.is_staff() || r == Role::Trainer)
}

/// Whether `user` may see survey results and registrations across a territory (staff only).
pub fn can_steer_events(user: &User, grants: &[Grant], ancestry_ids: &[i64]) -> bool {
    user.is_platform_admin || roles_over(grants, ancestry_ids).into_iter().any(Role::is_staff)
}
