//! Who may see which territory's dashboard: staff of a territory or of one containing it
//! (`is_staff_over`), and platform admins, who also see the whole platform.

use crate::error::AppError;
use crate::state::AppState;
use tremplin_domain::accounts::policy::is_staff_over;
use tremplin_domain::accounts::{AccountRepo, User};
use tremplin_domain::territories::commands::ancestry;
use tremplin_domain::territories::{Territory, TerritoryRepo};

/// An entry of the territory selector.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Slug (empty: the whole platform).
    pub slug: String,
    /// Name.
    pub name: String,
    /// Depth below the first level listed, for the indent.
    pub depth: usize,
}

impl Choice {
    /// The name indented by its depth (the selector is a plain `<select>`).
    pub fn label(&self) -> String {
        format!("{}{}", "\u{a0}\u{a0}\u{a0}".repeat(self.depth), self.name)
    }
}

/// The territory a page is about and those its viewer may choose instead.
#[derive(Debug, Clone)]
pub struct Scope {
    /// The territory (`None`: the whole platform).
    pub territory: Option<Territory>,
    /// The territories the viewer steers, as a tree in depth-first order.
    pub choices: Vec<Choice>,
    /// Whether the viewer may choose the whole platform.
    pub platform: bool,
}

impl Scope {
    /// The territory id of the aggregates (`0`: the whole platform).
    pub fn id(&self) -> i64 {
        self.territory.as_ref().map_or(tremplin_domain::stats::ALL_TERRITORIES, |t| t.id)
    }

    /// The slug for links (empty: the whole platform).
    pub fn slug(&self) -> &str {
        self.territory.as_ref().map_or("", |t| t.slug.as_str())
    }
}

/// The territories `user` steers, depth-first from the highest ones.
fn steered(user: &User, grants: &[tremplin_domain::accounts::Grant], all: &[Territory]) -> Vec<Choice> {
    let may = |t: &Territory| {
        let chain: Vec<i64> = ancestry(all, t.id).iter().map(|a| a.id).collect();
        is_staff_over(user, grants, &chain)
    };
    let mut choices = Vec::new();
    fn walk(all: &[Territory], parent: Option<i64>, depth: usize, visible: bool, may: &dyn Fn(&Territory) -> bool, out: &mut Vec<Choice>) {
        let mut children: Vec<&Territory> = all.iter().filter(|t| t.parent_id == parent).collect();
        children.sort_by(|a, b| a.name.cmp(&b.name));
        for child in children {
            let shown = visible || may(child);
            if shown {
                out.push(Choice { slug: child.slug.clone(), name: child.name.clone(), depth });
            }
            walk(all, Some(child.id), if shown { depth + 1 } else { depth }, shown, may, out);
        }
    }
    walk(all, None, 0, false, &may, &mut choices);
    choices
}

/// Resolves `territoire` for `user`: a slug they steer; empty or absent, the whole platform
/// for a platform admin and their first territory for others. 403 when they steer nothing or
/// not that one, 404 when it does not exist.
pub async fn resolve(state: &AppState, user: &User, slug: Option<&str>) -> Result<Scope, AppError> {
    let all = state.db.list_territories().await?;
    let grants = state.db.grants_of(user.id).await?;
    let choices = steered(user, &grants, &all);
    let platform = user.is_platform_admin;
    let territory = match slug.map(str::trim).filter(|s| !s.is_empty()) {
        Some(slug) => {
            let territory = all.iter().find(|t| t.slug == slug).cloned().ok_or(AppError::NotFound)?;
            if !choices.iter().any(|c| c.slug == territory.slug) {
                return Err(AppError::Forbidden);
            }
            Some(territory)
        }
        None if platform => None,
        None => {
            let first = choices.first().ok_or(AppError::Forbidden)?;
            all.iter().find(|t| t.slug == first.slug).cloned()
        }
    };
    Ok(Scope { territory, choices, platform })
}
