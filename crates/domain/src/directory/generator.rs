//! Plausible listings over real communes, for the demo and for benchmarks: deterministic for
//! a given seed, spread over communes in proportion to their population.

use super::model::{Amenity, Category, ListingInput, ListingKind};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tremplin_kernel::GeoPoint;

/// A commune listings can be placed in.
#[derive(Debug, Clone)]
pub struct Place {
    /// INSEE code.
    pub insee: String,
    /// A postcode of the commune.
    pub postcode: String,
    /// Town hall.
    pub point: GeoPoint,
    /// Population (the weight).
    pub population: i64,
}

const SURNAMES: [&str; 40] = [
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefebvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Lefèvre",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Perrin",
];
const FIRST_NAMES: [&str; 16] = [
    "Marie", "Jean", "Camille", "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Louis", "Inès", "Nathalie", "Pierre", "Sophie", "Karim",
    "Yasmine", "Julien",
];
const STREETS: [&str; 20] = [
    "rue de la République",
    "rue Victor-Hugo",
    "place du Marché",
    "rue du Commerce",
    "avenue Jean-Jaurès",
    "rue Nationale",
    "rue de l'Église",
    "boulevard Foch",
    "rue Pasteur",
    "rue des Lices",
    "place de la Mairie",
    "rue Saint-Aubin",
    "rue du Général-de-Gaulle",
    "rue de la Gare",
    "rue des Halles",
    "route de Nantes",
    "rue Lenepveu",
    "rue Plantagenêt",
    "rue de la Roë",
    "quai de la Savatte",
];

/// Opening hours typical of a category (by slug) or kind.
fn hours_for(category: &Category, rng: &mut StdRng) -> String {
    let base = match category.slug.as_str() {
        "boulangerie-patisserie" => "Tu-Su 07:00-13:00,15:30-19:30",
        "restaurant" => "Tu-Sa 12:00-14:00,19:00-22:00",
        "cafe-bar" => "Mo-Sa 07:30-20:00; Fr,Sa 07:30-01:00",
        "supermarche" => "Mo-Sa 08:30-20:00; Su 09:00-12:30",
        "pharmacie" => "Mo-Fr 08:30-19:30; Sa 09:00-19:00",
        "tabac-presse" => "Mo-Sa 07:00-19:30; Su 08:00-12:30",
        "coiffure" | "institut-de-beaute" => "Tu-Fr 09:00-19:00; Sa 08:30-17:00",
        "association" => "We 14:00-18:00; Sa 10:00-12:00",
        _ => match category.kind.as_str() {
            "craft" => "Mo-Fr 08:00-12:00,13:30-17:30",
            "service" => "Mo-Fr 09:00-12:00,14:00-18:00",
            "mediation" => "Tu-Fr 09:30-12:30,13:30-17:30; Sa 09:30-12:30",
            "startup" => "Mo-Fr 09:00-18:00",
            _ => "Tu-Sa 09:30-12:30,14:00-19:00",
        },
    };
    match rng.random_range(0..10) {
        0 => String::new(), // hours not given
        1..=3 => format!("{base}; PH off"),
        _ => base.to_owned(),
    }
}

fn name_for(category: &Category, rng: &mut StdRng) -> String {
    let surname = SURNAMES[rng.random_range(0..SURNAMES.len())];
    let label = category.label_fr.split([',', '(']).next().unwrap_or(&category.label_fr).trim();
    match (category.kind.as_str(), rng.random_range(0..3)) {
        ("association", n) => format!("Association {} {}", ["sportive", "culturelle", "de quartier"][n as usize % 3], surname),
        ("craft", 0) => format!("Atelier {surname}"),
        ("startup", _) => format!("{surname} Numérique"),
        (_, 0) if matches!(category.slug.as_str(), "restaurant" | "cafe-bar") => {
            format!("Chez {}", FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())])
        }
        _ => format!("{label} {surname}"),
    }
}

fn kind_of(category: &Category) -> ListingKind {
    ListingKind::parse(&category.kind).unwrap_or(ListingKind::Shop)
}

/// `count` listings over `places`, using `categories` (public services excepted).
pub fn generate(categories: &[Category], places: &[Place], count: usize, seed: u64) -> Vec<ListingInput> {
    let categories: Vec<&Category> = categories.iter().filter(|c| c.kind != "public_service").collect();
    let total_population: i64 = places.iter().map(|p| p.population.max(1)).sum();
    if categories.is_empty() || places.is_empty() || total_population <= 0 {
        return Vec::new();
    }
    let mut cumulative = Vec::with_capacity(places.len());
    let mut running = 0;
    for place in places {
        running += place.population.max(1);
        cumulative.push(running);
    }
    let mut rng = StdRng::seed_from_u64(seed);
    (0..count)
        .map(|i| {
            let ticket = rng.random_range(0..total_population);
            let place = &places[cumulative.partition_point(|&c| c <= ticket).min(places.len() - 1)];
            let category = categories[rng.random_range(0..categories.len())];
            // Within about 1.5 km of the town hall.
            let (distance, bearing) = (rng.random::<f64>().sqrt() * 1.5, rng.random::<f64>() * std::f64::consts::TAU);
            let lat = place.point.lat + distance / 111.0 * bearing.cos();
            let lon = place.point.lon + distance / (111.0 * place.point.lat.to_radians().cos()) * bearing.sin();
            let name = name_for(category, &mut rng);
            let naf_code = category.naf_prefixes.iter().find(|p| p.len() == 6).cloned();
            let mut amenities = Vec::new();
            for (amenity, chance) in [
                (Amenity::ClickCollect, 0.25),
                (Amenity::Delivery, 0.15),
                (Amenity::OnlineShop, 0.2),
                (Amenity::Appointment, 0.1),
                (Amenity::Wheelchair, 0.5),
            ] {
                if rng.random::<f64>() < chance {
                    amenities.push(amenity);
                }
            }
            ListingInput {
                source: "demo".into(),
                source_id: format!("demo-{seed}-{i}"),
                kind: Some(kind_of(category)),
                description: format!("{} à votre service, au cœur de la commune.", category.label_fr),
                address: format!("{} {}", rng.random_range(1..120), STREETS[rng.random_range(0..STREETS.len())]),
                postcode: place.postcode.clone(),
                insee: Some(place.insee.clone()),
                point: GeoPoint::new(lat, lon),
                category: Some(category.slug.clone()),
                naf_code,
                tags: Vec::new(),
                phone: format!("+3324{:07}", rng.random_range(0..10_000_000)),
                email: String::new(),
                website: String::new(),
                social: Vec::new(),
                opening_hours: hours_for(category, &mut rng),
                amenities,
                name,
                pending: false,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::hours::Hours;

    fn category(slug: &str, kind: &str) -> Category {
        Category {
            slug: slug.into(),
            label_fr: "Boulangerie, pâtisserie".into(),
            label_en: String::new(),
            kind: kind.into(),
            naf_prefixes: vec!["10.71C".into()],
            osm_tags: vec![],
        }
    }

    #[test]
    fn deterministic_weighted_and_valid() {
        let places = vec![
            Place { insee: "49007".into(), postcode: "49000".into(), point: GeoPoint { lat: 47.47, lon: -0.55 }, population: 150_000 },
            Place { insee: "49001".into(), postcode: "49100".into(), point: GeoPoint { lat: 47.2, lon: -0.3 }, population: 1_000 },
        ];
        let categories = vec![category("boulangerie-patisserie", "shop"), category("mairie", "public_service")];
        let a = generate(&categories, &places, 500, 7);
        let b = generate(&categories, &places, 500, 7);
        assert_eq!(a.iter().map(|l| &l.name).collect::<Vec<_>>(), b.iter().map(|l| &l.name).collect::<Vec<_>>());
        let in_big = a.iter().filter(|l| l.insee.as_deref() == Some("49007")).count();
        assert!(in_big > 450, "weighted by population: {in_big}");
        assert!(a.iter().all(|l| l.category.as_deref() == Some("boulangerie-patisserie")));
        for listing in &a {
            if !listing.opening_hours.is_empty() {
                Hours::parse(&listing.opening_hours).expect("generated hours parse");
            }
            let d = listing
                .point
                .expect("point")
                .distance_km(&places[0].point)
                .min(listing.point.expect("point").distance_km(&places[1].point));
            assert!(d < 1.6, "{d}");
        }
    }
}
