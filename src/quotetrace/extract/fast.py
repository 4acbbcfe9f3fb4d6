"""Fast mode's attributions: cues and relations read by small taggers (convolutions and a GRU).

``python -m training.attrib_fast`` trains two networks on PolNeAR train with the encoders'
inputs and outputs — windows of whole sentences tagged O / B-CUE / I-CUE, cue-marked contexts
tagged O / B-CON / I-CON / B-SRC / I-SRC — so ``CueEncoder`` and ``RelationEncoder`` run them
as they run the transformers. They read spaCy's blank tokenizer and sentencizer (no parse, no
transformer): an order of magnitude faster than accurate mode, less accurate.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from quotetrace.extract.encoder import CueEncoder, doc_pieces, open_model, require
from quotetrace.extract.merge import combine
from quotetrace.extract.names import NameParts, split_name
from quotetrace.extract.patterns import en
from quotetrace.extract.reader import RelationEncoder
from quotetrace.extract.relation import Attribution

CUE_FILE = "attrib-cue-fast.onnx"
READER_FILE = "attrib-relation-fast.onnx"
PRODUCER = "cue-cnn.v1+relation-cnn.v1"
# The purely convolutional reader scattered a content over several runs (holes, stray words far off):
# close holes of up to GAP words and keep the runs holding a word at STRONG content probability.
# Dev, exact / partial F1 of the undistilled taggers: 0.287 / 0.728 without, 0.391 / 0.729 with
# (the shipped ones, GRU relation tagger: 0.526 / 0.769; training/README.md).
GAP, STRONG = 8, 0.9


def check(folder: Path | None = None) -> None:
    """Raise ModelMissing when a fast model or its runtime is not installed."""
    for name in (CUE_FILE, READER_FILE):
        require(folder, name)


@dataclass(frozen=True, slots=True)
class FastTaggers:
    """The opened cue tagger and relation tagger."""

    cues: CueEncoder
    reader: RelationEncoder

    @classmethod
    def load(cls, folder: Path | None = None) -> FastTaggers:
        return cls(CueEncoder(*open_model(folder, CUE_FILE)),
                   RelationEncoder(*open_model(folder, READER_FILE), gap=GAP, strong=STRONG))

    def attributions(self, doc: Doc) -> tuple[Attribution, ...]:
        """The relations found, one per content (the most confident), ordered by content."""
        pieces = doc_pieces(doc, self.cues.tokenizer)  # the two share their tokenizer file
        return combine(self.reader.read(doc, self.cues.cues(doc, pieces), PRODUCER, pieces), ())


def named(doc: Doc, source: tuple[int, int]) -> NameParts | None:
    """What a source span (characters) says of its speaker when it names one ("Mayor Bill de
    Blasio" → title "Mayor", name "Bill de Blasio"): fast mode resolves no entities, so "he" and
    "the commander" name no one. A lone capitalised word opening a sentence ("Officials said")
    is a name only if the article also capitalises it mid-sentence."""
    span = doc.char_span(*source, alignment_mode="expand")
    if span is None or not len(span) or span.text.lower() in en.SPEAKER_PRONOUNS:
        return None
    parts = split_name(span.text)
    if parts is None or " " in parts.name or not span[0].is_sent_start:
        return parts
    if span[0].text != parts.name:  # "Mr. Trump": the name does not open the sentence
        return parts
    capitalised = any(t.text == parts.name and not t.is_sent_start for t in doc)
    return parts if capitalised else None
