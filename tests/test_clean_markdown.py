"""Ordinary, clean Markdown (READMEs, a changelog, a guide) must stay quiet.

The fixtures in tests/fixtures/clean/ are written the way real projects write
them: badge lines, install code blocks, lists without full stops, tables,
lead-ins ending in a colon, repeated ``### Fixed`` sections, link-only lines,
a bare "MIT" licence line, and a Japanese README with 「」, （） and full-width text.
"""

from __future__ import annotations

from pathlib import Path

from mystitch.lint import LintConfig, lint_paths

CLEAN = Path(__file__).parent / "fixtures" / "clean"
OURS = [
    "harbourctl-README.md",
    "harbourctl-CHANGELOG.md",
    "kotoba-README.ja.md",
    "tide-guide.md",
]


def _paths() -> list[str]:
    paths = [CLEAN / name for name in OURS]
    assert all(p.is_file() for p in paths)
    return [str(p) for p in paths]


def test_clean_docs_give_at_most_one_dup_or_trn_finding():
    report = lint_paths(_paths(), LintConfig(select=("DUP", "TRN")))
    assert report.files == len(OURS)
    shown = [f"{Path(f.path).name}:{f.line}: {f.code} {f.message}" for f in report.findings]
    assert len(report.findings) <= 1, "\n".join(shown)


def test_clean_docs_give_no_finding_but_missing_front_matter():
    # They are documents, not articles: FM001 on line 1 is the only thing to say.
    report = lint_paths(_paths(), LintConfig())
    assert sorted((Path(f.path).name, f.line, f.code) for f in report.findings) == sorted(
        (name, 1, "FM001") for name in OURS
    )


def test_the_fixtures_contain_what_they_claim():
    text = {name: (CLEAN / name).read_text(encoding="utf-8") for name in OURS}
    readme, changelog, ja = (
        text["harbourctl-README.md"],
        text["harbourctl-CHANGELOG.md"],
        text["kotoba-README.ja.md"],
    )
    assert "img.shields.io" in readme and "```bash" in readme and "| Option |" in readme
    assert readme.rstrip().endswith("## License\n\nMIT")
    assert changelog.count("### Fixed") >= 3
    assert "「" in ja and "（" in ja and "ＡＢＣ" in ja and "：\n\n```bash" in ja
