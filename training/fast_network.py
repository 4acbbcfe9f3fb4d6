"""Fast mode's document tagger as a torch network, and its export to the two ONNX graphs
``fast.FastTagger`` runs (trained by ``training.attrib_fast``).

The trunk reads the cue encoder's windows of whole sentences (``encoder.windows``): MiniLM's
word-piece embeddings (frozen, projected to the network's width), a channel telling whether a
piece is outside quotation marks or inside double or single ones
(``quotemarks.find_quote_regions``), five residual dilated convolutions (receptive field 33
pieces) and a bidirectional GRU over the window (where does the quotation or clause end?). A
head on it tags cues (O / B-CUE / I-CUE). Each cue's context (the relation reader's:
``reader.Contexts``) is gathered from the trunk's features, told the distance to the cue, and
read by a second bidirectional GRU whose head tags O / B-CON / I-CON / B-SRC / I-SRC.
"""

from __future__ import annotations

import logging
from pathlib import Path

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from safetensors.torch import load_file
from torch import nn

from quotetrace.extract import encoder
from quotetrace.extract.fast import CUE_FILE, READER_FILE
from quotetrace.extract.reader import ROLES
from training.attrib_encoder import base_model, tokenizer

log = logging.getLogger("training.fast_network")
DILATIONS = (1, 2, 4, 8, 1)
REACH = 64  # distances to the cue beyond this many pieces share one embedding


class Bidirectional(nn.Module):
    """A bidirectional GRU over padded rows, each row read backwards from its own end (its
    padding never reaches it), added to its input."""

    def __init__(self, width: int) -> None:
        super().__init__()
        self.ahead = nn.GRU(width, width // 2, batch_first=True)
        self.behind = nn.GRU(width, width // 2, batch_first=True)

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """``x`` (rows, steps, width), zero beyond each row's length (``lengths``: rows, 1)."""
        steps = torch.arange(x.shape[1]).unsqueeze(0)
        inside = (steps < lengths).unsqueeze(-1).to(torch.float32)
        back = (lengths - 1 - steps).clamp(min=0).unsqueeze(-1)  # each row reversed in place
        ahead = self.ahead(x)[0]
        behind = self.behind(x.gather(1, back.expand(-1, -1, x.shape[-1])))[0]
        behind = behind.gather(1, back.expand(-1, -1, behind.shape[-1]))
        return x + torch.cat([ahead, behind], -1) * inside


class DocumentTagger(nn.Module):
    """Fast mode's tagger (``fast.FastTagger``): one trunk reads the document's windows
    (the cue encoder's: ``encoder.windows``) — embeddings, the quotation state, residual
    dilated convolutions, a bidirectional GRU — and a head tags cues on it; then each cue's
    context (``fast.Rows``) is read from the trunk's features by a second bidirectional GRU
    whose input adds an embedding of the distance to the cue (0 inside it), and tagged
    O / B-CON / I-CON / B-SRC / I-SRC."""

    def __init__(self, table: torch.Tensor, width: int) -> None:
        super().__init__()
        self.embed = nn.Embedding.from_pretrained(table, freeze=True)
        self.project = nn.Linear(table.shape[1], width)
        self.quoted = nn.Embedding(3, width)  # outside, inside double, inside single marks
        self.convs = nn.ModuleList(nn.Conv1d(width, width, 3, dilation=d, padding=d)
                                   for d in DILATIONS)
        self.norms = nn.ModuleList(nn.LayerNorm(width) for _ in DILATIONS)
        self.document = Bidirectional(width)
        self.cue_head = nn.Linear(width, len(encoder.LABELS))
        self.offset = nn.Embedding(2 * REACH + 1, width)
        self.cue = Bidirectional(width)
        self.head = nn.Linear(width, len(ROLES))

    def trunk(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, quoted: torch.Tensor
              ) -> torch.Tensor:
        """Each piece's features (windows, pieces, width); ``quoted``: each piece's quotation
        state (``fast.quotation_states``)."""
        mask = attention_mask.unsqueeze(-1).to(torch.float32)
        x = (self.project(self.embed(input_ids)) + self.quoted(quoted)) * mask
        for conv, norm in zip(self.convs, self.norms, strict=True):
            x = norm(x + torch.relu(conv(x.transpose(1, 2)).transpose(1, 2))) * mask
        return self.document(x, attention_mask.sum(1, keepdim=True))

    def relations(self, features: torch.Tensor, index: torch.Tensor, spans: torch.Tensor,
                  cues: torch.Tensor) -> torch.Tensor:
        """Role logits (rows, longest span, roles); ``index`` puts the documents' pieces in
        order (positions in the flattened windows), ``spans`` and ``cues`` (rows, 2) index
        that order."""
        flat = features.reshape(-1, features.shape[-1])[index]
        lengths = (spans[:, 1] - spans[:, 0]).unsqueeze(1)
        steps = torch.arange(lengths.max()).unsqueeze(0)
        inside = (steps < lengths).unsqueeze(-1).to(torch.float32)
        at = torch.minimum(spans[:, :1] + steps, spans[:, 1:] - 1)
        offset = torch.where(at < cues[:, :1], at - cues[:, :1],
                             torch.where(at >= cues[:, 1:], at - cues[:, 1:] + 1,
                                         torch.zeros_like(at)))
        x = (flat[at] + self.offset(offset.clamp(-REACH, REACH) + REACH)) * inside
        return self.head(self.cue(x, lengths))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                quoted: torch.Tensor, index: torch.Tensor, spans: torch.Tensor,
                cues: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
        """Cue logits of each piece in order and role logits of each row (None without)."""
        features = self.trunk(input_ids, attention_mask, quoted)
        cue_logits = self.cue_head(features).reshape(-1, len(encoder.LABELS))[index]
        return cue_logits, self.relations(features, index, spans, cues) if len(spans) else None


def embeddings() -> torch.Tensor:
    """MiniLM's word-piece embedding table."""
    table = load_file(str(base_model() / "model.safetensors"))
    return next(v for k, v in table.items() if k.endswith("word_embeddings.weight")).float()


class _CueGraph(nn.Module):
    """The document tagger's first call: cue logits and the trunk's features of each window."""

    def __init__(self, model: DocumentTagger) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, quoted: torch.Tensor
                ) -> tuple[torch.Tensor, torch.Tensor]:
        features = self.model.trunk(input_ids, attention_mask, quoted)
        return self.model.cue_head(features), features


class _RelationGraph(nn.Module):
    """The document tagger's second call: each row's role logits from the features."""

    def __init__(self, model: DocumentTagger) -> None:
        super().__init__()
        self.model = model

    def forward(self, features: torch.Tensor, index: torch.Tensor, spans: torch.Tensor,
                cues: torch.Tensor) -> torch.Tensor:
        return self.model.relations(features, index, spans, cues)


def export(model: DocumentTagger, folder: Path, work: Path) -> None:
    """Two ONNX graphs in ``folder``: ``CUE_FILE`` (the encoders' inputs → cue logits and
    features) and ``READER_FILE`` (features, the index of the pieces, rows → role logits); the
    frozen embeddings folded into the projection and stored as int8 (the rest stays fp32);
    the fp32 graph is left in ``work``."""
    table = model.project(model.embed.weight).detach()
    model.embed = nn.Embedding.from_pretrained(table, freeze=True)
    model.project = nn.Identity()
    folder.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    full = work / f"{CUE_FILE}.fp32"
    ids = torch.ones((2, 24), dtype=torch.int64)
    window_axes = {0: "windows", 1: "pieces"}
    torch.onnx.export(_CueGraph(model), (ids, torch.ones_like(ids), torch.zeros_like(ids)),
                      str(full), input_names=["input_ids", "attention_mask", "quoted"],
                      output_names=["logits", "features"],
                      dynamic_axes=dict.fromkeys(("input_ids", "attention_mask", "quoted",
                                                  "logits", "features"), window_axes),
                      opset_version=17, dynamo=False)
    quantize_dynamic(str(full), str(folder / CUE_FILE), weight_type=QuantType.QInt8,
                     op_types_to_quantize=["Gather"])
    rows = torch.tensor([[0, 20], [10, 40]])
    features = model.trunk(ids, torch.ones_like(ids), torch.zeros_like(ids)).detach()
    torch.onnx.export(_RelationGraph(model),
                      (features, torch.arange(1, 45), rows, rows - torch.tensor([[0, 19], [0, 29]])),
                      str(folder / READER_FILE), input_names=["features", "index", "spans", "cues"],
                      output_names=["logits"],
                      dynamic_axes={"features": window_axes, "index": {0: "pieces"},
                                    "spans": {0: "rows"}, "cues": {0: "rows"},
                                    "logits": {0: "rows", 1: "longest"}},
                      opset_version=17, dynamo=False)
    tokenizer().save(str(folder / encoder.TOKENIZER_FILE))
    for name in (CUE_FILE, READER_FILE):
        log.info("wrote %s (%.1f MB)", folder / name, (folder / name).stat().st_size / 1e6)
