"""Ordinary, clean Markdown (READMEs, a changelog, guides) must stay quiet.

The files in tests/fixtures/clean/ are written the way real projects write
them: badge lines, install code blocks, lists without full stops, tables,
lead-ins ending in a colon, repeated ``### Fixed`` sections, link-only lines,
a bare "MIT" licence line, and Japanese READMEs with 「」, （） and full-width
text. They are documents, not articles, so they have no front matter.
"""

from __future__ import annotations

from pathlib import Path

from mystitch.lint import LintConfig, lint_paths

CLEAN = Path(__file__).parent / "fixtures" / "clean"
NAMES = sorted(p.name for p in CLEAN.glob("*.md"))


def test_every_clean_document_is_read():
    assert len(NAMES) == 7


def test_clean_documents_give_no_dup_or_trn_finding():
    report = lint_paths([str(CLEAN)], LintConfig(select=("DUP", "TRN")))
    assert report.files == len(NAMES)
    shown = [f"{Path(f.path).name}:{f.line}: {f.code} {f.message}" for f in report.findings]
    assert report.findings == [], "\n".join(shown)


def test_clean_documents_are_pages_and_give_no_finding():
    # Without front matter or markers a document is a hand-written page.
    assert lint_paths([str(CLEAN)], LintConfig()).findings == []
    # Named as articles, FM001 on line 1 is the only thing to say about them.
    report = lint_paths([str(CLEAN)], LintConfig(articles=("*",)))
    assert sorted((Path(f.path).name, f.line, f.code) for f in report.findings) == [
        (name, 1, "FM001") for name in NAMES
    ]


def test_the_fixtures_contain_what_they_claim():
    text = {name: (CLEAN / name).read_text(encoding="utf-8") for name in NAMES}
    readme, changelog, ja = (
        text["harbourctl-README.md"],
        text["harbourctl-CHANGELOG.md"],
        text["kotoba-README.ja.md"],
    )
    assert "img.shields.io" in readme and "```bash" in readme and "| Option |" in readme
    assert readme.rstrip().endswith("## License\n\nMIT")
    assert changelog.count("### Fixed") >= 3
    assert "「" in ja and "（" in ja and "ＡＢＣ" in ja and "：\n\n```bash" in ja
