"""Inline suppression comments, in the style markdownlint users know.

    <!-- mystitch-lint-disable-file FM -->          whole file
    <!-- mystitch-lint-disable DUP001 -->  ...  <!-- mystitch-lint-enable DUP001 -->
    <!-- mystitch-lint-disable-next-line TRN -->    the block on the next line
    text <!-- mystitch-lint-disable-line -->        this line

Codes are prefixes (``TRN`` is the family); no codes means every rule.
Comments inside code blocks are examples, not instructions, and are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Document, Kind

_COMMENT = re.compile(
    r"<!--\s*mystitch-lint-(disable-file|disable-next-line|disable-line|disable|enable)"
    r"((?:\s+[A-Za-z]+\d*)*)\s*-->"
)
ALL: tuple[str, ...] = ()


@dataclass(slots=True)
class Suppressions:
    whole_file: list[tuple[str, ...]] = field(default_factory=list)
    spans: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.whole_file or self.spans)

    def suppressed(self, code: str, line: int) -> bool:
        for codes in self.whole_file:
            if _matches(code, codes):
                return True
        return any(
            start <= line <= end and _matches(code, codes) for start, end, codes in self.spans
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
    open_spans: dict[tuple[str, ...], int] = {}
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
            if action == "disable-file":
                found.whole_file.append(codes)
            elif action == "disable-line":
                found.spans.append((number, number, codes))
            elif action == "disable-next-line":
                target = number + 1
                while target <= last and not lines[target - 1].strip():
                    target += 1
                found.spans.append((target, starts.get(target, target), codes))
            elif action == "disable":
                open_spans.setdefault(codes, number)
            elif action == "enable":
                if codes in open_spans:
                    found.spans.append((open_spans.pop(codes), number, codes))
                elif not codes:
                    for opened_codes, start in open_spans.items():
                        found.spans.append((start, number, opened_codes))
                    open_spans.clear()
    for codes, start in open_spans.items():
        found.spans.append((start, last, codes))
    return found
