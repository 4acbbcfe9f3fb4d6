-- quotetrace corpus store, SQLite, version 2: reads that stay fast as the corpus grows.

-- Each quotation gets a chronological key, its publication day then the order it was stored:
-- the full-text index is keyed by it, so a search reads its matches oldest first and stops at
-- the page it shows instead of sorting every match.
ALTER TABLE quotes ADD COLUMN published_day INTEGER;  -- day 1 = 0001-01-01; NULL when undated
UPDATE quotes SET published_day = CAST(julianday(substr(published, 1, 10)) - 1721424.5 AS INTEGER)
    WHERE date(substr(published, 1, 10)) = substr(published, 1, 10);  -- a real calendar day
ALTER TABLE quotes ADD COLUMN chrono INTEGER
    GENERATED ALWAYS AS ((COALESCE(published_day, 4194303) << 32) | seq) VIRTUAL;
-- the filters a search applies while it walks the matches, read from this index alone
CREATE UNIQUE INDEX quotes_chronological ON quotes (chrono, published, kind, lang, outlet);
-- a person's quotations, their dates and outlets, from these indexes alone
DROP INDEX person_mentions_person;
CREATE INDEX person_mentions_person ON person_mentions (person_id, article_id, entity_id);
DROP INDEX quotes_speaker;
CREATE INDEX quotes_speaker
    ON quotes (article_id, speaker_entity_id, published_day, published, outlet);

DROP TRIGGER quotes_fts_insert;
DROP TRIGGER quotes_fts_delete;
DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5 (text, content = 'quotes', content_rowid = 'chrono');
INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text) VALUES (new.chrono, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.chrono, old.text);
END;

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
