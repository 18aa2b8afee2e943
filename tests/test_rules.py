"""The rules: every example article under tests/rules/, then what a fixture cannot say.

Most rule tests are example articles with their expected findings written at
their end (tests/rules/README.md explains the layout and the annotation). One
parametrized test lints each of them. The tests below it are about options,
the API, YAML that must never run, timing, and properties over random text.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import BODY_LINE, article, build_article, line_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rule_fixtures import (
    QUIET,
    RULES_DIR,
    XPASS,
    files_of,
    fixtures,
    lint_fixture,
    read_annotation,
    rewrite,
    shown,
    without_annotation,
)

from mystitch.lint import (
    Finding,
    LintConfig,
    Relation,
    analyse,
    lint_paths,
    lint_text,
    parse_document,
)
from mystitch.lint.rules import RULES

FIXTURES = fixtures()


def _id(fixture: Path) -> str:
    return fixture.relative_to(RULES_DIR).as_posix()


@pytest.mark.parametrize("fixture", FIXTURES, ids=_id)
def test_rule_fixture(fixture: Path, tmp_path: Path, update_golden: bool):
    folder = fixture if fixture.is_dir() else fixture.parent
    kind = fixture.parent.name  # a rule code, or xpass
    found = lint_fixture(fixture)
    names = [path.relative_to(folder).as_posix() for path in files_of(fixture)]
    assert set(found) <= set(names)
    for path, name in zip(files_of(fixture), names, strict=True):
        if update_golden and kind != XPASS:
            rewrite(path, found.get(name, []), folder)
        else:
            _check(path, found.get(name, []), kind, folder)
    if not update_golden:
        # The annotations change nothing: without them, the files give the same findings.
        bare = _copy_without_annotations(fixture, tmp_path)
        assert _shown(lint_fixture(bare), bare) == _shown(found, fixture)


def _check(path: Path, findings: list[Finding], kind: str, folder: Path) -> None:
    got = shown(findings, folder)
    expected = read_annotation(path).expected
    if kind == XPASS:
        assert expected is None, f"{path.name}: an xpass article carries no annotation"
        assert got == [], f"{path.name} must give no finding"
        return
    assert expected is not None, f"{path.name}: no <!-- expect --> block at its end"
    where = [f"{f.line}:{f.column} {f.code}" for f in findings]
    assert where == [f"{e.line}:{e.column} {e.code}" for e in expected], got
    for finding, wanted, row in zip(findings, expected, got, strict=True):
        if wanted.message is not None:
            assert wanted.message in row.split(" ", 2)[2], (str(wanted), row)
        assert finding.severity == RULES[finding.code].severity
    codes = {f.code for f in findings}
    if path.name.startswith(QUIET) or folder.name.startswith(QUIET):
        assert kind not in codes, f"{path.name} is a look-alike of {kind}: it must not give it"
    elif folder.name == kind:  # a single article, not a site
        assert kind in codes, f"{path.name} is under {kind}/ but does not give it"


def _copy_without_annotations(fixture: Path, tmp_path: Path) -> Path:
    copy = tmp_path / fixture.name
    for path in files_of(fixture):
        target = copy / path.relative_to(fixture) if fixture.is_dir() else copy
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(without_annotation(path))
    return copy


def _shown(found: dict[str, list[Finding]], fixture: Path) -> dict[str, list[str]]:
    folder = fixture if fixture.is_dir() else fixture.parent
    return {name: shown(findings, folder) for name, findings in found.items()}


def test_every_rule_has_a_folder_of_fixtures_that_give_it():
    folders = {p.name for p in RULES_DIR.iterdir() if p.is_dir()}
    assert folders - {XPASS} <= set(RULES), "a folder under tests/rules/ that is no rule code"
    given = {p.parent.name for p in FIXTURES if not p.name.startswith(QUIET)}
    # A file's bytes cannot make the linter fail to open it or crash on it.
    assert set(RULES) - given == {"IO001", "IO003"}
    assert any(p.parent.name == XPASS for p in FIXTURES)


# --- options: the same fixtures, linted with other settings -----------------------


def _lint(relative: str, config: LintConfig) -> list[tuple[int, str]]:
    report = lint_paths([str(RULES_DIR / relative)], config)
    return [(f.line, f.code) for f in report.findings]


def test_a_custom_marker_replaces_the_default():
    text = article("本文です。\n\n<<<CUT>>>\n\n---END---\n")
    config = LintConfig(marker=r"^<<<CUT>>>$")
    assert [(f.line, f.code) for f in lint_text(text, config) if f.code.startswith("FRG")] == [
        (13, "FRG001")
    ]


def test_dup001_min_chars_is_configurable():
    fixture = "DUP001/quiet-short-repeat.en.md"  # 17 characters without spaces: too short
    assert _lint(fixture, LintConfig()) == []
    assert _lint(fixture, LintConfig(min_chars=10)) == [(BODY_LINE + 4, "DUP001")]


@pytest.mark.parametrize(
    ("fixture", "line", "quiet_at"),
    [
        ("DUP003/near-duplicate-next-to-it.en.md", BODY_LINE + 2, 0.95),
        ("DUP003/retry-rewrites-a-clause.ja.md", BODY_LINE + 4, 0.99),
    ],
)
def test_dup003_similarity_is_configurable(fixture, line, quiet_at):
    assert _lint(fixture, LintConfig()) == [(line, "DUP003")]
    assert _lint(fixture, LintConfig(similarity=quiet_at)) == []


def test_fm003_required_fields_are_configurable():
    text = "---\ntitle: t\n---\n\nBody.\n"
    articles = LintConfig(articles=("*",))  # a title alone is a page's, unless named
    assert [f.code for f in lint_text(text, articles) if f.code.startswith("FM")] == ["FM003"] * 5
    config = LintConfig(articles=("*",), required_fields=("title",))
    assert [f for f in lint_text(text, config) if f.code.startswith("FM")] == []


def test_fm003_required_fields_come_from_the_config():
    text = build_article("Body.\n", lang="en", drop=["excerpt", "author"])
    config = LintConfig(required_fields=("title", "date", "slug"))
    findings = [f for f in lint_text(text, config) if f.code.startswith("FM")]
    assert [f.code for f in findings] == ["FM003"]
    assert "'slug'" in findings[0].message


def test_the_trn_family_can_be_ignored_or_selected_by_prefix():
    fixture = "TRN002/open-quote-cut-and-continued.ja.md"
    assert {code for _, code in _lint(fixture, LintConfig())} == {
        "TRN001",
        "TRN002",
        "TRN004",
        "FRG001",
    }
    assert [code for _, code in _lint(fixture, LintConfig(ignore=("TRN",)))] == ["FRG001"]
    only = _lint(fixture, LintConfig(select=("TRN00",), ignore=("TRN002",)))
    assert sorted(code for _, code in only) == ["TRN001", "TRN004"]


# --- the API: end lines and the analysis behind the DUP rules ----------------------

LIB = "図書館は町の中心にあり、毎日多くの人が訪れています。"
PLAZA = "駅前の広場も整備が進み、週末には朝市が開かれます。"


def test_dup001_a_repeated_paragraph_reports_its_end_line():
    harbour = "The harbour handles twelve ships a day and employs most of the town."
    pier = "The old pier was rebuilt last spring with money from the county."
    text = build_article(
        f"{harbour}\nIt also has a ferry.\n\n{pier}\n\n{harbour}\nIt also has a ferry.\n",
        lang="en",
    )
    [finding] = [f for f in lint_text(text) if f.code.startswith("DUP")]
    assert (finding.code, finding.line, finding.end_line) == ("DUP001", 16, 17)
    assert "line 11" in finding.message


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


# --- front matter: one table per field, and YAML that must never run ---------------


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


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("tags", "AI, 半導体", "'tags' must be a list of strings, not a string"),
        ("categories", {"a": 1}, "'categories' must be a list of strings, not a mapping"),
        ("tags", ["AI", 3], "'tags' entry 2 must be a string, not a number"),
        ("categories", ["技術", ""], "'categories' entry 2 is an empty string"),
        ("date", "来週のどこか", "'date' '来週のどこか' is not a date"),
        ("date", "next tuesday", "'date' 'next tuesday' is not a date"),
        ("date", "RAW:2025-13-45", "'date' '2025-13-45' is not a date"),
        ("date", 20260314, "'date' 20260314 is not a date"),
        ("reading_time", 0, "'reading_time' must be a positive whole number"),
        ("reading_time", -3, "'reading_time' must be a positive whole number"),
        ("reading_time", 2.5, "'reading_time' must be a positive whole number"),
        ("reading_time", "5分", "'reading_time' must be a positive whole number"),
        ("reading_time", "five", "'reading_time' must be a positive whole number"),
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


@pytest.mark.parametrize(
    "date",
    [
        # as YAML reads them: timestamps, dates, and strings
        "RAW:2025-09-28 02:19:45 +0000",
        "RAW:2026-03-14 09:30:00 +09:00",
        "RAW:2025-09-28",
        "RAW:2025-09-28T02:19:45Z",
        "RAW:2025/09/28",
        "RAW:2025年9月28日",
        # as strings in quotes
        "2026年3月14日",
        "2026/03/14",
    ],
)
def test_fm004_accepts_the_dates_pipelines_write(date):
    text = build_article("本文です。\n", date=date, layout="post", id="a-1")  # extra keys too
    assert [f for f in lint_text(text) if f.code.startswith("FM")] == []


def test_fm_reading_time_is_optional():
    for lang in ("ja", "en"):
        text = build_article("Body text.\n", lang=lang, drop=["reading_time"])
        assert [f for f in lint_text(text) if f.code.startswith("FM")] == []


def test_fm002_python_tags_are_never_executed(tmp_path):
    sentinel = tmp_path / "pwned"
    text = f'---\ntitle: !!python/object/apply:os.system ["touch {sentinel}"]\n---\n\nBody.\n'
    findings = [f for f in lint_text(text) if f.code.startswith("FM")]
    assert [(f.line, f.code) for f in findings] == [(2, "FM002")]
    assert "unsafe" in findings[0].message
    assert not sentinel.exists()


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!python/object/apply:os.system",
    ],
)
def test_fm002_unsafe_tag_in_a_file_is_refused_and_never_executed(tmp_path, tag):
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


# --- property: every marker line is found -------------------------------------------

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
    # A marker is FRG001, or FRG002 inside a code block that closes after it.
    assert [f.line for f in findings if f.code in ("FRG001", "FRG002")] == expected
    for finding in findings:
        assert 1 <= finding.line <= len(all_lines)
