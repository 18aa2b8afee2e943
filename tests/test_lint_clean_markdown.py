"""Real-looking clean Markdown (READMEs, guides) must stay quiet."""

from __future__ import annotations

from pathlib import Path

from mystitch.lint import LintConfig, lint_paths

CLEAN = Path(__file__).parent / "fixtures" / "clean"


def test_clean_readmes_and_guides_give_no_dup_or_trn_findings():
    report = lint_paths([str(CLEAN)], LintConfig(select=("DUP", "TRN")))
    assert report.files >= 3
    assert report.findings == []
