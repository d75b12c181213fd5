-- The local ecosystem: actor profiles (project holders, firms, mentors, funders, distributors,
-- associations, training bodies) with needs and offers from one vocabulary; introductions
-- between two actors with double opt-in; the meetings of a mentoring relationship; reports
-- of abuse; and the catalogue of partner offers that managers approve.
--
-- An actor's contact details (`contact_*`) are personal data: they are read only by the store
-- method that gives them to the two sides of an accepted introduction.

CREATE TABLE eco_actors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    territory_id BIGINT NOT NULL REFERENCES territories(id),
    slug TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    presentation TEXT NOT NULL,
    sectors TEXT NOT NULL,
    stages TEXT NOT NULL,
    needs TEXT NOT NULL,
    offers TEXT NOT NULL,
    need_words TEXT NOT NULL,
    offer_words TEXT NOT NULL,
    insee TEXT REFERENCES communes(insee),
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    listing_id BIGINT REFERENCES listings(id) ON DELETE SET NULL,
    website TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    status TEXT NOT NULL,
    status_note TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX eco_actors_territory ON eco_actors (territory_id, status);

-- `public_id` is the opaque id of URLs. At most one pending request from one actor to another.
-- `due_at` is when the worker next looks at a pending request (a reminder, then expiry).
CREATE TABLE eco_introductions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    requester_id BIGINT NOT NULL REFERENCES eco_actors(id) ON DELETE CASCADE,
    recipient_id BIGINT NOT NULL REFERENCES eco_actors(id) ON DELETE CASCADE,
    need TEXT NOT NULL,
    message TEXT NOT NULL,
    status TEXT NOT NULL,
    answer TEXT NOT NULL,
    mentoring BOOLEAN NOT NULL,
    reminders BIGINT NOT NULL,
    due_at BIGINT,
    created_at BIGINT NOT NULL,
    answered_at BIGINT
);
CREATE INDEX eco_introductions_requester ON eco_introductions (requester_id, created_at);
CREATE INDEX eco_introductions_recipient ON eco_introductions (recipient_id, created_at);
CREATE INDEX eco_introductions_due ON eco_introductions (due_at);
CREATE UNIQUE INDEX eco_introductions_one_pending ON eco_introductions (requester_id, recipient_id) WHERE status = 'pending';

-- Meetings of a mentoring relationship (an accepted introduction), written by either side.
CREATE TABLE eco_meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    introduction_id BIGINT NOT NULL REFERENCES eco_introductions(id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES eco_actors(id) ON DELETE CASCADE,
    met_on TEXT NOT NULL,
    minutes BIGINT NOT NULL,
    summary TEXT NOT NULL,
    next_steps TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX eco_meetings_introduction ON eco_meetings (introduction_id, met_on);

-- Reports of an actor (spam, abuse …), reviewed by the managers of its territory.
CREATE TABLE eco_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id BIGINT NOT NULL REFERENCES eco_actors(id) ON DELETE CASCADE,
    reporter_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    details TEXT NOT NULL,
    status TEXT NOT NULL,
    handled_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    handled_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX eco_reports_actor ON eco_reports (actor_id, status);

-- Partner offers: free or preferential-rate solutions, approved by a manager of the territory.
-- Days (`starts_on`, `ends_on`) are Europe/Paris dates, YYYY-MM-DD; an offer shows until the
-- end of `ends_on`. No column orders the catalogue: no place in it can be bought.
CREATE TABLE partner_offers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    territory_id BIGINT NOT NULL REFERENCES territories(id),
    submitted_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    provider TEXT NOT NULL,
    title TEXT NOT NULL,
    category TEXT NOT NULL,
    description TEXT NOT NULL,
    pricing TEXT NOT NULL,
    price_terms TEXT NOT NULL,
    conditions TEXT NOT NULL,
    data_shared TEXT NOT NULL,
    open_source BOOLEAN NOT NULL,
    licence TEXT NOT NULL,
    url TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    status TEXT NOT NULL,
    review_note TEXT NOT NULL,
    reviewed_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    reviewed_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX partner_offers_territory ON partner_offers (territory_id, status, ends_on);
