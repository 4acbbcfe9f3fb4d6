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

from quotetrace.extract.attributions import turn_relations
from quotetrace.extract.encoder import CueEncoder, doc_pieces, open_model, require
from quotetrace.extract.merge import combine
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
# Without a source run, words at this source probability make one: dev source accuracy 0.904 →
# 0.910 (0.2: 0.905), nothing else moves. The transformer reader gains nothing from it
# (0.910 → 0.909), so accurate mode goes without.
SOURCE_FLOOR = 0.1


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
                   RelationEncoder(*open_model(folder, READER_FILE), gap=GAP, strong=STRONG,
                                   source_floor=SOURCE_FLOOR))

    def attributions(self, doc: Doc) -> tuple[Attribution, ...]:
        """The relations found, one per content (the most confident), ordered by content; a
        transcript's turns (``turns``) instead of those on their contents."""
        pieces = doc_pieces(doc, self.cues.tokenizer)  # the two share their tokenizer file
        return combine(self.reader.read(doc, self.cues.cues(doc, pieces), PRODUCER, pieces),
                       turn_relations(doc))

