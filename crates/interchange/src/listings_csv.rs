//! Tremplin's own CSV of listings: the open-data export, and an import for files kept in a
//! spreadsheet (same columns, any order, only `id` and `name` required; `;`-separated files are
//! recognised).
//!
//! UTF-8, comma-separated, one header line, RFC 4180 quoting, `|` between the values of a
//! multi-valued field. Columns, in order:
//!
//! | column | content |
//! |---|---|
//! | `id` | the listing's stable identifier (its slug); on import, the `source_id` |
//! | `url` | its public page (empty when the export has no base address) |
//! | `kind` | `shop`, `craft`, `service`, `association`, `mediation`, `startup`, `public_service` |
//! | `name` | name |
//! | `category` | category slug (`boulangerie-patisserie` …) |
//! | `naf_code` | NAF rev. 2 code, `47.24Z` |
//! | `description` | description |
//! | `address`, `postcode`, `insee`, `commune` | street address, postcode, INSEE code, commune name |
//! | `latitude`, `longitude` | WGS84 degrees, full precision |
//! | `phone` | international form, `+33241000000` |
//! | `email`, `website` | public e-mail, website |
//! | `social` | social pages, `|`-separated |
//! | `opening_hours` | OSM `opening_hours` syntax |
//! | `amenities` | `click_collect`, `delivery`, `online_shop`, `appointment`, `wheelchair`, `|`-separated |
//! | `tags` | free tags, `|`-separated |
//! | `source` | where the data comes from (`osm`: ODbL, `sirene`/`mediation`/`town_hall`: Licence Ouverte) |
//! | `updated_at` | last change, RFC 3339 UTC |

use crate::error::InterchangeError;
use crate::export::{ExportOptions, amenity_ids, rfc3339};
use crate::record::{ImportItem, ImportStats, ImportedListing, Rejection};
use crate::tabular::{Header, classify, field, line_of, open_csv};
use crate::text::split_values;
use std::borrow::Borrow;
use std::io::{BufReader, Read, Write};
use tremplin_domain::directory::{Amenity, Listing, ListingInput, ListingKind};
use tremplin_kernel::GeoPoint;

/// The columns, in the order written.
pub const COLUMNS: [&str; 22] = [
    "id",
    "url",
    "kind",
    "name",
    "category",
    "naf_code",
    "description",
    "address",
    "postcode",
    "insee",
    "commune",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "social",
    "opening_hours",
    "amenities",
    "tags",
    "source",
    "updated_at",
];

/// Writes listings as CSV; returns how many.
pub fn write_csv<L: Borrow<Listing>>(
    out: impl Write,
    listings: impl IntoIterator<Item = L>,
    options: &ExportOptions,
) -> Result<usize, InterchangeError> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    let mut written = 0;
    for listing in listings {
        let l = listing.borrow();
        let (lat, lon) = l.point.map_or((String::new(), String::new()), |p| (p.lat.to_string(), p.lon.to_string()));
        writer.write_record([
            l.slug.as_str(),
            &options.listing_url(l).unwrap_or_default(),
            l.kind.as_str(),
            &l.name,
            l.category.as_deref().unwrap_or(""),
            l.naf_code.as_deref().unwrap_or(""),
            &l.description,
            &l.address,
            &l.postcode,
            l.insee.as_deref().unwrap_or(""),
            l.commune.as_deref().unwrap_or(""),
            &lat,
            &lon,
            &l.phone,
            &l.email,
            &l.website,
            &l.social.join("|"),
            &l.opening_hours,
            &amenity_ids(l).join("|"),
            &l.tags.join("|"),
            &l.source,
            &rfc3339(l.updated_at),
        ])?;
        written += 1;
    }
    writer.flush()?;
    Ok(written)
}

/// Column positions of the file being read.
#[derive(Debug)]
struct Columns([Option<usize>; COLUMNS.len()]);

impl Columns {
    fn get<'r>(&self, record: &'r csv::StringRecord, name: &str) -> &'r str {
        field(record, COLUMNS.iter().position(|c| *c == name).and_then(|i| self.0[i]))
    }
}

/// Reads listings from our CSV; see the [module](self) for the columns.
pub struct ListingCsvReader<R: Read> {
    csv: csv::Reader<BufReader<R>>,
    columns: Columns,
    source: Option<String>,
    stats: ImportStats,
    record: csv::StringRecord,
    done: bool,
}

impl<R: Read> ListingCsvReader<R> {
    /// Reads the header. Each listing's `source` is `source` when given, else the file's
    /// `source` column, else `csv`; its `source_id` is the `id` column.
    pub fn new(reader: R, source: Option<String>) -> Result<Self, InterchangeError> {
        let (csv, header): (_, Header) = open_csv(reader, b',')?;
        header.require("id")?;
        header.require("name")?;
        let columns = Columns(COLUMNS.map(|c| header.find(c)));
        Ok(ListingCsvReader { csv, columns, source, stats: ImportStats::default(), record: csv::StringRecord::new(), done: false })
    }

    /// Counters so far (final once the iterator has ended).
    pub fn stats(&self) -> &ImportStats {
        &self.stats
    }

    fn current(&self) -> ImportItem {
        let r = &self.record;
        let get = |name: &str| self.columns.get(r, name);
        let reject = |reason: String| Rejection::new(line_of(r.position()), reason);
        let (id, name) = (get("id"), get("name"));
        if id.is_empty() {
            return Err(reject("missing id".into()));
        }
        if name.is_empty() {
            return Err(reject("no name".into()));
        }
        let kind = match get("kind") {
            "" => None,
            k => Some(ListingKind::parse(k).ok_or_else(|| reject(format!("unknown kind \"{k}\"")))?),
        };
        let number = |column: &str| match get(column) {
            "" => Ok(None),
            text => text.replace(',', ".").parse::<f64>().map(Some).map_err(|_| reject(format!("{column} \"{text}\" is not a number"))),
        };
        let point = match (number("latitude")?, number("longitude")?) {
            (Some(lat), Some(lon)) => Some(GeoPoint::new(lat, lon).ok_or_else(|| reject(format!("invalid coordinates {lat}, {lon}")))?),
            (None, None) => None,
            _ => return Err(reject("latitude without longitude, or the reverse".into())),
        };
        let amenities = split_values(get("amenities"), &['|'])
            .iter()
            .map(|a| Amenity::parse(a).ok_or_else(|| reject(format!("unknown amenity \"{a}\""))))
            .collect::<Result<Vec<_>, _>>()?;
        let optional = |column: &str| Some(get(column).to_owned()).filter(|v| !v.is_empty());
        let source = self.source.clone().or_else(|| optional("source")).unwrap_or_else(|| "csv".into());
        let input = ListingInput {
            source,
            source_id: id.to_owned(),
            kind,
            name: name.to_owned(),
            description: get("description").to_owned(),
            address: get("address").to_owned(),
            postcode: get("postcode").to_owned(),
            insee: optional("insee"),
            point,
            category: optional("category"),
            naf_code: optional("naf_code"),
            tags: split_values(get("tags"), &['|']),
            phone: get("phone").to_owned(),
            email: get("email").to_owned(),
            website: get("website").to_owned(),
            social: split_values(get("social"), &['|']),
            amenities,
            opening_hours: get("opening_hours").to_owned(),
            ..ListingInput::default()
        };
        Ok(ImportedListing { input, commune: optional("commune"), siret: None })
    }
}

impl<R: Read> Iterator for ListingCsvReader<R> {
    type Item = Result<ImportItem, InterchangeError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = match self.csv.read_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                return None;
            }
            Ok(true) => self.current(),
            Err(error) => match classify(error) {
                Ok(rejection) => Err(rejection),
                Err(fatal) => {
                    self.done = true;
                    return Some(Err(fatal));
                }
            },
        };
        self.stats.read += 1;
        self.stats.count(&item);
        Some(Ok(item))
    }
}
