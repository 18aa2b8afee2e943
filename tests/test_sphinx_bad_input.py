"""A site build survives what real pipelines write: one bad file costs itself.

Each case is one file in a project beside a good article. The build must
finish, name the file and line of the problem in a ``mystitch.*`` warning,
print no traceback, and still publish the good article and its tag page.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import sphinx_build

GOOD = "---\ntitle: Good article\ndate: 2026-01-01\ntags: [good]\n---\n\nA complete sentence.\n"


def _bomb() -> str:
    lines = ["---", "title: bomb", 'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, 9):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join([*lines, "---", "", "Text.", ""])


# name -> (file bytes, expected text in the warnings or None, published?)
CASES: dict[str, tuple[bytes, str | None, bool]] = {
    "empty": (b"", None, True),
    "whitespace": (b"  \n\n\t\n", None, True),
    "markers-only": (b"---END---\n---END---\n", None, True),
    "no-front-matter": (b"Just text.\n---END---\nMore text.\n", None, True),
    "never-closed": (b"---\ntitle: x\n\nbody\n", ":1: WARNING: front matter is never closed", True),
    "bad-yaml": (
        b"---\ntitle: [oops\n---\n\nText.\n",
        ":3: WARNING: front matter YAML does not parse",
        True,
    ),
    "alias-bomb": (_bomb().encode(), ":2: WARNING: front matter YAML aliases expand to", True),
    "python-tag": (
        b'---\ntitle: !!python/object/apply:os.system ["echo pwned"]\n---\n\nText.\n',
        ":2: WARNING: front matter YAML does not parse: unsafe YAML tag refused",
        True,
    ),
    "bom": (
        "\ufeff---\ntitle: BOM\ntags: [bom]\n---\n\nText.\n".encode(),
        None,
        True,
    ),
    "crlf": (
        b"---\r\ntitle: CRLF\r\ntags: [crlf]\r\n---\r\n\r\nText.\r\n---END---\r\n",
        None,
        True,
    ),
    "latin-1": (
        "---\ntitle: café\n---\n\nCafé.\n".encode("latin-1"),
        ":2: WARNING: not UTF-8: byte 0xe9 cannot be decoded",
        False,
    ),
    "utf-16": ("---\ntitle: x\n---\n".encode("utf-16"), ":1: WARNING: UTF-16 text", False),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00IHDR", ":3: WARNING: binary file", False),
    "null-tags": (b"---\ntitle: Null tags\ntags: null\ncategories: 42\n---\n\nText.\n", None, True),
    "nested-tags": (
        b"---\ntitle: Nested\ntags: [[a, [b]], {c: 1}]\n---\n\nText.\n",
        ":3: WARNING: tags: a dict is not a name; skipped",
        True,
    ),
    "many-tags": (
        (
            "---\ntitle: Many\ntags: ["
            + ", ".join(f"t{n}" for n in range(5000))
            + "]\n---\n\nText.\n"
        ).encode(),
        ":3: WARNING: tags: 5,000 entries; the first 100 are kept",
        True,
    ),
    "odd-date": (
        b"---\ntitle: Odd date\ndate: 2026-13-45\n---\n\nText.\n",
        ":3: WARNING: date: '2026-13-45' is not a date",
        True,
    ),
    "japanese-date": (
        b"---\ntitle: JP date\ndate: 2026\xe5\xb9\xb43\xe6\x9c\x881\xe6\x97\xa5\n---\n\nText.\n",
        None,
        True,
    ),
    "nested-list": (
        b"---\ntitle: Deep\n---\n\n" + b"".join(b"  " * i + b"- item\n" for i in range(200)),
        None,
        True,
    ),
    "long-line": (b"---\ntitle: Wide\n---\n\n" + b"word " * 200_000 + b"\n", None, True),
    "20-mb": (
        b"---\ntitle: Huge\n---\n\n" + b"A sentence of a huge article.\n" * 700_000,
        ":1: WARNING: file is larger than 10 MB; this document is not published",
        False,
    ),
}


def _build(src: Path, **kwargs: object) -> tuple[Any, str]:
    return sphinx_build(src, "html", **kwargs)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_costs_only_itself(tmp_path, case):
    data, expected, published = CASES[case]
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["mystitch"]\n', encoding="utf-8")
    (src / "good.md").write_text(GOOD, encoding="utf-8")
    (src / f"{case}.md").write_bytes(data)
    before = {p.name: p.read_bytes() for p in src.iterdir()}
    app, warnings = _build(src)
    out = Path(app.outdir)
    assert "Traceback" not in warnings
    assert (out / "good.html").exists() and (out / "tags" / "good.html").exists()
    assert "Good article" in (out / "tags" / "good.html").read_text(encoding="utf-8")
    assert (out / f"{case}.html").exists() == published
    if expected:
        assert f"{case}.md{expected}" in warnings, warnings
    assert {p.name: p.read_bytes() for p in src.iterdir()} == before


def test_unreadable_file_and_symlink_loop(tmp_path):
    src = tmp_path / "src"
    (src / "loop").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["mystitch"]\n', encoding="utf-8")
    (src / "good.md").write_text(GOOD, encoding="utf-8")
    (src / "loop" / "again").symlink_to(src / "loop", target_is_directory=True)
    locked = src / "locked.md"
    locked.write_text(GOOD.replace("Good article", "Locked"), encoding="utf-8")
    locked.chmod(0)
    try:
        app, warnings = _build(src)
    finally:
        locked.chmod(0o644)
    out = Path(app.outdir)
    assert "Traceback" not in warnings
    assert (out / "good.html").exists()
    if not os.access(locked, os.R_OK) or os.geteuid() != 0:
        assert "locked" in warnings  # Sphinx itself skips an unreadable document
