-- quotetrace corpus store, SQLite, version 1: articles and their records, rejections, links.

CREATE TABLE articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,   -- insertion order: the linker replays in this order
    id TEXT NOT NULL UNIQUE,                  -- content hash from the pipeline (clean text + URL)
    origin TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    published TEXT,
    lang TEXT NOT NULL,
    title TEXT,
    text TEXT NOT NULL,
    article_json TEXT NOT NULL,              -- render.json.article_to_dict, schema 1.0
    ingested TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (outlet);

CREATE TABLE quotes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL REFERENCES articles (id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    cue TEXT,
    cue_lemma TEXT,
    speaker_mention TEXT,
    speaker_entity_id TEXT,
    speaker_name TEXT,
    speaker_role TEXT,
    confidence REAL NOT NULL,
    producer TEXT NOT NULL,
    published TEXT,
    outlet TEXT,
    lang TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes (article_id);
CREATE INDEX quotes_published ON quotes (published);
CREATE INDEX quotes_speaker ON quotes (article_id, speaker_entity_id);

CREATE VIRTUAL TABLE quotes_fts USING fts5 (text, content = 'quotes', content_rowid = 'seq');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text) VALUES (new.seq, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.seq, old.text);
END;

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id),
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    roles TEXT NOT NULL,            -- JSON array
    organisations TEXT NOT NULL,    -- JSON array
    mentions INTEGER NOT NULL,
    producer TEXT NOT NULL
);
CREATE INDEX entities_article ON entities (article_id);

CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    cue TEXT,
    quote_ids TEXT NOT NULL,        -- JSON array
    confidence REAL NOT NULL,
    producer TEXT NOT NULL
);
CREATE INDEX sources_article ON sources (article_id);

CREATE TABLE dates (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id),
    text TEXT NOT NULL,
    value TEXT,
    granularity TEXT NOT NULL,
    relative INTEGER NOT NULL,
    confidence REAL NOT NULL,
    producer TEXT NOT NULL
);
CREATE INDEX dates_article ON dates (article_id);

CREATE TABLE rejections (
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL,
    seen TEXT NOT NULL,
    PRIMARY KEY (origin, reason)
);

CREATE TABLE article_links (
    article_id TEXT PRIMARY KEY,
    original_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    similarity REAL NOT NULL,
    producer TEXT NOT NULL
);
CREATE INDEX article_links_original ON article_links (original_id);

CREATE TABLE people (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    variants TEXT NOT NULL,         -- JSON array
    roles TEXT NOT NULL,            -- JSON array
    producer TEXT NOT NULL
);

CREATE TABLE person_mentions (
    article_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    name TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX person_mentions_person ON person_mentions (person_id);

CREATE TABLE utterances (
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    person_id TEXT,
    first_quote_id TEXT NOT NULL,
    first_article_id TEXT NOT NULL,
    first_published TEXT,
    producer TEXT NOT NULL
);

CREATE TABLE quote_variants (
    quote_id TEXT PRIMARY KEY,
    utterance_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    relation TEXT NOT NULL,
    similarity REAL NOT NULL,
    diff TEXT NOT NULL              -- JSON array of [op, text]
);
CREATE INDEX quote_variants_utterance ON quote_variants (utterance_id);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    first_article_id TEXT NOT NULL,
    first_published TEXT,
    producer TEXT NOT NULL
);

CREATE TABLE story_members (
    article_id TEXT PRIMARY KEY,    -- an article tells one story
    story_id TEXT NOT NULL,
    similarity REAL NOT NULL
);
CREATE INDEX story_members_story ON story_members (story_id);
