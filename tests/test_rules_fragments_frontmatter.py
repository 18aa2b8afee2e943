"""FRG001 and FM001–FM004: each flags its defect on the exact line and stays quiet otherwise."""

from __future__ import annotations

import time

import pytest
from conftest import BODY_LINE, EN_FIELDS, JA_FIELDS, at, build_article, line_of, lines_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mystitch.lint import LintConfig, lint_paths, lint_text

# --- FRG001 -----------------------------------------------------------------


def test_frg001_every_marker_line_is_reported_in_order():
    text = build_article(
        """\
        最初の断片は完全な文で終わります。
        ---END---
        二番目の断片も完全な文です。

        ---END---
        三番目の断片です。
        ---END---
        """
    )
    findings = [f for f in lint_text(text) if f.code == "FRG001"]
    assert [f.line for f in findings] == lines_of(text, "---END---") == [12, 15, 17]
    assert [f.column for f in findings] == [1, 1, 1]
    assert "(1 of 3)" in findings[0].message and "(3 of 3)" in findings[2].message
    assert all("'---END---'" in f.message for f in findings)
    assert all(f.severity == "error" for f in findings)


def test_frg001_marker_with_trailing_spaces_in_english():
    text = build_article("The first part ends here.\n---END---  \nThe second part.\n", lang="en")
    assert at(lint_text(text), "FRG") == [BODY_LINE + 1]


def test_frg001_quiet_without_whole_marker_lines():
    text = build_article(
        """\
        The generator writes ---END--- after each piece; this sentence only mentions it.

        ```text
        ---END---
        ```
        """,
        lang="en",
    )
    # A marker inside a *closed* code fence is still a marker: markers are out
    # of band. Only the prose mention is quiet.
    assert at(lint_text(text), "FRG") == [line_of(text, "---END---", 2)]
    quiet = build_article("本文の中で ---END--- という記号に触れるだけの段落です。\n")
    assert at(lint_text(quiet), "FRG") == []


def test_frg001_marker_shown_in_documentation_can_be_disabled():
    text = build_article(
        """\
        Each piece ends with a marker line:

        <!-- mystitch-lint-disable-next-line FRG001 -->
        ```text
        The piece stops here
        ---END---
        ```

        That line must be gone before publishing.
        """,
        lang="en",
    )
    findings = lint_text(text)
    assert at(findings, "FRG") == []
    assert at(findings, "TRN") == []


# --- FM001 ------------------------------------------------------------------


def test_fm001_no_front_matter_on_line_1():
    findings = lint_text("# 見出し\n\n本文だけの記事です。\n")
    assert [(f.code, f.line) for f in findings if f.code.startswith("FM")] == [("FM001", 1)]
    assert "no front matter" in findings[0].message


def test_fm001_quiet_with_front_matter():
    text = build_article("本文です。\n")
    assert at(lint_text(text), "FM") == []


def test_fm001_a_rule_that_is_not_on_line_1_is_not_front_matter():
    findings = lint_text("\n---\ntitle: x\n---\n\nText.\n")
    assert [(f.code, f.line) for f in findings if f.code.startswith("FM")] == [("FM001", 1)]


# --- FM002 ------------------------------------------------------------------


def _fm(text: str) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in lint_text(text) if f.code.startswith("FM")]


def _fm_messages(text: str, code: str) -> list[str]:
    return [f.message for f in lint_text(text) if f.code == code]


def test_fm002_yaml_error_reports_the_file_line_of_the_bad_yaml():
    text = build_article("本文です。\n", author="RAW:山田\n  role: 編集")
    bad = line_of(text, "role: 編集")
    assert bad == 7
    assert _fm(text) == [("FM002", bad)]
    [message] = _fm_messages(text, "FM002")
    assert "does not parse" in message and "mapping values are not allowed" in message


def test_fm002_tab_indentation_reports_its_line():
    text = build_article("Body text here.\n", lang="en", excerpt="RAW:ok\n\tmore: x")
    assert _fm(text) == [("FM002", line_of(text, "\tmore"))]


def test_fm002_unclosed_quote_on_the_last_field_reports_its_line():
    text = build_article(
        "Body text here.\n", lang="en", drop=["reading_time"], excerpt='RAW:"Half an excerpt'
    )
    assert _fm(text) == [("FM002", line_of(text, "excerpt:"))]
    assert "quoted scalar" in _fm_messages(text, "FM002")[0]


def test_fm002_error_after_the_yaml_marks_the_line_yaml_names():
    # An unclosed flow list runs into the next key: YAML notices on that line.
    text = build_article("本文です。\n", tags="RAW:[AI, 半導体")
    assert _fm(text) == [("FM002", line_of(text, "author:"))]
    assert "flow sequence" in _fm_messages(text, "FM002")[0]


def test_fm002_unclosed_front_matter():
    text = "---\ntitle: 閉じられない\ndate: 2026-01-01\n\n本文です。\n"
    assert _fm(text) == [("FM002", 1)]
    assert "never closed" in _fm_messages(text, "FM002")[0]


@pytest.mark.parametrize(
    ("yaml_body", "kind"),
    [("- a\n- b", "list"), ("just some words", "string"), ("42", "number")],
)
def test_fm002_front_matter_that_is_not_a_mapping(yaml_body, kind):
    text = f"---\n{yaml_body}\n---\n\nBody text.\n"
    assert _fm(text) == [("FM002", 2)]
    assert f"must be a mapping of fields, not a {kind}" in _fm_messages(text, "FM002")[0]


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!python/object/apply:os.system",
    ],
)
def test_fm002_unsafe_tag_is_refused_and_never_executed(tmp_path, tag):
    sentinel = tmp_path / "sentinel"
    command = f"echo hi > {sentinel}"
    text = build_article("本文です。\n", excerpt=f'RAW:{tag} ["{command}"]')
    path = tmp_path / "evil.md"
    path.write_text(text, encoding="utf-8")
    findings = lint_paths([str(path)], LintConfig()).findings
    assert not sentinel.exists()
    fm = [(f.code, f.line) for f in findings if f.code.startswith("FM")]
    assert fm == [("FM002", line_of(text, "excerpt:"))]
    message = next(f.message for f in findings if f.code == "FM002")
    assert "unsafe" in message and "python/object" in message
    assert not sentinel.exists()


def test_fm002_python_name_tag_is_refused():
    text = build_article("Body.\n", lang="en", author="RAW:!!python/name:os.system ''")
    assert _fm(text) == [("FM002", line_of(text, "author:"))]


def _bomb(levels: int, width: int) -> str:
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        refs = ", ".join([f"*l{level - 1}"] * width)
        lines.append(f"l{level}: &l{level} [{refs}]")
    return "\n".join(lines)


@pytest.mark.parametrize(("levels", "width"), [(9, 9), (12, 10)])
def test_fm002_alias_bomb_is_refused_quickly(levels, width):
    yaml = f'title: "爆弾"\n{_bomb(levels, width)}'
    text = f"---\n{yaml}\n---\n\n本文です。\n"
    started = time.perf_counter()
    findings = lint_text(text)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0
    fm = [f for f in findings if f.code.startswith("FM")]
    assert [f.code for f in fm] == ["FM002"]
    assert "alias" in fm[0].message
    assert 2 <= fm[0].line <= 2 + levels


def test_fm002_a_few_aliases_are_fine():
    text = build_article(
        "Body text here.\n",
        lang="en",
        categories="RAW:&cats [News, Coast]",
        tags="RAW:*cats",
    )
    assert _fm(text) == []


# --- FM003 ------------------------------------------------------------------


@pytest.mark.parametrize("field", ["title", "date", "author", "categories", "tags", "excerpt"])
def test_fm003_missing_required_field_is_named(field):
    text = build_article("本文の段落です。\n", drop=[field])
    findings = [f for f in lint_text(text) if f.code.startswith("FM")]
    assert [(f.code, f.line) for f in findings] == [("FM003", 1)]
    assert f"'{field}'" in findings[0].message and "missing" in findings[0].message


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", ""), ("author", "   "), ("tags", []), ("categories", []), ("excerpt", None)],
)
def test_fm003_empty_required_field_is_reported_on_its_line(field, value):
    text = build_article("Body paragraph.\n", lang="en", **{field: value})
    findings = [f for f in lint_text(text) if f.code.startswith("FM")]
    assert [(f.code, f.line) for f in findings] == [("FM003", line_of(text, f"{field}:"))]
    assert f"'{field}' is empty" in findings[0].message


def test_fm003_bare_key_without_value_is_empty():
    text = build_article("本文です。\n", author="RAW:")
    findings = [f for f in lint_text(text) if f.code.startswith("FM")]
    assert [(f.code, f.line) for f in findings] == [("FM003", line_of(text, "author:"))]
    assert "'author'" in findings[0].message


def test_fm003_required_fields_come_from_the_config():
    text = build_article("Body.\n", lang="en", drop=["excerpt", "author"])
    config = LintConfig(required_fields=("title", "date", "slug"))
    findings = [f for f in lint_text(text, config) if f.code.startswith("FM")]
    assert [f.code for f in findings] == ["FM003"]
    assert "'slug'" in findings[0].message


def test_fm_complete_front_matter_gives_no_fm_finding():
    for lang in ("ja", "en"):
        assert _fm(build_article("Body text.\n", lang=lang)) == []
    # YAML's own timestamps, a Japanese date, a date without time, extra keys.
    for date in ("RAW:2026-03-14 09:30:00 +09:00", "2026年3月14日", "RAW:2026-03-14", "2026/03/14"):
        text = build_article("本文です。\n", date=date, layout="post", id="a-1")
        assert _fm(text) == [], date
    # reading_time is optional.
    assert _fm(build_article("本文です。\n", drop=["reading_time"])) == []


# --- FM004 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("tags", "AI, 半導体", "'tags' must be a list of strings, not a string"),
        ("categories", {"a": 1}, "'categories' must be a list of strings, not a mapping"),
        ("tags", ["AI", 3], "'tags' entry 2 must be a string, not a number"),
        ("categories", ["技術", ""], "'categories' entry 2 is an empty string"),
        ("date", "来週のどこか", "'date' '来週のどこか' is not a date"),
        ("date", "RAW:2025-13-45", "'date' '2025-13-45' is not a date"),
        ("date", 20260314, "'date' 20260314 is not a date"),
        ("reading_time", 0, "'reading_time' must be a positive whole number"),
        ("reading_time", -3, "'reading_time' must be a positive whole number"),
        ("reading_time", 2.5, "'reading_time' must be a positive whole number"),
        ("reading_time", "5分", "'reading_time' must be a positive whole number"),
        ("reading_time", True, "'reading_time' must be a positive whole number"),
        ("title", 2026, "'title' must be text, not a number"),
        ("author", ["山田", "佐藤"], "'author' must be text, not a list"),
        ("excerpt", {"ja": "要約"}, "'excerpt' must be text, not a mapping"),
        ("title", True, "'title' must be text, not a boolean"),
    ],
)
def test_fm004_wrong_type_names_the_field_on_its_line(field, value, words):
    text = build_article("本文の段落です。\n", **{field: value})
    findings = [f for f in lint_text(text) if f.code.startswith("FM")]
    assert [(f.code, f.line) for f in findings] == [("FM004", line_of(text, f"{field}:"))]
    assert words in findings[0].message


def test_fm004_quiet_on_right_types():
    text = build_article(
        "Body.\n",
        lang="en",
        tags=["one"],
        categories=["a", "b"],
        reading_time=12,
        title="A title: with a colon",
    )
    assert _fm(text) == []


def test_fm_rules_skip_type_checks_when_the_yaml_is_broken():
    text = build_article("本文です。\n", tags="RAW:[AI, 半導体", reading_time=-1)
    assert [code for code, _ in _fm(text)] == ["FM002"]


def test_fm_findings_sit_in_the_front_matter_lines_for_en_and_ja():
    for fields in (JA_FIELDS, EN_FIELDS):
        assert fields["title"]
    text = build_article("Body.\n", lang="en", tags="news", reading_time="soon")
    assert _fm(text) == [("FM004", 5), ("FM004", 8)]


# --- property: markers are always found ------------------------------------

_LINE = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs")), max_size=50
    ),
    st.sampled_from(
        [
            "",
            "## 見出し",
            "- 項目",
            "```",
            "~~~",
            "> 引用です",
            "| a | b |",
            "**太字",
            "「括弧",
            "<div>",
            "(target)=",
            ":::{note}",
            "$$",
            "    indented",
            "This sentence is cut in the",
        ]
    ),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_LINE, max_size=25),
    st.lists(st.integers(min_value=0, max_value=25), min_size=1, max_size=5),
    st.booleans(),
)
def test_property_random_text_with_markers_never_crashes(lines, cuts, with_front_matter):
    lines = [line for line in lines if line.strip() != "---END---"]
    for cut in sorted(cuts, reverse=True):
        lines.insert(min(cut, len(lines)), "---END---")
    head = build_article("", lang="en").split("\n")[:-1] if with_front_matter else []
    if not with_front_matter and lines and lines[0].strip().startswith("---"):
        lines.insert(0, "Start.")  # a first '---' line would open front matter
    all_lines = head + lines
    text = "\n".join(all_lines) + "\n"
    findings = lint_text(text)
    expected = [n for n, line in enumerate(all_lines, 1) if line == "---END---"]
    assert expected
    # Every marker is reported: as a boundary (FRG001) or, inside a closed
    # code fence, as code (FRG002).
    reported = sorted(f.line for f in findings if f.code in ("FRG001", "FRG002"))
    assert reported == expected
    for finding in findings:
        assert 1 <= finding.line <= len(all_lines)


def test_fm002_deeply_nested_front_matter_is_refused_not_a_crash():
    depth = 600
    text = f"---\ntitle: {'[' * depth}{']' * depth}\n---\n\n本文です。\n"
    findings = lint_text(text)  # must not raise RecursionError
    assert [(f.code, f.line) for f in findings if f.code.startswith(("FM", "IO"))] == [("FM002", 2)]
