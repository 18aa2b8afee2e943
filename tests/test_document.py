"""The document model: front matter, fragments, markers and blocks with file lines."""

from __future__ import annotations

import textwrap

from conftest import BODY_LINE, build_article, line_of

from mystitch.lint import Kind, Role, lint_paths, lint_text, parse_document
from mystitch.lint.config import LintConfig
from mystitch.lint.files import read_source
from mystitch.lint.text import comparison_key


def _blocks(document):
    return [(b.kind, b.line, b.end_line) for b in document.blocks()]


# --- front matter -----------------------------------------------------------


def test_front_matter_lines_and_body_offset():
    text = build_article("本文の最初の段落です。\n")
    document = parse_document("a.md", text)
    front = document.front_matter
    assert front.present and front.error is None
    assert (front.start_line, front.end_line, front.body_line) == (1, 9, 10)
    assert front.key_lines["title"] == 2
    assert front.key_lines["reading_time"] == 8
    assert front.data["tags"] == ["図書館", "まちづくり"]
    assert document.title == "小さな町の図書館が変わる理由"
    [block] = list(document.blocks())
    assert (block.kind, block.line, block.end_line) == (Kind.PARAGRAPH, BODY_LINE, BODY_LINE)


def test_no_front_matter_means_the_body_starts_on_line_1():
    document = parse_document("a.md", "# Title\n\nText here.\n")
    assert not document.front_matter.present
    assert document.front_matter.body_line == 1
    assert _blocks(document) == [(Kind.HEADING, 1, 1), (Kind.PARAGRAPH, 3, 3)]


def test_a_horizontal_rule_later_in_the_file_is_not_front_matter():
    document = parse_document("a.md", "Text first.\n\n---\n\nMore text.\n")
    assert not document.front_matter.present
    assert [b.kind for b in document.blocks()] == [Kind.PARAGRAPH, Kind.RULE, Kind.PARAGRAPH]


def test_unclosed_front_matter_takes_the_file_and_reports_line_1():
    document = parse_document("a.md", "---\ntitle: x\n\nbody text\n")
    assert document.front_matter.present
    assert document.front_matter.error is not None
    assert document.front_matter.error.line == 1
    assert list(document.blocks()) == []


# --- fragments and markers --------------------------------------------------


def test_fragments_and_marker_lines():
    text = build_article(
        "最初の断片です。途中で\n\n---END---\n切れた続きです。次の文もあります。\n"
        "---END---   \n最後の断片です。\n"
    )
    document = parse_document("a.md", text)
    m1 = line_of(text, "---END---")
    m2 = line_of(text, "---END---", 2)
    assert [m.line for m in document.markers] == [m1, m2]
    assert document.markers[1].text == "---END---   "  # trailing blanks still a marker
    assert [(f.index, f.line, f.end_line) for f in document.fragments] == [
        (0, 10, m1 - 1),
        (1, m1 + 1, m2 - 1),
        (2, m2 + 1, m2 + 1),
    ]
    assert [f.marker.line if f.marker else None for f in document.fragments] == [m1, m2, None]
    assert [b.line for b in document.blocks()] == [BODY_LINE, m1 + 1, m2 + 1]
    assert [b.fragment for b in document.blocks()] == [0, 1, 2]


def test_only_a_whole_marker_line_is_a_marker():
    text = build_article(
        """\
        The text mentions ---END--- in passing.

         ---END---

        ---END--- and more
        ---end---
        """,
        lang="en",
    )
    document = parse_document("a.md", text)
    assert document.markers == []
    assert len(document.fragments) == 1


def test_a_marker_right_after_the_front_matter_makes_an_empty_fragment():
    text = build_article("---END---\nBody after the marker.\n", lang="en")
    document = parse_document("a.md", text)
    assert [m.line for m in document.markers] == [BODY_LINE]
    assert document.fragments[0].blocks == []
    assert [(b.kind, b.line) for b in document.fragments[1].blocks] == [
        (Kind.PARAGRAPH, BODY_LINE + 1)
    ]


def test_a_marker_inside_an_unclosed_code_fence_still_splits():
    text = build_article(
        """\
        コードの例です。

        ```python
        def main():
            print("途中
        ---END---
        続きの段落はコードではありません。

        ```python
        def main():
            print("完全")
        ```
        """
    )
    document = parse_document("a.md", text)
    marker = line_of(text, "---END---")
    assert [m.line for m in document.markers] == [marker]
    first, second = document.fragments
    assert [(b.kind, b.line, b.end_line) for b in first.blocks] == [
        (Kind.PARAGRAPH, BODY_LINE, BODY_LINE),
        (Kind.CODE, BODY_LINE + 2, marker - 1),
    ]
    assert [(b.kind, b.line, b.end_line) for b in second.blocks] == [
        (Kind.PARAGRAPH, marker + 1, marker + 1),
        (Kind.CODE, marker + 3, marker + 6),
    ]
    assert second.blocks[0].text == "続きの段落はコードではありません。"
    assert "FRG001" in {f.code for f in lint_text(text) if f.line == marker}


def test_a_marker_in_a_custom_pattern():
    text = build_article("Part one is here.\n<<<CUT>>>\nPart two is here.\n", lang="en")
    plain = parse_document("a.md", text)
    custom = parse_document("a.md", text, marker=r"^<<<CUT>>>$")
    assert plain.markers == []
    assert [m.line for m in custom.markers] == [BODY_LINE + 1]
    findings = lint_text(text, LintConfig(marker=r"^<<<CUT>>>$"))
    assert [(f.code, f.line) for f in findings if f.code == "FRG001"] == [("FRG001", 12)]


# --- blocks -----------------------------------------------------------------

MIXED = textwrap.dedent(
    """\
    # Harbour notes

    (harbour-target)=
    ## Boats

    A paragraph that runs
    over two lines.

    - first item
    - second item
      - nested item
    - third item

    1. one
    2. two

    | Port | Ships |
    |------|-------|
    | Oban | 12    |

    ```bash
    pip install harbour
    ```

        indented code

    <div class="note">
    <p>Raw HTML.</p>
    </div>

    > A quoted line
    > and its second line.

    ***

    :::{note}
    A MyST directive.
    :::

    $$
    x = 1
    $$
    """
)


def test_block_kinds_and_file_lines():
    text = build_article(MIXED, lang="en")
    document = parse_document("a.md", text)
    o = BODY_LINE - 1  # file line = MIXED line + o
    assert _blocks(document) == [
        (Kind.HEADING, 1 + o, 1 + o),
        (Kind.OTHER, 3 + o, 3 + o),
        (Kind.HEADING, 4 + o, 4 + o),
        (Kind.PARAGRAPH, 6 + o, 7 + o),
        (Kind.LIST, 9 + o, 12 + o),
        (Kind.LIST, 14 + o, 15 + o),
        (Kind.TABLE, 17 + o, 19 + o),
        (Kind.CODE, 21 + o, 23 + o),
        (Kind.CODE, 25 + o, 25 + o),
        (Kind.HTML, 27 + o, 29 + o),
        (Kind.QUOTE, 31 + o, 32 + o),
        (Kind.RULE, 34 + o, 34 + o),
        (Kind.DIRECTIVE, 36 + o, 38 + o),
        (Kind.MATH, 40 + o, 42 + o),
    ]
    blocks = list(document.blocks())
    assert [b.level for b in blocks if b.kind is Kind.HEADING] == [1, 2]
    assert blocks[3].text == "A paragraph that runs\nover two lines."
    assert blocks[3].role is Role.PROSE
    bullets = blocks[4]
    assert [(i.line, i.text) for i in bullets.items] == [
        (9 + o, "first item"),
        (10 + o, "second item\nnested item"),
        (12 + o, "third item"),
    ]
    assert blocks[10].text == "A quoted line\nand its second line."
    assert document.prose() == [blocks[3]]


def test_paragraph_roles_label_links_and_title():
    text = build_article(
        """\
        Why Small Harbours Are Busy Again

        **Key points**

        **The harbour master said so.**

        [![build](https://img.shields.io/badge/a-b-green)](https://example.com) · [Docs](https://example.com/docs)

        An ordinary sentence with a [link](https://example.com) inside.
        """,
        lang="en",
    )
    roles = [b.role for b in parse_document("a.md", text).blocks()]
    assert roles == [Role.TITLE, Role.LABEL, Role.PROSE, Role.LINKS, Role.PROSE]


def test_japanese_bold_label_after_a_closing_bracket_is_a_label():
    text = build_article("**「図書館」の役割**\n\n本文の段落です。\n")
    first = next(parse_document("a.md", text).blocks())
    assert first.role is Role.LABEL and first.is_heading_like


def test_a_bold_line_that_is_one_link_is_a_link_not_a_label():
    """ "**[CHIPS について詳しく見る](/docs/chips/)**" at a section's end is a
    link to follow; a bold line with a link in it is still a label."""
    text = build_article(
        "本文の段落です。\n\n**[CHIPS について詳しく見る](/docs/chips/)**\n\n"
        "**[CHIPS](/docs/chips/) の使い方**\n\n次の段落です。\n"
    )
    roles = [b.role for b in parse_document("a.md", text).blocks()]
    assert roles == [Role.PROSE, Role.LINKS, Role.LABEL, Role.PROSE]


def test_plain_text_and_key_drop_markup_width_and_spacing():
    text = build_article("**ＡＩ** と `code` の\n[説明](https://example.com)です。\n")
    block = next(parse_document("a.md", text).blocks())
    assert block.text == "ＡＩ と code の\n説明です。"
    assert block.key == comparison_key("AI と code の 説明です。") == "aiとcodeの説明です。"


# --- reading files ----------------------------------------------------------


def test_read_source_strips_a_bom_and_crlf(tmp_path):
    text = build_article("First paragraph.\n---END---\nSecond one.\n", lang="en")
    path = tmp_path / "crlf.md"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    source = read_source(str(path))
    assert source.problems == ()
    assert source.text == text
    document = parse_document(str(path), source.text)
    assert document.front_matter.present and document.front_matter.error is None
    assert [m.line for m in document.markers] == [BODY_LINE + 1]
    findings = lint_paths([str(path)], LintConfig()).findings
    assert [(f.code, f.line) for f in findings] == [("FRG001", BODY_LINE + 1)]


def test_read_source_handles_old_mac_line_endings(tmp_path):
    text = build_article("Only paragraph.\n", lang="en")
    path = tmp_path / "cr.md"
    path.write_bytes(text.replace("\n", "\r").encode("utf-8"))
    assert read_source(str(path)).text == text


def test_lint_text_accepts_crlf():
    text = build_article("段落です。途中で\n---END---\n", lang="ja")
    findings = lint_text(text.replace("\n", "\r\n"))
    assert [(f.code, f.line) for f in findings] == [
        ("TRN001", BODY_LINE),
        ("FRG001", BODY_LINE + 1),
    ]


def test_a_lone_carriage_return_is_a_line_break_for_the_lines_too():
    # Files are read with newlines made "\n"; an API caller may pass "\r" through.
    document = parse_document("api.md", "<\r<\r\n---END---\rrest\n")
    assert len(document.fragments) == 2
    assert [m.line for m in document.markers] == [3]


def test_a_jekyll_highlight_block_is_one_code_block():
    """ "{% highlight ruby %}" … "{% endhighlight %}": code, not paragraphs
    (a method shown twice is no repeated paragraph, a line of code no cut
    sentence); a fragment that opens inside one has code up to its close."""
    text = (
        "Intro text.\n\n{% highlight ruby %}\ndef foo(a)\n  p a\nend\n\nfoo(1)\n"
        "{% endhighlight %}\nAfter the code.\n\nfoo(2)\n"
        "---END---\nfoo(1)\n{% endhighlight %}\n\nAfter the code.\n"
    )
    fragments = parse_document("<t>", text).fragments
    kinds = [[(b.kind, b.line, b.end_line) for b in f.blocks] for f in fragments]
    assert kinds == [
        [
            (Kind.PARAGRAPH, 1, 1),
            (Kind.CODE, 3, 9),
            (Kind.PARAGRAPH, 10, 10),
            (Kind.PARAGRAPH, 12, 12),
        ],
        [(Kind.CODE, 14, 15), (Kind.PARAGRAPH, 17, 17)],
    ]


def test_a_highlight_block_a_marker_cuts_is_code_on_both_sides():
    """Cut before its closing tag: code to the fragment's end (a Ruby
    comment, "  # => warning", is no heading), and code in the next
    fragment up to the tag."""
    text = (
        "Intro.\n\n{% highlight ruby %}\nbar(k: 42)\n  # => warning: deprecated\n"
        "---END---\n# Ruby 3.0 keeps it\nbar({ k: 42 })\n{% endhighlight %}\n\nAfter.\n"
    )
    fragments = parse_document("<t>", text).fragments
    kinds = [[(b.kind, b.line, b.end_line) for b in f.blocks] for f in fragments]
    assert kinds == [
        [(Kind.PARAGRAPH, 1, 1), (Kind.CODE, 3, 5)],
        [(Kind.CODE, 7, 9), (Kind.PARAGRAPH, 11, 11)],
    ]
