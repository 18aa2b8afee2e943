"""TRN001–TRN004: cut text is flagged on its line; the look-alikes stay quiet."""

from __future__ import annotations

import pytest
from conftest import BODY_LINE, build_article, line_of

from mystitch.lint import LintConfig, lint_text


def trn(text: str) -> list[tuple[str, int]]:
    return sorted((f.code, f.line) for f in lint_text(text) if f.code.startswith("TRN"))


def messages(text: str, code: str) -> list[str]:
    return [f.message for f in lint_text(text) if f.code == code]


# --- TRN001: flagged ----------------------------------------------------------


def test_trn001_japanese_cut_at_a_fragment_end():
    text = build_article(
        """\
        図書館は町の中心にあります。利用者は年々増えて
        ---END---
        """
    )
    findings = [f for f in lint_text(text) if f.code == "TRN001"]
    assert [(f.line, f.column) for f in findings] == [(BODY_LINE, 15)]
    assert "where the fragment was cut" in findings[0].message
    assert "利用者は年々増えて" in findings[0].message


def test_trn001_english_cut_at_a_fragment_end_even_without_earlier_sentences():
    text = build_article(
        """\
        The council finally agreed to rebuild the old pier, and the fishermen who had

        ---END---
        """,
        lang="en",
    )
    assert trn(text) == [("TRN001", BODY_LINE)]


def test_trn001_reports_the_last_line_of_a_multi_line_paragraph():
    text = build_article(
        """\
        最初の行は完全な文です。
        二行目も完全な文です。三行目の文は途中で
        ---END---
        """
    )
    findings = [f for f in lint_text(text) if f.code == "TRN001"]
    assert [(f.line, f.column) for f in findings] == [(BODY_LINE + 1, 12)]


def test_trn001_cut_at_the_end_of_the_last_fragment_after_a_marker():
    # The file ends without a marker, but it has markers: the generator stopped.
    text = build_article(
        """\
        最初の断片は完全です。
        ---END---
        最後の断片は完全な文です。それでも最後の文が途中で
        """
    )
    assert trn(text) == [("TRN001", BODY_LINE + 2)]


def test_trn001_mid_fragment_after_an_earlier_punctuated_sentence():
    ja = build_article(
        """\
        図書館は町の中心にあります。利用者は年々増えて

        次の段落は完全な文です。
        """
    )
    assert trn(ja) == [("TRN001", BODY_LINE)]
    assert "with no terminal punctuation" in messages(ja, "TRN001")[0]
    en = build_article(
        """\
        The harbour reopened last spring. Since then the town has

        The next paragraph is complete.
        """,
        lang="en",
    )
    findings = [f for f in lint_text(en) if f.code == "TRN001"]
    assert [(f.line, f.column) for f in findings] == [(BODY_LINE, 35)]


def test_trn001_mid_fragment_after_a_sentence_ending_in_a_number():
    # "in 1890." ends a sentence just as "last spring." does.
    text = build_article(
        """\
        The harbour was built in 1890. Since then the town has

        The next paragraph is complete.
        """,
        lang="en",
    )
    assert trn(text) == [("TRN001", BODY_LINE)]


def test_trn001_long_japanese_paragraph_without_a_full_stop_mid_fragment():
    long = (
        "図書館の利用者は年々増えており、特に平日の午後には学生や高齢者が多く訪れ、"
        "新しい交流の場として地域の人々に親しまれているほか、近隣の学校と連携した読書活動や、"
        "地元の歴史資料を集めた展示、子育て世代のための読み聞かせ会、"
        "そして仕事帰りの社会人向けの夜間講座など、さまざまな取り組みが行われていて"
    )
    assert len(long) > 120
    text = build_article(long + "\n\n次の段落です。\n")
    assert trn(text) == [("TRN001", BODY_LINE)]


def test_trn001_cut_list_item_at_a_fragment_end():
    text = build_article(
        """\
        手順は次のとおりです。

        - 最初に申込書を書きます。
        - 次に窓口へ提出します。
        - 最後に受付番号を

        ---END---
        """
    )
    assert trn(text) == [("TRN001", line_of(text, "最後に受付番号"))]
    assert "list item" in messages(text, "TRN001")[0]


@pytest.mark.parametrize(
    "row", ["| 価格 | 5万", "| 価格 | 5万円", "| 価格 |"], ids=["mid-cell", "unclosed", "cells"]
)
def test_trn001_cut_table_row_at_a_fragment_end(row):
    text = build_article(
        f"""\
        仕様です。

        | 項目 | 値 |
        | --- | --- |
        | 重さ | 120g |
        {row}

        ---END---
        """
    )
    assert trn(text) == [("TRN001", line_of(text, row))]
    assert "table row" in messages(text, "TRN001")[0]


def test_trn001_whole_table_rows_are_no_cut():
    text = build_article(
        """\
        仕様です。

        | 項目 | 値 |
        | --- | --- |
        | 重さ | 120g |

        ---END---

        | 価格 | 5万円 |
        """
    )
    assert trn(text) == []


def test_trn001_lead_in_colon_at_a_fragment_end_is_a_cut():
    text = build_article("次の三つの理由があります：\n---END---\n")
    assert trn(text) == [("TRN001", BODY_LINE)]


# --- TRN001: quiet -----------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        # headings, even at a fragment end (that is TRN003's business)
        ("本文は完全です。\n\n## 図書館のこれから\n\n本文です。\n", "ja"),
        # list items without full stops, even at a fragment end
        ("手順です。\n\n- 申込書を書く\n- 窓口へ出す\n---END---\n", "ja"),
        ("Steps:\n\n- write the form\n- hand it in\n---END---\n", "en"),
        # a table, cut or not
        ("表です。\n\n| 年 | 利用者 |\n|---|---|\n| 2025 | 途中で |\n---END---\n", "ja"),
        # code, even an unclosed fence cut by the marker
        ("例です。\n\n```python\nprint('途中で\n---END---\n続きです。\n", "ja"),
        # HTML blocks
        ('Notes follow.\n\n<div class="note">\nThe harbour has\n</div>\n---END---\n', "en"),
        # a bold label line used as a heading, mid-fragment
        ("**ポイント**\n\n本文です。\n", "ja"),
        ("**Key figures:**\n\nThe harbour handles twelve ships.\n", "en"),
        # a lead-in ending in a colon before a list or a code block
        ("Install it with:\n\n```bash\npip install harbour\n```\n", "en"),
        ("次の手順で進めます：\n\n- 一つ目\n- 二つ目\n", "ja"),
        ("The main reasons are:\n\n1. cost\n2. time\n---END---\n", "en"),
        # link-only and image-only lines, even at a fragment end
        ("本文です。\n\n[公式サイト](https://example.com)\n---END---\n", "ja"),
        ("Body text.\n\n![Harbour at dawn](harbour.png)\n---END---\n", "en"),
        # the title repeated as the first line
        ("小さな町の図書館が変わる理由\n\n本文です。\n", "ja"),
        ("Why Small Harbours Are Busy Again\n\nBody text.\n", "en"),
        # a caption-like line mid-fragment, with no earlier sentence
        ("Photo by the harbour master\n\nThe next paragraph.\n", "en"),
        ("写真は筆者撮影\n\n次の段落です。\n", "ja"),
        # a paragraph ending in a link or an aside in brackets, mid-fragment
        (
            "詳しくは公式の案内をご覧ください。申込は次のページから [申込](https://example.com)\n\n次です。\n",
            "ja",
        ),
        ("費用は無料です。予約も不要です。（ただし団体は除く）\n\n次です。\n", "ja"),
        # complete sentences: ！ ？ … and closing brackets
        ("本当に変わるのでしょうか？\n\n答えは「はい」です。\n---END---\n", "ja"),
        ("Will it last? Nobody knows…\n---END---\n", "en"),
        ("彼は「図書館は町の宝だ。」\n---END---\n", "ja"),
    ],
)
def test_trn001_look_alikes_stay_quiet(body, lang):
    assert [c for c in trn(build_article(body, lang=lang)) if c[0] == "TRN001"] == []


def test_trn001_never_in_the_front_matter():
    text = build_article(
        "本文は完全な文です。\n", excerpt="要約は句点なしで終わる", title="「図書館の未来"
    )
    assert trn(text) == []


# --- TRN002 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "lang", "char"),
    [
        ("彼は「図書館は町の宝だ。と言った。\n", "ja", "「"),
        ("図書館（一九五〇年設立。は古い建物です。\n", "ja", "（"),
        ("『町の記録を読みました。\n", "ja", "『"),
        ("The harbour (built in 1890 is the oldest in the county.\n", "en", "("),
        ("He said “stop the boats.\n", "en", "“"),
    ],
)
def test_trn002_unclosed_bracket_or_quote(body, lang, char):
    text = build_article("最初の段落です。\n\n" + body, lang=lang)
    findings = [f for f in lint_text(text) if f.code == "TRN002"]
    assert [f.line for f in findings] == [BODY_LINE + 2]
    assert f"{char!r} is opened but never closed" in findings[0].message


def test_trn002_reports_the_line_of_the_opener_in_a_long_paragraph():
    text = build_article("一行目は完全です。\n二行目で「引用が始まり\n三行目でも閉じません。\n")
    assert [(c, n) for c, n in trn(text) if c == "TRN002"] == [("TRN002", BODY_LINE + 1)]


def test_trn002_lone_bold_marker():
    text = build_article("これは**重要な点です。\n\n次の段落です。\n")
    findings = [f for f in lint_text(text) if f.code == "TRN002"]
    assert [(f.line, f.column) for f in findings] == [(BODY_LINE, 4)]
    assert "lone '**'" in findings[0].message
    en = build_article("Intro.\n\nThis is **very important and never closed.\n", lang="en")
    assert [(c, n) for c, n in trn(en) if c == "TRN002"] == [("TRN002", BODY_LINE + 2)]


def test_trn002_in_a_heading():
    text = build_article("## 「図書館の未来\n\n本文です。\n")
    assert [(c, n) for c, n in trn(text) if c == "TRN002"] == [("TRN002", BODY_LINE)]


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("彼は「図書館は町の宝だ」と言った（一九五〇年設立）。**太字**もあります。\n", "ja"),
        ("Call `f(` to start, and `[` opens a list.\n", "en"),
        ("That was fun :)\n", "en"),
        ("See [the page](https://en.wikipedia.org/wiki/Oban_(town)) for more.\n", "en"),
        ("A **bold** word and a __strong__ one.\n", "en"),
        ("```text\n「閉じない括弧\n```\n", "ja"),
        ("| 記号 | 意味 |\n|---|---|\n| 「 | 開き括弧 |\n", "ja"),
        ("1) first, 2) second and 3) third.\n", "en"),
        ("- 「閉じない項目\n- 二つ目\n", "ja"),
    ],
)
def test_trn002_quiet_on_balanced_or_non_prose_brackets(body, lang):
    text = build_article("Intro sentence.\n\n" + body, lang=lang)
    assert [c for c in trn(text) if c[0] == "TRN002"] == []


# --- TRN003 ---------------------------------------------------------------------


def test_trn003_heading_at_a_fragment_end():
    text = build_article(
        """\
        本文は完全な文です。

        ## 図書館のこれから
        ---END---
        ## 図書館のこれから

        これからの図書館について考えます。
        """
    )
    findings = [f for f in lint_text(text) if f.code == "TRN003"]
    assert [f.line for f in findings] == [BODY_LINE + 2]
    assert "'図書館のこれから' has nothing under it" in findings[0].message


def test_trn003_bold_label_at_a_fragment_end_in_english():
    text = build_article("The first part is complete.\n\n**Next steps**\n\n---END---\n", lang="en")
    assert trn(text) == [("TRN003", BODY_LINE + 2)]


def test_trn003_a_comment_after_the_heading_does_not_hide_it():
    text = build_article("Complete text.\n\n## Costs\n\n<!-- todo -->\n---END---\n", lang="en")
    assert trn(text) == [("TRN003", BODY_LINE + 2)]


def test_trn003_quiet_when_the_heading_has_content():
    text = build_article(
        """\
        本文は完全な文です。

        ## 図書館のこれから

        これからの図書館について考えます。
        ---END---
        ## まとめ

        - 項目一
        """
    )
    assert trn(text) == []


# --- TRN004 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cut", "rest", "lang"),
    [
        ("町は図書館", "への投資を増やしています。", "ja"),
        ("町は図書館", "、そして駅の整備を進めています。", "ja"),
        ("町は図書館", "を中心に変わりつつあります。", "ja"),
        ("The town spent its money on the", "harbour and the station.", "en"),
        ("The town spent its money on the harbour", ", the station and the school.", "en"),
    ],
)
def test_trn004_fragment_starts_mid_sentence(cut, rest, lang):
    text = build_article(f"最初の文は完全です。{cut}\n---END---\n{rest}\n", lang=lang)
    marker = line_of(text, "---END---")
    findings = [f for f in lint_text(text) if f.code == "TRN004"]
    assert [f.line for f in findings] == [marker + 1]
    assert "fragment starts mid-sentence" in findings[0].message


def test_trn004_closing_bracket_of_a_quote_opened_earlier():
    text = build_article("最初の文です。彼は「図書館\n---END---\nは町の宝だ」と言った。\n")
    assert ("TRN004", line_of(text, "は町の宝だ")) in trn(text)


def test_trn004_first_sentence_is_the_tail_of_an_earlier_sentence():
    text = build_article(
        """\
        市は図書館と駅前の広場の整備を進めています。予算の話は
        ---END---
        駅前の広場の整備を進めています。予算は十億円です。
        """
    )
    assert ("TRN004", line_of(text, "予算は十億円")) in trn(text)
    assert "tail of an earlier one" in messages(text, "TRN004")[0]


@pytest.mark.parametrize(
    ("first", "second", "lang"),
    [
        ("The first part is complete.", "The second part starts cleanly.", "en"),
        ("Phones are everywhere now.", "iPhone sales grew again this year.", "en"),
        ("Phones are everywhere now.", "macOS updates arrived as well.", "en"),
        ("最初の断片は完全です。", "次の断片も完全な文で始まります。", "ja"),
        ("最初の断片は完全です。", "「図書館は宝だ」と彼は言った。", "ja"),
        ("最初の断片は完全です。", "## 見出しで始まる断片", "ja"),
        ("最初の断片は完全です。", "- 項目で始まる断片", "ja"),
    ],
)
def test_trn004_quiet_when_the_fragment_starts_cleanly(first, second, lang):
    text = build_article(f"{first}\n---END---\n{second}\n\n締めの文です。\n", lang=lang)
    assert [c for c in trn(text) if c[0] == "TRN004"] == []


def test_trn004_quiet_in_the_first_fragment_and_on_a_restart():
    assert trn(build_article("and so the story begins here.\n", lang="en")) == []
    restart = build_article(
        """\
        The council met on Monday. The new plan for the harbour was
        ---END---
        The new plan for the harbour was approved by everyone.
        """,
        lang="en",
    )
    findings = lint_text(restart)
    assert [(f.code, f.line) for f in findings if f.code in ("TRN004", "DUP002")] == [
        ("DUP002", BODY_LINE + 2)
    ]


# --- selection ------------------------------------------------------------------


def test_trn_family_can_be_ignored():
    text = build_article("彼は「図書館\n---END---\nへの投資を増やした。\n")
    assert {c for c, _ in trn(text)} == {"TRN001", "TRN002", "TRN004"}
    quiet = lint_text(text, LintConfig(ignore=("TRN",)))
    assert [f.code for f in quiet] == ["FRG001"]
    only = lint_text(text, LintConfig(select=("TRN00",), ignore=("TRN002",)))
    assert sorted(f.code for f in only) == ["TRN001", "TRN004"]


def test_trn001_a_trailing_html_comment_is_not_a_trailing_link():
    # `<...>` at the end exempts autolinks (<https://...>); a comment or a
    # suppression for another rule at the end of a cut paragraph is no link.
    text = build_article(
        "The harbour reopened last spring. Since then the town has <!-- mystitch-lint-disable-line DUP -->\n\n"
        "The next paragraph is complete.\n",
        lang="en",
    )
    assert trn(text) == [("TRN001", BODY_LINE)]
