"""DUP: text the generator wrote more than once, within one file.

The relations come from :mod:`lint.repeats`; each is reported at the later
occurrence, naming the earlier line. Cross-file duplicates (DUP005, DUP006)
are in :mod:`lint.corpus`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Hit
from ..repeats import Relation, Repeat
from . import checker


def _lines(repeat: Repeat) -> str:
    lines = sorted({b.line for b in repeat.earlier})
    if len(lines) == 1:
        return f"line {lines[0]}"
    return "lines " + ", ".join(str(n) for n in lines[:-1]) + f" and {lines[-1]}"


def _of(analysis, *relations: Relation) -> Iterator[Repeat]:
    for block in analysis.prose:
        repeat = analysis.repeat_of(block)
        if repeat is not None and repeat.relation in relations:
            yield repeat


@checker("DUP001", "repeated-paragraph", "A paragraph repeats an earlier one word for word.")
def repeated_paragraph(document, analysis, config) -> Iterator[Hit]:
    for repeat in _of(analysis, Relation.EXACT):
        yield Hit(
            repeat.block.line, f"paragraph repeats {_lines(repeat)}", end_line=repeat.block.end_line
        )


_PARTIAL = {
    Relation.PART_OF: "paragraph repeats part of {where} (a cut-short or retried copy)",
    Relation.CONTAINS: "paragraph repeats {where} and adds to it (an earlier copy was cut short)",
    Relation.SENTENCES: "paragraph is made of sentences that already stood at {where}",
    Relation.RESTART: "paragraph restarts the sentence cut at {where}",
    Relation.REWRITE: "paragraph opens like {where} and ends another way (a retried paragraph)",
}

# Retried in another piece, these are the generator's; in the same one, the writer's.
_RETRIES = (Relation.SENTENCES, Relation.REWRITE)


@checker(
    "DUP002",
    "partial-repeat",
    "A paragraph is a cut-short copy of another: part of it, a longer version of it, "
    "or a restart of its cut sentence.",
)
def partial_repeat(document, analysis, config) -> Iterator[Hit]:
    for repeat in _of(analysis, *_PARTIAL):
        if repeat.relation in _RETRIES and all(
            earlier.fragment == repeat.block.fragment for earlier in repeat.earlier
        ):
            # Within one piece, a paragraph that opens like another or reuses
            # its sentences is the writer's: the merge keeps both whole (an
            # editor does: paragraphs stay whole), so the linter is quiet too.
            continue
        message = _PARTIAL[repeat.relation].format(where=_lines(repeat))
        yield Hit(repeat.block.line, message, end_line=repeat.block.end_line)


@checker(
    "DUP003",
    "near-duplicate",
    "A paragraph is nearly the same as an earlier one (character n-gram similarity).",
)
def near_duplicate(document, analysis, config) -> Iterator[Hit]:
    for repeat in _of(analysis, Relation.NEAR):
        yield Hit(
            repeat.block.line,
            f"paragraph is a near-duplicate of {_lines(repeat)} "
            f"(similarity {repeat.similarity:.2f} >= {config.similarity:.2f})",
            end_line=repeat.block.end_line,
        )


@checker(
    "DUP004",
    "repeated-section",
    "A section repeats an earlier section with the same heading.",
)
def repeated_section(document, analysis, config) -> Iterator[Hit]:
    for section in analysis.sections:
        yield Hit(
            section.heading.line,
            f"section {section.heading.text.strip()!r} repeats the section at line "
            f"{section.earlier.line} ({section.repeated} of {section.total} paragraphs repeated)",
        )
