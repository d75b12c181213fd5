//! Integration tests of the codecs on real-format fixture files (`tests/fixtures/`).

mod exports;
mod mediation;
mod osm;
mod round_trip;
mod sirene;
mod support;
