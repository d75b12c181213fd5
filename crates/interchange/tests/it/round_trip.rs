//! Exports re-imported give back the same listing inputs, for the fields each format carries.

use crate::support::{categories, drain, fixture, same, sample_listings};
use std::fs::File;
use tremplin_domain::directory::{Listing, ListingInput};
use tremplin_interchange::ExportOptions;
use tremplin_interchange::listings_csv::{ListingCsvReader, write_csv};
use tremplin_interchange::mediation::{MediationCsvReader, MediationJsonReader, write_mediation_csv, write_mediation_json};

/// What a listing holds, as an input keyed by `source` and `source_id`.
fn input_of(listing: &Listing, source: &str, source_id: &str) -> ListingInput {
    ListingInput {
        source: source.into(),
        source_id: source_id.into(),
        kind: Some(listing.kind),
        name: listing.name.clone(),
        description: listing.description.clone(),
        address: listing.address.clone(),
        postcode: listing.postcode.clone(),
        insee: listing.insee.clone(),
        point: listing.point,
        category: listing.category.clone(),
        naf_code: listing.naf_code.clone(),
        tags: listing.tags.clone(),
        phone: listing.phone.clone(),
        email: listing.email.clone(),
        website: listing.website.clone(),
        social: listing.social.clone(),
        amenities: listing.amenities.clone(),
        opening_hours: listing.opening_hours.clone(),
        ..ListingInput::default()
    }
}

#[test]
fn our_csv_round_trip_keeps_every_field() {
    let listings = sample_listings();
    let mut out = Vec::new();
    write_csv(&mut out, &listings, &ExportOptions::default()).expect("write");
    let (imported, rejections) = drain(ListingCsvReader::new(out.as_slice(), None).expect("header"));
    assert!(rejections.is_empty(), "{rejections:?}");
    assert_eq!(imported.len(), listings.len());
    for (listing, back) in listings.iter().zip(&imported) {
        let expected = input_of(listing, &listing.source, &listing.slug);
        assert!(same(&back.input, &expected), "\n{:?}\n{:?}", back.input, expected);
        assert_eq!(back.commune, listing.commune);
    }
}

/// The fields of the mediation standard that a listing carries, as the importer builds them:
/// category, NAF code and amenities are not in the standard.
fn mediation_view(listing: &Listing) -> ListingInput {
    ListingInput {
        category: Some("espace-public-numerique".into()),
        naf_code: None,
        amenities: Vec::new(),
        ..input_of(listing, "mediation", &listing.slug)
    }
}

#[test]
fn mediation_csv_and_json_round_trips() {
    let listings = sample_listings();
    let siret_of = |l: &Listing| (l.kind == tremplin_domain::directory::ListingKind::Mediation).then(|| "21490007800012".to_owned());

    let mut csv = Vec::new();
    write_mediation_csv(&mut csv, &listings, "Ville d'Angers", siret_of).expect("write");
    let (from_csv, rejections) = drain(MediationCsvReader::new(csv.as_slice(), &categories()).expect("header"));
    assert!(rejections.is_empty(), "{rejections:?}");

    let mut json = Vec::new();
    write_mediation_json(&mut json, &listings, "Ville d'Angers", siret_of).expect("write");
    let (from_json, rejections) = drain(MediationJsonReader::new(json.as_slice(), &categories()));
    assert!(rejections.is_empty(), "{rejections:?}");

    let epn = &listings[1];
    for back in [&from_csv, &from_json] {
        assert_eq!(back.len(), 1, "only the mediation listing");
        assert!(same(&back[0].input, &mediation_view(epn)), "\n{:?}\n{:?}", back[0].input, mediation_view(epn));
        assert_eq!(back[0].commune, epn.commune);
        assert_eq!(back[0].siret.as_deref(), Some("21490007800012"));
    }
}

#[test]
fn mediation_file_imported_exported_and_imported_again_is_stable() {
    let file = File::open(fixture("mediation-lieux.csv")).expect("fixture");
    let (first, _) = drain(MediationCsvReader::new(file, &categories()).expect("header"));
    let listings: Vec<Listing> = first
        .iter()
        .map(|l| Listing {
            id: 0,
            slug: l.input.source_id.clone(),
            kind: l.input.kind.unwrap_or(tremplin_domain::directory::ListingKind::Mediation),
            name: l.input.name.clone(),
            description: l.input.description.clone(),
            address: l.input.address.clone(),
            postcode: l.input.postcode.clone(),
            insee: l.input.insee.clone(),
            commune: l.commune.clone(),
            point: l.input.point,
            category: l.input.category.clone(),
            naf_code: None,
            tags: l.input.tags.clone(),
            phone: l.input.phone.clone(),
            email: l.input.email.clone(),
            website: l.input.website.clone(),
            social: l.input.social.clone(),
            amenities: Vec::new(),
            opening_hours: l.input.opening_hours.clone(),
            source: "mediation".into(),
            updated_at: 1_777_622_400,
        })
        .collect();
    let mut out = Vec::new();
    let report = write_mediation_csv(&mut out, &listings, "Tremplin", |l| {
        first.iter().find(|f| f.input.source_id == l.slug).and_then(|f| f.siret.clone())
    })
    .expect("write");
    assert_eq!(report.written, 3);
    let (second, rejections) = drain(MediationCsvReader::new(out.as_slice(), &categories()).expect("header"));
    assert!(rejections.is_empty(), "{rejections:?}");
    for (a, b) in first.iter().zip(&second) {
        assert!(same(&a.input, &b.input), "\n{:?}\n{:?}", a.input, b.input);
        assert_eq!((&a.commune, &a.siret), (&b.commune, &b.siret));
    }
}
