"""Property tests: our clean articles, cut the way the generator cuts, merged back.

The cutter is the benchmark corpus's (``benchmarks/corpus.py``): random cuts
mid-word and mid-sentence, direct continuations, restarts of the cut sentence
or paragraph, second and third attempts at a continuation, a dangling heading
or a cut sentence at the very end. With ``variations=False`` it never changes
a word, so the merge has everything it needs to give the clean body back.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from collections import Counter

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from mystitch.lint import lint_text, parse_document
from mystitch.lint.merge import merge_text, split_source

_spec = importlib.util.spec_from_file_location("corpus", ROOT / "benchmarks" / "corpus.py")
corpus = importlib.util.module_from_spec(_spec)
sys.modules["corpus"] = corpus
_spec.loader.exec_module(corpus)

TEXTS = corpus.load_texts()
FRONT = '---\ntitle: "T"\ndate: 2026-01-01\n---\n\n'


def _sentences(text: str) -> list[str]:
    document = parse_document("x", text)
    return [s.key for b in document.blocks() if b.is_prose for s in split_source(b) if s.complete]


def _merged_body(page: str) -> str:
    """The page without its front matter (the merge writes no title heading)."""
    return page.split("---\n", 2)[2]


def _cut(text_index: int, seed: int, ragged: bool, retries: bool) -> str:
    body = TEXTS[text_index].body
    return FRONT + corpus.cut_into_fragments(
        body, random.Random(seed), ragged_end=ragged, retries=retries
    )


# Each property runs its full count of examples in CI (slow) and a few in the
# default run, through the same test body (``.hypothesis.inner_test``). The
# full tests are left as they were: a derandomized test draws its examples
# from the source of its body, so they still try the same examples.
@pytest.mark.slow
@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.integers(min_value=0, max_value=len(TEXTS) - 1),
    st.integers(min_value=0, max_value=10**6),
    st.booleans(),
    st.booleans(),
)
def test_merge_never_repeats_never_loses_and_is_idempotent(text_index, seed, ragged, retries):
    raw = _cut(text_index, seed, ragged, retries)
    page = merge_text(raw).text
    assert "---END---" not in page
    assert merge_text(page).text == page
    merged = _sentences(page)
    assert [k for k, n in Counter(merged).items() if n > 1] == []
    clean = set(_sentences(FRONT + TEXTS[text_index].body))
    joined = "\x00".join(merged)
    assert sum(k in joined for k in clean) / len(clean) >= 0.98
    assert [f for f in lint_text(page) if f.code[:3] in ("DUP", "TRN", "FRG")] == []


@settings(max_examples=10, deadline=None, derandomize=True)
@given(
    st.integers(min_value=0, max_value=len(TEXTS) - 1),
    st.integers(min_value=0, max_value=10**6),
    st.booleans(),
    st.booleans(),
)
def test_merge_never_repeats_never_loses_in_10_examples(text_index, seed, ragged, retries):
    full = test_merge_never_repeats_never_loses_and_is_idempotent.hypothesis.inner_test
    full(text_index, seed, ragged, retries)


@pytest.mark.parametrize("seeds", [3, pytest.param(10, marks=pytest.mark.slow)])
def test_cut_articles_merge_back_to_themselves(seeds):
    """The exact round trip, over a fixed grid: every text cut with each seed.

    Today, over ten seeds, 98.2% of cuts without retries and 94.5% with them
    come back byte for byte (the rest keep every sentence but differ in a
    paragraph break or a retried variant); over the first three (the default
    run), 100% and 90.9%. The thresholds guard that from slipping.
    """
    for retries, floor in ((False, 0.95), (True, 0.90)):
        misses = []
        total = 0
        for index, text in enumerate(TEXTS):
            for seed in range(seeds):
                total += 1
                page = merge_text(_cut(index, seed, ragged=True, retries=retries)).text
                if _merged_body(page).strip() != text.body.strip():
                    misses.append(f"{text.name} seed {seed}")
        assert 1 - len(misses) / total >= floor, (retries, misses)


def _lists_and_tables() -> list[tuple[int, int]]:
    """(text, block) of every list and table in our clean texts."""
    found = []
    for t, text in enumerate(TEXTS):
        for b, block in enumerate(text.body.strip("\n").split("\n\n")):
            head = block.lstrip()
            if head.startswith(("- ", "* ", "|")) or head[:3].rstrip(".").isdigit():
                found.append((t, b))
    return found


LISTS_AND_TABLES = _lists_and_tables()


@pytest.mark.slow
@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.sampled_from(LISTS_AND_TABLES),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from(["continue", "restart"]),
    st.sampled_from(["\n---END---\n", "\n\n---END---\n\n"]),
)
def test_a_list_or_table_cut_anywhere_merges_back_to_itself(where, offset, mode, marker):
    """The generator stops inside a list or a table, anywhere after its first
    character, and the next piece carries straight on or writes the block
    again from its start: the page is the clean article."""
    text, index = where
    body = TEXTS[text].body
    blocks = body.strip("\n").split("\n\n")
    before = "\n\n".join(blocks[:index])
    block = blocks[index]
    after = "\n\n".join(blocks[index + 1 :])
    cut = 1 + offset % (len(block) - 1)
    rest = block[cut:] if mode == "continue" else block
    raw = (
        FRONT
        + (before + "\n\n" if before else "")
        + block[:cut].rstrip("\n")
        + marker
        + rest.lstrip("\n")
        + ("\n\n" + after if after else "")
        + "\n"
    )
    page = merge_text(raw).text
    assert _merged_body(page).strip() == body.strip(), (mode, block[:cut][-30:])


@settings(max_examples=30, deadline=None, derandomize=True)
@given(
    st.sampled_from(LISTS_AND_TABLES),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from(["continue", "restart"]),
    st.sampled_from(["\n---END---\n", "\n\n---END---\n\n"]),
)
def test_a_list_or_table_cut_anywhere_in_30_examples(where, offset, mode, marker):
    full = test_a_list_or_table_cut_anywhere_merges_back_to_itself.hypothesis.inner_test
    full(where, offset, mode, marker)
