"""DUP001–DUP006: repeats are reported on the later copy, naming the earlier line."""

from __future__ import annotations

import pytest
from conftest import BODY_LINE, build_article, line_of

from mystitch.lint import LintConfig, Relation, analyse, lint_paths, lint_text, parse_document

LIB = "図書館は町の中心にあり、毎日多くの人が訪れています。"
PLAZA = "駅前の広場も整備が進み、週末には朝市が開かれます。"
HARBOUR = "The harbour handles twelve ships a day and employs most of the town."
PIER = "The old pier was rebuilt last spring with money from the county."


def dup(text: str, config: LintConfig | None = None) -> list[tuple[str, int]]:
    return sorted((f.code, f.line) for f in lint_text(text, config) if f.code.startswith("DUP"))


def message(text: str, code: str) -> str:
    [found] = [f.message for f in lint_text(text) if f.code == code]
    return found


# --- DUP001 -------------------------------------------------------------------


def test_dup001_exact_repeat_in_japanese():
    text = build_article(f"{LIB}\n\n別の段落は違う内容を書いています。\n\n{LIB}\n")
    assert dup(text) == [("DUP001", BODY_LINE + 4)]
    assert message(text, "DUP001") == f"paragraph repeats line {BODY_LINE}"


def test_dup001_exact_repeat_in_english_with_end_line():
    text = build_article(
        f"{HARBOUR}\nIt also has a ferry.\n\n{PIER}\n\n{HARBOUR}\nIt also has a ferry.\n",
        lang="en",
    )
    [finding] = [f for f in lint_text(text) if f.code.startswith("DUP")]
    assert (finding.code, finding.line, finding.end_line) == ("DUP001", 16, 17)
    assert "line 11" in finding.message


def test_dup001_normalises_width_whitespace_and_inline_markup():
    text = build_article(
        """\
        ＡＩを使った図書館の案内は、毎日１００人が利用しています。

        The harbour handles **twelve** ships a day
        and employs most of the town.

        AIを使った図書館の案内は、毎日100人が利用しています。

        The harbour handles twelve ships a day and employs *most* of the `town`.
        """
    )
    assert dup(text) == [("DUP001", BODY_LINE + 5), ("DUP001", BODY_LINE + 7)]


def test_dup001_three_copies_each_name_the_first():
    text = build_article(f"{LIB}\n\n{PLAZA}\n\n{LIB}\n\n{LIB}\n")
    findings = [f for f in lint_text(text) if f.code == "DUP001"]
    assert [(f.line, f.message) for f in findings] == [
        (BODY_LINE + 4, "paragraph repeats line 11"),
        (BODY_LINE + 6, "paragraph repeats line 11"),
    ]


def test_dup001_repeat_across_fragments():
    text = build_article(f"{LIB}\n---END---\n{LIB}\n{PLAZA}\n")
    # the retry adds a sentence: a longer version of the earlier paragraph
    assert dup(text) == [("DUP002", BODY_LINE + 2)]
    text = build_article(f"{LIB}\n---END---\n{LIB}\n")
    assert dup(text) == [("DUP001", BODY_LINE + 2)]


@pytest.mark.parametrize(
    "body",
    [
        # short paragraphs (< 20 characters) repeat innocently
        "はい、そうです。\n\n別の段落は違う内容を書いています。\n\nはい、そうです。\n",
        "Thanks for reading!\n\nThe harbour is busy again this year.\n\nThanks for reading!\n",
        # headings are never duplicates alone
        f"## 概要\n\n{LIB}\n\n## 概要\n\n{PLAZA}\n",
        # list items, code and tables are not prose
        "- 図書館の開館時間は午前九時からです\n\n本文です。\n\n- 図書館の開館時間は午前九時からです\n",
        "```\nprint('the same code line, long enough')\n```\n\n```\nprint('the same code line, long enough')\n```\n",
        # different paragraphs
        f"{LIB}\n\n{PLAZA}\n",
        f"{HARBOUR}\n\n{PIER}\n",
    ],
)
def test_dup_quiet_on_short_headings_non_prose_and_different_text(body):
    assert dup(build_article(body)) == []


def test_dup_min_chars_is_configurable():
    text = build_article("Read the docs first.\n\nAnother line here.\n\nRead the docs first.\n")
    assert dup(text) == []  # 17 characters without spaces: too short
    assert dup(text, LintConfig(min_chars=10)) == [("DUP001", BODY_LINE + 4)]


def test_repeated_changelog_headings_with_different_items_are_quiet():
    text = build_article(
        """\
        ## 1.2.0

        ### Fixed

        - A crash when the input file is empty
        - Wrong line numbers after a BOM

        ## 1.1.0

        ### Fixed

        - The summary counted skipped files
        - Colours leaked into piped output

        ## 1.0.0

        ### Fixed

        The first release fixed nothing, since there was nothing before it.
        """,
        lang="en",
    )
    assert [f for f in lint_text(text) if f.code.startswith(("DUP", "TRN"))] == []


# --- DUP002 -------------------------------------------------------------------


def test_dup002_part_of_an_earlier_paragraph():
    text = build_article(f"{LIB}{PLAZA}\n\n別の段落は違う内容を書いています。\n\n{PLAZA}\n")
    assert dup(text) == [("DUP002", BODY_LINE + 4)]
    assert message(text, "DUP002") == (
        f"paragraph repeats part of line {BODY_LINE} (a cut-short or retried copy)"
    )


def test_dup002_longer_copy_of_a_paragraph_cut_earlier():
    text = build_article(f"{LIB}駅前の広場も整備が\n---END---\n{LIB}{PLAZA}\n")
    codes = sorted((f.code, f.line) for f in lint_text(text) if f.code != "FRG001")
    assert codes == [("DUP002", BODY_LINE + 2), ("TRN001", BODY_LINE)]
    assert message(text, "DUP002") == (
        f"paragraph repeats line {BODY_LINE} and adds to it (an earlier copy was cut short)"
    )


def test_dup002_contains_two_earlier_paragraphs():
    text = build_article(
        f"{HARBOUR}\n\n{PIER}\n\n{HARBOUR} {PIER} Both were paid for by the county.\n",
        lang="en",
    )
    assert dup(text) == [("DUP002", BODY_LINE + 4)]
    assert "lines 11 and 13" in message(text, "DUP002")


def test_dup002_restart_of_a_cut_sentence_in_english_and_japanese():
    en = build_article(
        """\
        The council met on Monday. The new plan for the harbour was
        ---END---
        The new plan for the harbour was approved by everyone.
        """,
        lang="en",
    )
    assert dup(en) == [("DUP002", BODY_LINE + 2)]
    assert message(en, "DUP002") == f"paragraph restarts the sentence cut at line {BODY_LINE}"
    ja = build_article(
        """\
        市議会は月曜日に開かれました。新しい港の計画は
        ---END---
        新しい港の計画は全会一致で承認されました。
        """
    )
    assert dup(ja) == [("DUP002", BODY_LINE + 2)]


def test_dup002_made_of_earlier_sentences():
    first = "図書館の開館時間は午前九時から午後八時までです。"
    second = "休館日は毎週月曜日と年末年始になっています。"
    text = build_article(f"{first}\n\n{second}\n\n{second}{first}\n")
    assert dup(text) == [("DUP002", BODY_LINE + 4)]
    assert "sentences that already stood at lines 11 and 13" in message(text, "DUP002")


def test_dup002_quiet_on_a_shared_short_sentence_and_on_new_text():
    text = build_article(
        """\
        正直なところ。図書館の利用者は昨年より二割も増えました。

        正直なところ。駅前の広場では週末に朝市が開かれています。
        """
    )
    assert dup(text) == []
    # A cut in the middle of a fragment is no generator cut: no restart.
    mid = build_article(
        "The plan for the\n\nThe plan for the harbour was approved by everyone.\n", lang="en"
    )
    assert dup(mid) == []


# --- DUP003 -------------------------------------------------------------------

NEAR_EN = (
    "The harbour handles twelve ships a day and employs most of the people who live "
    "in the town, from dockers to clerks.",
    "The harbour handles twelve ships each day and employs most of the people who live "
    "in the town, from dockers to clerks.",
)
NEAR_JA = (
    "図書館は町の中心にあり、毎日多くの人が訪れています。特に平日の午後には学生や高齢者が多く、"
    "新しい交流の場として親しまれています。",
    "図書館は町の中心にあり、毎日たくさんの人が訪れています。特に平日の午後には学生や高齢者が多く、"
    "新しい交流の場として親しまれています。",
)


@pytest.mark.parametrize(("first", "second", "lang"), [(*NEAR_EN, "en"), (*NEAR_JA, "ja")])
def test_dup003_near_duplicate(first, second, lang):
    text = build_article(f"{first}\n\nA different paragraph in between.\n\n{second}\n", lang=lang)
    findings = [f for f in lint_text(text) if f.code.startswith("DUP")]
    assert [(f.code, f.line) for f in findings] == [("DUP003", BODY_LINE + 4)]
    assert findings[0].message.startswith(f"paragraph is a near-duplicate of line {BODY_LINE}")
    assert ">= 0.80" in findings[0].message


def test_dup003_threshold_is_configurable():
    text = build_article(f"{NEAR_EN[0]}\n\n{NEAR_EN[1]}\n", lang="en")
    assert dup(text) == [("DUP003", BODY_LINE + 2)]
    assert dup(text, LintConfig(similarity=0.95)) == []


def test_dup003_quiet_on_paragraphs_on_the_same_topic():
    text = build_article(
        """\
        The harbour handles twelve ships a day and employs most of the people who live in the town.

        The railway station handles forty trains a day and employs few of the people who live nearby.
        """,
        lang="en",
    )
    assert dup(text) == []


# --- DUP004 -------------------------------------------------------------------


def test_dup004_repeated_section_is_reported_on_the_later_heading():
    text = build_article(
        f"""\
        ## 図書館の役割

        {LIB}

        {PLAZA}

        ## 別の章

        別の章の段落は、まったく違う内容を十分な長さで書いています。

        ## 図書館の役割

        {LIB}

        {PLAZA}
        """
    )
    later = line_of(text, "## 図書館の役割", 2)
    findings = [f for f in lint_text(text) if f.code == "DUP004"]
    assert [f.line for f in findings] == [later]
    assert findings[0].message == (
        f"section '図書館の役割' repeats the section at line {BODY_LINE} (2 of 2 paragraphs repeated)"
    )
    assert [f.line for f in lint_text(text) if f.code == "DUP001"] == [later + 2, later + 4]


def test_dup004_quiet_on_same_heading_with_new_content():
    text = build_article(
        f"""\
        ## Background

        {HARBOUR}

        ## Background

        {PIER}
        """,
        lang="en",
    )
    assert dup(text) == []


# --- the analysis behind the rules --------------------------------------------


def test_analyse_relations_point_at_the_earlier_block():
    text = build_article(f"{LIB}{PLAZA}\n\n{LIB}{PLAZA}\n\n{PLAZA}\n")
    document = parse_document("a.md", text)
    analysis = analyse(document)
    first, second, third = document.prose()
    assert analysis.repeat_of(first) is None
    assert analysis.repeat_of(second).relation is Relation.EXACT
    assert analysis.repeat_of(second).earlier == (first,)
    assert analysis.repeat_of(third).relation is Relation.PART_OF
    assert analysis.repeat_of(third).earlier == (first,)


# --- DUP005 / DUP006: across files --------------------------------------------


def _write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _report(folder):
    return lint_paths([str(folder)], LintConfig()).findings


def test_dup005_paragraph_in_another_file_names_its_file_and_line(tmp_path):
    a = _write(
        tmp_path,
        "a.md",
        build_article(f"{HARBOUR}\n\n{PIER}\n", lang="en", title="Harbours", date="2026-01-01"),
    )
    b_text = build_article(
        f"Ferries leave twice a day from the north quay.\n\n{PIER}\n\n"
        "The station was painted blue this summer.\n",
        lang="en",
        title="Ferries",
        date="2026-02-01",
    )
    _write(tmp_path, "b.md", b_text)
    findings = [f for f in _report(tmp_path) if f.code.startswith("DUP")]
    assert [(f.code, f.path.endswith("b.md"), f.line) for f in findings] == [
        ("DUP005", True, BODY_LINE + 2)
    ]
    assert findings[0].message == f"paragraph also stands in {a}:{BODY_LINE + 2}"


def test_dup006_same_title_and_date(tmp_path):
    a = _write(tmp_path, "a.md", build_article(f"{LIB}\n"))
    _write(tmp_path, "b.md", build_article(f"{PLAZA}\n", tags=["別のタグ"]))
    findings = [f for f in _report(tmp_path) if f.code.startswith("DUP")]
    assert [(f.code, f.path.endswith("b.md"), f.line) for f in findings] == [("DUP006", True, 2)]
    assert f"same article as {a} (same title and date)" in findings[0].message


def test_dup006_same_id(tmp_path):
    a = _write(tmp_path, "a.md", build_article(f"{HARBOUR}\n", lang="en", id="post-42"))
    _write(
        tmp_path,
        "b.md",
        build_article(f"{PIER}\n", lang="en", id="post-42", title="Other", date="2025-01-01"),
    )
    findings = [f for f in _report(tmp_path) if f.code.startswith("DUP")]
    assert [(f.code, f.path.endswith("b.md")) for f in findings] == [("DUP006", True)]
    assert f"same article as {a} (same id 'post-42')" in findings[0].message


def test_dup006_most_paragraphs_shared_replaces_dup005(tmp_path):
    body = f"{HARBOUR}\n\n{PIER}\n\nFerries leave twice a day from the north quay.\n"
    a = _write(tmp_path, "a.md", build_article(body, lang="en", title="One", date="2026-01-01"))
    _write(
        tmp_path,
        "b.md",
        build_article(
            body + "\nA new closing paragraph about the station.\n",
            lang="en",
            title="Two",
            date="2026-02-02",
        ),
    )
    findings = [f for f in _report(tmp_path) if f.code.startswith("DUP")]
    assert [(f.code, f.line) for f in findings] == [("DUP006", 2)]
    assert f"same article as {a} (3 of 4 paragraphs shared)" in findings[0].message


def test_dup006_quiet_on_same_title_with_another_date(tmp_path):
    _write(tmp_path, "a.md", build_article(f"{LIB}\n", date="2026-01-01"))
    _write(tmp_path, "b.md", build_article(f"{PLAZA}\n", date="2026-04-01"))
    assert [f for f in _report(tmp_path) if f.code.startswith("DUP")] == []


def test_dup002_retry_that_restarts_a_cut_paragraph_and_ends_differently():
    # The generator cut a paragraph, then retried the section: the retry
    # repeats the paragraph's complete sentences word for word and finishes
    # the cut sentence another way. The repeated sentences are a partial repeat.
    text = build_article(
        """\
        ## 港の再生

        港の利用者は昨年から急に増え始めました。理由の一つは、新しいフェリー航路が開かれたことです。もう一つは、古い倉庫が市場として生まれ変わったことで、週末には

        ---END---
        ## 港の再生

        港の利用者は昨年から急に増え始めました。理由の一つは、新しいフェリー航路が開かれたことです。もう一つは、古い倉庫が改装され、地元の漁師が直接魚を売る市場として毎週末に開かれるようになったことで、町の外からも客が訪れています。
        """
    )
    cut = line_of(text, "週末には")
    retry = line_of(text, "町の外からも")
    findings = [f for f in lint_text(text) if f.code.startswith("DUP")]
    assert ("DUP002", retry) in [(f.code, f.line) for f in findings]
    assert f"line {cut}" in next(f.message for f in findings if f.line == retry)
