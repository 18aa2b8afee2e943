"""Every rule both ways: it flags the defect on its line, and stays quiet on the look-alike.

Articles built with ``article()`` have their body from line 11.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import article

from mystitch.lint import LintConfig, lint_paths, lint_text


def codes(text: str, prefix: str = "", config: LintConfig | None = None) -> list[tuple[int, str]]:
    return [(f.line, f.code) for f in lint_text(text, config) if f.code.startswith(prefix)]


# FRG ----------------------------------------------------------------------


def test_frg001_flags_every_marker_on_its_line():
    text = article("一つ目です。\n\n---END---\n\n二つ目です。\n---END---\n")
    assert codes(text, "FRG") == [(13, "FRG001"), (16, "FRG001")]


def test_frg001_ignores_marker_like_text():
    text = article("線 `---END---` の話です。\n\n--- END ---\n\n----\n\n本文です。\n")
    assert codes(text, "FRG") == []


def test_frg001_custom_marker():
    config = LintConfig(marker=r"^<<<CUT>>>$")
    text = article("本文です。\n\n<<<CUT>>>\n\n---END---\n")
    assert codes(text, "FRG", config) == [(13, "FRG001")]


def test_a_marker_inside_a_closed_fence_is_code_frg002():
    text = article("```python\nprint(1)\n---END---\nprint(1)\n```\n")
    assert codes(text, "FRG") == [(13, "FRG002")]


def test_a_marker_inside_a_fence_written_again_still_splits():
    # The generator cut the block and wrote it again from its opening fence.
    text = article("```python\nprint(1)\n---END---\n```python\nprint(1)\n```\n")
    assert codes(text, "FRG") == [(13, "FRG001")]


def test_a_marker_inside_a_fence_never_closed_still_splits():
    text = article("```python\nprint(1)\n---END---\nprint(2)\n")
    assert codes(text, "FRG") == [(13, "FRG001")]


def test_trn005_unclosed_fence_in_the_last_fragment():
    text = article("Text.\n\n```python\nx = 1\n")
    assert codes(text, "TRN005") == [(13, "TRN005")]
    cut_inside = article("```python\nx = 1\n---END---\nx = 1\n```\n\nDone.\n")
    assert codes(cut_inside, "TRN005") == []


def test_marker_in_a_documented_example_is_text():
    body = (
        "<!-- mystitch-lint-disable FRG001 -->\n```text\n切れた\n---END---\n文です。\n```\n"
        "<!-- mystitch-lint-enable FRG001 -->\n\n本文です。\n"
    )
    assert codes(article(body)) == []


# FM -----------------------------------------------------------------------


def test_complete_front_matter_gives_nothing():
    assert codes(article("本文です。\n"), "FM") == []


def test_fm001_no_front_matter():
    assert codes("# Title\n\nBody text.\n", "FM") == [(1, "FM001")]


def test_fm002_unclosed_front_matter():
    findings = lint_text("---\ntitle: x\n\nbody\n")
    assert [(f.line, f.code) for f in findings if f.code.startswith("FM")] == [(1, "FM002")]
    assert "never closed" in findings[0].message


def test_fm002_yaml_error_points_at_the_file_line():
    text = "---\ntitle: ok\ntags: [a, b\nauthor: x\n---\n\nBody.\n"
    [finding] = [f for f in lint_text(text) if f.code.startswith("FM")]
    assert finding.code == "FM002"
    assert finding.line in (3, 4, 5)  # PyYAML marks where the flow sequence breaks
    assert "does not parse" in finding.message


def test_fm002_python_tags_are_never_executed(tmp_path):
    sentinel = tmp_path / "pwned"
    text = f'---\ntitle: !!python/object/apply:os.system ["touch {sentinel}"]\n---\n\nBody.\n'
    findings = [f for f in lint_text(text) if f.code.startswith("FM")]
    assert [(f.line, f.code) for f in findings] == [(2, "FM002")]
    assert "unsafe" in findings[0].message
    assert not sentinel.exists()


def test_fm002_alias_bomb_is_refused():
    lines = ["---", "a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        prev = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    text = "\n".join([*lines, "---", "", "Body."]) + "\n"
    findings = [f for f in lint_text(text) if f.code.startswith("FM")]
    assert [f.code for f in findings] == ["FM002"]
    assert "alias" in findings[0].message


def test_fm002_front_matter_that_is_not_a_mapping():
    findings = [f for f in lint_text("---\n- a\n- b\n---\n\nBody.\n") if f.code.startswith("FM")]
    assert [f.code for f in findings] == ["FM002"]
    assert "mapping" in findings[0].message


@pytest.mark.parametrize("field", ["title", "date", "author", "categories", "tags", "excerpt"])
def test_fm003_each_required_field_missing_is_named(field):
    text = article("本文です。\n")
    lines = [line for line in text.split("\n") if not line.startswith(f"{field}:")]
    findings = [f for f in lint_text("\n".join(lines)) if f.code == "FM003"]
    assert len(findings) == 1
    assert f"'{field}'" in findings[0].message and "missing" in findings[0].message


def test_fm003_empty_fields_are_named_on_their_line():
    text = '---\ntitle: ""\ndate: 2026-01-01\nauthor: a\ncategories: []\ntags:\nexcerpt: e\n---\n\nBody.\n'
    findings = [(f.line, f.message) for f in lint_text(text) if f.code == "FM003"]
    assert [line for line, _ in findings] == [2, 5, 6]
    assert all("empty" in message for _, message in findings)


def test_fm003_required_fields_are_configurable():
    text = "---\ntitle: t\n---\n\nBody.\n"
    config = LintConfig(required_fields=("title",))
    assert codes(text, "FM", config) == []


@pytest.mark.parametrize(
    ("line", "value", "field"),
    [
        ("tags: AI", "tags", "tags"),
        ("tags: [AI, 3]", "entry 2", "tags"),
        ("categories: {a: b}", "categories", "categories"),
        ("date: next tuesday", "date", "date"),
        ("date: 2025-13-45", "date", "date"),
        ("reading_time: -2", "reading_time", "reading_time"),
        ("reading_time: five", "reading_time", "reading_time"),
        ("title: 42", "title", "title"),
    ],
)
def test_fm004_wrong_types_name_the_field(line, value, field):
    key = line.split(":")[0]
    text = article("本文です。\n")
    lines = [line if existing.startswith(f"{key}:") else existing for existing in text.split("\n")]
    findings = [f for f in lint_text("\n".join(lines)) if f.code.startswith("FM")]
    assert findings, line
    assert all(f.code in ("FM002", "FM004") for f in findings)
    assert any(field in f.message for f in findings)


@pytest.mark.parametrize(
    "date",
    [
        "2025-09-28 02:19:45 +0000",
        "2025-09-28",
        "2025-09-28T02:19:45Z",
        "2025/09/28",
        "2025年9月28日",
    ],
)
def test_fm004_accepts_the_dates_pipelines_write(date):
    text = article("本文です。\n").replace("date: 2026-03-14 09:30:00 +0900", f"date: {date}")
    assert codes(text, "FM") == []


# TRN ----------------------------------------------------------------------


def test_trn001_cut_at_a_fragment_end():
    text = article("完全な文です。次の文は途中で\n\n---END---\n\n新しい話です。\n")
    assert (11, "TRN001") in codes(text, "TRN")


def test_trn001_english_cut_at_the_end_of_the_last_fragment():
    text = article("The first sentence is complete. The second one stops in the mid\n\n---END---\n")
    assert codes(text, "TRN") == [(11, "TRN001")]


def test_trn001_complete_paragraphs_at_fragment_ends_are_quiet():
    text = article("完全な文です。「引用です。」\n\n---END---\n\nAll good (really).\n\n---END---\n")
    assert codes(text, "TRN") == []


@pytest.mark.parametrize(
    "body",
    [
        "## 見出しに句点はない\n\n本文です。\n",
        "- 項目に句点はない\n- 二つ目\n",
        "| a | b |\n| --- | --- |\n| 句点なし | なし |\n",
        "```\ncode without a full stop\n```\n",
        "<div>html without a full stop</div>\n",
        "**太字のラベル行**\n\n本文です。\n",
        "次の手順で実行します：\n\n```sh\nmake\n```\n",
        "Install it with:\n\n- pip\n- conda\n",
        "[![badge](https://example.com/b.svg)](https://example.com)\n",
        "[Docs](https://example.com) | [Chat](https://example.com/chat)\n",
        "テスト記事\n\n本文です。\n",
        "MIT\n",
        "Enjoy the release 🎉\n",
        "It went fine. Mostly :)\n",
        "終わりに補足します。(詳しくは別記事で)\n",
        "その場合は\n\n1. 一つ目\n2. 二つ目\n",
        "See [the guide](https://example.com/guide) for details\n",
    ],
)
def test_trn001_never_flags_the_look_alikes(body):
    assert codes(article(body), "TRN") == []


def test_trn001_mid_fragment_paragraph_with_punctuated_sentences():
    text = article("一文目は終わっています。二文目は終わっていない\n\n次の段落です。\n")
    assert codes(text, "TRN") == [(11, "TRN001")]


def test_trn001_cut_list_item_at_a_fragment_end():
    text = article("- 一つ目の項目です。\n- 二つ目の項目は途中\n\n---END---\n")
    assert (12, "TRN001") in codes(text, "TRN")


def test_trn002_unclosed_bracket_and_lone_bold():
    text = article("新しい価値を生み出す「\n\n---END---\n\nイノベーション**への投資です。\n")
    found = codes(text, "TRN002")
    assert (11, "TRN002") in found and (15, "TRN002") in found


def test_trn002_quiet_on_balanced_markup_and_code_spans():
    text = article(
        "「引用」と（注記）と**太字**です。`「` はコードです。[リンク](https://example.com)です。\n"
    )
    assert codes(text, "TRN002") == []


def test_trn003_dangling_heading_at_a_fragment_end():
    text = article("本文です。\n\n### 倫理と\n\n---END---\n\n別の話です。\n")
    assert codes(text, "TRN003") == [(13, "TRN003")]


def test_trn003_heading_with_content_or_subheading_is_quiet():
    text = article("## 節\n\n### 小節\n\n本文です。\n\n---END---\n")
    assert codes(text, "TRN003") == []


def test_trn004_fragment_starting_mid_sentence():
    text = article("投資の対象は研究\n\n---END---\n\nへの投資です。\n")
    assert (15, "TRN004") in codes(text, "TRN")
    text = article("Service 「GPUSOROB\n\n---END---\n\nAN」 is a cloud.\n")
    assert (15, "TRN004") in codes(text, "TRN")
    text = article("It is impor\n\n---END---\n\ntant to note this.\n")
    assert (15, "TRN004") in codes(text, "TRN")


def test_trn004_restart_and_fresh_start_are_quiet():
    text = article("未来は、私\n\n---END---\n\n未来は、私たちの手にあります。\n")
    assert codes(text, "TRN004") == []
    # Japanese after a cut, with no restart and no retry, continues the cut,
    # as the merge reads it; a capitalised English sentence starts afresh.
    text = article("この\n\n---END---\n\n英国の話から始めます。\n")
    assert codes(text, "TRN004") == [(15, "TRN004")]
    text = article("The team rewrote the\n\n---END---\n\nLatency fell by a third.\n")
    assert codes(text, "TRN004") == []
    text = article("Fine.\n\n---END---\n\niPhone sales rose.\n")
    assert codes(text, "TRN004") == []


# DUP ----------------------------------------------------------------------

LONG_JA = "日本の半導体産業は長い停滞を経て、いま再び大きな投資の波を迎えています。"
LONG_EN = (
    "The database now compacts its write-ahead log in the background, which cuts restart time."
)


def test_dup001_exact_repeat_after_normalisation():
    text = article(f"{LONG_JA}\n\n別の段落です。\n\n{LONG_JA.replace('日本', '日本 ')}\n")
    assert codes(text, "DUP") == [(15, "DUP001")]
    width = LONG_EN.replace("The", "Ｔｈｅ")
    assert codes(article(f"{LONG_EN}\n\nOther.\n\n**{width}**\n"), "DUP")[0] == (15, "DUP001")


def test_dup001_short_paragraphs_and_headings_are_not_duplicates():
    body = "### Fixed\n\n- one\n\n### Fixed\n\n- two\n\nYes.\n\nYes.\n"
    assert codes(article(body), "DUP") == []


def test_dup002_part_of_and_contains():
    first = LONG_JA + "さらに政府の支援策も追い風になっています。"
    text = article(f"{first}\n\n間の段落です。\n\n{LONG_JA}\n")
    assert codes(text, "DUP") == [(15, "DUP002")]
    text = article(f"{LONG_JA}\n\n間の段落です。\n\n{first}\n")
    assert codes(text, "DUP") == [(15, "DUP002")]


def test_dup002_restart_of_a_cut_sentence():
    text = article(f"{LONG_JA}研究開発への\n\n---END---\n\n研究開発への投資も増えています。\n")
    assert (15, "DUP002") in codes(text, "DUP")


def test_dup003_near_duplicate_and_threshold():
    # A retry that rewrites one clause of a long paragraph.
    a = (
        "そして、VCエコシステムの強化とディープテック投資の加速も重要です。日本のVC市場は成熟しつつありますが、"
        "AIのようなディープテック分野、特に初期段階での大規模なリスクマネー供給はまだ限定的です。"
        "海外の有力VCとの連携を深め、よりリスクを取った長期的な投資を促す仕組みが求められています。"
    )
    b = a.replace("重要です。", "重要ですし、正直なところ改善の余地も大きいです。")
    text = article(f"{a}\n\n間の段落です。\n\n{b}\n")
    assert codes(text, "DUP") == [(15, "DUP003")]
    assert codes(text, "DUP", LintConfig(similarity=0.99)) == []


def test_dup003_different_paragraphs_on_the_same_topic_are_quiet():
    a = "新しいチップは前世代より消費電力が三割少なく、データセンターの運用費を下げます。"
    b = "一方で製造はまだ一社に頼っており、供給の安定には時間がかかりそうです。"
    assert codes(article(f"{a}\n\n{b}\n"), "DUP") == []


def test_dup004_repeated_section_and_changelog_headings():
    section = f"## 背景\n\n{LONG_JA}\n\n{LONG_EN}\n\n"
    text = article(section + "---END---\n\n" + section)
    found = codes(text, "DUP")
    assert (19, "DUP004") in found
    assert (21, "DUP001") in found and (23, "DUP001") in found
    changelog = "### Fixed\n\n- a crash on start-up\n\n### Fixed\n\n- a leak in the cache\n"
    assert codes(article(changelog), "DUP") == []


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_dup005_paragraph_in_another_file_names_it(tmp_path):
    _write(tmp_path, "a.md", article(f"{LONG_JA}\n", title="A"))
    _write(tmp_path, "b.md", article(f"別の文章です。\n\n{LONG_JA}\n", title="B"))
    report = lint_paths([str(tmp_path)], LintConfig())
    found = [f for f in report.findings if f.code == "DUP005"]
    assert [(Path(f.path).name, f.line) for f in found] == [("b.md", 13)]
    assert "a.md:11" in found[0].message


def test_dup006_same_article_saved_twice_with_other_tags(tmp_path):
    body = "\n\n".join(f"{LONG_JA[:-1]}その{i}。" for i in range(6)) + "\n"
    _write(tmp_path, "one.md", article(body, title="同じ記事"))
    shorter = body.rsplit("\n\n", 2)[0] + "\n\nその途中で"
    other = article(shorter, title="同じ記事").replace('tags: ["AI", "半導体"]', 'tags: ["別"]')
    _write(tmp_path, "two.md", other)
    findings = lint_paths([str(tmp_path)], LintConfig()).findings
    dup6 = [f for f in findings if f.code == "DUP006"]
    assert [Path(f.path).name for f in dup6] == ["two.md"]
    assert "one.md" in dup6[0].message
    assert not [f for f in findings if f.code == "DUP005"]


def test_clean_distinct_files_have_no_cross_file_findings(tmp_path):
    _write(tmp_path, "a.md", article(f"{LONG_JA}\n", title="A"))
    _write(tmp_path, "b.md", article(f"{LONG_EN}\n", title="B"))
    assert [
        f for f in lint_paths([str(tmp_path)], LintConfig()).findings if f.code.startswith("DUP")
    ] == []
