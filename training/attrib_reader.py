"""Fine-tune the cue-marked relation reader on PolNeAR train, export it to int8 ONNX, score it.

    pip install -e '.[train]'
    python -m training.attrib_reader [--epochs 2] [--init out/encoder/best] [--out DIR]
                                     [--negatives THRESHOLD]  # an attempt, not the shipped recipe

Starts from the fine-tuned cue encoder's checkpoint (``python -m training.attrib_encoder`` writes
it to out/encoder/best; ``--init -`` starts from plain MiniLM) with a new 5-way head. Each gold
cue of **train** is one example: ``reader.Contexts.around`` cuts the cue's sentence and its
neighbours with the cue between marker pieces, and the head learns O / B-CON / I-CON / B-SRC /
I-SRC on each word's first piece. AdamW, 10 % warm-up then linear decay, batches of similar
lengths, seed 13, two threads. Writes ``reader.MODEL_FILE`` (int8, per-channel scales), then
scores on **dev** with the gold cues and with the shipped cue encoder's cues, alone and merged
with the rules, by the shared scorer.
"""

from __future__ import annotations

import argparse
import logging
import random
import time
from pathlib import Path

import numpy as np
import torch
from spacy.tokens import Doc
from tokenizers import Tokenizer
from transformers import AutoModelForTokenClassification

from quotetrace.extract import encoder
from quotetrace.extract.attributions import find_attributions
from quotetrace.extract.merge import merge_attributions
from quotetrace.extract.quotemarks import find_quote_regions
from quotetrace.extract.reader import MODEL_FILE, ROLES, Context, Contexts, RelationEncoder
from training.attrib_crf import MODELS, token_range
from training.attrib_encoder import (
    IGNORE,
    PARSER,
    WORK,
    base_model,
    export,
    optimiser,
    seeded,
    tokenizer,
    update,
)
from training.corpus import CACHE, parsed, prediction, print_scores

log = logging.getLogger("training.attrib_reader")
READER = CACHE.parent / "reader"


def roles(doc: Doc, att: dict, context: Context) -> list[int]:
    target = [IGNORE] * len(context.ids)
    position = {t: k for k, t in enumerate(context.words)}
    labels = [0] * len(context.words)
    for spans, base in ((att["content"], 1), (att["source"] or [], 3)):
        previous = None
        for i in token_range(doc, spans):
            k = position.get(i)
            if k is None:
                continue
            if labels[k] == 0:
                labels[k] = base + (previous == k - 1)
            previous = k
    for k, first in enumerate(context.firsts):
        target[first] = labels[k]
    return target


def gold_cues(doc: Doc, record: dict) -> list[tuple[int, int]]:
    """Token ranges of the gold cues, once each (a cue of several relations: its first)."""
    out = []
    for att in record["attributions"]:
        cue = [i for i in token_range(doc, att["cue"]) if not doc[i].is_space]
        if cue and (cue[0], cue[-1] + 1) not in out:
            out.append((cue[0], cue[-1] + 1))
    return out


def document(record: dict, doc: Doc, tok: Tokenizer
             ) -> tuple[Contexts, list[tuple[tuple[int, int], Context, list[int]]]]:
    """A document's contexts and its examples: one per gold cue (a cue of several relations:
    its first), with the cue's context and its target roles."""
    contexts = Contexts.of(doc, tok)
    cues = gold_cues(doc, record)
    out = []
    for att in record["attributions"]:
        cue = [i for i in token_range(doc, att["cue"]) if not doc[i].is_space]
        if not cue or (cue[0], cue[-1] + 1) not in cues:
            continue
        cues.remove((cue[0], cue[-1] + 1))
        context = contexts.around((cue[0], cue[-1] + 1))
        if context is not None:
            out.append(((cue[0], cue[-1] + 1), context, roles(doc, att, context)))
    return contexts, out


def examples(split: str, tok: Tokenizer, parser: str = PARSER
             ) -> list[tuple[Context, list[int]]]:
    """The examples of every ``document`` of a split, as (context, target roles)."""
    return [(context, target) for record, doc in parsed(split, parser)
            for _, context, target in document(record, doc, tok)[1]]


def negatives(split: str, tok: Tokenizer, threshold: float) -> list[tuple[Context, list[int]]]:
    """Cues the shipped cue encoder (at ``threshold``) or the rules find where no gold cue is,
    each an example whose every word is O: the reader learns to reject them."""
    cue_encoder = encoder.CueEncoder.load(threshold=threshold)
    out = []
    for record, doc in parsed(split, PARSER):
        contexts = Contexts.of(doc, tok)
        gold = {i for start, end in gold_cues(doc, record) for i in range(start, end)}
        found = set(cue_encoder.cues(doc))
        for att in find_attributions(doc, find_quote_regions(doc.text), intentions=False):
            span = doc.char_span(*att.cue, alignment_mode="expand") if att.cue else None
            if span is not None and len(span):
                found.add((span.start, span.end))
        for cue in sorted(found):
            if gold.isdisjoint(range(*cue)):
                context = contexts.around(cue)
                if context is not None:
                    target = [IGNORE] * len(context.ids)
                    for first in context.firsts:
                        target[first] = 0
                    out.append((context, target))
    return out


def tensors(batch: list[tuple[Context, list[int]]]) -> tuple[torch.Tensor, ...]:
    width = max(len(c.ids) for c, _ in batch)
    ids = np.zeros((len(batch), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    target = np.full(ids.shape, IGNORE, dtype=np.int64)
    for row, (c, labels) in enumerate(batch):
        ids[row, : len(c.ids)] = c.ids
        mask[row, : len(c.ids)] = 1
        target[row, : len(labels)] = labels
    return torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(target)


def batches(data: list, size: int, shuffle: bool) -> list[list]:
    """Batches of similar lengths (less padding), in random order when training."""
    order = sorted(range(len(data)), key=lambda i: len(data[i][0].ids))
    chunks = [[data[i] for i in order[k : k + size]] for k in range(0, len(order), size)]
    if shuffle:
        random.shuffle(chunks)
    return chunks


def train(epochs: int, lr: float, batch: int, seed: int, init: Path,
          negative_threshold: float | None) -> Path:
    seeded(seed)
    tok = tokenizer()
    data = examples("train", tok)
    log.info("%d train cues", len(data))
    if negative_threshold is not None:
        rejected = negatives("train", tok, negative_threshold)
        log.info("%d negative cues (encoder >= %.2f or rules, no gold cue)", len(rejected),
                 negative_threshold)
        data += rejected
    model = AutoModelForTokenClassification.from_pretrained(
        str(init), num_labels=len(ROLES), ignore_mismatched_sizes=True,
        id2label=dict(enumerate(ROLES)),
        label2id={label: i for i, label in enumerate(ROLES)})
    steps = epochs * len(batches(data, batch, False))
    optimizer, schedule = optimiser(model, lr, steps)
    step = 0
    for epoch in range(epochs):
        model.train()
        started = time.time()
        for k, chunk in enumerate(batches(data, batch, True)):
            loss = update(model, optimizer, schedule, tensors(chunk))
            step += 1
            if step % 20 == 0:
                log.info("epoch %d step %d/%d loss %.4f (%.1f s/step)", epoch + 1, step, steps,
                         loss, (time.time() - started) / (k + 1))
        model.save_pretrained(READER / f"epoch{epoch + 1}")
    return READER / f"epoch{epochs}"


def evaluate(folder: Path) -> None:
    """Shared-scorer figures on dev of the exported reader: given the gold cues, and given the
    shipped cue encoder's cues (alone, merged after the rules, and before them)."""
    reader = RelationEncoder.load(folder)
    cue_encoder = encoder.CueEncoder.load()
    gold: dict[str, dict] = {}
    preds: dict[str, dict] = {name: {} for name in ("gold cues", "learned", "merged",
                                                    "learned-first")}
    seconds = 0.0
    for record, doc in parsed("dev", PARSER):
        gold[record["id"]] = record
        rules = find_attributions(doc, find_quote_regions(doc.text), intentions=False)
        started = time.process_time()
        learned = reader.read(doc, cue_encoder.cues(doc), "reader")
        seconds += time.process_time() - started
        for name, atts in (("gold cues", reader.read(doc, gold_cues(doc, record), "reader")),
                           ("learned", learned),
                           ("merged", merge_attributions(rules, learned)),
                           ("learned-first", merge_attributions(learned, rules))):
            preds[name][record["id"]] = prediction(record, atts)
    print(f"cue encoder + reader: {len(gold) / seconds:.1f} articles/s on one core (parse "
          "excluded)")
    print_scores(gold, preds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--init", type=Path, default=WORK / "best")
    parser.add_argument("--out", type=Path, default=MODELS)
    parser.add_argument("--negatives", type=float, metavar="THRESHOLD",
                        help="also train on the cues the shipped cue encoder finds with this "
                             "threshold (floor: the lower of it and encoder.FLOOR) and the "
                             "rules' cues, where PolNeAR has none, all O")
    parser.add_argument("--export-only", type=Path, metavar="CHECKPOINT",
                        help="export this checkpoint instead of training")
    parser.add_argument("--eval-only", action="store_true", help="score --out's model on dev")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(message)s")
    log.setLevel(logging.INFO)  # onnxruntime's quantiser logs every tensor at INFO
    if not args.eval_only:
        checkpoint = args.export_only or train(
            args.epochs, args.lr, args.batch, args.seed,
            args.init if str(args.init) != "-" else base_model(), args.negatives)
        export(checkpoint, args.out, MODEL_FILE)
    evaluate(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
