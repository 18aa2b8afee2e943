"""Inline suppression comments, in the style markdownlint users know.

    <!-- mystitch-lint-disable-file FM -->          whole file
    <!-- mystitch-lint-disable DUP001 -->  ...  <!-- mystitch-lint-enable DUP001 -->
    <!-- mystitch-lint-disable-next-line TRN -->    the block on the next line
    text <!-- mystitch-lint-disable-line -->        this line

Codes are prefixes (``TRN`` is the family); no codes means every rule.
Comments inside code blocks are examples, not instructions, and are ignored.
A comment that shares its line with text silences no FRG finding: only one on
a line of its own makes a marker text (``document._literal_lines``), so the
marker after an inline one still splits the article and is still reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Document, Kind

_COMMENT = re.compile(
    r"<!--\s*mystitch-lint-(disable-file|disable-next-line|disable-line|disable|enable)"
    r"((?:\s+[A-Za-z]+\d*)*)\s*-->"
)


@dataclass(slots=True)
class Suppressions:
    # (codes, the comment stands on a line of its own)
    whole_file: list[tuple[tuple[str, ...], bool]] = field(default_factory=list)
    spans: list[tuple[int, int, tuple[str, ...], bool]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.whole_file or self.spans)

    def suppressed(self, code: str, line: int) -> bool:
        marker = code.startswith("FRG")
        for codes, alone in self.whole_file:
            if _matches(code, codes) and (alone or not marker):
                return True
        return any(
            start <= line <= end and _matches(code, codes) and (alone or not marker)
            for start, end, codes, alone in self.spans
        )


def in_code_span(line: str, offset: int) -> bool:
    """Is ``offset`` inside a backtick code span of ``line``?"""
    return line.count("`", 0, offset) % 2 == 1


def _matches(code: str, codes: tuple[str, ...]) -> bool:
    return not codes or any(code.startswith(c) for c in codes)


def collect(document: Document) -> Suppressions:
    found = Suppressions()
    if "mystitch-lint-" not in document.text:
        return found
    literal: set[int] = set()
    starts: dict[int, int] = {}
    for block in document.blocks():
        if block.kind in (Kind.CODE, Kind.MATH, Kind.DIRECTIVE):
            literal.update(range(block.line, block.end_line + 1))
        starts.setdefault(block.line, block.end_line)
    lines = document.lines
    last = len(lines)
    open_spans: dict[tuple[str, ...], tuple[int, bool]] = {}
    for number in range(document.front_matter.body_line, last + 1):
        if number in literal or "mystitch-lint-" not in lines[number - 1]:
            continue
        line = lines[number - 1]
        # Backticks before each comment, counted on from the last one: a
        # recount from the line's start per comment is quadratic on a line
        # of thousands of them.
        ticks = counted = 0
        for match in _COMMENT.finditer(line):
            ticks += line.count("`", counted, match.start())
            counted = match.start()
            if ticks % 2:
                continue  # quoted in backticks: an example, not an instruction
            action = match.group(1)
            codes = tuple(c.upper() for c in match.group(2).split())
            alone = len(match.group(0)) == len(line.strip())
            if action == "disable-file":
                found.whole_file.append((codes, alone))
            elif action == "disable-line":
                found.spans.append((number, number, codes, alone))
            elif action == "disable-next-line":
                target = number + 1
                while target <= last and not lines[target - 1].strip():
                    target += 1
                found.spans.append((target, starts.get(target, target), codes, alone))
            elif action == "disable":
                open_spans.setdefault(codes, (number, alone))
            elif action == "enable":
                if codes in open_spans:
                    start, opened_alone = open_spans.pop(codes)
                    found.spans.append((start, number, codes, opened_alone))
                elif not codes:
                    for opened_codes, (start, opened_alone) in open_spans.items():
                        found.spans.append((start, number, opened_codes, opened_alone))
                    open_spans.clear()
    for codes, (start, alone) in open_spans.items():
        found.spans.append((start, last, codes, alone))
    return found
