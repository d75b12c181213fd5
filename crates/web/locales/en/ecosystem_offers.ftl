## ecosystem_offers
