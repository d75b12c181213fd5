//! Communes and territories.

use crate::db::{Db, Result};
use sea_query::{Expr, ExprTrait, Func, Order, Query, SelectStatement};
use std::collections::HashMap;
use tremplin_domain::territories::repo::PlaceQuery;
use tremplin_domain::territories::{
    Commune, NewTerritory, Place, Territory, TerritoryKind, TerritoryNode, TerritoryRepo, with_descendants,
};
use tremplin_kernel::page::offset_limit;
use tremplin_kernel::{GeoPoint, Page};

#[derive(sqlx::FromRow)]
struct CommuneRecord {
    insee: String,
    name: String,
    department: String,
    department_name: String,
    region: String,
    epci: Option<String>,
    population: Option<i64>,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

/// A commune found by the place look-up, with the postcode that matched (empty for names).
#[derive(sqlx::FromRow)]
struct PlaceRecord {
    #[sqlx(flatten)]
    commune: CommuneRecord,
    matched_postcode: String,
}

#[derive(sqlx::FromRow)]
struct PostcodeRecord {
    insee: String,
    postcode: String,
}

#[derive(sqlx::FromRow)]
struct TerritoryRecord {
    id: i64,
    slug: String,
    name: String,
    kind: String,
    parent_id: Option<i64>,
    commune_count: i64,
    population: i64,
}

impl From<TerritoryRecord> for Territory {
    fn from(r: TerritoryRecord) -> Self {
        Territory {
            id: r.id,
            slug: r.slug,
            name: r.name,
            kind: TerritoryKind::parse(&r.kind).unwrap_or(TerritoryKind::Custom),
            parent_id: r.parent_id,
            commune_count: r.commune_count,
            population: r.population,
        }
    }
}

/// Communes joined with their department's name; callers add filters and order.
fn commune_select() -> SelectStatement {
    Query::select()
        .columns([
            ("communes", "insee"),
            ("communes", "name"),
            ("communes", "department"),
            ("communes", "region"),
            ("communes", "epci"),
            ("communes", "population"),
            ("communes", "latitude"),
            ("communes", "longitude"),
        ])
        .expr_as(Expr::col(("departments", "name")), "department_name")
        .from("communes")
        .inner_join("departments", Expr::col(("departments", "code")).equals(("communes", "department")))
        .to_owned()
}

fn territory_select() -> SelectStatement {
    Query::select()
        .columns([
            ("territories", "id"),
            ("territories", "slug"),
            ("territories", "name"),
            ("territories", "kind"),
            ("territories", "parent_id"),
        ])
        .expr_as(Func::count(Expr::col(("territory_communes", "insee"))), "commune_count")
        .expr_as(Func::coalesce([Func::sum(Expr::col(("communes", "population"))).into(), Expr::val(0i64)]).cast_as("BIGINT"), "population")
        .from("territories")
        .left_join("territory_communes", Expr::col(("territory_communes", "territory_id")).equals(("territories", "id")))
        .left_join("communes", Expr::col(("communes", "insee")).equals(("territory_communes", "insee")))
        .group_by_columns([
            ("territories", "id"),
            ("territories", "slug"),
            ("territories", "name"),
            ("territories", "kind"),
            ("territories", "parent_id"),
        ])
        .to_owned()
}

/// Upper bound of a prefix range: folded names and postcodes only hold `[a-z0-9 ]`,
/// all below `~`, so `prefix <= x < prefix~` selects exactly the prefix, on an index,
/// identically on both engines.
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}~")
}

impl Db {
    async fn postcodes_of(&self, insee: &[String]) -> Result<HashMap<String, Vec<String>>> {
        let rows: Vec<PostcodeRecord> = self
            .fetch_all(
                Query::select()
                    .columns(["insee", "postcode"])
                    .from("commune_postcodes")
                    .and_where(Expr::col("insee").is_in(insee.iter().cloned()))
                    .order_by("postcode", Order::Asc),
            )
            .await?;
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for r in rows {
            map.entry(r.insee).or_default().push(r.postcode);
        }
        Ok(map)
    }

    async fn territory_ids_under(&self, territory_id: i64) -> Result<Vec<i64>> {
        Ok(with_descendants(&self.list_territories().await?, territory_id))
    }
}

impl TerritoryRepo for Db {
    async fn search_places(&self, query: &PlaceQuery, limit: u32) -> Result<Vec<Place>> {
        let population_desc = || Func::coalesce([Expr::col(("communes", "population")), Expr::val(0i64)]);
        let limit = u64::from(limit);
        let rows: Vec<PlaceRecord> = match query {
            PlaceQuery::Postcode(prefix) => {
                self.fetch_all(
                    commune_select()
                        .expr_as(Expr::col(("commune_postcodes", "postcode")), "matched_postcode")
                        .inner_join("commune_postcodes", Expr::col(("commune_postcodes", "insee")).equals(("communes", "insee")))
                        .and_where(Expr::col(("commune_postcodes", "postcode")).gte(prefix.as_str()))
                        .and_where(Expr::col(("commune_postcodes", "postcode")).lt(prefix_end(prefix)))
                        .order_by(("commune_postcodes", "postcode"), Order::Asc)
                        .order_by_expr(population_desc().into(), Order::Desc)
                        .limit(limit),
                )
                .await?
            }
            PlaceQuery::Name(name) => {
                // Names that start with the query first, then names with a later word that
                // does ("barthelemy" finds "Saint-Barthélemy-d'Anjou"): two indexed range scans.
                let mut rows: Vec<PlaceRecord> = self
                    .fetch_all(
                        commune_select()
                            .expr_as(Expr::val(""), "matched_postcode")
                            .and_where(Expr::col(("communes", "search_name")).gte(name.as_str()))
                            .and_where(Expr::col(("communes", "search_name")).lt(prefix_end(name)))
                            .order_by_expr(population_desc().into(), Order::Desc)
                            .order_by(("communes", "insee"), Order::Asc)
                            .limit(limit),
                    )
                    .await?;
                if (rows.len() as u64) < limit {
                    let inner: Vec<PlaceRecord> = self
                        .fetch_all(
                            commune_select()
                                .expr_as(Expr::val(""), "matched_postcode")
                                .inner_join("commune_words", Expr::col(("commune_words", "insee")).equals(("communes", "insee")))
                                .and_where(Expr::col(("commune_words", "word")).gte(name.as_str()))
                                .and_where(Expr::col(("commune_words", "word")).lt(prefix_end(name)))
                                .order_by_expr(population_desc().into(), Order::Desc)
                                .order_by(("communes", "insee"), Order::Asc)
                                .limit(limit * 2),
                        )
                        .await?;
                    for row in inner {
                        if (rows.len() as u64) < limit && !rows.iter().any(|r| r.commune.insee == row.commune.insee) {
                            rows.push(row);
                        }
                    }
                }
                rows
            }
        };
        let codes: Vec<String> = rows.iter().map(|r| r.commune.insee.clone()).collect();
        let postcodes = self.postcodes_of(&codes).await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let c = r.commune;
                let postcode = if r.matched_postcode.is_empty() {
                    postcodes.get(&c.insee).and_then(|p| p.first().cloned()).unwrap_or_default()
                } else {
                    r.matched_postcode
                };
                Place {
                    insee: c.insee,
                    name: c.name,
                    postcode,
                    department: c.department,
                    department_name: c.department_name,
                    lat: c.latitude,
                    lon: c.longitude,
                    population: c.population,
                }
            })
            .collect())
    }

    async fn commune(&self, insee: &str) -> Result<Option<Commune>> {
        let Some(c): Option<CommuneRecord> =
            self.fetch_optional(commune_select().and_where(Expr::col(("communes", "insee")).eq(insee))).await?
        else {
            return Ok(None);
        };
        let postcodes = self.postcodes_of(std::slice::from_ref(&c.insee)).await?.remove(&c.insee).unwrap_or_default();
        Ok(Some(to_commune(c, postcodes)))
    }

    async fn list_territories(&self) -> Result<Vec<Territory>> {
        let rows: Vec<TerritoryRecord> = self.fetch_all(territory_select().order_by(("territories", "id"), Order::Asc)).await?;
        Ok(rows.into_iter().map(Territory::from).collect())
    }

    async fn territory_nodes(&self, communes: bool) -> Result<Vec<TerritoryNode>> {
        let mut select = Query::select();
        select.columns(["id", "slug", "name", "kind", "parent_id"]).from("territories").order_by("id", Order::Asc);
        if !communes {
            select.and_where(Expr::col("kind").ne(TerritoryKind::Commune.as_str()));
        }
        let rows: Vec<(i64, String, String, String, Option<i64>)> = self.fetch_all(&select).await?;
        Ok(rows
            .into_iter()
            .map(|(id, slug, name, kind, parent_id)| TerritoryNode {
                id,
                slug,
                name,
                kind: TerritoryKind::parse(&kind).unwrap_or(TerritoryKind::Custom),
                parent_id,
            })
            .collect())
    }

    async fn territory_count(&self) -> Result<i64> {
        let (count,): (i64,) = self.fetch_one(Query::select().expr(Expr::col("id").count()).from("territories")).await?;
        Ok(count)
    }

    async fn territory_chain(&self, territory_id: i64) -> Result<Vec<i64>> {
        crate::learning::territory_and_parents(&mut crate::db::Reader::Pool(self), territory_id).await
    }

    async fn territory_of_commune(&self, insee: &str) -> Result<Option<Territory>> {
        let covering = Query::select().column("territory_id").from("territory_communes").and_where(Expr::col("insee").eq(insee)).to_owned();
        let rows: Vec<TerritoryRecord> =
            self.fetch_all(territory_select().and_where(Expr::col(("territories", "id")).in_subquery(covering))).await?;
        Ok(rows.into_iter().map(Territory::from).min_by_key(|t| (t.commune_count, std::cmp::Reverse(t.id))))
    }

    async fn territory_by_slug(&self, slug: &str) -> Result<Option<Territory>> {
        let row: Option<TerritoryRecord> =
            self.fetch_optional(territory_select().and_where(Expr::col(("territories", "slug")).eq(slug))).await?;
        Ok(row.map(Territory::from))
    }

    async fn upsert_territory(&self, new: &NewTerritory) -> Result<Territory> {
        let parent_id = match &new.parent_slug {
            Some(slug) => self.territory_by_slug(slug).await?.map(|t| t.id),
            None => None,
        };
        let mut tx = self.begin().await?;
        let existing: Option<(i64,)> =
            tx.fetch_optional(Query::select().column("id").from("territories").and_where(Expr::col("slug").eq(new.slug.as_str()))).await?;
        let id = match existing {
            Some((id,)) => {
                tx.execute(
                    Query::update()
                        .table("territories")
                        .value("name", new.name.as_str())
                        .value("kind", new.kind.as_str())
                        .value("parent_id", parent_id)
                        .and_where(Expr::col("id").eq(id)),
                )
                .await?;
                tx.execute(Query::delete().from_table("territory_communes").and_where(Expr::col("territory_id").eq(id))).await?;
                id
            }
            None => {
                let (id,): (i64,) = tx
                    .fetch_one(
                        Query::insert()
                            .into_table("territories")
                            .columns(["slug", "name", "kind", "parent_id", "created_at"])
                            .values_panic([
                                new.slug.as_str().into(),
                                new.name.as_str().into(),
                                new.kind.as_str().into(),
                                parent_id.into(),
                                0i64.into(),
                            ])
                            .returning_col("id"),
                    )
                    .await?;
                id
            }
        };
        let rows: Vec<[sea_query::Value; 2]> = new.communes.iter().map(|insee| [id.into(), insee.as_str().into()]).collect();
        tx.insert_rows("territory_communes", ["territory_id", "insee"], rows).await?;
        tx.commit().await?;
        self.territory_by_slug(&new.slug).await?.ok_or_else(|| tremplin_domain::StoreError("territory vanished".into()))
    }

    async fn territory_communes(&self, territory_id: i64, page: u32, per_page: u32) -> Result<Page<Commune>> {
        let ids = self.territory_ids_under(territory_id).await?;
        let in_territory = Expr::col(("communes", "insee")).in_subquery(
            Query::select().column("insee").from("territory_communes").and_where(Expr::col("territory_id").is_in(ids)).to_owned(),
        );
        let (total,): (i64,) =
            self.fetch_one(Query::select().expr(Func::count(Expr::col("insee"))).from("communes").and_where(in_territory.clone())).await?;
        let (offset, limit) = offset_limit(page, per_page);
        let rows: Vec<CommuneRecord> = self
            .fetch_all(
                commune_select()
                    .and_where(in_territory)
                    .order_by(("communes", "name"), Order::Asc)
                    .order_by(("communes", "insee"), Order::Asc)
                    .offset(offset)
                    .limit(limit),
            )
            .await?;
        let codes: Vec<String> = rows.iter().map(|r| r.insee.clone()).collect();
        let mut postcodes = self.postcodes_of(&codes).await?;
        let items = rows
            .into_iter()
            .map(|c| {
                let p = postcodes.remove(&c.insee).unwrap_or_default();
                to_commune(c, p)
            })
            .collect();
        Ok(Page {
            items,
            total: u64::try_from(total).unwrap_or(0),
            page: Ord::max(page, 1),
            per_page: u32::try_from(limit).unwrap_or(per_page),
        })
    }

    async fn all_communes_of(&self, territory_id: i64) -> Result<Vec<String>> {
        let ids = self.territory_ids_under(territory_id).await?;
        let rows: Vec<(String,)> = self
            .fetch_all(
                Query::select()
                    .distinct()
                    .column("insee")
                    .from("territory_communes")
                    .and_where(Expr::col("territory_id").is_in(ids))
                    .order_by("insee", Order::Asc),
            )
            .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    async fn communes_in(&self, insee: &[String]) -> Result<Vec<Commune>> {
        let mut communes = Vec::with_capacity(insee.len());
        for chunk in insee.chunks(1000) {
            let rows: Vec<CommuneRecord> = self
                .fetch_all(
                    commune_select()
                        .and_where(Expr::col(("communes", "insee")).is_in(chunk.iter().cloned()))
                        .order_by(("communes", "insee"), Order::Asc),
                )
                .await?;
            let codes: Vec<String> = rows.iter().map(|r| r.insee.clone()).collect();
            let mut postcodes = self.postcodes_of(&codes).await?;
            communes.extend(rows.into_iter().map(|c| {
                let p = postcodes.remove(&c.insee).unwrap_or_default();
                to_commune(c, p)
            }));
        }
        Ok(communes)
    }

    async fn department_communes(&self, department: &str) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = self
            .fetch_all(
                Query::select()
                    .column("insee")
                    .from("communes")
                    .and_where(Expr::col("department").eq(department))
                    .and_where(Expr::col("kind").eq("commune"))
                    .order_by("insee", Order::Asc),
            )
            .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    async fn epci_communes(&self, siren: &str) -> Result<Option<(String, Vec<String>)>> {
        let Some((name,)): Option<(String,)> =
            self.fetch_optional(Query::select().column("name").from("epcis").and_where(Expr::col("siren").eq(siren))).await?
        else {
            return Ok(None);
        };
        let rows: Vec<(String,)> = self
            .fetch_all(
                Query::select()
                    .column("insee")
                    .from("communes")
                    .and_where(Expr::col("epci").eq(siren))
                    .and_where(Expr::col("kind").eq("commune"))
                    .order_by("insee", Order::Asc),
            )
            .await?;
        Ok(Some((name, rows.into_iter().map(|r| r.0).collect())))
    }
}

fn to_commune(c: CommuneRecord, postcodes: Vec<String>) -> Commune {
    Commune {
        point: c.latitude.zip(c.longitude).and_then(|(lat, lon)| GeoPoint::new(lat, lon)),
        insee: c.insee,
        name: c.name,
        postcodes,
        department: c.department,
        region: c.region,
        epci: c.epci,
        population: c.population,
    }
}
