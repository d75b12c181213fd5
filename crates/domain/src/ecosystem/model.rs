//! Actor profiles. An actor's contact details are kept apart ([`Contact`]): [`Actor`] holds
//! only what anyone may see, so no page or answer built from it can leak them; the store gives
//! a [`Contact`] only to the two sides of an accepted introduction.

use super::vocabulary::{ActorKind, ActorStatus, Sector, Stage, Topic};
use serde::Serialize;
use tremplin_kernel::GeoPoint;

/// An actor of the ecosystem, as anyone may see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    /// Internal id.
    #[serde(skip)]
    pub id: i64,
    /// The account that holds the profile (one profile per account).
    #[serde(skip)]
    pub user_id: i64,
    /// Stable public identifier used in URLs.
    pub slug: String,
    /// Its territory's id.
    #[serde(skip)]
    pub territory_id: i64,
    /// Its territory's slug.
    pub territory_slug: String,
    /// Its territory's name.
    pub territory_name: String,
    /// What it is.
    pub kind: ActorKind,
    /// Name shown (a firm's name, a mentor's name as they wish to appear).
    pub name: String,
    /// Presentation, plain text.
    pub presentation: String,
    /// Sectors it works in.
    pub sectors: Vec<Sector>,
    /// Its stage (project, firm) or the stages it works with (others).
    pub stages: Vec<Stage>,
    /// What it needs.
    pub needs: Vec<Topic>,
    /// What it offers.
    pub offers: Vec<Topic>,
    /// Its needs in its own words.
    pub need_words: String,
    /// Its offers in its own words.
    pub offer_words: String,
    /// INSEE code of its commune.
    pub insee: Option<String>,
    /// Name of its commune.
    pub commune: Option<String>,
    /// Position (its commune's town hall, or its listing's position).
    pub latitude: Option<f64>,
    /// Position.
    pub longitude: Option<f64>,
    /// The directory listing it is, if any.
    #[serde(skip)]
    pub listing_id: Option<i64>,
    /// That listing's slug.
    pub listing_slug: Option<String>,
    /// Public website.
    pub website: String,
    /// Whether it shows.
    pub status: ActorStatus,
    /// Why a manager suspended it (shown to its owner and the managers).
    #[serde(skip)]
    pub status_note: String,
    /// Created, Unix seconds.
    pub created_at: i64,
    /// Last changed, Unix seconds.
    pub updated_at: i64,
}

impl Actor {
    /// Its position, if known.
    pub fn point(&self) -> Option<GeoPoint> {
        self.latitude.zip(self.longitude).and_then(|(lat, lon)| GeoPoint::new(lat, lon))
    }

    /// Whether it shows in the ecosystem and may be asked for an introduction.
    pub fn is_active(&self) -> bool {
        self.status == ActorStatus::Active
    }
}

/// How to reach an actor: personal data, shared only after both sides agreed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// Person to ask for.
    pub name: String,
    /// E-mail. (The ecosystem writes to the account's own address, so that this stays read
    /// only by `ActorRepo::actor_contact`.)
    pub email: String,
    /// Phone, may be empty.
    pub phone: String,
}

/// What an actor's owner writes: every editable field of a profile.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorProfile {
    /// What it is.
    pub kind: Option<ActorKind>,
    /// Name shown.
    pub name: String,
    /// Presentation.
    pub presentation: String,
    /// Sectors.
    pub sectors: Vec<Sector>,
    /// Stage or stages.
    pub stages: Vec<Stage>,
    /// Needs.
    pub needs: Vec<Topic>,
    /// Offers.
    pub offers: Vec<Topic>,
    /// Needs in its own words.
    pub need_words: String,
    /// Offers in its own words.
    pub offer_words: String,
    /// INSEE code of its commune.
    pub insee: Option<String>,
    /// Position (set from the commune or the listing by the use case).
    pub latitude: Option<f64>,
    /// Position.
    pub longitude: Option<f64>,
    /// The directory listing it is (one its owner owns).
    pub listing_id: Option<i64>,
    /// Public website.
    pub website: String,
    /// How to reach it, once an introduction is accepted.
    pub contact: Contact,
    /// Whether it shows (its owner may hide it; only a manager suspends).
    pub visible: bool,
}
