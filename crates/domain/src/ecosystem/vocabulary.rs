//! The ecosystem's closed vocabularies, stored by stable identifier. Each identifier has a
//! French and an English label in the web layer's translations (`eco-<vocabulary>-<id>`).

vocabulary! {
    /// What an actor is.
    ActorKind {
        /// A project holder or a start-up.
        Project => "project",
        /// An established firm.
        Firm => "firm",
        /// A mentor (often a business leader, active or retired).
        Mentor => "mentor",
        /// A funder: bank, business angel, public fund, crowdfunding platform.
        Funder => "funder",
        /// A distributor: shop, wholesaler, market, platform that sells for others.
        Distributor => "distributor",
        /// An association.
        Association => "association",
        /// A training body.
        TrainingBody => "training_body",
    }
}

vocabulary! {
    /// What actors need and offer: one vocabulary for both sides, so a need finds its offers.
    Topic {
        /// Mentoring by an experienced person.
        Mentoring => "mentoring",
        /// Funding: loans, equity, grants, honour loans.
        Funding => "funding",
        /// Premises: shop, workshop, office, coworking, storage.
        Premises => "premises",
        /// A distribution channel: a shelf, a market stall, a marketplace.
        Distribution => "distribution",
        /// Technical skills: digital, engineering, production.
        TechnicalSkills => "technical_skills",
        /// First customers, pilots, orders.
        FirstCustomers => "first_customers",
        /// Digital tools and presence: website, online shop, social networks.
        Digital => "digital",
        /// Marketing and communication.
        Marketing => "marketing",
        /// Legal, accounting and administrative advice.
        LegalAdvice => "legal_advice",
        /// Recruitment, apprentices, volunteers.
        Recruitment => "recruitment",
        /// Training.
        Training => "training",
        /// Suppliers and purchasing together.
        Suppliers => "suppliers",
        /// Partnerships and joint projects.
        Partnership => "partnership",
    }
}

vocabulary! {
    /// Sectors of activity, broad enough for a small territory (NAF sections grouped).
    Sector {
        /// Retail and shops.
        Retail => "retail",
        /// Food: bakeries, restaurants, producers' shops.
        Food => "food",
        /// Crafts and building trades.
        Crafts => "crafts",
        /// Services to people and businesses.
        Services => "services",
        /// Industry and manufacturing.
        Industry => "industry",
        /// Agriculture and wine.
        Agriculture => "agriculture",
        /// Tourism, hotels, leisure.
        Tourism => "tourism",
        /// Culture and creative work.
        Culture => "culture",
        /// Health and care.
        Health => "health",
        /// Digital and software.
        DigitalSector => "digital",
        /// Social and solidarity economy.
        SocialEconomy => "social_economy",
    }
}

vocabulary! {
    /// Where a project or a firm stands. A project or a firm gives its own stage; a mentor,
    /// funder or other offering actor gives the stages it works with.
    Stage {
        /// An idea, before creation.
        Idea => "idea",
        /// Created less than three years ago.
        Launch => "launch",
        /// Growing: hiring, a new market, a second place.
        Growth => "growth",
        /// Established.
        Established => "established",
    }
}

vocabulary! {
    /// Whether an actor shows in the ecosystem.
    ActorStatus {
        /// Listed and reachable.
        Active => "active",
        /// Hidden by its owner.
        Hidden => "hidden",
        /// Suspended by a manager (after reports): hidden, and may not send requests.
        Suspended => "suspended",
    }
}

vocabulary! {
    /// The need a partner offer answers: the catalogue groups offers by it, so free and
    /// open-source options stand beside paid ones for the same need.
    OfferCategory {
        /// Website builders and hosting.
        Website => "website",
        /// Online shops and click & collect.
        OnlineShop => "online_shop",
        /// Payment: terminals, online payment.
        Payment => "payment",
        /// Booking and appointments.
        Booking => "booking",
        /// Accounting, invoicing, cash register.
        Accounting => "accounting",
        /// Office and collaboration tools.
        Office => "office",
        /// Marketing, newsletters, social networks.
        Marketing => "marketing",
        /// Security and backups.
        Security => "security",
        /// Training.
        Training => "training",
    }
}

vocabulary! {
    /// What a partner offer costs the business.
    Pricing {
        /// Free of charge (during the offer, or always).
        Free => "free",
        /// A preferential rate for the territory's businesses.
        Preferential => "preferential",
    }
}

/// Parses a `|`-free list of identifiers of a vocabulary, keeping known ones in the
/// vocabulary's order without duplicates.
pub fn parse_list<T: Copy + PartialEq>(values: &[String], all: &[T], parse: impl Fn(&str) -> Option<T>) -> Vec<T> {
    let wanted: Vec<T> = values.iter().filter_map(|v| parse(v)).collect();
    all.iter().copied().filter(|v| wanted.contains(v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_keep_known_values_in_vocabulary_order() {
        let values = vec!["funding".to_owned(), "nope".to_owned(), "mentoring".to_owned(), "funding".to_owned()];
        assert_eq!(parse_list(&values, Topic::ALL, Topic::parse), vec![Topic::Mentoring, Topic::Funding]);
    }

    #[test]
    fn values_serialise_as_their_identifier() {
        assert_eq!(serde_json::to_string(&Sector::DigitalSector).ok().as_deref(), Some("\"digital\""));
        assert_eq!(serde_json::to_string(&ActorKind::TrainingBody).ok().as_deref(), Some("\"training_body\""));
    }

    #[test]
    fn identifiers_are_unique() {
        let ids: Vec<&str> = Topic::ALL.iter().map(|t| t.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids.len(), sorted.len());
    }
}
