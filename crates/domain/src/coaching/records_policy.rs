//! Who may read and write a beneficiary's follow-up. Pure functions of the acting user, its
//! grants, its coach profile and the beneficiary's followers:
//! - the coaches following it (the coaches it booked, and those it was shared with) read it,
//!   write records in it and share it;
//! - managers and admins of its territory, or of a territory containing it, and platform
//!   admins read it and share it;
//! - nobody else, not even another coach of the same territory (who is answered "not found").

use crate::accounts::policy::roles_over;
use crate::accounts::{Grant, User};
use tremplin_kernel::Role;

/// Who acts on a follow-up: the account, its grants, and its coach profile if it has one.
#[derive(Debug, Clone, Copy)]
pub struct FollowUpActor<'a> {
    /// The acting account.
    pub user: &'a User,
    /// Its grants.
    pub grants: &'a [Grant],
    /// Its coach profile's id, if it is a coach.
    pub coach_id: Option<i64>,
}

/// Whether the actor steers coaching in a territory whose ancestry (outermost first, itself
/// last) has these ids: platform admins, and managers and admins of it or of a territory above.
pub fn steers_coaching(actor: FollowUpActor<'_>, ancestry_ids: &[i64]) -> bool {
    actor.user.is_platform_admin || roles_over(actor.grants, ancestry_ids).into_iter().any(Role::is_staff)
}

/// Whether the actor is one of the coaches following the beneficiary.
pub fn follows(actor: FollowUpActor<'_>, follower_coach_ids: &[i64]) -> bool {
    actor.coach_id.is_some_and(|id| follower_coach_ids.contains(&id))
}

/// Whether the actor may read a beneficiary's follow-up (its details, appointments, records).
pub fn can_read_follow_up(actor: FollowUpActor<'_>, ancestry_ids: &[i64], follower_coach_ids: &[i64]) -> bool {
    follows(actor, follower_coach_ids) || steers_coaching(actor, ancestry_ids)
}

/// Whether the actor may share the follow-up with another coach: whoever may read it.
pub fn can_share_follow_up(actor: FollowUpActor<'_>, ancestry_ids: &[i64], follower_coach_ids: &[i64]) -> bool {
    can_read_follow_up(actor, ancestry_ids, follower_coach_ids)
}

/// Whether the actor may write a record of a contact without appointment: only a coach
/// following the beneficiary (a manager reads, but does not accompany).
pub fn can_record_contact(actor: FollowUpActor<'_>, follower_coach_ids: &[i64]) -> bool {
    follows(actor, follower_coach_ids)
}

/// Whether the actor may write the record of an appointment: only its coach.
pub fn can_record_appointment(actor: FollowUpActor<'_>, appointment_coach_id: i64) -> bool {
    actor.coach_id == Some(appointment_coach_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::test_support::{grant, platform_admin, user};

    // department 1 > epci 2 > commune 3; a neighbouring epci 4 in department 1.
    const IN_3: [i64; 3] = [1, 2, 3];

    #[test]
    fn the_following_coaches_read_and_others_do_not() {
        let nobody = user(7);
        let coach_grants = [grant(3, Role::Coach)];
        let following = FollowUpActor { user: &nobody, grants: &coach_grants, coach_id: Some(10) };
        let other = FollowUpActor { coach_id: Some(11), ..following };
        assert!(can_read_follow_up(following, &IN_3, &[10, 12]));
        assert!(can_record_contact(following, &[10]));
        assert!(can_share_follow_up(following, &IN_3, &[10]));
        // A coach role in the same territory is not enough.
        assert!(!can_read_follow_up(other, &IN_3, &[10, 12]));
        assert!(!can_share_follow_up(other, &IN_3, &[10]));
        assert!(!can_record_contact(other, &[10]));
        // Once shared with them, they read.
        assert!(can_read_follow_up(other, &IN_3, &[10, 11]));
    }

    #[test]
    fn managers_of_the_territory_or_above_read_but_not_beside_it() {
        let nobody = user(7);
        for territory in [1, 2, 3] {
            let grants = [grant(territory, Role::Manager)];
            let manager = FollowUpActor { user: &nobody, grants: &grants, coach_id: None };
            assert!(can_read_follow_up(manager, &IN_3, &[]), "manager of {territory}");
            assert!(!can_record_contact(manager, &[]), "a manager does not write records");
        }
        let beside = [grant(4, Role::Admin)];
        let neighbour = FollowUpActor { user: &nobody, grants: &beside, coach_id: None };
        assert!(!can_read_follow_up(neighbour, &IN_3, &[]));
        let admin = platform_admin(7);
        assert!(can_read_follow_up(FollowUpActor { user: &admin, grants: &[], coach_id: None }, &IN_3, &[]));
    }

    #[test]
    fn only_the_coach_of_an_appointment_records_it() {
        let nobody = user(7);
        let grants = [grant(2, Role::Manager)];
        let coach = FollowUpActor { user: &nobody, grants: &[], coach_id: Some(10) };
        assert!(can_record_appointment(coach, 10));
        assert!(!can_record_appointment(FollowUpActor { coach_id: Some(11), ..coach }, 10));
        assert!(!can_record_appointment(FollowUpActor { user: &nobody, grants: &grants, coach_id: None }, 10));
    }
}
