"""``mystitch-merge`` on the command line: pages, reports, usage errors, many files.

The tests call ``main([...])`` in this process. What the merge does to the
text is tested in test_merge.py; the faults of both commands (crashes, full
disks, FIFOs) in test_cli_faults.py; bad input in test_bad_input.py.
"""

from __future__ import annotations

import json

from mystitch.lint.merge_cli import main as merge_main

FRONT = """---
title: "テスト記事"
date: 2026-02-01 10:00:00 +0900
categories: ["技術"]
tags: ["AI", "半導体"]
author: "編集部"
excerpt: "テストです。"
reading_time: 3
---

"""


def test_writes_pages_and_a_json_report(tmp_path, capsys):
    raw = tmp_path / "raw.txt"
    raw.write_text(FRONT + "完全な文です。途中で\n\n---END---\n", encoding="utf-8")
    out = tmp_path / "out"
    assert merge_main([str(raw), "-o", str(out), "--report", "--format", "json"]) == 1
    written = (out / "raw.md").read_text(encoding="utf-8")
    assert (
        written.startswith("---\n")
        and 'title: "テスト記事"' in written
        and "完全な文です。" in written
    )
    report = json.loads(capsys.readouterr().out)
    assert report[0]["events"][0]["action"] == "trimmed"
    assert report[0]["events"][0]["removed"] == "途中で"


def test_usage_errors_and_unreadable_files(tmp_path, capsys):
    assert merge_main([str(tmp_path / "a.md"), str(tmp_path / "b.md")]) == 2
    assert "need -o DIR" in capsys.readouterr().err
    good = tmp_path / "good.md"
    good.write_text(FRONT + "良い文です。\n", encoding="utf-8")
    missing = tmp_path / "missing.md"
    status = merge_main([str(missing), str(good), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert status == 1 and "missing.md" in err and "Traceback" not in err
    assert (tmp_path / "out" / "good.md").is_file()


def test_many_files_merge_in_processes_with_the_same_result(tmp_path, capsys, monkeypatch):
    import mystitch.lint.merge_cli
    from mystitch.lint.engine import PARALLEL_MIN_FILES

    pools: list[int] = []

    class CountingPool(mystitch.lint.merge_cli.ProcessPoolExecutor):
        def __init__(self, workers: int) -> None:
            pools.append(workers)
            super().__init__(workers)

    monkeypatch.setattr(mystitch.lint.merge_cli, "ProcessPoolExecutor", CountingPool)
    names = []
    for n in range(PARALLEL_MIN_FILES + 2):
        raw = tmp_path / "raw" / f"a{n:03}.md"
        raw.parent.mkdir(exist_ok=True)
        ending = "途中で\n\n---END---\n" if n % 7 == 0 else "終わりです。\n"
        raw.write_text(FRONT + f"記事{n}の本文です。続きは\n---END---\n続きは{ending}", "utf-8")
        names.append(str(raw))
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        status = merge_main([*names, "-o", str(out), "-j", jobs, "--report", "--format", "json"])
        pages = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}
        runs[jobs] = (status, pages, capsys.readouterr().out)
    assert pools == [2]
    assert runs["1"] == runs["2"]
    status, pages, report = runs["2"]
    assert status == 1 and len(pages) == len(names)
    assert [r["path"] for r in json.loads(report)] == names  # in the order given


def test_a_file_that_nests_too_deeply_costs_only_itself(tmp_path, capsys, monkeypatch):
    import mystitch.lint.merge_cli

    original = mystitch.lint.merge_cli.merge_document

    def deep(document, *args, **kwargs):
        if document.path.endswith("deep.md"):
            raise RecursionError
        return original(document, *args, **kwargs)

    monkeypatch.setattr(mystitch.lint.merge_cli, "merge_document", deep)
    for name in ("deep.md", "good.md"):
        (tmp_path / name).write_text(FRONT + "良い文です。\n", encoding="utf-8")
    status = merge_main(
        [str(tmp_path / "deep.md"), str(tmp_path / "good.md"), "-o", str(tmp_path / "out")]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert "deep.md:1:1: IO001 the Markdown nests too deeply; not merged" in err
    assert (tmp_path / "out" / "good.md").is_file()
    assert not (tmp_path / "out" / "deep.md").exists()


def test_one_file_merges_to_standard_output_with_warnings_on_standard_error(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(FRONT + "完全な文です。途中で\n\n---END---\n", encoding="utf-8")
    assert merge_main(["a.md"]) == 1  # the cut could not be recovered
    out, err = capsys.readouterr()
    assert out.startswith("---\n") and out.endswith("---\n\n完全な文です。\n")
    assert err == "a.md:11: warning: trimmed a cut sentence nothing continues: '途中で'\n"
    # With --report, the report takes the warning's place on standard error.
    assert merge_main(["a.md", "--report"]) == 1
    out, err = capsys.readouterr()
    assert out.endswith("完全な文です。\n")
    assert err == "a.md:11: trimmed: trimmed a cut sentence nothing continues (removed: '途中で')\n"


def test_two_inputs_for_one_page_are_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.md").write_text(FRONT + "良い文です。\n", encoding="utf-8")
    assert merge_main(["x/a.md", "y/a.md", "-o", "out"]) == 2
    assert "y/a.md and x/a.md would both be written to out/a.md" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # nothing is written


def test_marker_option_and_configuration(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.md").write_text(
        FRONT + "The plan is\n<<<CUT>>>\n set and ready.\n", encoding="utf-8"
    )
    assert merge_main(["b.md", "--marker", r"^<<<CUT>>>$"]) == 0
    assert capsys.readouterr().out.endswith("\n\nThe plan is set and ready.\n")
    assert merge_main(["b.md", "--marker", "("]) == 2
    assert "'--marker' is not a valid regular expression" in capsys.readouterr().err
    (tmp_path / "pyproject.toml").write_text(
        "[tool.mystitch.lint]\nmarker = '^<<<CUT>>>$'\n", encoding="utf-8"
    )
    assert merge_main(["b.md"]) == 0  # the linter's marker setting is the merge's too
    assert capsys.readouterr().out.endswith("\n\nThe plan is set and ready.\n")
    (tmp_path / "pyproject.toml").write_text("[tool.mystitch.lint]\nmarker = '('\n", "utf-8")
    assert merge_main(["b.md"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mystitch-merge: configuration error: ") and "'marker'" in err


def test_version(capsys):
    assert merge_main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("mystitch-merge ")
