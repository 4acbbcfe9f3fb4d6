"""Fine-tune the joint attribution encoder on PolNeAR train: cues, and each cue's source and content.

    pip install -e '.[train]'
    python -m training.attrib_joint [--epochs 3] [--init out/encoder/best] [--out DIR]

One MiniLM pass over a window of whole sentences gives every word a state. A cue head tags
O / B-CUE / I-CUE on those states (as the cue encoder does); a pair head then reads, for every cue
of the window, every word's state beside the cue's (their sum, their product, the word's side and
distance from the cue, its sentence offset) and tags O / B-CON / I-CON / B-SRC / I-SRC. So the
relations of a whole window cost one encoder pass, and the head is small enough to run in numpy.
Trained on **train only** with gold cues for the pair head; the epoch with the best dev sum of
cue F1 and content F1 (word level, gold cues) is kept, exported to int8 ONNX plus the pair
head's weights (``encoder.PAIR_FILE``).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from spacy.tokens import Doc
from tokenizers import Tokenizer
from transformers import AutoModel, AutoModelForTokenClassification

from quotetrace.extract import encoder
from training.attrib_crf import token_range
from training.attrib_encoder import IGNORE, PARSER, WORK, base_model, gold_labels, tokenizer
from training.corpus import CACHE, parsed

log = logging.getLogger("training.attrib_joint")
JOINT = CACHE.parent / "joint"


@dataclass(frozen=True)
class Example:
    window: encoder.Window
    cue_labels: list[int]  # per piece, IGNORE off first pieces
    pairs: list[tuple[tuple[int, ...], np.ndarray, np.ndarray, np.ndarray]]
    # per gold cue: its word positions in the window, the words' role labels, distance and
    # sentence-offset feature ids


def role_labels(doc: Doc, window: encoder.Window, record: dict, cue: list[int]
                ) -> np.ndarray | None:
    """Per window word: the pair label of the relation(s) with this cue."""
    position = {t: k for k, t in enumerate(window.tokens)}
    labels = np.zeros(len(window.tokens), dtype=np.int64)
    for att in record["attributions"]:
        if token_range(doc, att["cue"]) != cue:
            continue
        for indices, base in ((token_range(doc, att["content"]), 1),
                              (token_range(doc, att["source"] or []), 3)):
            previous = None
            for i in indices:
                k = position.get(i)
                if k is None:
                    continue
                if labels[k] == 0:
                    labels[k] = base + (previous == k - 1)
                previous = k
        return labels
    return None


def examples(split: str, tok: Tokenizer) -> list[Example]:
    out = []
    for record, doc in parsed(split, PARSER):
        labels = gold_labels(doc, record)
        sentences = encoder.sentence_numbers(doc)
        cues = {tuple(c) for c in (token_range(doc, a["cue"]) for a in record["attributions"]) if c}
        for window in encoder.windows(doc, tok):
            target = [IGNORE] * len(window.ids)
            for token, first in zip(window.tokens, window.firsts, strict=True):
                target[first] = labels[token]
            position = {t: k for k, t in enumerate(window.tokens)}
            pairs = []
            for cue in sorted(cues):
                inside = tuple(position[i] for i in cue if i in position)
                if not inside:
                    continue
                roles = role_labels(doc, window, record, list(cue))
                dist, sent = encoder.pair_features(window, (inside[0], inside[-1] + 1),
                                                   sentences)
                pairs.append((inside, roles, dist, sent))
            out.append(Example(window, target, pairs))
    return out


class Joint(torch.nn.Module):
    """MiniLM with the cue head and the pair head of ``encoder.PairHead``."""

    def __init__(self, bert: torch.nn.Module, width: int = encoder.PAIR_WIDTH) -> None:
        super().__init__()
        hidden = bert.config.hidden_size
        self.bert = bert
        self.dropout = torch.nn.Dropout(0.1)
        self.cue = torch.nn.Linear(hidden, len(encoder.LABELS))
        self.word = torch.nn.Linear(hidden, width)
        self.anchor = torch.nn.Linear(hidden, width, bias=False)
        self.product = torch.nn.Linear(hidden, width, bias=False)
        self.distance = torch.nn.Embedding(encoder.DISTANCE_IDS, width)
        self.sentence = torch.nn.Embedding(encoder.SENTENCE_IDS, width)
        self.role = torch.nn.Linear(width, len(encoder.ROLES))

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        states = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
        return self.cue(self.dropout(states)), states

    def roles(self, words: torch.Tensor, cue: tuple[int, ...], dist: torch.Tensor,
              sent: torch.Tensor) -> torch.Tensor:
        anchor = words[list(cue)].mean(0)
        hidden = (self.word(words) + self.anchor(anchor) + self.product(words * anchor)
                  + self.distance(dist) + self.sentence(sent))
        return self.role(self.dropout(torch.nn.functional.gelu(hidden)))


def batch_loss(model: Joint, batch: list[Example]) -> tuple[torch.Tensor, torch.Tensor]:
    ids, mask = encoder.pad([e.window for e in batch])
    target = np.full(ids.shape, IGNORE, dtype=np.int64)
    for row, e in enumerate(batch):
        target[row, : len(e.cue_labels)] = e.cue_labels
    logits, states = model(torch.from_numpy(ids), torch.from_numpy(mask))
    cue_loss = torch.nn.functional.cross_entropy(
        logits.reshape(-1, logits.shape[-1]), torch.from_numpy(target).reshape(-1),
        ignore_index=IGNORE)
    role_logits, role_targets = [], []
    for row, e in enumerate(batch):
        words = states[row, list(e.window.firsts)]
        for cue, roles, dist, sent in e.pairs:
            role_logits.append(model.roles(words, cue, torch.from_numpy(dist),
                                           torch.from_numpy(sent)))
            role_targets.append(torch.from_numpy(roles))
    if not role_logits:
        return cue_loss, torch.zeros(())
    role_loss = torch.nn.functional.cross_entropy(torch.cat(role_logits),
                                                  torch.cat(role_targets))
    return cue_loss, role_loss


def dev_scores(model: Joint, data: list[Example]) -> dict[str, float]:
    """Word-level cue F1 and, with gold cues, content and source F1."""
    model.eval()
    counts = {name: [0, 0, 0] for name in ("cue", "content", "source")}

    def add(name: str, predicted: np.ndarray, gold: np.ndarray) -> None:
        counts[name][0] += int((predicted & gold).sum())
        counts[name][1] += int((predicted & ~gold).sum())
        counts[name][2] += int((~predicted & gold).sum())

    with torch.no_grad():
        for k in range(0, len(data), 16):
            batch = data[k : k + 16]
            ids, mask = encoder.pad([e.window for e in batch])
            logits, states = model(torch.from_numpy(ids), torch.from_numpy(mask))
            probs = logits.softmax(-1).numpy()
            for row, e in enumerate(batch):
                firsts = list(e.window.firsts)
                cue = probs[row, firsts, 1] + probs[row, firsts, 2] >= 0.5
                add("cue", cue, np.array([e.cue_labels[f] > 0 for f in firsts]))
                words = states[row, firsts]
                for anchor, roles, dist, sent in e.pairs:
                    guess = model.roles(words, anchor, torch.from_numpy(dist),
                                        torch.from_numpy(sent)).argmax(-1).numpy()
                    add("content", np.isin(guess, (1, 2)), np.isin(roles, (1, 2)))
                    add("source", np.isin(guess, (3, 4)), np.isin(roles, (3, 4)))
    out = {}
    for name, (tp, fp, fn) in counts.items():
        p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
        out[name] = round(2 * p * r / max(1e-9, p + r), 4)
    return out


def initial(init: Path | None) -> Joint:
    source = init or base_model()
    model = Joint(AutoModel.from_pretrained(str(source), add_pooling_layer=False))
    if init is not None:  # a fine-tuned cue encoder: keep its cue head too
        tagger = AutoModelForTokenClassification.from_pretrained(str(init))
        model.cue.load_state_dict(tagger.classifier.state_dict())
    return model


def train(epochs: int, lr: float, head_lr: float, batch: int, seed: int, init: Path | None,
          limit: int | None) -> Path:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(2)
    tok = tokenizer()
    train_data = examples("train", tok)[:limit]
    dev_data = examples("dev", tok)[:limit]
    log.info("%d train windows (%d cues), %d dev windows", len(train_data),
             sum(len(e.pairs) for e in train_data), len(dev_data))
    model = initial(init)
    heads = [p for name, p in model.named_parameters() if not name.startswith(("bert.", "cue."))]
    body = [p for name, p in model.named_parameters() if name.startswith(("bert.", "cue."))]
    optimizer = torch.optim.AdamW([{"params": body, "lr": lr}, {"params": heads, "lr": head_lr}],
                                  weight_decay=0.01)
    steps = epochs * ((len(train_data) + batch - 1) // batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, s / max(1, steps // 10)) * max(0.0, (steps - s) / steps))
    JOINT.mkdir(parents=True, exist_ok=True)
    best, best_path = -1.0, JOINT / "best.pt"
    step = 0
    for epoch in range(epochs):
        model.train()
        order = list(range(len(train_data)))
        random.shuffle(order)
        started = time.time()
        for k in range(0, len(order), batch):
            cue_loss, role_loss = batch_loss(model, [train_data[i] for i in order[k : k + batch]])
            (cue_loss + role_loss).backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            if step % 20 == 0:
                log.info("epoch %d step %d/%d cue loss %.4f role loss %.4f (%.1f s/step)",
                         epoch + 1, step, steps, cue_loss.item(), role_loss.item(),
                         (time.time() - started) / (k // batch + 1))
        scores = dev_scores(model, dev_data)
        log.info("epoch %d dev words: %s", epoch + 1, json.dumps(scores))
        torch.save(model.state_dict(), JOINT / f"epoch{epoch + 1}.pt")
        if scores["cue"] + scores["content"] > best:
            best = scores["cue"] + scores["content"]
            torch.save(model.state_dict(), best_path)
    return best_path


def export(checkpoint: Path, out: Path) -> None:
    """The encoder and cue head to int8 ONNX; the pair head's weights to npz; the tokenizer."""
    model = initial(None)
    model.load_state_dict(torch.load(checkpoint))
    model.eval()
    ids = torch.ones((1, 16), dtype=torch.int64)
    full = JOINT / "joint-fp32.onnx"
    torch.onnx.export(model, (ids, torch.ones_like(ids)), str(full),
                      input_names=["input_ids", "attention_mask"],
                      output_names=["logits", "states"],
                      dynamic_axes={name: {0: "batch", 1: "pieces"}
                                    for name in ("input_ids", "attention_mask", "logits",
                                                 "states")},
                      opset_version=17, dynamo=False)
    out.mkdir(parents=True, exist_ok=True)
    quantize_dynamic(str(full), str(out / encoder.MODEL_FILE), weight_type=QuantType.QInt8,
                     per_channel=True)
    weights = {name: value.detach().numpy() for name, value in model.state_dict().items()
               if not name.startswith(("bert.", "cue."))}
    np.savez(out / encoder.PAIR_FILE, **weights)
    tokenizer().save(str(out / encoder.TOKENIZER_FILE))
    log.info("wrote %s (%.1f MB)", out, sum(p.stat().st_size for p in out.iterdir()) / 1e6)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--init", type=Path, default=WORK / "best",
                        help="start from this fine-tuned cue encoder ('-': plain MiniLM)")
    parser.add_argument("--limit", type=int, help="windows per split (smoke test)")
    parser.add_argument("--out", type=Path, default=JOINT / "model")
    parser.add_argument("--export-only", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(message)s")
    log.setLevel(logging.INFO)
    checkpoint = JOINT / "best.pt"
    if not args.export_only:
        init = None if str(args.init) == "-" else args.init
        checkpoint = train(args.epochs, args.lr, args.head_lr, args.batch, args.seed, init,
                           args.limit)
    export(checkpoint, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
