-- dyadwatch store schema (DuckDB). Documented column by column in docs/schema.md.
-- Every span (start, end) is a pair of character offsets into documents.text.

CREATE TABLE IF NOT EXISTS documents (
    doc_id      VARCHAR PRIMARY KEY,
    source_id   VARCHAR NOT NULL,
    path        VARCHAR NOT NULL,
    title       VARCHAR,
    date        VARCHAR,
    site        VARCHAR,
    url         VARCHAR,
    fmt         VARCHAR NOT NULL,
    text        VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS rejects (
    path        VARCHAR NOT NULL,
    line        INTEGER,
    reason      VARCHAR NOT NULL,
    stage       VARCHAR NOT NULL,
    seen_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS removed_lines (
    doc_id      VARCHAR NOT NULL,
    seq         INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS actors (
    actor_id    VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,
    country     VARCHAR,
    role        VARCHAR,
    sector      VARCHAR
);
-- The documents whose mention gave the record (the first by id) and its role: the table
-- does not depend on the order in which documents were added.
ALTER TABLE actors ADD COLUMN IF NOT EXISTS seen_in VARCHAR;
ALTER TABLE actors ADD COLUMN IF NOT EXISTS role_in VARCHAR;

CREATE TABLE IF NOT EXISTS mentions (
    doc_id      VARCHAR NOT NULL,
    "start"     INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    actor_id    VARCHAR NOT NULL,
    how         VARCHAR NOT NULL,
    sector      VARCHAR
);

CREATE TABLE IF NOT EXISTS sentences (
    doc_id      VARCHAR NOT NULL,
    "start"     INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    dyads       VARCHAR[] NOT NULL
);

CREATE TABLE IF NOT EXISTS processed (
    doc_id      VARCHAR NOT NULL,
    stage       VARCHAR NOT NULL,
    version     VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, stage)
);

CREATE TABLE IF NOT EXISTS runs (
    run_id      VARCHAR PRIMARY KEY,
    command     VARCHAR NOT NULL,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    config      VARCHAR NOT NULL,
    counters    JSON
);

-- Columns added after the first release: a store made by an earlier version gains them.
ALTER TABLE actors ADD COLUMN IF NOT EXISTS sector VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS lang VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS lang_conf DOUBLE;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS dateline VARCHAR;
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS sector VARCHAR;

-- reuse: computed over the whole store, replaced as a whole by each run --------------------

CREATE TABLE IF NOT EXISTS clusters (
    cluster_id  VARCHAR NOT NULL,
    doc_id      VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS passages (
    doc_a         VARCHAR NOT NULL,
    start_a       INTEGER NOT NULL,
    end_a         INTEGER NOT NULL,
    doc_b         VARCHAR NOT NULL,
    start_b       INTEGER NOT NULL,
    end_b         INTEGER NOT NULL,
    kind          VARCHAR NOT NULL,
    similarity    DOUBLE NOT NULL,
    substitutions JSON
);

CREATE TABLE IF NOT EXISTS lineage (
    derived_doc VARCHAR NOT NULL,
    source_doc  VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS lineage_groups (
    group_id    VARCHAR NOT NULL,
    doc_id      VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS reuse_signals (
    doc_id      VARCHAR NOT NULL,
    spin_score  DOUBLE NOT NULL,
    mt_score    DOUBLE NOT NULL,
    evidence    VARCHAR[]
);

-- What the reuse stage keeps between runs, so that added documents are signed and aligned
-- alone (valid for the settings named in stage_state 'reuse_cache'): each document's MinHash
-- signature, inverted-index keys and spin/MT signal, and the result of each pair aligned.
CREATE TABLE IF NOT EXISTS reuse_features (
    doc_id      VARCHAR PRIMARY KEY,
    signature   BLOB NOT NULL,
    keys        BLOB NOT NULL,
    spin_score  DOUBLE NOT NULL,
    mt_score    DOUBLE NOT NULL,
    evidence    VARCHAR[]
);

CREATE TABLE IF NOT EXISTS reuse_pairs (
    doc_a       VARCHAR NOT NULL,
    doc_b       VARCHAR NOT NULL,
    derived_doc VARCHAR,
    source_doc  VARCHAR,
    kind        VARCHAR,
    reason      VARCHAR,
    passages    VARCHAR,
    PRIMARY KEY (doc_a, doc_b)
);

-- extract: events, statements, dates and figures, replaced per document --------------------

CREATE TABLE IF NOT EXISTS events (
    event_id       VARCHAR NOT NULL,
    doc_id         VARCHAR NOT NULL,
    "start"        INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    quote          VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    target         VARCHAR,
    plover         VARCHAR NOT NULL,
    mode           VARCHAR,
    cameo_root     VARCHAR NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      DOUBLE NOT NULL,
    date           VARCHAR,
    date_precision VARCHAR,
    date_derived   BOOLEAN NOT NULL,
    trigger        VARCHAR,
    source_sector  VARCHAR,
    target_sector  VARCHAR,
    source_actor   VARCHAR,
    target_actor   VARCHAR,
    date_basis     VARCHAR,
    coded_by       VARCHAR
);

ALTER TABLE events ADD COLUMN IF NOT EXISTS source_sector VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS target_sector VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS source_actor VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS target_actor VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS date_basis VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS coded_by VARCHAR;
-- Where the event happened (see docs/schema.md): a gazetteer entry, its coordinates, how
-- finely it places the event and how it was found, and the span of the place's name.
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_id VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_name VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_kind VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_country VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_lat DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_lon DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_precision VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_basis VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_start INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_end INTEGER;

-- Every place name of a document, resolved to a gazetteer entry; alternatives are the other
-- entries of the same name ("id|name|country"), best first.
CREATE TABLE IF NOT EXISTS places (
    doc_id       VARCHAR NOT NULL,
    "start"      INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         VARCHAR NOT NULL,
    place_id     VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,
    country      VARCHAR NOT NULL,
    lat          DOUBLE NOT NULL,
    lon          DOUBLE NOT NULL,
    use          VARCHAR NOT NULL,
    alternatives VARCHAR[] NOT NULL
);

CREATE TABLE IF NOT EXISTS statements (
    doc_id      VARCHAR NOT NULL,
    "start"     INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    quote       VARCHAR NOT NULL,
    source      VARCHAR,
    target      VARCHAR,
    plover      VARCHAR,
    modality    VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS claims (
    claim_id    VARCHAR NOT NULL,
    doc_id      VARCHAR NOT NULL,
    "start"     INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    quote       VARCHAR NOT NULL,
    value       DOUBLE NOT NULL,
    currency    VARCHAR,
    value_usd   DOUBLE,
    measure     VARCHAR NOT NULL,
    dyad        VARCHAR,
    period      VARCHAR,
    unit        VARCHAR,
    bound       VARCHAR,
    role        VARCHAR,
    one_sided   BOOLEAN,
    referent    VARCHAR
);

ALTER TABLE claims ADD COLUMN IF NOT EXISTS bound VARCHAR;
ALTER TABLE claims ADD COLUMN IF NOT EXISTS role VARCHAR;
ALTER TABLE claims ADD COLUMN IF NOT EXISTS one_sided BOOLEAN;
ALTER TABLE claims ADD COLUMN IF NOT EXISTS referent VARCHAR;

CREATE TABLE IF NOT EXISTS time_exprs (
    doc_id      VARCHAR NOT NULL,
    "start"     INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    value       VARCHAR NOT NULL,
    precision   VARCHAR NOT NULL,
    derived     BOOLEAN NOT NULL
);

-- stories the extract stage judged to be about sport: no events or statements are coded in
-- them (docs/extract.md, "Sport stories")
CREATE TABLE IF NOT EXISTS sport_stories (
    doc_id      VARCHAR PRIMARY KEY,
    probability DOUBLE NOT NULL
);

CREATE TABLE IF NOT EXISTS doc_dates (
    doc_id      VARCHAR PRIMARY KEY,
    date        VARCHAR NOT NULL,
    precision   VARCHAR NOT NULL,
    evidence    VARCHAR NOT NULL
);

-- which corpus-wide stage results are current: a fingerprint of the inputs and settings ----

CREATE TABLE IF NOT EXISTS stage_state (
    stage       VARCHAR PRIMARY KEY,
    fingerprint VARCHAR NOT NULL
);

-- fuse: computed over the whole store, replaced as a whole by each run --------------------

CREATE TABLE IF NOT EXISTS fused_events (
    fused_id       VARCHAR PRIMARY KEY,
    date           VARCHAR,
    date_precision VARCHAR,
    source         VARCHAR NOT NULL,
    target         VARCHAR,
    plover         VARCHAR NOT NULL,
    cameo_root     VARCHAR NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      DOUBLE NOT NULL,
    num_mentions   INTEGER NOT NULL,
    num_articles   INTEGER NOT NULL,
    num_sources    INTEGER NOT NULL,
    event_ids      VARCHAR[] NOT NULL,
    domain         VARCHAR,
    summary        VARCHAR,
    num_outlets    INTEGER,
    date_basis     VARCHAR
);

ALTER TABLE fused_events ADD COLUMN IF NOT EXISTS num_outlets INTEGER;
ALTER TABLE fused_events ADD COLUMN IF NOT EXISTS date_basis VARCHAR;
ALTER TABLE fused_events ADD COLUMN IF NOT EXISTS place_id VARCHAR;
ALTER TABLE fused_events ADD COLUMN IF NOT EXISTS place_name VARCHAR;
ALTER TABLE fused_events ADD COLUMN IF NOT EXISTS place_kind VARCHAR;
ALTER TABLE fused_events ADD COLUMN IF NOT EXISTS place_country VARCHAR;
ALTER TABLE fused_events ADD COLUMN IF NOT EXISTS place_lat DOUBLE;
ALTER TABLE fused_events ADD COLUMN IF NOT EXISTS place_lon DOUBLE;
ALTER TABLE fused_events ADD COLUMN IF NOT EXISTS place_precision VARCHAR;

-- What the last fusion was computed from (valid for stage_state 'fuse_basis'): each
-- document's lineage group, and the lineage edges. A run that adds documents fuses again
-- only the parts that the added or regrouped documents take part in.
CREATE TABLE IF NOT EXISTS fuse_docs (
    doc_id      VARCHAR PRIMARY KEY,
    group_id    VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS fuse_edges (
    source_doc  VARCHAR NOT NULL,
    derived_doc VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS contradictions (
    contradiction_id VARCHAR PRIMARY KEY,
    measure          VARCHAR NOT NULL,
    dyad             VARCHAR,
    period           VARCHAR,
    claim_ids        VARCHAR[] NOT NULL,
    kind             VARCHAR NOT NULL,
    note             VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS dyad_index (
    dyad        VARCHAR NOT NULL,
    period      VARCHAR NOT NULL,
    coop_index  DOUBLE NOT NULL,
    events      INTEGER NOT NULL,
    sources     INTEGER NOT NULL,
    by_domain   JSON,
    by_plover   JSON
);

CREATE TABLE IF NOT EXISTS irritants (
    dyad           VARCHAR NOT NULL,
    party_or_issue VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    evidence       JSON NOT NULL
);

-- GDELT-compatible event export: one row per event mention, with its fused event's counts --

-- States' codes and names for the GDELT view, filled from the package's data on opening.
CREATE TABLE IF NOT EXISTS country_codes (
    iso3 VARCHAR PRIMARY KEY,
    fips VARCHAR,
    name VARCHAR NOT NULL
);

CREATE OR REPLACE VIEW events_gdelt AS
SELECT
    e.event_id                                          AS GLOBALEVENTID,
    -- YYYYMMDD; the parts finer than the date's precision are 00 (2014 -> 20140000).
    CAST(nullif(replace(rpad(replace(coalesce(e.date, ''), '-', ''), 8, '0'), 's', '0'),
                '00000000') AS INTEGER)                 AS SQLDATE,
    e.date_precision                                    AS DatePrecision,
    e.source || coalesce(e.source_sector, '')           AS Actor1Code,
    coalesce(a1.country, CASE WHEN length(e.source) = 3 THEN e.source END)
                                                        AS Actor1CountryCode,
    e.source_sector                                     AS Actor1Type1Code,
    e.target || coalesce(e.target_sector, '')           AS Actor2Code,
    coalesce(a2.country, CASE WHEN length(e.target) = 3 THEN e.target END)
                                                        AS Actor2CountryCode,
    e.target_sector                                     AS Actor2Type1Code,
    e.cameo_root || '0'                                 AS EventCode,
    e.cameo_root                                        AS EventRootCode,
    e.quad_class                                        AS QuadClass,
    e.goldstein                                         AS GoldsteinScale,
    coalesce(f.num_mentions, 1)                         AS NumMentions,
    coalesce(f.num_sources, 1)                          AS NumSources,
    coalesce(f.num_articles, 1)                         AS NumArticles,
    coalesce(d.url, d.source_id)                        AS SOURCEURL,
    e.plover                                            AS PLOVER,
    e.mode                                              AS Mode,
    f.fused_id                                          AS FusedId,
    e.doc_id                                            AS DocId,
    e."start"                                           AS SpanStart,
    e."end"                                             AS SpanEnd,
    e.quote                                             AS Quote,
    -- Where: GDELT's type codes (1 country, 2 US state, 3 US city, 4 world city or
    -- landmark, 5 world state), FIPS 10-4 country codes, GeoNames feature ids.
    CASE WHEN e.place_id IS NULL THEN 0
         WHEN e.place_kind = 'country' THEN 1
         WHEN e.place_kind = 'region' AND e.place_country = 'USA' THEN 2
         WHEN e.place_kind = 'region' THEN 5
         WHEN e.place_country = 'USA' THEN 3
         ELSE 4 END                                     AS ActionGeo_Type,
    CASE WHEN e.place_kind IN ('country', 'water') OR g.iso3 IS NULL THEN e.place_name
         ELSE e.place_name || ', ' || g.name END        AS ActionGeo_FullName,
    g.fips                                              AS ActionGeo_CountryCode,
    CASE WHEN e.place_kind = 'region' THEN replace(e.place_id, 'R:', '')
         ELSE g.fips END                                AS ActionGeo_ADM1Code,
    e.place_lat                                         AS ActionGeo_Lat,
    e.place_lon                                         AS ActionGeo_Long,
    CASE WHEN e.place_id LIKE 'G:%' THEN replace(e.place_id, 'G:', '')
         ELSE e.place_id END                            AS ActionGeo_FeatureID,
    e.place_precision                                   AS ActionGeo_Precision
FROM events e
JOIN documents d USING (doc_id)
LEFT JOIN actors a1 ON a1.actor_id = e.source
LEFT JOIN actors a2 ON a2.actor_id = e.target
LEFT JOIN country_codes g ON g.iso3 = e.place_country
LEFT JOIN fused_events f ON list_contains(f.event_ids, e.event_id);

-- Full-text search: an inverted index of the cleaned text, filled as documents arrive.
-- search_terms holds one row per (term, document) with the term's frequency; search_docs
-- the indexed documents and their length in terms (for BM25 ranking).
CREATE TABLE IF NOT EXISTS search_terms (
    term        VARCHAR NOT NULL,
    doc_id      VARCHAR NOT NULL,
    tf          INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS search_docs (
    doc_id      VARCHAR PRIMARY KEY,
    terms       INTEGER NOT NULL
);

-- `dyadwatch watch`: the files it has read (so a restart reads only what is new or changed)
-- and the alerts it raised.
CREATE TABLE IF NOT EXISTS watched_files (
    path        VARCHAR PRIMARY KEY,
    size        BIGINT NOT NULL,
    mtime_ns    BIGINT NOT NULL,
    read_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Files ingest has read to the end, with their size and time then and the reading settings:
-- a later run skips a file unchanged since, unless told to read it again.
CREATE TABLE IF NOT EXISTS read_files (
    path        VARCHAR PRIMARY KEY,
    size        BIGINT NOT NULL,
    mtime_ns    BIGINT NOT NULL,
    settings    VARCHAR NOT NULL,
    read_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS alerts (
    alert_id    VARCHAR PRIMARY KEY,
    raised_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    kind        VARCHAR NOT NULL,
    dyad        VARCHAR,
    message     VARCHAR NOT NULL,
    detail      JSON NOT NULL
);

-- Each stage a run finished, as it finished: a run killed half way shows how far it got.
CREATE TABLE IF NOT EXISTS run_stages (
    run_id      VARCHAR NOT NULL,
    stage       VARCHAR NOT NULL,
    finished_at TIMESTAMP NOT NULL
);
