-- quotetrace corpus store, PostgreSQL, version 2: reads that stay fast as the corpus grows.

-- Each quotation gets a chronological key, its publication day then the order it was stored:
-- a search reads its matches in this order and stops at the page it shows.
ALTER TABLE quotes ADD COLUMN published_day INTEGER;  -- day 1 = 0001-01-01; NULL when undated
CREATE OR REPLACE FUNCTION pg_temp.quotetrace_day(published TEXT) RETURNS INTEGER AS $$
BEGIN
    RETURN to_date(substr(published, 1, 10), 'YYYY-MM-DD') - DATE '0001-01-01' + 1;
EXCEPTION WHEN OTHERS THEN
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
UPDATE quotes SET published_day = pg_temp.quotetrace_day(published)
    WHERE published ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}';
ALTER TABLE quotes ADD COLUMN chrono BIGINT
    GENERATED ALWAYS AS ((COALESCE(published_day, 4194303)::BIGINT << 32) | seq) STORED;
CREATE UNIQUE INDEX quotes_chronological ON quotes (chrono);
-- the words stored, not recomputed for each quotation a search walks past in date order
ALTER TABLE quotes ADD COLUMN words TSVECTOR
    GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED;
DROP INDEX quotes_fts;
CREATE INDEX quotes_fts ON quotes USING GIN (words);
-- a person's quotations, their dates and outlets, from these indexes alone
DROP INDEX person_mentions_person;
CREATE INDEX person_mentions_person ON person_mentions (person_id, article_id, entity_id);
DROP INDEX quotes_speaker;
CREATE INDEX quotes_speaker
    ON quotes (article_id, speaker_entity_id) INCLUDE (published_day, published, outlet);

-- Counts kept at ingest (store/summaries.py): the outlets list, the most quoted people, the
-- most relayed utterances and the widest stories read a few rows, not every quotation.
CREATE INDEX quote_variants_article ON quote_variants (article_id);

CREATE TABLE outlet_counts (
    outlet TEXT PRIMARY KEY,
    articles INTEGER NOT NULL
);
INSERT INTO outlet_counts (outlet, articles)
    SELECT outlet, COUNT(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet;

CREATE TABLE person_counts (
    person_id TEXT PRIMARY KEY,
    quotes INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    outlets INTEGER NOT NULL
);
CREATE INDEX person_counts_quotes ON person_counts (quotes);
INSERT INTO person_counts (person_id, quotes, articles, outlets)
    SELECT pm.person_id, COUNT(q.id), COUNT(DISTINCT q.article_id), COUNT(DISTINCT q.outlet)
    FROM person_mentions pm JOIN quotes q
        ON q.article_id = pm.article_id AND q.speaker_entity_id = pm.entity_id
    GROUP BY pm.person_id;

CREATE TABLE utterance_counts (
    utterance_id TEXT PRIMARY KEY,
    quotes INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    outlets INTEGER NOT NULL
);
CREATE INDEX utterance_counts_spread ON utterance_counts (outlets, articles);
INSERT INTO utterance_counts (utterance_id, quotes, articles, outlets)
    SELECT v.utterance_id, COUNT(v.quote_id), COUNT(DISTINCT v.article_id),
        COUNT(DISTINCT a.outlet)
    FROM quote_variants v JOIN articles a ON a.id = v.article_id
    GROUP BY v.utterance_id;

CREATE TABLE story_counts (
    story_id TEXT PRIMARY KEY,
    articles INTEGER NOT NULL,
    outlets INTEGER NOT NULL
);
CREATE INDEX story_counts_spread ON story_counts (outlets, articles);
INSERT INTO story_counts (story_id, articles, outlets)
    SELECT m.story_id, COUNT(m.article_id), COUNT(DISTINCT a.outlet)
    FROM story_members m JOIN articles a ON a.id = m.article_id
    GROUP BY m.story_id;
