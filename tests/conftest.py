"""Shared fixtures and helpers for the mystitch test suite.

Every article used by the tests is written here or in the tests themselves;
the real articles in ``../shared/seeds`` are only read, never copied.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]  # the repository root
SEEDS = ROOT.parent / "shared" / "seeds"
MARKER = "---END---"


@pytest.fixture(autouse=True, scope="session")
def _signature_cache_in_tmp(tmp_path_factory):
    """mystitch-lint's signature cache goes to a tmp folder, never the user's
    (subprocesses inherit it)."""
    before = os.environ.get("MYSTITCH_CACHE_DIR")
    os.environ["MYSTITCH_CACHE_DIR"] = str(tmp_path_factory.mktemp("mystitch-cache"))
    yield
    if before is None:
        os.environ.pop("MYSTITCH_CACHE_DIR", None)
    else:
        os.environ["MYSTITCH_CACHE_DIR"] = before


# --- articles ---------------------------------------------------------------

FRONT_MATTER = """---
title: "{title}"
date: 2026-03-14 09:30:00 +0900
categories: ["技術"]
tags: ["AI", "半導体"]
author: "編集部"
excerpt: "要約です。"
reading_time: 4
---
"""


def write_file(path: Path, content: str | bytes) -> Path:
    """Write text (UTF-8) or bytes, making folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def article(body: str, title: str = "テスト記事") -> str:
    """A complete article: valid front matter, then ``body`` from line 11."""
    return FRONT_MATTER.format(title=title) + "\n" + body


JA_FIELDS: dict[str, object] = {
    "title": "小さな町の図書館が変わる理由",
    "date": "2026-02-03 10:00:00 +0900",
    "categories": ["地域"],
    "tags": ["図書館", "まちづくり"],
    "author": "山田花子",
    "excerpt": "地方の図書館が新しい役割を担い始めています。",
    "reading_time": 5,
}

EN_FIELDS: dict[str, object] = {
    "title": "Why Small Harbours Are Busy Again",
    "date": "2026-01-20 08:15:00 +0000",
    "categories": ["Economy"],
    "tags": ["shipping", "coast"],
    "author": "Jane Doe",
    "excerpt": "Small harbours are finding new work.",
    "reading_time": 6,
}

BODY_LINE = 11  # with the seven default fields: 9 lines of front matter, a blank line


def front_matter(fields: dict[str, object]) -> str:
    """A front-matter block; every value is written as JSON, which is YAML."""
    lines = ["---"]
    for key, value in fields.items():
        if isinstance(value, str) and value.startswith("RAW:"):
            lines.append(f"{key}: {value[4:]}")  # written as is, for broken values
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False, default=str)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def build_article(
    body: str,
    lang: str = "ja",
    *,
    drop: Iterable[str] = (),
    dedent: bool = True,
    **overrides: object,
) -> str:
    """Front matter (Japanese or English defaults, changed by ``overrides``,
    without the fields in ``drop``), a blank line, then ``body``.

    With the seven default fields the body starts on :data:`BODY_LINE`.
    """
    fields = dict(JA_FIELDS if lang == "ja" else EN_FIELDS)
    fields.update(overrides)
    for name in drop:
        fields.pop(name, None)
    if dedent:
        body = textwrap.dedent(body).lstrip("\n")
    return front_matter(fields) + "\n" + body


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """File line (1-based) of the ``nth`` line containing ``needle``."""
    hits = [n for n, line in enumerate(text.split("\n"), 1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} occurs on {len(hits)} lines, wanted #{nth}"
    return hits[nth - 1]


def lines_of(text: str, needle: str) -> list[int]:
    return [n for n, line in enumerate(text.split("\n"), 1) if needle in line]


def at(findings: Iterable[object], code: str) -> list[int]:
    """Sorted lines where ``code`` (or a code starting with it) was reported."""
    return sorted(f.line for f in findings if f.code.startswith(code))  # type: ignore[attr-defined]


def codes(findings: Iterable[object]) -> list[tuple[str, int]]:
    return sorted((f.code, f.line) for f in findings)  # type: ignore[attr-defined]


# --- fixtures ---------------------------------------------------------------


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture
def seeds(seeds_dir: Path) -> list[Path]:
    found = sorted(seeds_dir.glob("*.txt"))
    if not found:
        pytest.skip("../shared/seeds is empty")
    return found


PYPROJECT = """\
[project]
name = "site"
version = "0"

[tool.mystitch.lint]
exclude = ["drafts"]
"""


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    """A tmp project with a pyproject.toml; call it to write files into it.

    ``project("posts/a.md", text)`` writes the file (str or bytes) and returns
    its path; ``project.root`` is the project folder.
    """
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")

    def write(relative: str, content: str | bytes) -> Path:
        return write_file(tmp_path / relative, content)

    write.root = tmp_path  # type: ignore[attr-defined]
    return write


# --- golden files -----------------------------------------------------------

GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ files and the expectations of tests/rules/ fixtures "
        "from what the code gives today, instead of comparing with them",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def check_golden(name: str, text: str, update: bool = False, folder: Path = GOLDEN) -> None:
    """``text`` must be the content of ``folder/name``; ``update`` writes it instead."""
    path = folder / name
    if update:
        write_file(path, text)
        return
    if not path.is_file():
        pytest.fail(
            f"no golden file tests/golden/{name}; run pytest --update-golden to write it, "
            "then check and commit it",
            pytrace=False,
        )
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (
        f"output differs from tests/golden/{name} "
        "(pytest --update-golden rewrites it; review the diff)"
    )


@pytest.fixture
def golden(update_golden: bool) -> Callable[[str, str], None]:
    """``golden(name, text)``: ``text`` must be the content of ``tests/golden/<name>``.

    With ``pytest --update-golden`` the file is written instead (review the
    diff before committing it). A missing file is a failure, never a pass.
    """

    def check(name: str, text: str) -> None:
        check_golden(name, text, update_golden)

    return check


# --- Sphinx builds ----------------------------------------------------------


def sphinx_build(
    src: Path, builder: str = "html", out: Path | None = None, **kwargs: object
) -> tuple[Any, str]:
    """Build ``src`` in process with ``sphinx.testing``; the app and its warnings.

    The app is cleaned up whatever happens: docutils keeps directives and
    roles in globals, and a build that left them behind would make the next
    one warn that they are "already registered".
    """
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(builder, srcdir=src, builddir=out or src.parent / "build", **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    # Without colour: whether Sphinx colours its log is process-wide state
    # (``sphinx.util.console``) that an earlier test may have set either way.
    return app, _COLOUR.sub("", app._warning.getvalue())  # (Sphinx 7 has no public .warning)


_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def build_site() -> Callable[..., tuple[Any, str]]:
    """``build_site(src, builder="html", out=None, **SphinxTestApp options)``."""
    return sphinx_build
