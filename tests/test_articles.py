"""Articles and pages: which files get the generator's rules in full (lint/articles.py).

The rule examples under tests/rules/ show what each rule says on articles and
pages; these tables pin the decision itself and the markup the linter does not
read as prose.
"""

from __future__ import annotations

import pytest
from conftest import build_article

from mystitch.lint import LintConfig, lint_text, parse_document
from mystitch.lint.articles import Standing, markup_paragraphs, standing


def _standing(text: str, config: LintConfig | None = None, path: str = "posts/a.md") -> Standing:
    return standing(parse_document(path, text), config or LintConfig())


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("", Standing.PAGE),  # no front matter
        ("---\ntitle: Guide\n---\n", Standing.PAGE),  # a title alone
        ("---\njupytext:\n  formats: md:myst\nkernelspec:\n  name: python3\n---\n", Standing.PAGE),
        ("---\nmyst:\n  substitutions:\n    key: value\n---\n", Standing.PAGE),
        ("---\nhtml_meta:\n  description: x\n---\n", Standing.PAGE),
        (
            '---\ntitle: "t"\nemoji: "🦀"\ntype: tech\ntopics: [rust]\npublished: true\n---\n',
            Standing.PAGE,
        ),
        ("---\nlayout: post\ntitle: t\n---\n", Standing.POST),  # an article, another schema
        ("---\ntitle: t\ndate: 2025-01-01\nauthor: a\n---\n", Standing.POST),
        ("---\ntitle: t\ndate: 2025-01-01\nauthor: a\ntags: [x]\n---\n", Standing.ARTICLE),
        ("---\ntitle: [unclosed\n---\n", Standing.ARTICLE),  # broken: FM002 says why
    ],
)
def test_front_matter_decides_without_the_articles_setting(front, expected):
    assert _standing(front + "\nBody text.\n") is expected


def test_markers_make_an_article_whatever_the_setting_says():
    text = "A piece the generator cut\n---END---\nand the next one.\n"
    assert _standing(text) is Standing.GENERATED
    assert _standing(text, LintConfig(articles=("elsewhere/**",))) is Standing.GENERATED


def test_the_articles_setting_names_articles_and_makes_the_rest_pages():
    config = LintConfig(articles=("posts/**",))
    assert _standing("# Guide\n\nNo front matter.\n", config, "posts/a.md") is Standing.GENERATED
    dated = build_article("本文です。\n")
    assert _standing(dated, config, "docs/a.md") is Standing.PAGE
    # A page named by the setting owes front matter; FM001 says so.
    codes = [
        f.code for f in lint_text("# Guide\n\nNo front matter.\n", LintConfig(articles=("*",)))
    ]
    assert codes == ["FM001"]


def test_a_page_gets_no_front_matter_rule():
    zenn = '---\ntitle: "t"\nemoji: "🦀"\ntopics: [rust]\n---\n\nBody.\n'
    assert lint_text(zenn) == []
    assert lint_text("# Guide\n\nBody.\n") == []


@pytest.mark.parametrize(
    "markup",
    [
        "The following settings are available:\n\n```toml\nx = 1\n```",
        '!!! note "Read this first, it matters more than the rest"\n\n    Indented.',
        "/// tip | A title for the tip\n\nText in the tip is the tip's.\n\n///",
        '=== "A tab with a long title"\n\n    Indented.',
        "{* ../../docs_src/tutorial001_py310.py hl[2:6] *}",
        "{ .annotate }",
        '<span class="filename">Filename: src/main.rs</span>',
        "May 27 - 31, 2025. In-person in Athens, Greece",
        "<details>\n<summary>More</summary>\n\nA paragraph inside the details.\n\n</details>",
    ],
)
def test_markup_is_not_prose(markup):
    document = parse_document("a.md", "Some prose comes first.\n\n" + markup + "\n")
    markup_ids = markup_paragraphs(document)
    paragraphs = [b for b in document.blocks() if b.is_prose]
    assert paragraphs[0].text == "Some prose comes first."
    assert all(id(b) in markup_ids for b in paragraphs[1:]) and len(paragraphs) > 1


def test_a_lead_in_with_nothing_to_introduce_is_prose():
    # At a cut, the colon introduces what the generator never wrote: TRN001's to report.
    document = parse_document("a.md", "Prose first.\n\nThe settings are:\n")
    assert markup_paragraphs(document) == set()
