"""Golden pages: what ``mystitch-merge`` writes for a handful of raw articles.

Each ``tests/golden/merge/<name>.raw.md`` is a raw article we wrote, one way a
generator cuts and repeats (a cut continued, a restart, a retry, a repeated
section, a dangling heading, a list and a table cut, a marker in code), in
Japanese and English. The page the command prints for it must be
``<name>.md`` beside it, byte for byte, and its warnings ``<name>.warnings.txt``.
For one article the ``--report`` text is kept too. After a deliberate change,
``pytest tests/test_merge_golden.py --update-golden`` rewrites the files;
read the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GOLDEN, check_golden

from mystitch.lint import lint_text
from mystitch.lint.merge_cli import main as merge_main

FOLDER = GOLDEN / "merge"
RAW = sorted(FOLDER.glob("*.raw.md"))


def _merge(monkeypatch, capsys, *argv: str) -> tuple[int, str, str]:
    monkeypatch.chdir(FOLDER)  # paths in warnings and reports are the names alone
    status = merge_main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_there_are_raw_articles_in_both_languages():
    names = [raw.name for raw in RAW]
    assert len(names) >= 8
    assert any(".ja." in name for name in names) and any(".en." in name for name in names)


@pytest.mark.parametrize("raw", RAW, ids=lambda raw: raw.name.removesuffix(".raw.md"))
def test_merged_page(raw: Path, golden, monkeypatch, capsys, tmp_path):
    name = raw.name.removesuffix(".raw.md")
    status, page, warnings = _merge(monkeypatch, capsys, raw.name)
    golden(f"merge/{name}.md", page)
    golden(f"merge/{name}.warnings.txt", warnings)
    assert status == (1 if warnings else 0)  # 1: something could not be recovered
    assert "FRG001" not in {f.code for f in lint_text(page)}  # no marker left outside code
    # The page is a fixed point: merged again, it comes back as it is, and the
    # only thing still said is about a marker that is kept as code.
    (tmp_path / "page.md").write_text(page, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status = merge_main(["page.md"])
    again, said = capsys.readouterr()
    assert again == page
    assert all(
        line.endswith(": warning: fragment marker inside a code block is kept as code")
        for line in said.splitlines()
    )
    assert status == (1 if said else 0)


def test_report_text(golden, monkeypatch, capsys, tmp_path):
    # With -o the report goes to standard output, one line per thing done.
    status, report, err = _merge(
        monkeypatch, capsys, "retry.ja.raw.md", "-o", str(tmp_path), "--report"
    )
    golden("merge/retry.ja.report.txt", report)
    assert err == ""
    assert (tmp_path / "retry.ja.raw.md").read_text(encoding="utf-8") == (
        FOLDER / "retry.ja.md"
    ).read_text(encoding="utf-8")
    assert status == 0  # the retry completed the cut: nothing was lost, nothing to warn of


def test_a_golden_file_that_is_missing_or_different_fails(tmp_path):
    with pytest.raises(pytest.fail.Exception, match=r"no golden file tests/golden/new\.md"):
        check_golden("new.md", "text\n", folder=tmp_path)
    check_golden("new.md", "text\n", update=True, folder=tmp_path)
    assert (tmp_path / "new.md").read_text(encoding="utf-8") == "text\n"
    check_golden("new.md", "text\n", folder=tmp_path)
    with pytest.raises(AssertionError, match=r"differs from tests/golden/new\.md"):
        check_golden("new.md", "other text\n", folder=tmp_path)
