//! Who may see which territory's dashboard: staff of a territory or of one containing it
//! (`is_staff_over`), and platform admins, who also see the whole platform.

use crate::error::AppError;
use crate::state::AppState;
use std::collections::HashMap;
use tremplin_domain::accounts::policy::is_staff_over;
use tremplin_domain::accounts::{AccountRepo, User};
use tremplin_domain::territories::{Territory, TerritoryNode, TerritoryRepo};

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

/// Above this many territories, the selector leaves communes out and they are not read (a
/// national deployment has tens of thousands): a commune's dashboard stays one link away
/// (`?territoire=` its slug).
const SELECTOR_MAX: usize = 400;

/// The territories `user` steers, depth-first from the highest ones, by name: a territory is
/// listed when the viewer is staff of it, or of one above it (then it is listed already).
fn steered(user: &User, grants: &[tremplin_domain::accounts::Grant], nodes: &[TerritoryNode]) -> Vec<(TerritoryNode, usize)> {
    let mut children: HashMap<Option<i64>, Vec<&TerritoryNode>> = HashMap::new();
    for node in nodes {
        children.entry(node.parent_id).or_default().push(node);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let mut out = Vec::new();
    // Depth-first with an explicit stack: (node, depth, listed above).
    let mut stack: Vec<(&TerritoryNode, usize, bool)> =
        children.get(&None).map(|roots| roots.iter().rev().map(|n| (*n, 0, false)).collect()).unwrap_or_default();
    while let Some((node, depth, listed_above)) = stack.pop() {
        let listed = listed_above || is_staff_over(user, grants, &[node.id]);
        if listed {
            out.push((node.clone(), depth));
        }
        let below = if listed { depth + 1 } else { depth };
        if let Some(kids) = children.get(&Some(node.id)) {
            stack.extend(kids.iter().rev().map(|k| (*k, below, listed)));
        }
    }
    out
}

/// Resolves `territoire` for `user`: a slug they steer; empty or absent, the whole platform
/// for a platform admin and their first territory for others. 403 when they steer nothing or
/// not that one, 404 when it does not exist.
pub async fn resolve(state: &AppState, user: &User, slug: Option<&str>) -> Result<Scope, AppError> {
    let grants = state.db.grants_of(user.id).await?;
    let with_communes = state.db.territory_count().await? <= SELECTOR_MAX as i64;
    let nodes = state.db.territory_nodes(with_communes).await?;
    let steered = steered(user, &grants, &nodes);
    let platform = user.is_platform_admin;
    let territory = match slug.map(str::trim).filter(|s| !s.is_empty()) {
        Some(slug) => {
            let territory = state.db.territory_by_slug(slug).await?.ok_or(AppError::NotFound)?;
            let chain = state.db.territory_chain(territory.id).await?;
            if !is_staff_over(user, &grants, &chain) {
                return Err(AppError::Forbidden);
            }
            Some(territory)
        }
        None if platform => None,
        None => {
            // The highest territory they steer; a commune's staff when communes are not listed.
            let first = steered
                .first()
                .map(|(n, _)| n.slug.clone())
                .or_else(|| grants.iter().find(|g| g.role.is_staff()).map(|g| g.territory_slug.clone()))
                .ok_or(AppError::Forbidden)?;
            Some(state.db.territory_by_slug(&first).await?.ok_or(AppError::NotFound)?)
        }
    };
    let mut choices: Vec<Choice> = steered.into_iter().map(|(n, depth)| Choice { slug: n.slug, name: n.name, depth }).collect();
    // A commune chosen by link while communes are left out still shows as chosen.
    if let Some(t) = territory.as_ref().filter(|t| !choices.iter().any(|c| c.slug == t.slug)) {
        choices.push(Choice { slug: t.slug.clone(), name: t.name.clone(), depth: 0 });
    }
    Ok(Scope { territory, choices, platform })
}
