"""The linter on the real raw articles in ../shared/seeds (skipped when absent).

The seeds are only read. Copies made for the cross-file test live in tmp_path.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from mystitch.lint import LintConfig, lint_paths, lint_text

pytestmark = pytest.mark.seeds

MARKER = re.compile(r"^---END---\s*$")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _findings(path: Path):
    return lint_text(_read(path), path=str(path))


def _seed(seeds: list[Path], prefix: str) -> Path:
    found = [s for s in seeds if s.name.startswith(prefix)]
    if not found:
        pytest.skip(f"no seed {prefix}*")
    return found[0]


# --- an independent paragraph splitter and normaliser ---------------------------

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`~]")
_NOT_PARAGRAPH = re.compile(r"^\s{0,3}(#{1,6}\s|[-*+]\s|\d+[.)]\s|\||>|<|```|~~~)")
# A bold line standing alone is a label (a heading), not a paragraph.
_LABEL = re.compile(r"\s*\*\*[^\n]+\*\*\s*[:：]?\s*")


def _normalise(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub("", text)
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", "", text)


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each plain paragraph of the body."""
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        start = next(i for i in range(1, len(lines)) if lines[i].strip() == "---") + 1
    out: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    in_fence = False
    for index in range(start, len(lines)):
        line = lines[index]
        if MARKER.match(line):
            in_fence = False  # a marker ends a fragment, fences included
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        boundary = (
            not line.strip()
            or MARKER.match(line)
            or in_fence
            or line.lstrip().startswith(("```", "~~~"))
            or (not current and _NOT_PARAGRAPH.match(line))
        )
        if boundary:
            if current:
                out.append((first, "\n".join(current)))
            current = []
            continue
        if not current:
            first = index + 1
        current.append(line)
    if current:
        out.append((first, "\n".join(current)))
    return [(n, p) for n, p in out if not _NOT_PARAGRAPH.match(p) and not _LABEL.fullmatch(p)]


def _exact_repeats(text: str) -> list[int]:
    seen: set[str] = set()
    repeats = []
    title = re.search(r'(?m)^title:\s*"?(.*?)"?\s*$', text)
    paragraphs = _paragraphs(text)
    if title and paragraphs and _normalise(paragraphs[0][1]) == _normalise(title.group(1)):
        paragraphs = paragraphs[1:]  # the title repeated as the first line is no paragraph
    for line, paragraph in paragraphs:
        key = _normalise(paragraph)
        if len(key) < 20:
            continue
        if key in seen:
            repeats.append(line)
        seen.add(key)
    return repeats


# --- tests ----------------------------------------------------------------------


def test_seed_000_cut_sentences_on_their_lines(seeds):
    seed = _seed(seeds, "000_")
    assert sorted(f.line for f in _findings(seed) if f.code == "TRN001") == [45, 73, 91, 165]


def test_every_marker_line_of_every_seed_is_frg001(seeds):
    for seed in seeds:
        markers = [n for n, line in enumerate(_read(seed).split("\n"), 1) if MARKER.match(line)]
        assert markers, seed.name
        frg = sorted(f.line for f in _findings(seed) if f.code == "FRG001")
        assert frg == markers, seed.name


def test_no_front_matter_findings_on_the_seeds(seeds):
    for seed in seeds:
        assert [f for f in _findings(seed) if f.code.startswith("FM")] == [], seed.name


def test_every_exact_repeat_is_reported_with_a_dup_code_on_its_line(seeds):
    total = 0
    for seed in seeds:
        repeats = _exact_repeats(_read(seed))
        total += len(repeats)
        reported = {f.line for f in _findings(seed) if f.code.startswith("DUP")}
        missing = sorted(set(repeats) - reported)
        assert missing == [], (seed.name, missing)
    assert total > 0  # the seeds do repeat themselves


def test_findings_on_the_seeds_point_at_real_lines(seeds):
    for seed in seeds:
        count = len(_read(seed).split("\n"))
        for finding in _findings(seed):
            assert 1 <= finding.line <= finding.end_line <= count, (seed.name, finding)


def test_seed_saved_again_under_another_name_with_other_tags_is_dup006(seeds, tmp_path):
    for seed in seeds:
        folder = tmp_path / seed.stem
        folder.mkdir()
        text = _read(seed)
        original = folder / "a-original.md"
        original.write_text(text, encoding="utf-8")
        copy, count = re.subn(r"(?m)^tags:.*$", 'tags: ["再投稿", "別タグ"]', text, count=1)
        assert count == 1, seed.name
        (folder / "b-copy.md").write_text(copy, encoding="utf-8")
        findings = lint_paths([str(folder)], LintConfig()).findings
        dup6 = [f for f in findings if f.code == "DUP006"]
        assert [(Path(f.path).name, f.line) for f in dup6] == [("b-copy.md", 3)], seed.name
        assert f"same article as {original}" in dup6[0].message
