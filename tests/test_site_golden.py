"""Golden site: what the text builder writes for a small site of raw articles.

The raw articles are those of ``tests/golden/merge`` (Japanese and English,
each cut and repeated one way a generator does), with the one-line
``conf.py`` and a project name. Every page Sphinx writes — articles, tag,
category and archive pages, the home page — must be ``tests/golden/site/``
byte for byte, and the build's warnings too. After a deliberate change,
``pytest tests/test_site_golden.py --update-golden`` rewrites the files;
read the diff before committing it.
"""

from __future__ import annotations

import re
import shutil

from conftest import GOLDEN, write_file

RAW = sorted((GOLDEN / "merge").glob("*.raw.md"))


def test_the_text_of_every_page(tmp_path, build_site, golden, update_golden):
    src = tmp_path / "src"
    for raw in RAW:
        # "cut-continued.ja.raw.md" is the article "cut-continued-ja".
        name = raw.name.removesuffix(".raw.md").replace(".", "-")
        src.mkdir(exist_ok=True)
        shutil.copy(raw, src / f"{name}.md")
    write_file(src / "conf.py", 'extensions = ["mystitch"]\nproject = "Golden News"\n')
    out = tmp_path / "build"
    _, warnings = build_site(src, "text", out)
    pages = sorted(p for p in (out / "text").rglob("*.txt") if "_sources" not in p.parts)
    assert len(pages) > len(RAW)  # the articles and the pages made from them
    written = {p.relative_to(out / "text").as_posix() for p in pages}
    if not update_golden:
        kept = {
            p.relative_to(GOLDEN / "site").as_posix()
            for p in (GOLDEN / "site").rglob("*.txt")
            if p.name != "warnings.txt"
        }
        assert written == kept, "pages added or gone (pytest --update-golden rewrites them)"
    for page in pages:
        name = page.relative_to(out / "text").as_posix()
        golden(f"site/{name}", page.read_text(encoding="utf-8"))
    # Warnings name the raw file and line; the temporary folder is left out,
    # and so is the " [type.subtype]" Sphinx 8 adds (Sphinx 7 prints none).
    plain = re.sub(r"\x1b\[[0-9;]*m", "", warnings).replace(str(src) + "/", "")
    plain = re.sub(r" \[[\w.]+\]$", "", plain, flags=re.MULTILINE)
    golden("site/warnings.txt", plain)
