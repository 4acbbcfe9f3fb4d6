"""Stories: articles about one event, across outlets and languages, within a time window.

An article joins the story of the most similar earlier-added article published within
``story_window_days`` of it: same-language articles compare their words and word pairs, articles
in different languages their anchors (names, numbers, dates). When it is similar enough to
articles of several stories, those stories merge into the oldest (by when they were started),
which keeps its id; the others are retired. Candidates come from an inverted index of each
article's heaviest features, so an article is compared with a few others, not the whole corpus.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from quotetrace.link.features import (
    FeatureVector,
    anchor_features,
    fresh_text,
    hashed,
    text_features,
    weigh,
)
from quotetrace.link.frequencies import DocumentFrequencies
from quotetrace.link.inputs import LinkInput
from quotetrace.link.order import Registry
from quotetrace.link.settings import LinkSettings
from quotetrace.link.tokens import words
from quotetrace.records import Story, StoryMember, record_id

PRODUCER = "link.stories.tfidf-anchors.v1"


@dataclass(slots=True)
class _StoryState:
    """A story under construction (private to this index): its members and their similarity."""

    id: str
    members: dict[int, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Profile:
    lang: str
    title: str
    text: FeatureVector
    anchors: FeatureVector
    keys: tuple[int, ...]  # what the postings file it under: its heaviest words and anchors


@dataclass(frozen=True, slots=True)
class StoriesUpdate:
    stories: tuple[Story, ...]
    members: tuple[StoryMember, ...]
    retired: tuple[str, ...]


class StoryIndex:
    """Every article's profile, the story it belongs to, and the postings that find it."""

    def __init__(self, settings: LinkSettings, registry: Registry) -> None:
        self._settings = settings
        self._registry = registry
        self._profiles: dict[int, _Profile] = {}
        self._story_of: dict[int, int] = {}
        self._stories: dict[int, _StoryState] = {}
        self._postings: dict[int, array[int]] = {}
        self._frequencies = DocumentFrequencies(settings.story_frequency_buckets)

    @property
    def stories(self) -> int:
        return len(self._stories)

    @property
    def largest(self) -> int:
        return max((len(s.members) for s in self._stories.values()), default=0)

    def add(self, number: int, article: LinkInput, copies: Mapping[int, float]) -> StoriesUpdate:
        """File article ``number``; ``copies`` are the articles it copies or that copy it."""
        profile = self._profile(article)
        matches = self._matches(number, profile)
        for other, similarity in copies.items():  # a copy tells its original's story, any day
            matches[other] = max(similarity, matches.get(other, 0.0))
        self._profiles[number] = profile
        for key in profile.keys:
            self._postings.setdefault(key, array("l")).append(number)
        if not matches:
            self._stories[number] = _StoryState(record_id("story", article.article_id), {number: 1.0})
            self._story_of[number] = number
            return self._update(number, [number], ())
        best = max(matches, key=lambda m: (matches[m], -m))
        stories = sorted({self._story_of[m] for m in matches})
        survivor, absorbed = stories[0], stories[1:]
        moved = [number]
        self._stories[survivor].members[number] = round(matches[best], 3)
        self._story_of[number] = survivor
        retired = []
        for story in absorbed:
            state = self._stories.pop(story)
            retired.append(state.id)
            # its founder joins through the new article: the best match in its story
            state.members[story] = round(max(score for m, score in matches.items()
                                             if self._story_of[m] == story), 3)
            self._stories[survivor].members.update(state.members)
            for member in state.members:
                self._story_of[member] = survivor
            moved.extend(state.members)
        return self._update(survivor, moved, tuple(retired))

    def _profile(self, article: LinkInput) -> _Profile:
        fresh, paragraphs = fresh_text(article.text, self._frequencies,
                                       self._settings.repeated_paragraph_words)
        single, pairs = (hashed(features) for features in text_features(article.lang, words(fresh)))
        anchors = hashed(anchor_features(fresh, article.dates))
        self._frequencies.add(single.keys() | pairs.keys() | anchors.keys() | paragraphs)
        settings = self._settings
        text = weigh(single | pairs, self._frequencies, settings.text_features_kept)
        anchor = weigh(anchors, self._frequencies, settings.anchor_features_kept)
        keys = {k for k in text.keys.tolist() if k in single} | set(anchor.keys.tolist())
        title = article.title or article.text[:120].split("\n", 1)[0]
        return _Profile(article.lang, title, text, anchor, tuple(sorted(keys)))

    def _matches(self, number: int, profile: _Profile) -> dict[int, float]:
        """Earlier articles within the window similar enough to join: number → similarity."""
        common = max(100, self._frequencies.documents // 20)
        hits: Counter[int] = Counter()
        for key in profile.keys:
            postings = self._postings.get(key, ())
            if len(postings) <= common:
                hits.update(postings)
        ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))
        matches = {}
        for other, _ in ranked[: self._settings.max_story_candidates]:
            if not self._within_window(number, other):
                continue
            similarity = self._similarity(profile, self._profiles[other])
            if similarity is not None:
                matches[other] = similarity
        return matches

    def _within_window(self, number: int, other: int) -> bool:
        """Undated articles have no window: their text alone decides."""
        mine, theirs = self._registry.arrivals[number], self._registry.arrivals[other]
        if not (mine.dated and theirs.dated):
            return True
        return abs(mine.day - theirs.day) <= self._settings.story_window_days

    def _similarity(self, profile: _Profile, other: _Profile) -> float | None:
        """Word similarity within a language, anchor similarity across; None below threshold."""
        if profile.lang == other.lang:
            similarity, threshold = profile.text.dot(other.text), self._settings.story_text_similarity
        else:
            similarity = profile.anchors.dot(other.anchors)
            threshold = self._settings.story_anchor_similarity
        return similarity if similarity >= threshold else None

    def _update(self, story: int, moved: list[int], retired: tuple[str, ...]) -> StoriesUpdate:
        state = self._stories[story]
        arrivals, ids = self._registry.arrivals, self._registry.ids
        first = min(state.members, key=lambda m: arrivals[m])
        record = Story(state.id, self._profiles[first].title, ids[first],
                       self._registry.published(first), PRODUCER)
        members = tuple(StoryMember(state.id, ids[m], state.members[m]) for m in moved)
        return StoriesUpdate((record,), members, retired)
