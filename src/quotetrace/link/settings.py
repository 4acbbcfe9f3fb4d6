"""The thresholds and sizes linking runs with, resolved once and passed in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LinkSettings:
    """Defaults are calibrated on PolNeAR (924 US political articles, 7 outlets, 2015–2016)."""

    # Copies and rewrites: MinHash over word shingles, Jaccard estimated from the signatures.
    shingle_words: int = 5
    minhash_permutations: int = 128
    copy_similarity: float = 0.8  # at least this: "copy"
    rewrite_similarity: float = 0.3  # at least this: "rewrite"
    min_article_words: int = 40  # shorter articles are too short to call copies

    # People.
    person_languages: tuple[str, ...] = ("en",)  # where the pipeline's names can be trusted
    surname_dominance: float = 0.9  # share of a surname's mentions that makes "Clinton" resolvable
    max_roles: int = 8

    # Quote variants.
    min_quote_words: int = 6  # shorter quotations are not matched across articles
    min_shared_words: int = 6
    quote_containment: float = 0.75  # words of the shorter found, in order, in the longer
    min_run_words: int = 3  # shared words count in runs of this many, not scattered
    min_shared_information: float = 2.6  # summed IDF of shared words, per IDF of an unseen word
    idf_floor_quotations: int = 1000  # IDF counts at least this many quotations seen
    rare_tokens_indexed: int = 8  # per quotation, the rarest words go into the blocking index
    max_quote_candidates: int = 50

    # Stories.
    story_window_days: int = 7
    repeated_paragraph_words: int = 8  # paragraphs this long, seen before, are left out
    story_text_similarity: float = 0.06  # same language: cosine of word and bigram TF-IDF
    story_anchor_similarity: float = 0.3  # across languages: cosine of names, numbers, dates
    text_features_kept: int = 300
    anchor_features_kept: int = 60
    max_story_candidates: int = 200

    # Document frequencies: count-min sketches of two rows (4 bytes a bucket).
    story_frequency_buckets: int = 1 << 21  # words, word pairs and anchors of articles
    quote_frequency_buckets: int = 1 << 19  # words of quotations
