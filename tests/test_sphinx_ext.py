"""The Sphinx extension, built with sphinx.testing: articles merged at read time."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import sphinx
from conftest import sphinx_build

RAW_JA = """---
title: "新しい港の計画"
date: 2026-03-14 09:30:00 +0900
categories: ["地域"]
tags: ["港湾", "物流"]
author: "編集部"
excerpt: "港の新しい計画の要点です。"
---

新しい港の計画

神戸の新しい港は来年に着工します。完成は三年後の見込みで、工事中も既存の
---END---
既存の岸壁は通常どおり使えます。地元では期待の声が上がっています。

地元では期待の声が上がっています。

一方で、費用の見通しはまだ
---END---
"""

PLAIN = "# About\n\nThis page is not an article; it has no front matter.\n"


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["mystitch"]\n', encoding="utf-8")
    (src / "index.md").write_text("# Site\n\n```{toctree}\nport\nabout\n```\n", encoding="utf-8")
    (src / "port.md").write_text(RAW_JA, encoding="utf-8")
    (src / "about.md").write_text(PLAIN, encoding="utf-8")
    return src


# Sphinx prints a warning's type after it from 8.0 on (show_warning_types).
TYPES_SHOWN = sphinx.version_info >= (8, 0)


def _warnings(app: Any) -> str:
    # Sphinx 7 names the warning stream _warning, Sphinx 8 warning.
    return (getattr(app, "warning", None) or app._warning).getvalue()


def _build(src: Path, builder: str, **overrides: object) -> Any:
    # The build folder is outside the source folder, so the check that the
    # source is untouched sees every byte Sphinx and the extension write.
    builddir = src.parent / f"build-{builder}-{len(overrides)}"
    app, _ = sphinx_build(src, builder, builddir, confoverrides=overrides or None)
    return app


def test_article_is_merged_with_a_byline_and_the_source_is_untouched(project):
    before = _snapshot(project)
    app = _build(project, "text")
    page = (Path(app.outdir) / "port.txt").read_text(encoding="utf-8")
    flat = page.replace("\n", "")  # the text builder wraps lines
    assert "---END---" not in page
    assert (
        "工事中も既存の岸壁は通常どおり使えます。" in flat
    )  # the restart inside the cut reads through
    assert "既存の既存の" not in flat
    assert page.count("地元では期待の声が上がっています。") == 1
    assert "費用の見通しはまだ" not in page  # trimmed
    assert "2026-03-14 · 編集部 · 約1分" in page
    assert "タグ: 港湾, 物流" in page
    assert _snapshot(project) == before


def test_unrecoverable_cut_is_a_typed_warning_with_file_and_line(project):
    app = _build(project, "html")
    warnings = _warnings(app)
    assert (
        "port.md:18: WARNING: trimmed a cut sentence nothing continues: '一方で、費用の見通しはまだ'"
        in warnings
    )
    assert "[mystitch.merge]" in warnings or not TYPES_SHOWN
    quiet = _build(project, "html", suppress_warnings=["mystitch.merge"])
    assert "trimmed" not in _warnings(quiet)


def test_excerpt_is_the_meta_description_and_plain_pages_are_left_alone(project):
    app = _build(project, "html")
    html = (Path(app.outdir) / "port.html").read_text(encoding="utf-8")
    assert '<meta content="港の新しい計画の要点です。" name="description" />' in html
    about = (Path(app.outdir) / "about.html").read_text(encoding="utf-8")
    assert "mystitch-byline" not in about and "This page is not an article" in about


def test_lint_findings_as_warnings_when_asked(project):
    app = _build(project, "html", mystitch_lint=True)
    warnings = _warnings(app)
    assert "FRG001 fragment marker" in warnings
    assert "[mystitch.lint]" in warnings or not TYPES_SHOWN


def test_articles_glob_narrows_what_is_merged(project):
    app = _build(project, "text", mystitch_articles=["news/**"])
    page = (Path(app.outdir) / "port.txt").read_text(encoding="utf-8")
    assert "---END---" in page  # not an article by the glob: left as written


def test_parallel_build_gives_the_same_pages(project, tmp_path):
    serial = _build(project, "text")
    first = (Path(serial.outdir) / "port.txt").read_text(encoding="utf-8")
    app, _ = sphinx_build(project, "text", tmp_path / "parallel", parallel=2)
    assert (Path(app.outdir) / "port.txt").read_text(encoding="utf-8") == first


def test_txt_articles_are_read_and_other_txt_files_are_not(project):
    (project / "saved.txt").write_text(
        RAW_JA.replace("新しい港の計画", "保存形式の記事"), encoding="utf-8"
    )
    (project / "notes.txt").write_text("plain notes, not a page\n", encoding="utf-8")
    (project / "index.md").write_text(
        "# Site\n\n```{toctree}\nport\nabout\nsaved\n```\n", encoding="utf-8"
    )
    app = _build(project, "text")
    out = Path(app.outdir)
    saved = (out / "saved.txt").read_text(encoding="utf-8")
    assert saved.startswith("保存形式の記事") and "---END---" not in saved
    assert not (out / "notes.txt").exists()
    assert "notes" not in _warnings(app)


def test_section_headings_start_at_level_two_under_the_title(project):
    text = RAW_JA.replace(
        "地元では期待の声が上がっています。\n\n一方",
        "地元では期待の声が上がっています。\n\n### 費用\n\n総額は未定です。\n\n#### 内訳\n\n内訳も未定です。\n\n一方",
    )
    (project / "port.md").write_text(text, encoding="utf-8")
    app = _build(project, "html")
    html = (Path(app.outdir) / "port.html").read_text(encoding="utf-8")
    assert "<h2>費用" in html and "<h3>内訳" in html
    assert "Non-consecutive header level" not in _warnings(app)
