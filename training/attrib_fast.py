"""Train fast mode's two convolutional taggers on PolNeAR train, export them to ONNX, score on dev.

    pip install -e '.[train]'
    python -m training.attrib_fast [--epochs 12 8] [--width 64 64] [--teacher 0.8]
                                   [--out src/quotetrace/models]

Fast mode reads the same inputs as accurate mode — the cue encoder's windows of whole sentences
and the relation reader's cue-marked contexts (``encoder.windows``, ``reader.Contexts``) — over
spaCy's blank tokenizer and sentencizer (no parse), with a small network instead of a
transformer: MiniLM's word-piece embeddings (frozen, projected to ``--width``), a channel telling
whether a piece is inside double quotation marks, for the reader the distance to the marked cue,
then five residual dilated convolutions (receptive field 33 pieces), a bidirectional GRU over
them (the whole input: where does the quotation or clause end?), and a token head. Same ONNX
interface as the encoders (``input_ids``, ``attention_mask`` → ``logits``), so ``CueEncoder``
and ``RelationEncoder`` run them unchanged. Each learns the gold labels mixed with the shipped
transformer's probabilities on the same input (weight ``--teacher``: distillation; the
transformers' outputs on train are computed once and cached under out/fast). AdamW with a
one-cycle schedule, seed 13, two threads, **train only**; the epoch with the best dev figure is
kept (word-level cue F1; word-level F1 of content and source words)."""

from __future__ import annotations

import argparse
import hashlib
import logging
import pickle
import random
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from safetensors.torch import load_file
from torch import nn

from quotetrace.extract import encoder, reader
from quotetrace.extract.fast import CUE_FILE, PRODUCER, READER_FILE, FastTaggers
from quotetrace.extract.reader import OPEN, ROLES
from training import attrib_encoder, attrib_reader
from training.attrib_crf import MODELS
from training.attrib_encoder import IGNORE, base_model, seeded, to_onnx, tokenizer
from training.corpus import CACHE, parsed, prediction, print_scores

log = logging.getLogger("training.attrib_fast")
WORK = CACHE.parent / "fast"
PARSER = "blank"
DILATIONS = (1, 2, 4, 8, 1)
REACH = 64  # distances to the cue beyond this many pieces share one embedding
DOUBLE = {"open": ("“", "«"), "close": ("”", "»"), "toggle": ('"',)}


class PieceCNN(nn.Module):
    """Word pieces → token labels: embeddings, a quotation channel, optionally the distance to
    the marked cue, residual dilated convolutions, a linear head."""

    def __init__(self, table: torch.Tensor, labels: int, width: int, marks: dict[str, list[int]],
                 cue_marker: int | None, tune: bool = False, recurrent: bool = False) -> None:
        super().__init__()
        self.embed = nn.Embedding.from_pretrained(table, freeze=not tune)
        self.project = nn.Linear(table.shape[1], width)
        self.quoted = nn.Embedding(2, width)
        self.distance = nn.Embedding(2 * REACH + 1, width) if cue_marker is not None else None
        self.cue_marker = cue_marker
        for name, ids in marks.items():
            self.register_buffer(name, torch.tensor(ids, dtype=torch.int64), persistent=False)
        self.convs = nn.ModuleList(nn.Conv1d(width, width, 3, dilation=d, padding=d)
                                   for d in DILATIONS)
        self.norms = nn.ModuleList(nn.LayerNorm(width) for _ in DILATIONS)
        self.recurrent = (nn.GRU(width, width // 2, batch_first=True, bidirectional=True)
                          if recurrent else None)
        self.head = nn.Linear(width, labels)

    def features(self, ids: torch.Tensor) -> torch.Tensor:
        """Projected embeddings plus the quotation channel and the cue distance."""
        x = self.project(self.embed(ids))

        def count(marks: torch.Tensor) -> torch.Tensor:
            return (ids.unsqueeze(-1) == marks).any(-1).to(torch.int64).cumsum(1)

        depth = count(self.open) - count(self.close)
        inside = ((depth > 0) | (count(self.toggle) % 2 == 1)).to(torch.int64)
        x = x + self.quoted(inside)
        if self.distance is not None:
            at = (ids == self.cue_marker).to(torch.float32).argmax(1, keepdim=True)
            positions = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
            x = x + self.distance((positions - at).clamp(-REACH, REACH) + REACH)
        return x

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        mask = attention_mask.unsqueeze(-1).to(torch.float32)
        x = self.features(input_ids) * mask
        for conv, norm in zip(self.convs, self.norms, strict=True):
            x = norm(x + torch.relu(conv(x.transpose(1, 2)).transpose(1, 2))) * mask
        if self.recurrent is not None:
            x = x + self.recurrent(x)[0] * mask
        return self.head(x)


def mark_ids(tok) -> dict[str, list[int]]:
    return {name: [tok.token_to_id(c) for c in chars] for name, chars in DOUBLE.items()}


def build(labels: int, width: int, marked: bool, tune: bool = False, recurrent: bool = False
          ) -> PieceCNN:
    table = load_file(str(base_model() / "model.safetensors"))
    weights = next(v for k, v in table.items() if k.endswith("word_embeddings.weight"))
    tok = tokenizer()
    return PieceCNN(weights.float(), labels, width, mark_ids(tok),
                    tok.token_to_id(OPEN) if marked else None, tune, recurrent)


def taught(name: str, data: list, model_file: str) -> list:
    """``(input, target, soft)``: the examples with the shipped transformer's label
    probabilities on the same pieces (cached under out/fast, per teacher file)."""
    teacher = encoder.require(None, model_file)[0]
    digest = hashlib.sha1(teacher.read_bytes()).hexdigest()[:12]
    path = WORK / f"teacher-{name}-{digest}-{len(data)}.pkl"
    if path.exists():
        soft = pickle.loads(path.read_bytes())
    else:
        import onnxruntime  # type: ignore[import-untyped]

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 2
        session = onnxruntime.InferenceSession(str(teacher), options,
                                               providers=["CPUExecutionProvider"])
        soft = []
        for item, _ in data:
            ids = np.array([item.ids], dtype=np.int64)
            (logits,) = session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
            soft.append(torch.from_numpy(logits[0]).softmax(-1).to(torch.float16))
        WORK.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(soft))
    return [(item, target, p) for (item, target), p in zip(data, soft, strict=True)]


def loss_of(model: PieceCNN, batch: list, tensors: Callable, teacher: float) -> torch.Tensor:
    """Cross-entropy with the gold labels, mixed with the teacher's probabilities (weight
    ``teacher``) where the examples carry them."""
    ids, mask, target = tensors([(item, labels) for item, labels, *_ in batch])
    logits = model(ids, mask)
    gold = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), target.reshape(-1),
                                       ignore_index=IGNORE)
    if not teacher or len(batch[0]) < 3:
        return gold
    soft = torch.zeros_like(logits)
    for row, (*_, p) in enumerate(batch):
        soft[row, : p.shape[0]] = p.float()
    valid = (target != IGNORE).unsqueeze(-1)
    taught_loss = -(soft * logits.log_softmax(-1) * valid).sum() / valid.sum().clamp(min=1)
    return (1 - teacher) * gold + teacher * taught_loss


def cue_f1(model: PieceCNN, data: list) -> float:
    """Word-level cue F1 (B and I together) at probability 0.5, as attrib_encoder scores."""
    tp = fp = fn = 0
    with torch.no_grad():
        for k in range(0, len(data), 64):
            ids, mask, target = attrib_encoder.tensors(data[k : k + 64])
            probs = model(ids, mask).softmax(-1)
            cue = (probs[..., 1] + probs[..., 2]) >= 0.5
            gold, valid = target > 0, target != IGNORE
            tp += int((cue & gold & valid).sum())
            fp += int((cue & ~gold & valid).sum())
            fn += int((~cue & gold & valid).sum())
    return 2 * tp / max(1, 2 * tp + fp + fn)


def role_f1(model: PieceCNN, data: list) -> float:
    """Word-level F1 of content and source words together (the reader's labels)."""
    tp = fp = fn = 0
    with torch.no_grad():
        for chunk in attrib_reader.batches(data, 64, False):
            ids, mask, target = attrib_reader.tensors(chunk)
            role = model(ids, mask).argmax(-1)
            valid = target != IGNORE
            same_kind = ((role > 0) & (target > 0) & ((role >= 3) == (target >= 3)))
            tp += int((same_kind & valid).sum())
            fp += int(((role > 0) & ~same_kind & valid).sum())
            fn += int(((target > 0) & ~same_kind & valid).sum())
    return 2 * tp / max(1, 2 * tp + fp + fn)


def fit(name: str, model: PieceCNN, train_data: list, dev_data: list,
        batches: Callable[[list, bool], list], tensors: Callable, score: Callable,
        epochs: int, lr: float, teacher: float) -> PieceCNN:
    """Train, keep the epoch with the best dev score (saved under out/fast/NAME.pt)."""
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=lr, weight_decay=0.01)
    steps = epochs * len(batches(train_data, False))
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, lr, total_steps=steps,
                                                   pct_start=0.1)
    WORK.mkdir(parents=True, exist_ok=True)
    best, path = -1.0, WORK / f"{name}.pt"
    for epoch in range(epochs):
        model.train()
        started = time.time()
        total = 0.0
        chunks = batches(train_data, True)
        for chunk in chunks:
            loss = loss_of(model, chunk, tensors, teacher)
            loss.backward()
            nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total += float(loss.detach())
        model.eval()
        figure = score(model, dev_data)
        log.info("%s epoch %d: loss %.4f, dev %.3f (%.0f s)", name, epoch + 1,
                 total / len(chunks), figure, time.time() - started)
        if figure > best:
            best = figure
            torch.save(model.state_dict(), path)
    model.load_state_dict(torch.load(path))
    model.eval()
    return model


def export(model: PieceCNN, path: Path) -> None:
    """ONNX with the encoders' interface; the frozen embeddings folded into the projection and
    stored as int8 (8.1 → 2.2 MB at width 64; the convolutions stay fp32)."""
    table = model.project(model.embed.weight).detach()
    model.embed = nn.Embedding.from_pretrained(table, freeze=True)
    model.project = nn.Identity()
    path.parent.mkdir(parents=True, exist_ok=True)
    full = WORK / f"{path.name}.fp32"
    WORK.mkdir(parents=True, exist_ok=True)
    to_onnx(model, full)
    quantize_dynamic(str(full), str(path), weight_type=QuantType.QInt8,
                     op_types_to_quantize=["Gather"])
    tokenizer().save(str(path.parent / encoder.TOKENIZER_FILE))
    log.info("wrote %s (%.1f MB)", path, path.stat().st_size / 1e6)


def evaluate(folder: Path) -> None:
    """Shared-scorer figures on dev of the exported pair over blank-tokenized docs."""
    taggers = FastTaggers.load(folder)
    gold: dict[str, dict] = {}
    preds: dict[str, dict] = {"gold cues": {}, "fast": {}}
    seconds = 0.0
    for record, doc in parsed("dev", PARSER):
        gold[record["id"]] = record
        started = time.process_time()
        found = taggers.attributions(doc)
        seconds += time.process_time() - started
        given = taggers.reader.read(doc, attrib_reader.gold_cues(doc, record), PRODUCER)
        preds["gold cues"][record["id"]] = prediction(record, given)
        preds["fast"][record["id"]] = prediction(record, found)
    print(f"fast taggers: {len(gold) / seconds:.1f} articles/s on one core (tokenizing excluded)")
    print_scores(gold, preds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, nargs=2, default=(12, 8), metavar=("CUE", "READER"),
                        help="epochs of the cue tagger and of the reader")
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--width", type=int, nargs=2, default=(64, 64), metavar=("CUE", "READER"),
                        help="channels of the cue tagger and of the reader")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--tune", action="store_true", help="train the embeddings too")
    parser.add_argument("--convolutions-only", action="store_true",
                        help="no bidirectional GRU over the taggers' convolutions")
    parser.add_argument("--teacher", type=float, default=0.8, metavar="WEIGHT",
                        help="learn the shipped transformers' probabilities too, with this "
                             "weight (distillation)")
    parser.add_argument("--out", type=Path, default=MODELS)
    parser.add_argument("--only", choices=("cue", "reader"), help="train one of the two")
    parser.add_argument("--eval-only", action="store_true", help="score --out's models on dev")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(message)s")
    log.setLevel(logging.INFO)
    if not args.eval_only:
        seeded(args.seed)
        tok = tokenizer()
        if args.only in (None, "cue"):
            train_data = attrib_encoder.examples("train", tok, PARSER)
            dev_data = attrib_encoder.examples("dev", tok, PARSER)
            log.info("cue tagger: %d train windows", len(train_data))
            if args.teacher:
                train_data = taught("cue", train_data, encoder.MODEL_FILE)

            def windows(data: list, shuffle: bool) -> list:
                order = list(range(len(data)))
                if shuffle:
                    random.shuffle(order)
                return [[data[i] for i in order[k : k + 16]] for k in range(0, len(order), 16)]
            model = fit("cue", build(len(encoder.LABELS), args.width[0], False, args.tune,
                                    not args.convolutions_only),
                        train_data,
                        dev_data, windows, attrib_encoder.tensors, cue_f1, args.epochs[0], args.lr,
                        args.teacher)
            export(model, args.out / CUE_FILE)
        if args.only in (None, "reader"):
            seeded(args.seed)  # the same reader whether or not the cue tagger trained first
            train_data = attrib_reader.examples("train", tok, PARSER)
            dev_data = attrib_reader.examples("dev", tok, PARSER)
            log.info("reader: %d train cues", len(train_data))
            if args.teacher:
                train_data = taught("reader", train_data, reader.MODEL_FILE)
            model = fit("reader", build(len(ROLES), args.width[1], True, args.tune, not args.convolutions_only), train_data,
                        dev_data,
                        lambda data, shuffle: attrib_reader.batches(data, 32, shuffle),
                        attrib_reader.tensors, role_f1, args.epochs[1], args.lr, args.teacher)
            export(model, args.out / READER_FILE)
    evaluate(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
