"""The linter on the real articles in ../shared/seeds (skipped when absent)."""

from __future__ import annotations

import re
import shutil

from lint import LintConfig, lint_paths, lint_text, parse_document
from lint.text import comparison_key


def _findings(path):
    return lint_text(path.read_text(encoding="utf-8"), path=str(path))


def test_cut_sentences_of_seed_000_on_their_lines(seeds):
    [seed] = [s for s in seeds if s.name.startswith("000")]
    lines = sorted(f.line for f in _findings(seed) if f.code == "TRN001")
    assert lines == [45, 73, 91, 165]


def test_every_marker_is_reported_and_front_matter_is_clean(seeds):
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        markers = [
            n for n, line in enumerate(text.split("\n"), 1) if re.match(r"^---END---\s*$", line)
        ]
        findings = _findings(seed)
        assert sorted(f.line for f in findings if f.code == "FRG001") == markers, seed.name
        assert [f for f in findings if f.code.startswith("FM")] == [], seed.name


def test_every_exact_repeat_is_reported_on_its_line(seeds):
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        document = parse_document(str(seed), text)
        seen: set[str] = set()
        repeats: list[int] = []
        for block in document.prose():
            key = comparison_key(block.text)
            if len(key) >= 20 and key in seen:
                repeats.append(block.line)
            seen.add(key)
        reported = {f.line for f in _findings(seed) if f.code.startswith("DUP")}
        assert repeats and set(repeats) <= reported, (seed.name, sorted(set(repeats) - reported))


def test_a_seed_saved_twice_is_one_article(seeds, tmp_path):
    source = seeds[0]
    shutil.copy(source, tmp_path / "a.md")
    copy = source.read_text(encoding="utf-8").replace('tags: ["AI"', 'tags: ["別のタグ"')
    (tmp_path / "b.md").write_text(copy[: len(copy) * 2 // 3], encoding="utf-8")
    findings = lint_paths([str(tmp_path)], LintConfig()).findings
    dup6 = [f for f in findings if f.code == "DUP006"]
    assert len(dup6) == 1 and dup6[0].path.endswith("b.md") and "a.md" in dup6[0].message
