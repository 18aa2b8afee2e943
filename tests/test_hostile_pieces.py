"""Articles of thousands of pieces cost what their length costs, and lose nothing.

Each join handles the block it grows: a list carried on one item per piece,
parsed whole at each join, once took 22 s at 1,000 pieces and minutes at
4,000. Lists and tables now have only their end parsed again
(``cut_blocks.parse_joined``), which must give the blocks a whole parse
gives, and the merge stops reading cuts through once joins have cost what
the article may spend (``WORK_BASE``): the pieces after that are kept as
written, with one warning. The shapes are ``benchmarks/bench_pieces.py``'s.
"""

from __future__ import annotations

import gc
import importlib.util
import re
import sys
import time

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from mystitch.lint.cut_blocks import parse_joined
from mystitch.lint.document import Kind, parse_blocks
from mystitch.lint.merge import merge_text
from mystitch.lint.merge.mapper import OVER_BUDGET

_spec = importlib.util.spec_from_file_location(
    "bench_pieces", ROOT / "benchmarks" / "bench_pieces.py"
)
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_pieces"] = bench
_spec.loader.exec_module(bench)

SHAPES = list(bench.SHAPES)


@pytest.mark.parametrize("shape", SHAPES)
def test_no_piece_is_lost_however_many_there_are(shape):
    pieces = 400  # past the budget for the shapes that grow one block fastest
    result = merge_text(bench.article(shape, pieces), "pieces.md")
    numbers = {int(n) for n in re.findall(r"\d+", result.text)}
    missing = [n for n in range(pieces) if n not in numbers]
    if shape.startswith("heading"):
        # Headings with nothing under them go, each with a warning (the policy).
        assert len(result.warnings) == pieces
    else:
        assert not missing, missing[:10]
    budget = [e for e in result.events if e.message.startswith(OVER_BUDGET)]
    assert len(budget) <= 1
    for event in budget:
        assert event.warning and event.line > 4


def test_the_budget_keeps_later_pieces_as_written():
    pieces = 3000
    result = merge_text(bench.article("list, an item per piece", pieces), "pieces.md")
    (said,) = [e for e in result.warnings if e.message.startswith(OVER_BUDGET)]
    assert "kept as written" in said.message
    items = re.findall(r"^- item (\d+)$", result.text, re.M)
    assert [int(n) for n in items] == list(range(pieces))
    assert "---END---" not in result.text


def test_a_list_continued_item_by_item_in_one_piece_keeps_every_item():
    # Each piece ends on a new item cut mid-word; the next finishes it and
    # starts another right under it: its next item, no restart of the last.
    raw = "Intro.\n\n- item numb\n---END---\ner 0\n- item numb\n---END---\ner 1\n"
    assert merge_text(raw).text == "Intro.\n\n- item number 0\n- item number 1\n"


# --- a join parses only the end of a long list or table again -----------------

ITEM = st.sampled_from(["- a", "- b c", "- d\n  more", "- [x](y)", "- e\n\n  f", "- 長い項目"])


def _same(a, b):
    fields = ("kind", "line", "end_line", "source", "text", "key", "items", "fragment")
    return [tuple(getattr(x, f) for f in fields) for x in a] == [
        tuple(getattr(x, f) for f in fields) for x in b
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(ITEM, min_size=1, max_size=90),
    st.integers(0, 70),
    st.lists(ITEM, min_size=0, max_size=4),
    st.sampled_from(["", " tail words", "\n\nA paragraph after."]),
    st.integers(1, 500),
)
def test_a_joined_list_parses_as_a_whole_parse_does(old, dropped, new, rest, line):
    source = "\n".join(old)
    (block,) = [b for b in parse_blocks(source, line, 0) if b.kind is Kind.LIST] or [None]
    if block is None:
        return
    kept = source.split("\n")
    if dropped and dropped < len(block.items):
        del kept[block.items[-dropped].line - line :]
    joined = "\n".join(kept) + rest + ("\n" + "\n".join(new) if new else "")
    blocks, parsed = parse_joined(block, joined, 3)
    assert _same(blocks, parse_blocks(joined, line, 3))
    assert parsed <= len(joined)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 150), st.integers(0, 3), st.sampled_from(["", " | 9 |", "x"]))
def test_a_joined_table_parses_as_a_whole_parse_does(rows, more, cut):
    source = "| a | b |\n| --- | --- |\n" + "\n".join(f"| {i} | x |" for i in range(rows))
    (block,) = parse_blocks(source, 10, 0)
    joined = source + cut + "".join(f"\n| n{i} | y |" for i in range(more))
    blocks, _ = parse_joined(block, joined, 1)
    assert _same(blocks, parse_blocks(joined, 10, 1))


# --- time -------------------------------------------------------------------


def cpu_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        gc.collect()
        start = time.process_time()
        merge_text(text, "pieces.md")
        best = min(best, time.process_time() - start)
    return best


MAX_RATIO = 8  # four times the pieces: linear takes four times as long, quadratic sixteen


@pytest.mark.slow
@pytest.mark.parametrize("shape", SHAPES)
def test_four_times_the_pieces_cost_about_four_times_as_much(shape):
    small, large = bench.article(shape, 500), bench.article(shape, 2000)
    for _ in range(3):  # again, in case a busy machine slowed one size (CI shares cores)
        before, after = cpu_seconds(small), cpu_seconds(large)
        times = after / max(before, 0.005)
        if times <= MAX_RATIO:
            break
    assert times <= MAX_RATIO, f"{before:.3f}s -> {after:.3f}s ({times:.1f}x)"
