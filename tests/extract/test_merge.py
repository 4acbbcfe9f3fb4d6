"""Merging relations reads only those whose content may overlap: the same result as comparing
every pair, on Hypothesis mixes of overlapping, nested, split and far-apart contents."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrace.extract.merge import CREDIT_RULE, combine, overlaps
from quotetrace.extract.relation import Attribution


@st.composite
def relations(draw: st.DrawFn) -> list[Attribution]:
    found = []
    for k in range(draw(st.integers(0, 12))):
        fragments = []
        for _ in range(draw(st.integers(1, 3))):
            start = draw(st.integers(0, 300))
            fragments.append((start, start + draw(st.integers(0, 120))))
        fragments.sort()
        source = draw(st.one_of(st.none(), st.just((0, 3))))
        rule = draw(st.sampled_from(["reader", "rules", CREDIT_RULE]))
        found.append(Attribution(tuple(fragments), None, None, source, None,
                                 draw(st.floats(0, 1)),
                                 rule if rule == CREDIT_RULE else f"{rule}.{k}"))
    return found


def combined_pairwise(learned: list[Attribution], rules: list[Attribution]
                      ) -> tuple[Attribution, ...]:
    """``combine`` as it read before: every relation against every other."""
    def merged(first: list[Attribution], second: list[Attribution]) -> tuple[Attribution, ...]:
        kept = []
        for a in first:
            match = next((b for b in second if b.source is not None and overlaps(a, b)), None)
            if a.source is None and match is not None:
                a = Attribution(a.content, a.cue, a.cue_lemma, match.source, match.source_head,
                                a.confidence, f"{a.rule}+source:{match.rule}")
            kept.append(a)
        kept += [b for b in second if not any(overlaps(b, a) for a in first)]
        return tuple(sorted(kept, key=lambda a: a.content[0]))

    distinct: list[Attribution] = []
    for relation in sorted(learned, key=lambda a: -a.confidence):
        if not any(overlaps(relation, k) for k in distinct):
            distinct.append(relation)
    credits = [r for r in rules if r.rule == CREDIT_RULE]
    held = [r for r in rules if any(overlaps(r, c) for c in credits)]
    return merged(held, list(merged(distinct, rules)))


@settings(max_examples=300, deadline=None)
@given(learned=relations(), rules=relations())
def test_combine_equals_the_pairwise_merge(learned: list[Attribution],
                                           rules: list[Attribution]) -> None:
    assert combine(learned, rules) == combined_pairwise(learned, rules)
