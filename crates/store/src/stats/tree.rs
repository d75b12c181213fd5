//! The territory tree, as the statistics roll up along it.

use super::Counts;
use crate::db::{Reader, Result, Tx};
use sea_query::{Expr, ExprTrait, Query};
use std::collections::{BTreeMap, HashMap};
use tremplin_domain::stats::ALL_TERRITORIES;

/// Parents of the territories loaded.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    parent: HashMap<i64, Option<i64>>,
}

impl Tree {
    /// Every territory.
    pub(crate) async fn load_all(reader: &mut Reader<'_>) -> Result<Tree> {
        let rows: Vec<(i64, Option<i64>)> = reader.fetch_all(Query::select().columns(["id", "parent_id"]).from("territories")).await?;
        Ok(Tree { parent: rows.into_iter().collect() })
    }

    /// The territories `ids` and their ancestors, a level per query.
    pub(crate) async fn load_for(reader: &mut Reader<'_>, mut wanted: Vec<i64>) -> Result<Tree> {
        let mut tree = Tree::default();
        wanted.retain(|id| *id != ALL_TERRITORIES);
        while !wanted.is_empty() {
            wanted.sort_unstable();
            wanted.dedup();
            let rows: Vec<(i64, Option<i64>)> = reader
                .fetch_all(
                    Query::select().columns(["id", "parent_id"]).from("territories").and_where(Expr::col("id").is_in(wanted.clone())),
                )
                .await?;
            wanted.clear();
            for (id, parent) in rows {
                if let Some(p) = parent.filter(|p| !tree.parent.contains_key(p)) {
                    wanted.push(p);
                }
                tree.parent.insert(id, parent);
            }
        }
        Ok(tree)
    }

    /// A territory, its parents up to the root, then the platform (0). A loop in the tree
    /// (never written by the application) stops the walk.
    pub(crate) fn chain(&self, territory: i64) -> Vec<i64> {
        let mut chain = vec![territory];
        let mut current = territory;
        while let Some(Some(parent)) = self.parent.get(&current) {
            if chain.contains(parent) {
                break;
            }
            chain.push(*parent);
            current = *parent;
        }
        if territory != ALL_TERRITORIES {
            chain.push(ALL_TERRITORIES);
        }
        chain
    }

    /// Own rows added up along each territory's chain.
    pub(crate) fn roll_up(&self, own: &Counts) -> Counts {
        let mut rolled = Counts::new();
        for ((territory, month, metric, dim), value) in own {
            for t in self.chain(*territory) {
                *rolled.entry((t, month.clone(), metric.clone(), dim.clone())).or_default() += value;
            }
        }
        rolled.retain(|_, v| *v != 0);
        rolled
    }
}

/// Which territory each commune's listings count in: the smallest territory covering it (by
/// number of communes, the newest on a tie), as the directory attributes them.
pub(crate) async fn commune_map(reader: &mut Reader<'_>) -> Result<BTreeMap<String, i64>> {
    let covered: Vec<(i64, String)> =
        reader.fetch_all(Query::select().columns(["territory_id", "insee"]).from("territory_communes")).await?;
    let mut sizes: HashMap<i64, usize> = HashMap::new();
    for (territory, _) in &covered {
        *sizes.entry(*territory).or_default() += 1;
    }
    let mut best: BTreeMap<String, (usize, std::cmp::Reverse<i64>)> = BTreeMap::new();
    for (territory, insee) in covered {
        let rank = (sizes[&territory], std::cmp::Reverse(territory));
        best.entry(insee).and_modify(|r| *r = (*r).min(rank)).or_insert(rank);
    }
    Ok(best.into_iter().map(|(insee, (_, std::cmp::Reverse(t)))| (insee, t)).collect())
}

/// Stores the commune map, for the settle rounds to find a commune's territory.
pub(crate) async fn save_commune_map(tx: &mut Tx, map: &BTreeMap<String, i64>) -> Result<()> {
    tx.execute(Query::delete().from_table("stat_commune_territory")).await?;
    let rows: Vec<[sea_query::Value; 2]> = map.iter().map(|(insee, t)| [insee.clone().into(), (*t).into()]).collect();
    tx.insert_rows("stat_commune_territory", ["insee", "territory_id"], rows).await?;
    Ok(())
}
