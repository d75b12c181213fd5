//! `.osm.pbf` files, read block by block: memory stays that of one block plus the places found.
//!
//! Nodes (plain and dense) carry their position. A way's position is the centroid of its
//! nodes ([`centroid`](super::centroid)): taken from the way itself when the file has
//! `LocationsOnWays` (`osmium add-locations-to-ways`), otherwise resolved in a second, cheap
//! pass: the first pass notes each node block's offset and id range and keeps the kept ways'
//! node ids; the second pass decodes only the node blocks whose range holds one of those ids.
//! Ways whose nodes are missing from the file (cut extracts) keep no position. Relations are
//! counted and skipped ([`SkipReason::Relation`]).

use super::mapping::{Mapped, Mapper, Tags, is_candidate_key};
use super::{OsmOptions, OsmType, centroid};
use crate::error::InterchangeError;
use crate::record::{ImportItem, ImportStats, ImportedListing, Rejection, SkipReason};
use osmpbf::{Blob, BlobDecode, BlobReader, ByteOffset, PrimitiveBlock};
use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;
use tremplin_domain::directory::Category;
use tremplin_kernel::GeoPoint;

/// A kept way waiting for its nodes' positions.
#[derive(Debug)]
struct PendingWay {
    listing: ImportedListing,
    refs: Vec<i64>,
}

/// Where a block with nodes is, and the range of its node ids.
#[derive(Debug, Clone, Copy)]
struct NodeBlock {
    offset: ByteOffset,
    min: i64,
    max: i64,
}

/// Reads the places of an `.osm.pbf` file; see the [module](super) for the mapping.
pub struct OsmPbfReader<R: Read + Seek + Send> {
    blobs: BlobReader<R>,
    mapper: Mapper,
    stats: ImportStats,
    ready: VecDeque<ImportItem>,
    pending: Vec<PendingWay>,
    node_blocks: Vec<NodeBlock>,
    done: bool,
}

impl OsmPbfReader<BufReader<File>> {
    /// Opens a file.
    pub fn open(path: impl AsRef<Path>, categories: &[Category], options: OsmOptions) -> Result<Self, InterchangeError> {
        Self::new(BufReader::new(File::open(path)?), categories, options)
    }
}

impl<R: Read + Seek + Send> OsmPbfReader<R> {
    /// Reads from a seekable source (the second pass over node blocks seeks back).
    pub fn new(reader: R, categories: &[Category], options: OsmOptions) -> Result<Self, InterchangeError> {
        Ok(OsmPbfReader {
            blobs: BlobReader::new_seekable(reader)?,
            mapper: Mapper::new(categories, options),
            stats: ImportStats::default(),
            ready: VecDeque::new(),
            pending: Vec::new(),
            node_blocks: Vec::new(),
            done: false,
        })
    }

    /// Counters so far (final once the iterator has ended).
    pub fn stats(&self) -> &ImportStats {
        &self.stats
    }

    fn emit(&mut self, item: ImportItem) {
        self.stats.count(&item);
        self.ready.push_back(item);
    }

    /// Yields a listing whose position is settled, if it is in the area.
    fn finish(&mut self, listing: ImportedListing) {
        if self.mapper.in_area(listing.input.point.as_ref()) {
            self.emit(Ok(listing));
        } else {
            self.stats.skip(SkipReason::OutsideArea);
        }
    }

    fn scan(&mut self, blob: &Blob) -> Result<(), InterchangeError> {
        let BlobDecode::OsmData(block) = blob.decode()? else { return Ok(()) };
        let (mut min, mut max) = (i64::MAX, i64::MIN);
        for group in block.groups() {
            for node in group.nodes() {
                (min, max) = (min.min(node.id()), max.max(node.id()));
                self.node(node.id(), Tags::new(node.tags()), node.lat(), node.lon());
            }
            for node in group.dense_nodes() {
                (min, max) = (min.min(node.id()), max.max(node.id()));
                self.node(node.id(), Tags::new(node.tags()), node.lat(), node.lon());
            }
            for way in group.ways() {
                self.way(&way);
            }
            for relation in group.relations() {
                self.stats.read += 1;
                let candidate = relation.tags().any(|(k, _)| is_candidate_key(k));
                self.stats.skip(if candidate { SkipReason::Relation } else { SkipReason::NotAPlace });
            }
        }
        if let (Some(offset), true) = (blob.offset(), min <= max) {
            self.node_blocks.push(NodeBlock { offset, min, max });
        }
        Ok(())
    }

    fn node(&mut self, id: i64, tags: Tags<'_>, lat: f64, lon: f64) {
        self.stats.read += 1;
        if !tags.has_candidate() {
            self.stats.skip(SkipReason::NotAPlace);
            return;
        }
        let Some(point) = GeoPoint::new(lat, lon) else {
            self.emit(Err(Rejection::new(format!("node {id}"), format!("invalid coordinates {lat}, {lon}"))));
            return;
        };
        match self.mapper.map(OsmType::Node, id, &tags, Some(point)) {
            Mapped::Listing(listing) => self.finish(*listing),
            Mapped::Skip(reason) => self.stats.skip(reason),
        }
    }

    fn way(&mut self, way: &osmpbf::Way<'_>) {
        self.stats.read += 1;
        let tags = Tags::new(way.tags());
        if !tags.has_candidate() {
            self.stats.skip(SkipReason::NotAPlace);
            return;
        }
        match self.mapper.map(OsmType::Way, way.id(), &tags, None) {
            Mapped::Skip(reason) => self.stats.skip(reason),
            Mapped::Listing(mut listing) => {
                // libosmium writes an undefined location (±214.7°) for a node it did not have.
                let located: Vec<(f64, f64)> =
                    way.node_locations().map(|l| (l.lat(), l.lon())).filter(|&(lat, lon)| GeoPoint::new(lat, lon).is_some()).collect();
                if located.is_empty() {
                    self.pending.push(PendingWay { listing: *listing, refs: way.refs().collect() });
                } else {
                    listing.input.point = centroid(located);
                    self.finish(*listing);
                }
            }
        }
    }

    /// Second pass: positions of the pending ways' nodes, from the blocks that may hold them.
    fn resolve_ways(&mut self) -> Result<(), InterchangeError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut wanted: Vec<i64> = self.pending.iter().flat_map(|w| w.refs.iter().copied()).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut positions: HashMap<i64, (f64, f64)> = HashMap::with_capacity(wanted.len());
        for block in std::mem::take(&mut self.node_blocks) {
            let first = wanted.partition_point(|&id| id < block.min);
            if wanted.get(first).is_none_or(|&id| id > block.max) {
                continue;
            }
            if let BlobDecode::OsmData(data) = self.blobs.blob_from_offset(block.offset)?.decode()? {
                collect_positions(&data, &wanted, &mut positions);
            }
        }
        for way in std::mem::take(&mut self.pending) {
            let mut listing = way.listing;
            listing.input.point = centroid(way.refs.iter().filter_map(|id| positions.get(id).copied()));
            self.finish(listing);
        }
        Ok(())
    }
}

fn collect_positions(block: &PrimitiveBlock, wanted: &[i64], positions: &mut HashMap<i64, (f64, f64)>) {
    for group in block.groups() {
        for node in group.nodes() {
            if wanted.binary_search(&node.id()).is_ok() {
                positions.insert(node.id(), (node.lat(), node.lon()));
            }
        }
        for node in group.dense_nodes() {
            if wanted.binary_search(&node.id()).is_ok() {
                positions.insert(node.id(), (node.lat(), node.lon()));
            }
        }
    }
}

impl<R: Read + Seek + Send> Iterator for OsmPbfReader<R> {
    type Item = Result<ImportItem, InterchangeError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(Ok(item));
            }
            if self.done {
                return None;
            }
            let step = match self.blobs.next() {
                Some(Ok(blob)) => self.scan(&blob),
                Some(Err(e)) => Err(e.into()),
                None => {
                    self.done = true;
                    self.resolve_ways()
                }
            };
            if let Err(e) = step {
                self.done = true;
                return Some(Err(e));
            }
        }
    }
}
