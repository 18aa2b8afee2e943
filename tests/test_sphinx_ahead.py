"""Merging ahead in worker processes gives the site a serial merge gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from mystitch.ahead import MIN_ARTICLES, Ahead, worker_count
from mystitch.article_page import prepare
from mystitch.catalog import scan
from mystitch.config import MystitchConfig
from tests.test_sphinx_site import Build, _article, _write

JA = (
    "新しい設備は来月から動きます。費用は当初の見込みより{n}割ほど\n---END---\n"
    "費用は当初の見込みより{n}割ほど安くなりました。担当者は説明会を開く予定です。\n"
    "---END---\n担当者は説明会を開く予定です。\n\n## 今後\n\n次の段階では地域の声を聞きます。\n"
)
EN = (
    "The council approved plan number {n} on Monday. Work starts in the spring and the\n"
    "---END---\nWork starts in the spring and the road stays open.\n---END---\n"
    "A second phase is planned. It is not fund\n---END---\n"
)


def _site(src: Path, count: int) -> None:
    files = {"conf.py": 'extensions = ["mystitch"]\n'}
    for n in range(count):
        body = (JA if n % 2 else EN).format(n=n)
        files[f"a{n:03}.md"] = _article(
            f"Article {n}", body, date=f"2026-01-{n % 28 + 1:02}", tags=f'["t{n % 3}"]'
        )
    _write(src, files)


@pytest.mark.parametrize("lint", [False, True], ids=["merge", "merge-and-lint"])
def test_a_serial_build_merges_ahead_and_publishes_the_same_site(tmp_path, lint):
    src = tmp_path / "src"
    count = MIN_ARTICLES + 4
    _site(src, count)
    here = Build(src, "text", out="here", mystitch_merge_workers=0, mystitch_lint=lint)
    ahead = Build(src, "text", out="ahead", mystitch_merge_workers=1, mystitch_lint=lint)
    # With mystitch_lint the workers lint too: the same findings, at the same lines.
    assert ("FRG001" in here.warnings) is lint
    assert getattr(here.app, "mystitch_merged_ahead", 0) == 0
    assert ahead.app.mystitch_merged_ahead == count
    pages = sorted(p.relative_to(here.out) for p in here.out.rglob("*.txt"))
    assert len(pages) > count
    assert pages == sorted(p.relative_to(ahead.out) for p in ahead.out.rglob("*.txt"))
    for page in pages:
        assert (here.out / page).read_bytes() == (ahead.out / page).read_bytes(), page
    # The same warnings, at the same raw lines ("It is not fund" is trimmed).
    assert "trimmed a cut sentence nothing continues: 'It is not fund'" in here.warnings
    assert sorted(here.warnings.splitlines()) == sorted(ahead.warnings.splitlines())


def test_few_articles_or_a_parallel_build_merge_while_reading(tmp_path):
    src = tmp_path / "src"
    _site(src, MIN_ARTICLES - 1)
    few = Build(src, "text", out="few", mystitch_merge_workers=1)
    assert getattr(few.app, "mystitch_merged_ahead", 0) == 0
    _site(src, MIN_ARTICLES + 2)
    parallel = Build(src, "text", out="parallel", mystitch_merge_workers=1, parallel=2)
    assert getattr(parallel.app, "mystitch_merged_ahead", 0) == 0
    assert (parallel.out / "a000.txt").is_file()


def _jobs(tmp_path: Path, count: int) -> tuple[list, dict[str, str], MystitchConfig]:
    settings = MystitchConfig()
    jobs, texts = [], {}
    for n in range(count):
        text = _article(f"Article {n}", EN.format(n=n))
        path = tmp_path / f"a{n}.md"
        path.write_text(text, encoding="utf-8")
        entry, front = scan(f"a{n}", str(path), text, settings.max_terms)
        jobs.append((f"a{n}", (entry, settings, front)))
        texts[f"a{n}"] = text
    return jobs, texts, settings


def test_a_page_is_used_only_for_the_text_it_was_merged_from(tmp_path):
    jobs, texts, settings = _jobs(tmp_path, 3)
    ahead = Ahead(jobs, 1)
    try:
        entry = jobs[0][1][0]
        taken = ahead.take("a0", texts["a0"])
        assert taken == prepare(entry, texts["a0"], settings)
        # The file changed after the worker read it: the reader merges.
        assert ahead.take("a1", texts["a1"].replace("Monday", "Tuesday")) is None
        assert ahead.used == 1
    finally:
        ahead.close()


def test_a_document_read_out_of_order_is_merged_once(tmp_path):
    jobs, texts, _ = _jobs(tmp_path, 3)
    ahead = Ahead(jobs, 1)
    try:
        assert ahead.take("unknown", "text") is None
        assert ahead.take("a2", texts["a2"]) is not None
        assert ahead.take("a0", texts["a0"]) is not None
        assert ahead.used == 2
    finally:
        ahead.close()


def test_a_file_gone_before_the_worker_reads_it_is_merged_by_the_reader(tmp_path):
    jobs, texts, _ = _jobs(tmp_path, 2)
    Path(jobs[1][1][0].path).unlink()
    ahead = Ahead(jobs, 1)
    try:
        assert ahead.take("a0", texts["a0"]) is not None
        assert ahead.take("a1", texts["a1"]) is None
    finally:
        ahead.close()


@pytest.mark.parametrize(("setting", "workers"), [(0, 0), (3, 3), (-1, 0), ("many", 0), (True, 0)])
def test_worker_count(setting, workers):
    assert worker_count(setting) == workers


def test_auto_leaves_a_core_to_the_reader():
    assert 0 <= worker_count("auto") <= 2


def test_a_bad_worker_setting_is_a_config_warning(tmp_path):
    src = tmp_path / "src"
    _site(src, 2)
    build = Build(src, "text", mystitch_merge_workers="many")
    assert "mystitch_merge_workers = 'many' is neither 'auto' nor" in build.warnings


def test_a_number_given_on_the_command_line_is_a_number(tmp_path):
    # sphinx-build -D mystitch_merge_workers=0 hands the setting over as "0".
    src = tmp_path / "src"
    _site(src, MIN_ARTICLES + 1)
    build = Build(src, "text", mystitch_merge_workers="0")
    assert "mystitch_merge_workers" not in build.warnings
    assert getattr(build.app, "mystitch_merged_ahead", 0) == 0


def test_no_worker_processes_allowed_means_merging_while_reading(tmp_path, monkeypatch):
    import mystitch.ahead

    class NoProcesses(mystitch.ahead.ProcessPoolExecutor):
        def submit(self, *args, **kwargs):
            raise PermissionError("no new processes here")

    monkeypatch.setattr(mystitch.ahead, "ProcessPoolExecutor", NoProcesses)
    src = tmp_path / "src"
    _site(src, MIN_ARTICLES + 1)
    build = Build(src, "text", mystitch_merge_workers=1)
    assert getattr(build.app, "mystitch_merged_ahead", 0) == 0
    assert "Traceback" not in build.warnings
    page = (build.out / "a000.txt").read_text(encoding="utf-8")
    assert "road stays open." in page and "A second phase is planned." in page
