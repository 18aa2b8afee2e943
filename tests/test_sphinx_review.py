"""``mystitch_review_path``: each article's review page, published out of every index.

Built with sphinx.testing. The pages are static files of the HTML output
(``_review/<docname>.html``), one per article that arrived in pieces: no
toctree, list, search index or feed knows them, each says ``noindex``, and
they are written when their article is read, from the merge the reader
made; an article that is gone, or has no pieces any more, loses its page.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mystitch.ahead import MIN_ARTICLES
from tests.test_sphinx_site import Build, _article, _write

CUT = (
    "The council approved plan number {n} on Monday. Work starts in the spring and the\n"
    "---END---\nWork starts in the spring and the road stays open.\n---END---\n"
    "A second phase is planned. It is not fund\n---END---\n"
)
WHOLE = "This article came in one piece. Nothing was cut.\n"
REVIEW = {"mystitch_review_path": "_review"}


def _site(src: Path, count: int = 3) -> None:
    files = {
        "conf.py": 'extensions = ["mystitch"]\nhtml_baseurl = "https://example.org/"\n',
        "index.md": "# Home\n\n```{toctree}\nabout\n```\n\n```{mystitch-articles}\n```\n",
        "about.md": "# About\n\nA page of the project's own.\n",
        "whole.md": _article("In one piece", WHOLE, date="2026-02-01", tags='["t"]'),
    }
    for n in range(count):
        files[f"news/a{n}.md"] = _article(
            f"Article {n}", CUT.format(n=n), date=f"2026-01-{n + 1:02}", tags='["t"]'
        )
    _write(src, files)


def _reviews(out: Path) -> list[str]:
    folder = out / "_review"
    return (
        sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
        if folder.is_dir()
        else []
    )


def test_review_pages_are_written_for_articles_in_pieces_and_known_to_nothing(tmp_path):
    src = tmp_path / "src"
    _site(src)
    build = Build(src, **REVIEW)
    said = [line for line in build.warnings.splitlines() if "WARNING" in line]
    assert said and all("trimmed a cut sentence nothing continues" in line for line in said)
    assert _reviews(build.out) == ["news", "news/a0.html", "news/a1.html", "news/a2.html"]
    page = (build.out / "_review" / "news" / "a1.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "Content-Security-Policy" in page and "<script" not in page
    assert "Merge review: news/a1.md" in page  # the docname, not a path of this machine
    assert str(tmp_path) not in page
    assert '<a href="../../news/a1.html">the published page</a>' in page
    assert "It is not fund" in page and "trimmed a cut sentence nothing continues" in page
    # No page, search index, feed or inventory of the site names them.
    for path in build.out.rglob("*"):
        if path.is_file() and "_review" not in path.parts and path.suffix != ".pickle":
            assert b"_review" not in path.read_bytes(), path
    assert (build.out / "searchindex.js").is_file() and (build.out / "feeds" / "atom.xml").is_file()


def test_without_the_setting_or_with_another_builder_no_page_is_written(tmp_path):
    src = tmp_path / "src"
    _site(src)
    assert not (Build(src).out / "_review").exists()
    text = Build(src, "text", out="build-text", **REVIEW)
    assert not (text.out / "_review").exists()


def test_an_incremental_build_writes_the_pages_of_the_articles_it_read_and_removes_the_gone(
    tmp_path,
):
    src = tmp_path / "src"
    _site(src)
    first = Build(src, **REVIEW)
    pages = first.out / "_review" / "news"
    stamps = {name: os.stat(pages / name).st_mtime_ns for name in ("a0.html", "a1.html")}
    again = Build(src, **REVIEW)
    assert again.read == []  # nothing changed, nothing read, nothing written
    assert {name: os.stat(pages / name).st_mtime_ns for name in stamps} == stamps
    # One article changes, one loses its pieces, one is gone.
    (src / "news" / "a0.md").write_text(
        _article("Article 0", CUT.format(n=0).replace("road", "bridge"), date="2026-01-01"),
        encoding="utf-8",
    )
    (src / "news" / "a1.md").write_text(
        _article("Article 1", WHOLE, date="2026-01-02"), encoding="utf-8"
    )
    (src / "news" / "a2.md").unlink()
    third = Build(src, **REVIEW)
    assert {"news/a0", "news/a1"} <= set(third.read)
    assert _reviews(third.out) == ["news", "news/a0.html"]
    assert "bridge stays open" in (pages / "a0.html").read_text(encoding="utf-8")
    # Turned off, every page goes.
    off = Build(src, mystitch_review_path="")
    assert _reviews(off.out) == ["news"]


def test_a_fresh_output_folder_or_another_builder_before_gets_every_page(tmp_path):
    src = tmp_path / "src"
    _site(src)
    # The text builder reads every article into the shared environment, and
    # writes no review page; the HTML build reads them again for their pages.
    Build(src, "text", out="shared", **REVIEW)
    html = Build(src, "html", out="shared", **REVIEW)
    assert {"news/a0", "news/a1", "news/a2"} <= set(html.read)
    assert "whole" not in html.read and "about" not in html.read  # nothing to review there
    assert _reviews(html.out) == ["news", "news/a0.html", "news/a1.html", "news/a2.html"]
    (html.out / "_review" / "news" / "a2.html").unlink()
    again = Build(src, "html", out="shared", **REVIEW)
    assert again.read == ["news/a2"]
    assert (again.out / "_review" / "news" / "a2.html").is_file()


def test_a_parallel_build_and_merging_ahead_write_the_same_pages(tmp_path):
    src = tmp_path / "src"
    _site(src, MIN_ARTICLES + 2)
    serial = Build(src, out="serial", mystitch_merge_workers=0, **REVIEW)
    parallel = Build(src, out="parallel", parallel=2, **REVIEW)
    ahead = Build(src, out="ahead", mystitch_merge_workers=1, **REVIEW)
    assert ahead.app.mystitch_merged_ahead == MIN_ARTICLES + 3  # "whole" is an article too
    names = _reviews(serial.out)
    assert len(names) == MIN_ARTICLES + 3  # the folder and a page per article in pieces
    for build in (parallel, ahead):
        assert _reviews(build.out) == names
        for name in names[1:]:
            assert (build.out / "_review" / name).read_bytes() == (
                serial.out / "_review" / name
            ).read_bytes(), name
    # Removing an article after a parallel build: its page goes too.
    (src / "news" / "a3.md").unlink()
    assert "news/a3.html" not in _reviews(Build(src, out="parallel", parallel=2, **REVIEW).out)


def test_dirhtml_links_the_published_page(tmp_path):
    src = tmp_path / "src"
    _site(src, 1)
    build = Build(src, "dirhtml", **REVIEW)
    page = (build.out / "_review" / "news" / "a0.html").read_text(encoding="utf-8")
    assert '<a href="../../news/a0/">the published page</a>' in page


@pytest.mark.parametrize(
    ("folder", "said"),
    [
        ("news", "the document 'news/a0' is"),
        ("tags", "mystitch_tags_path puts its pages"),
        ("_static/review", "Sphinx puts its own files"),
        ("../up", "is not a relative folder name"),
    ],
)
def test_a_folder_that_is_taken_is_a_warning_and_no_page_is_written(tmp_path, folder, said):
    src = tmp_path / "src"
    _site(src, 1)
    build = Build(src, mystitch_review_path=folder)
    assert said in build.warnings
    assert not list(build.out.rglob("a0.html.tmp"))
    assert "Merge review" not in "".join(
        p.read_text(encoding="utf-8") for p in build.out.rglob("*.html")
    )


def test_a_fresh_environment_sweeps_the_pages_of_articles_that_are_gone(tmp_path):
    src = tmp_path / "src"
    _site(src)
    first = Build(src, **REVIEW)
    (src / "news" / "a2.md").unlink()
    (first.out / "_review" / "stray.html").write_text("left by hand\n", encoding="utf-8")
    (first.out / "_review" / "notes.txt").write_text("not a page\n", encoding="utf-8")
    shutil.rmtree(first.out.parent / "doctrees")  # as sphinx-build -E: nothing is remembered
    fresh = Build(src, **REVIEW)
    assert _reviews(fresh.out) == ["news", "news/a0.html", "news/a1.html", "notes.txt"]
