"""The merge (``merge_text``): each way a generator cuts and repeats, and the shared seeds.

The ``mystitch-merge`` command is tested in test_merge_cli.py, and its pages
for a handful of articles are kept as golden files (test_merge_golden.py).
"""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS

from mystitch.lint import parse_document
from mystitch.lint.merge import Action, merge_text, split_source
from mystitch.lint.merge.article import without_lead_in
from mystitch.lint.merge.sentences import Vocabulary, join_cut, source_key

FRONT = """---
title: "テスト記事"
date: 2026-02-01 10:00:00 +0900
categories: ["技術"]
tags: ["AI", "半導体"]
author: "編集部"
excerpt: "テストです。"
reading_time: 3
---

"""


def body(result_text: str) -> str:
    return result_text.split("---\n", 2)[2]


def events(result, action: Action) -> list[int]:
    return [e.line for e in result.events if e.action is action]


def test_clean_article_comes_back_unchanged():
    # The front matter as written (quotes, block style) and no title heading
    # added: the editor's page keeps the title in the front matter.
    text = (
        FRONT
        + "一つ目の段落です。二つ目の文です。\n\n## 見出し\n\n- 項目\n- 項目二\n\n```python\nprint('x')\n```\n"
    )
    result = merge_text(text)
    assert result.clean
    assert result.text == text


def test_direct_continuation_of_a_word_reads_through():
    text = FRONT + "新サービス「GPUSOROB\n\n---END---\n\nAN」は手軽に使えるクラウドです。\n"
    result = merge_text(text)
    assert "新サービス「GPUSOROBAN」は手軽に使えるクラウドです。" in result.text
    assert events(result, Action.STITCHED) == [15]
    assert "---END---" not in result.text


def test_particle_continuation_reads_through():
    text = FRONT + "今後は研究開発\n\n---END---\n\nへの投資が欠かせません。\n"
    result = merge_text(text)
    assert "今後は研究開発への投資が欠かせません。" in result.text


def test_restarted_sentence_appears_once():
    text = FRONT + (
        "最初の文です。次の文は途中で切れ\n\n---END---\n\n"
        "次の文は途中で切れたあとに書き直されました。三つ目の文です。\n"
    )
    result = merge_text(text)
    assert (
        "最初の文です。次の文は途中で切れたあとに書き直されました。三つ目の文です。" in result.text
    )
    assert result.text.count("次の文は") == 1
    assert events(result, Action.RESTARTED)


def test_a_restart_a_few_characters_back_with_a_name_in_them_is_one_sentence():
    # "たVMに、": three Japanese characters with a name inside the overlap.
    raw = "# VMに接続\n\n起動したVMに、\n---END---\nたVMに、sshで接続します。\n"
    assert "起動したVMに、sshで接続します。" in body(merge_text(FRONT + raw).text)


@pytest.mark.parametrize("space", [" ", ""])
def test_a_piece_that_starts_with_a_footnote_mark_goes_on_with_the_sentence(space):
    raw = (
        "## 埋め込み\n\n次の要素が追加されるようになりました。\n---END---\n"
        f"{space}[^1]\n\n次の段落です。\n\n[^1]: 注記です。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert f"次の要素が追加されるようになりました。{space}[^1]\n" in page
    assert "[^1]: 注記です。" in page


def test_a_shorter_cut_attempt_leaves_the_longer_cut_one_cut_for_the_whole_one():
    """Cut inside a link, then cut after one word, then written whole: the
    whole paragraph completes the first attempt, once."""
    whole = (
        "The reason why I ([@vjeux](https://github.com/vjeux)) embarked on this journey is simple."
    )
    raw = (
        f"### Adoption\n\n{whole[:40]}\n\n---END---\n### Adoption\n\nThe\n\n---END---\n"
        f"### Adoption\n\n{whole}\n\nThe first projects were small.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.strip() == f"### Adoption\n\n{whole}\n\nThe first projects were small."


def test_a_paragraph_restarted_with_a_lead_in_on_a_later_sentence_is_one_paragraph():
    raw = (
        "ルールは次のとおり。\n\nというルールで毎日状態が遷移する。\nでは100日後には何枚が黒になっているか？\n---END---\n"
        "というルールで毎日状態が遷移する。\n基本的に、では100日後には何枚が黒になっているか？という問題。\n"
        "前述の例だと2208枚が解となる。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("というルールで毎日状態が遷移する。") == 1
    assert "基本的に、では100日後には何枚が黒になっているか？という問題。" in page
    assert "\nでは100日後" not in page


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        (
            "基本的に、すべてのコンポーネントには次のものが必要です。",
            "すべてのコンポーネントには次のものが必要です。",
        ),
        (
            "Basically, every component needs these three parts:",
            "every component needs these three parts:",
        ),
        # A clause of its own before a stock sentence is no lead-in.
        ("としてPDFに変換すると、以下のような出力となる。", None),
        ("基本的に、以下のとおり。", None),  # too short to be no stock phrase
    ],
)
def test_a_lead_in_is_a_word_or_two_before_a_sentence_of_some_length(text, rest):
    expected = None if rest is None else source_key(rest)
    assert without_lead_in(source_key(text)) == expected


def test_a_later_attempt_that_writes_new_sections_then_repeats_one_keeps_their_order():
    """The piece begins as a later attempt at an earlier continuation, writes
    sections A and B, then A again and C: the repeat of A is no retry of the
    attempt, so C follows B."""
    a = "## A\n\nThe first paragraph of section A, long enough to count as a repeat.\n\n```vue\n<KeepAlive />\n```\n"
    b = "## B\n\nThe only paragraph of section B, long enough to count as text here.\n"
    c = "## C\n\nThe only paragraph of section C, new text at the end of the piece.\n"
    raw = (
        "Intro paragraph that the generator cuts in the mid\n---END---\n"
        "dle of a word, and goes on for a while.\n\nA closing paragraph of the first part.\n"
        "---END---\ndle of a word, and goes on for a while.\n\n"
        f"A closing paragraph of the first part.\n\n{a}\n{b}\n{a}\n{c}"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("## A") == 1
    assert page.index("## A") < page.index("## B") < page.index("## C")


def test_restarted_paragraph_appears_once():
    paragraph = "最初の文です。二つ目の文です。三つ目の文が"
    text = (
        FRONT
        + f"{paragraph}\n\n---END---\n\n最初の文です。二つ目の文です。三つ目の文が完成しました。\n"
    )
    result = merge_text(text)
    assert result.text.count("最初の文です。") == 1
    assert "三つ目の文が完成しました。" in result.text
    assert result.clean


def test_retry_is_merged_and_its_new_section_lands_between_known_sections():
    first = (
        "## 背景\n\n背景の説明です。長い説明が続きます。\n\n## 結論\n\n結論の文です。以上です。\n"
    )
    retry = (
        "## 背景\n\n背景の説明です。長い説明が続きます。\n\n## 新しい節\n\n新しい節の本文です。\n\n"
        "## 結論\n\n結論の文です。以上です。\n"
    )
    result = merge_text(FRONT + first + "\n---END---\n\n" + retry)
    page = body(result.text)
    assert page.count("## 背景") == 1 and page.count("## 結論") == 1
    assert page.index("## 背景") < page.index("## 新しい節") < page.index("## 結論")
    assert page.count("背景の説明です。") == 1


def test_complete_version_of_a_cut_paragraph_survives():
    text = FRONT + (
        "一つ目の段落はここで終わります。\n\n二つ目の段落は途中で切\n\n---END---\n\n"
        "一つ目の段落はここで終わります。\n\n二つ目の段落は途中で切れずに最後まで書かれています。\n"
    )
    result = merge_text(text)
    assert "二つ目の段落は途中で切れずに最後まで書かれています。" in result.text
    assert "途中で切\n" not in result.text
    assert result.text.count("一つ目の段落") == 1


def test_unrecoverable_cut_is_trimmed_with_a_warning():
    text = FRONT + "完全な文です。最後の文は途中で\n\n---END---\n"
    result = merge_text(text)
    assert "最後の文は途中で" not in result.text
    assert "完全な文です。" in result.text
    [warning] = result.warnings
    assert warning.action is Action.TRIMMED and warning.line == 11
    assert warning.removed == "最後の文は途中で"


def test_dangling_heading_goes_with_a_warning():
    text = FRONT + "本文です。\n\n### 倫理と\n\n---END---\n"
    result = merge_text(text)
    assert "倫理と" not in result.text
    assert [w.action for w in result.warnings] == [Action.HEADING]


def test_cut_heading_restarted_keeps_the_complete_one():
    text = FRONT + "本文です。\n\n### 倫理と\n\n---END---\n\n### 倫理と社会\n\n社会の話です。\n"
    page = body(merge_text(text).text)
    assert "### 倫理と社会" in page
    assert "### 倫理と\n" not in page


def test_lone_bold_marker_is_repaired():
    text = FRONT + "継続的なイノベーション**への投資は不可欠です。\n"
    result = merge_text(text)
    assert "**" not in body(result.text)
    assert "継続的なイノベーションへの投資は不可欠です。" in result.text


@pytest.mark.parametrize(
    "code",
    ["foo(**h) #=> 42", "def bar(h, **kwargs)", "x = 2 ** 10", "call(a, **opts)"],
)
def test_a_double_splat_or_a_power_is_no_stray_bold_marker(code):
    # Liquid's {% highlight %} is no fence: Markdown reads the code as a
    # paragraph, and a "# comment" line as a heading.
    text = FRONT + "{% highlight ruby %}\n# double splat\n" + code + "\n{% endhighlight %}\n"
    assert code in merge_text(text).text


def test_a_double_splat_named_in_japanese_prose_is_no_stray_bold_marker():
    text = FRONT + "旧来の委譲スタイル（つまり、**kwargsを受け渡ししないスタイル）を使います。\n"
    assert "つまり、**kwargsを" in merge_text(text).text


def test_non_prose_stays_exactly_as_written():
    table = "| 名前 | 値 |\n| --- | --- |\n| a | 1 |"
    code = "```text\n---END--- is not here\n```"
    text = FRONT + f"表です。\n\n{table}\n\n<div>html</div>\n\n- 一\n- 二\n"
    result = merge_text(text)
    assert table in result.text and "<div>html</div>" in result.text and "- 一\n- 二" in result.text
    assert code not in result.text


def test_a_block_the_writer_shows_twice_far_apart_is_kept():
    """The same sentence under two steps far apart is the writer's, not a
    repeat; a copy right after the first is the generator's."""
    shown = "The server then starts with your code and stops at each of your breakpoints."
    steps = "\n\n".join(f"Step {n} changes the file in one more way." for n in range(1, 8))
    text = (
        FRONT
        + f"Open the Run menu and pick Debug.\n\n{shown}\n\n{steps}\n\n"
        + f"Or open the Debug panel and pick the file.\n\n{shown}\n\n"
        + "It now prints the new value, as the last step said it would.\n\n"
        + "It now prints the new value, as the last step said it would.\n\n"
        + "The end of the tutori\n---END---\nal is here.\n"
    )
    result = body(merge_text(text).text)
    assert result.count(shown) == 2
    assert result.count("It now prints the new value") == 1
    assert "The end of the tutorial is here." in result


def test_a_lead_in_under_the_next_steps_own_heading_is_the_writers():
    """ "Run this in the VM's terminal:" under two steps, each with its own
    command: shown twice on purpose, however near, when a new heading is
    right above the copy."""
    lead = "VMのターミナルに接続した状態で、次のコマンドを実行します。"
    raw = (
        "## 概要\n\nnginxは軽量なサーバー\n---END---\nです。\n\n"
        f"## パッケージを更新\n\n{lead}\n\n```shell\nsudo apt update\n```\n\n"
        f"## nginxのインストール\n\n{lead}\n\n```shell\nsudo apt install nginx\n```\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count(lead) == 2 and "nginxは軽量なサーバーです。" in page


def test_paragraphs_alike_but_for_a_number_are_the_writers_next_ones():
    """Templated paragraphs ("Step 2 adds…" after "Step 1 adds…") are not
    another attempt at the earlier one when no piece went back to it."""
    steps = [
        f"## Step {n}\n\nStep {n} adds one more field to the model, and the request body "
        f"follows it.\n\n{{* ../src/models/tutorial00{n}.py hl[12] *}}"
        for n in range(1, 6)
    ]
    clean = "\n\n".join(steps)
    cut = clean.index("one more field", clean.index("## Step 3")) + 4
    restart = clean.index("{* ../src/models/tutorial002")
    raw = FRONT + clean[:cut] + "\n---END---\n" + clean[restart:] + "\n"
    assert body(merge_text(raw).text).strip() == clean


def test_directive_syntax_lines_are_compared_as_written():
    """The line "/// tip" and its closing "///" are syntax, not two attempts at a sentence."""
    blocks = [
        "The command line tool runs your app in two ways, one for writing code and one for "
        "serving it.",
        "/// tip",
        "Use the dev command while you write code, since it reloads on every change.",
        "///",
        "The run command is the one for production: it does not reload, and it listens on all "
        "addresses.",
        "/// tip",
        "Put the run command in your container's start script so it runs on every deploy.",
        "///",
    ]
    clean = "\n\n".join(blocks)
    cut = clean.index(blocks[4]) - 2
    raw = FRONT + clean[:cut] + "\n---END---\n" + clean[clean.index("/// tip") :] + "\n"
    assert body(merge_text(raw).text).strip() == clean


def test_a_retry_that_rewords_its_start_is_no_continuation_of_the_cut():
    """A piece cut mid-sentence, then a retry from further back that adds a
    lead-in ("基本的に、" + a paragraph the article has): the retry, not the
    cut sentence's end."""
    thanks = (
        "まずは発表者の方々に感謝します。皆さんの準備のおかげで、当日は大きな問題もなく進みました。"
    )
    after = "次に、参加者の皆さんにもお礼を申し上げます。会場の雰囲気はとても温かいものでした。"
    raw = (
        FRONT
        + f"カンファレンスが終わりました。\n\n{thanks}\n\n"
        + "次に、参加者の皆さんにもお礼を申し上げます。会場の雰囲気は\n---END---\n"
        + f"基本的に、{thanks}\n\n{after}\n\n来年もまたお会いしましょう。\n"
    )
    expected = f"カンファレンスが終わりました。\n\n基本的に、{thanks}\n\n{after}\n\n来年もまたお会いしましょう。"
    assert body(merge_text(raw).text).strip() == expected


def test_a_list_item_goes_on_with_the_space_after_its_cut_word():
    """The piece " Rust functions…" after "* Unwinding between": the same line, capital
    or not; after an item that ends with a link, a capital starts new text."""
    raw = (
        FRONT
        + "Two rules:\n\n* Unwinding between\n---END---\n"
        + " Rust functions may not use the system mechanism.\n* Aborting is cheap.\n"
    )
    expected = (
        "Two rules:\n\n* Unwinding between Rust functions may not use the system mechanism.\n"
        "* Aborting is cheap."
    )
    assert body(merge_text(raw).text).strip() == expected
    raw = (
        FRONT
        + "Plugins:\n\n- [one](https://example.com/one) by [Ann](https://example.com/ann)\n"
        + "---END---\n The core package has the rest. It is small.\n"
    )
    page = body(merge_text(raw).text)
    assert re.search(r"\(https://example\.com/ann\)\n\n ?The core package has the rest\.", page)


def test_a_list_item_goes_on_with_a_mark_after_its_full_stop():
    """ "…a 1.4 times speed-up." then " [Bug #10212]": the item's line went on."""
    raw = (
        FRONT + "Changes:\n\n* Faster calls.\n\n  We measured a 1.4 times speed-up.\n---END---\n"
        " [Bug #10212]\n\n* Faster blocks.\n"
    )
    page = body(merge_text(raw).text)
    assert "  We measured a 1.4 times speed-up. [Bug #10212]\n" in page
    assert page.count("[Bug #10212]") == 1


def test_merge_is_idempotent_and_deterministic():
    text = (
        FRONT
        + "一つ目です。二つ目は\n\n---END---\n\n二つ目は書き直しです。\n\n## 節\n\n本文。\n\n---END---\n\n## 節\n\n本文。\n"
    )
    once = merge_text(text).text
    assert merge_text(text).text == once
    assert merge_text(once).text == once


def _complete_sentences(text: str) -> list[str]:
    document = parse_document("x", text)
    return [s.key for b in document.blocks() if b.is_prose for s in split_source(b) if s.complete]


@pytest.mark.seeds
def test_seeds_merge_to_the_editors_pages(seeds):
    """The gold pages (../shared/gold) are the editorial policy applied by
    hand: the merge gives each of them byte for byte."""
    gold = SEEDS.parent / "gold"
    if not gold.is_dir():
        pytest.skip("no ../shared/gold")
    for seed in seeds:
        page = gold / f"{seed.stem}.md"
        if not page.exists():
            continue
        result = merge_text(seed.read_text(encoding="utf-8"), path=str(seed))
        assert result.text == page.read_text(encoding="utf-8"), seed.name


def test_seeds_merge_without_markers_and_merge_again_unchanged(seeds):
    for seed in seeds:
        page = merge_text(seed.read_text(encoding="utf-8"), path=str(seed)).text
        assert "---END---" not in page
        assert merge_text(page).text == page


def test_seed_cuts_are_read_through(seeds):
    by_name = {s.name[:3]: s.read_text(encoding="utf-8") for s in seeds}
    page = merge_text(by_name["001"]).text
    # The latest attempt's completion of the cut "未来は、私".
    assert "未来は、私たち自身の選択と行動にかかっているのです。" in page
    # The section written again: its latest version, once.
    assert page.count("**アライアンスの真価") == 1
    page = merge_text(by_name["000"]).text
    assert "継続的なイノベーションへの投資は不可欠です。" in page
    assert re.search(r"例えば、AI研究における共同プロジェクト、データ共有の枠組み、そして", page)


def test_a_section_emptied_by_its_dangling_subsection_goes_too():
    text = FRONT + "本文です。\n\n### 費用\n\n#### 内訳\n\n---END---\n"
    result = merge_text(text)
    assert "費用" not in body(result.text) and "内訳" not in body(result.text)
    assert [w.action for w in result.warnings] == [Action.HEADING, Action.HEADING]


LIST_CUTS = [
    # (raw body, the list the page must hold, what the merge says)
    (
        "手順は次のとおりです。\n\n- 電源を入れる\n- 設定画面を開\n\n---END---\n\nく\n- 保存する\n",
        "- 電源を入れる\n- 設定画面を開く\n- 保存する",
        Action.STITCHED,
    ),
    (
        "The steps are short.\n\n- open the lid\n- press the red but\n---END---\n"
        "ton twice\n- close the lid\n",
        "- open the lid\n- press the red button twice\n- close the lid",
        Action.STITCHED,
    ),
    (
        "The steps are short.\n\n- open the lid\n-\n---END---\n press the button\n",
        "- open the lid\n- press the button",
        Action.STITCHED,
    ),
    (
        "The steps are short.\n\n- open the lid\n- press the button\n---END---\n- close the lid\n",
        "- open the lid\n- press the button\n- close the lid",
        Action.STITCHED,
    ),
    (
        "The steps are short.\n\n- open the lid\n- press the but\n---END---\n"
        "- press the button\n- close the lid\n",
        "- open the lid\n- press the button\n- close the lid",
        Action.RESTARTED,
    ),
    (
        "The steps are short.\n\n1. open the lid\n2. press the but\n---END---\n"
        "1. open the lid\n2. press the button\n3. close the lid\n",
        "1. open the lid\n2. press the button\n3. close the lid",
        Action.RESTARTED,
    ),
]


@pytest.mark.parametrize(("raw", "expected", "action"), LIST_CUTS)
def test_a_list_cut_by_a_marker_reads_through(raw, expected, action):
    result = merge_text(FRONT + raw)
    page = body(result.text)
    assert expected in page
    # One list: no second list, no stray paragraph with the item's rest.
    assert len(re.findall(r"^(?:- |\d\. )", page, re.M)) == expected.count("\n") + 1
    assert [e.action for e in result.events if "list" in e.message] == [action]
    assert merge_text(result.text).text == result.text


def test_a_new_sentence_after_a_cut_list_is_a_paragraph_of_its_own():
    raw = "Intro.\n\n- open the lid\n- press the button\n---END---\nLatency fell by half.\n"
    page = body(merge_text(FRONT + raw).text)
    assert "- press the button\n\nLatency fell by half." in page


def test_a_list_item_ending_a_sentence_is_not_continued():
    raw = "はじめに。\n\n- 電源を入れます。\n\n---END---\n\n次に設定を確認します。\n"
    page = body(merge_text(FRONT + raw).text)
    assert "- 電源を入れます。\n\n次に設定を確認します。" in page


def test_a_retry_of_another_list_after_a_cut_list_is_a_repeat():
    raw = (
        "Intro.\n\n- red\n- green\n\nMore text follows here.\n\n- open the lid\n- press\n"
        "---END---\n- red\n- green\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("- red") == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "表です。\n\n| 項目 | 値 |\n| --- | --- |\n| 消費電力 | 標準2.5W（最\n\n---END---\n\n"
            "大4W） |\n| 価格 | 5万円 |\n",
            "| 項目 | 値 |\n| --- | --- |\n| 消費電力 | 標準2.5W（最大4W） |\n| 価格 | 5万円 |",
        ),
        (
            "A table.\n\n| a | b |\n| --- | --- |\n| one | two |\n---END---\n| three | four |\n",
            "| a | b |\n| --- | --- |\n| one | two |\n| three | four |",
        ),
        (
            "A table.\n\n| a | b |\n| --- | --- |\n| one |\n---END---\n two |\n",
            "| a | b |\n| --- | --- |\n| one | two |",
        ),
        # The cut row written again from its start: the whole row, once.
        (
            "A table.\n\n| a | b |\n| --- | --- |\n| **Root HMR** | 30.\n\n---END---\n\n"
            "| **Root HMR** | 30.5ms |\n| **Leaf HMR** | 16.9ms |\n",
            "| a | b |\n| --- | --- |\n| **Root HMR** | 30.5ms |\n| **Leaf HMR** | 16.9ms |",
        ),
        # Cut before the | --- | row is whole: Markdown reads a paragraph, not a table.
        (
            "表です。\n\n| 項\n---END---\n目 | 値 |\n| --- | --- |\n| 価格 | 5万円 |\n",
            "| 項目 | 値 |\n| --- | --- |\n| 価格 | 5万円 |",
        ),
        (
            "A table.\n\n| a | b |\n| --\n---END---\n- | --- |\n| one | two |\n\n- next\n",
            "| a | b |\n| --- | --- |\n| one | two |\n\n- next",
        ),
    ],
)
def test_a_table_cut_anywhere_reads_through(raw, expected):
    result = merge_text(FRONT + raw)
    page = body(result.text)
    assert expected + "\n" in page + "\n"
    assert [e.action for e in result.events] == [Action.STITCHED]
    assert merge_text(result.text).text == result.text


def test_a_cut_right_after_an_ellipsis_reads_through_only_in_lower_case():
    cut = merge_text(FRONT + "The results were…\n---END---\n mixed at best.\n")
    assert "The results were… mixed at best." in cut.text
    assert events(cut, Action.STITCHED)
    ended = merge_text(FRONT + "The results were…\n---END---\nLatency fell.\n")
    assert "The results were…\n\nLatency fell." in ended.text
    assert ended.clean


def test_a_cut_on_a_word_goes_on_with_a_name_the_article_has_nowhere_else():
    # A capital after a cut on a word is a name as often as a new sentence;
    # text the article has nowhere is no retry, and nothing is trimmed.
    for raw, joined in (
        ("Hello.\n\nHappy hacking with\n\n---END---\n\nRuby 2.5!\n", "hacking with Ruby 2.5!"),
        (
            "Olá.\n\nFeliz natal e divirta-se com\n---END---\nRuby 2.5!\n",
            "divirta-se com Ruby 2.5!",
        ),
    ):
        result = merge_text(FRONT + raw)
        assert joined in result.text
        assert not events(result, Action.TRIMMED)
    # A head the article has in other words is the generator starting over.
    raw = (
        "Latency fell by a third after the rewrite of the parser.\n\nThe team rewrote the\n"
        "---END---\nLatency fell by a third after the parser was rewritten.\n"
    )
    assert "rewrote the Latency" not in merge_text(FRONT + raw).text


def test_a_cut_on_a_comma_or_a_word_goes_on_with_a_line_of_links():
    raw = "Hi.\n\nIf you find any errors,\n---END---\n\n [please submit a PR](https://x.org/pr).\n"
    result = merge_text(FRONT + raw)
    assert "If you find any errors, [please submit a PR](https://x.org/pr)." in result.text
    assert not events(result, Action.TRIMMED)
    # After a colon, a line of links is a block of its own.
    raw = "Hi.\n\nRead these:\n---END---\n\n[one](https://x.org/1) [two](https://x.org/2)\n"
    assert "Read these:\n\n[one]" in merge_text(FRONT + raw).text


def test_link_references_a_template_writes_are_kept_at_the_end():
    raw = "Upgrade now.\n\n[1]: {{ site.url }}/en/news/2026/03/fixed-release-is-out/\n\n---END---\n"
    result = merge_text(FRONT + raw)
    assert "[1]: {{ site.url }}/en/news/2026/03/fixed-release-is-out/" in result.text
    assert not events(result, Action.TRIMMED)


def test_a_shorter_retry_from_a_few_words_before_a_full_stop_is_gone_on_from():
    raw = (
        "Hello and welcome. Rust is a language pursuing safe, concurrent,\nand fast.\n"
        "---END---\nand fast. This is a weekly summary of its progress and\ncommunity. Want some\n"
        "---END---\nand fast. This is a weekly summ\n---END---\nary of its progress and community.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("weekly summ") == 1
    assert "and fast. This is a weekly summary of its progress and community." in page


def test_a_sentence_the_introduction_has_stays_under_a_heading_of_its_own():
    intro = "The tool skips the vendor folder. Use the flag to opt out of this."
    sections = "".join(f"## Option {n}\n\nOption {n} does thing number {n}.\n\n" for n in range(6))
    raw = f"Intro.\n\n{intro}\n\n{sections}---END---\n## Vendor\n\n{intro}\n\n## Write\n\nIt writes.\n"
    page = body(merge_text(FRONT + raw).text)
    assert f"## Vendor\n\n{intro}\n\n## Write" in page
    # Under a heading an earlier piece left dangling, it is the generator going back.
    raw = (
        f"Intro.\n\n{intro}\n\n{sections}## Vendor\n---END---\n{intro}\n\n## Write\n\nIt writes.\n"
    )
    assert body(merge_text(FRONT + raw).text).count(intro) == 1
    # With new text of its own under the heading, the copy before it goes.
    raw = f"Intro.\n\n{intro}\n\n{sections}---END---\n## Vendor\n\n{intro}\n\nVendored code is skipped.\n"
    assert body(merge_text(FRONT + raw).text).count(intro) == 1


def test_the_last_line_stopping_inside_a_word_the_article_has_is_cut():
    raw = "Client-server Communication works.\n\nThe app side is the same as the Client-server Communica\n---END---\n"
    result = merge_text(FRONT + raw)
    assert "Communica\n" not in result.text
    assert events(result, Action.TRIMMED)
    # An acronym, or an English word, ends a line whole.
    for last in ("MIT", "Cat"):
        raw = f"Mitigation by category.\n\nShipped with the {last}\n---END---\n"
        assert f"with the {last}\n" in merge_text(FRONT + raw).text


LONG_CUT = (
    "Hello and welcome to another issue of This Week in Rust! Rust is a systems "
    "language pursuing the trifecta: safety, concurrency, and"
)


def test_a_long_paragraph_read_through_into_unrelated_text_is_no_retry_of_it():
    # Joined, the cut and any head are alike to the paragraph its restart
    # made: only a head the paragraph has words of is a retried continuation.
    raw = (
        f"{LONG_CUT}\n---END---\n{LONG_CUT} speed. This is a weekly summary of its "
        "progress. Send us a pull request.\n\nA quiet week.\n---END---\n"
        "ize the Write impl for vectors](https://x.org/2)\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "concurrency, and speed. This is a weekly summary" in page
    assert "andize" not in page


def test_the_rest_of_a_cut_list_item_written_again_later_is_a_repeat():
    raw = (
        "Intro.\n\n* [add the matches macro](https://x.org/1)\n* [general\n---END---\n"
        "ize the Write impl for vectors](https://x.org/2)\n* [avoid a needless Vec](https://x.org/3)\n\n"
        "A generally quiet week.\n---END---\n"
        "ize the Write impl for vectors](https://x.org/2)\n* [avoid a needless Vec](https://x.org/3)\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("Write impl") == 1
    assert page.rstrip().endswith("A generally quiet week.")


def test_a_paragraph_leading_into_a_template_block_is_not_cut():
    lead = "代码块和迭代是 Ruby 语言的特色。我们可以以索引做循环，但是在 Ruby 中，我们常会看到"
    raw = f"{lead}\n---END---\n{{% highlight ruby %}}\nlist.each do |item|\nend\n{{% endhighlight %}}\n"
    result = merge_text(FRONT + raw)
    assert f"{lead}\n\n{{% highlight ruby %}}" in result.text
    assert not events(result, Action.TRIMMED)


def test_lines_of_links_with_the_same_words_and_other_targets_are_two_blocks():
    first = '[import, title:"index.html"](./example/index.html)'
    second = '[import, title:"index.html"](final/index.html)'
    raw = f"First version.\n\n{first}\n\nThen change it.\n\n[impo\n---END---\n{second}\n\nDone.\n"
    page = body(merge_text(FRONT + raw).text)
    assert first in page and second in page
    # The same line again is a repeat.
    raw = f"First version.\n\n{first}\n\nThen change it.\n---END---\n{first}\n\nThen change it.\n"
    assert body(merge_text(FRONT + raw).text).count(first) == 1


def test_a_short_chinese_list_written_again_from_its_start_is_a_repeat():
    raw = (
        "本版帶有許多新功能：\n\n* 模式匹配\n* REPL 改進\n* GC 壓縮\n---END---\n"
        "* 分離依序參數和關鍵字參數\n\n## 模式匹配\n\n引入了模式匹配。\n---END---\n"
        "* 模式匹配\n* REPL\n---END---\n改進\n* GC 壓縮\n* 分離依序參數和關鍵字參數\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("* GC 壓縮") == 1
    assert page.rstrip().endswith("引入了模式匹配。")


DOWNLOADS = "".join(
    f"* <https://cache.example.org/ruby-2.3.0.{ext}>\n\n"
    f"  * SIZE:   {size} bytes\n  * SHA1:   {ext * 8}\n\n"
    for ext, size in (("tar.gz", 17623519), ("tar.xz", 11249780), ("zip", 19841531))
)


def test_a_list_written_again_from_one_of_its_middle_items_is_a_repeat():
    sub = "  * SIZE:   11249780 bytes\n  * SHA1:   " + "tar.xz" * 8 + "\n\n"
    rest = DOWNLOADS[DOWNLOADS.index("* <https://cache.example.org/ruby-2.3.0.zip>") :]
    raw = (
        f"Downloads:\n\n{DOWNLOADS}## Notes\n---END---\n{sub}{rest}## Notes\n\nSee the schedule.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("11249780") == 1
    assert page.count("19841531") == 1
    # The same words with another link are no part of it.
    raw = (
        "Merged:\n\n* [stabilize the feature resolver](https://x.org/pull/1)\n"
        "* [add the matches macro](https://x.org/pull/2)\n---END---\n\nApproved:\n\n"
        "* [stabilize the feature resolver](https://x.org/rfc/1)\n"
        "* [add the matches macro](https://x.org/rfc/2)\n"
    )
    assert "https://x.org/rfc/1" in merge_text(FRONT + raw).text


def test_new_sections_after_a_later_attempt_goes_back_to_one_paragraph_follow_in_order():
    # A piece that began as a later attempt goes back to a paragraph, then
    # writes new text and a new section: they follow where it was, as after
    # any repeat, unless it comes back to the blocks it went back to.
    again = "Avoid compiling with full code when publishing to the registry."
    section = (
        f"the registry use the partial format as it is stable.\n\n{again}\n\n## E\n\n"
        "The version used to build an app must be the same or greater.\n\n"
    )
    raw = (
        "## P\n\np1 text is written here.\n\nFor publishing to the registry use\n---END---\n"
        f"{section}If you intend to publish, compile with partial co\n---END---\n{section}"
        f"If you intend to publish, compile with partial code always.\n\n{again}\n\n"
        "If you never published a package, create an account first.\n\n## C\n\nAn app installs many.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.index("## E") < page.index("If you never published") < page.index("## C")


def test_a_paragraph_with_the_same_words_and_other_links_is_no_repeat():
    text = "See [a simple ToDo list](https://play.example/#{}) that renders a list of components."
    raw = (
        "Intro.\n---END---\nMore text here.\n\n"
        f'<div class="composition-api">\n\n{text.format("eNp1")}\n\n</div>\n'
        f'<div class="options-api">\n\n{text.format("eNqN")}\n\n</div>\n'
    )
    page = merge_text(FRONT + raw).text
    assert "#eNp1" in page and "#eNqN" in page
    # Written again with its links, it is one.
    raw = f"{text.format('eNp1')}\n\nMore.\n---END---\n{text.format('eNp1')}\n\nMore.\n"
    assert merge_text(FRONT + raw).text.count("#eNp1") == 1


def test_an_address_alone_after_a_japanese_line_is_a_card_of_its_own():
    raw = "はじめに。\n\n使うツールは `maturin` です\n---END---\nhttps://github.com/PyO3/maturin\n\n次に進みます。\n"
    result = merge_text(FRONT + raw)
    assert "使うツールは `maturin` です\n\nhttps://github.com/PyO3/maturin\n" in result.text
    assert not events(result, Action.TRIMMED)
    # Nor is it the rest of an earlier cut when a later piece writes it again.
    raw = (
        "はじめに。\n\nリファレンスは以下にあります\n---END---\nリファレンスは以下にあります\n\n"
        "https://example.org/api.html\n\nこれは便利です。\n\nhttps://example.org/test.js\n\n"
        "これは便利です。\n---END---\nhttps://example.org/test.js\n\nこれは\n"
    )
    assert "以下にありますhttps" not in merge_text(FRONT + raw).text
    # After a Latin word it may be the sentence's rest.
    raw = "Intro.\n\nThe source is at\n---END---\nhttps://github.com/PyO3/maturin\n"
    assert "The source is at https://github.com/PyO3/maturin" in merge_text(FRONT + raw).text


def test_a_footnote_mark_or_a_comment_after_the_full_stop_ends_a_paragraph_whole():
    for tail in (" [^6]", " [^6] <!-- textlint-disable-lie -->", " <br>"):
        raw = f"はじめに。\n\n読み取るには exec を使っています。{tail}\n---END---\n[^6]: https://example.org/config.py\n"
        result = merge_text(FRONT + raw)
        assert f"exec を使っています。{tail}\n" in result.text
        assert not events(result, Action.TRIMMED)


def test_a_stock_lead_in_far_from_its_first_copy_leads_its_own_list():
    # Parallel sections ("the guard can read these arguments:" over each
    # guard's own list) are the writer's; the generator's copies are near.
    lead = "The guard can read these default arguments when it runs."
    filler = "".join(f"## Part {n}\n\nPart {n} explains one more thing.\n\n" for n in range(4))
    raw = (
        f"## A\n\nThe A guard decides who may enter.\n\n{lead}\n\n- `route`: the route\n"
        f"- `state`: the state\n\nA returns a boolean.\n\n{filler}## B\n\nThe B guard stops "
        f"users from\n---END---\nleaving the page with unsaved changes.\n\n{lead}\n\n"
        "- `component`: the component\n- `next`: the next state\n\nB returns a boolean too.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    section = page[page.index("## B") :]
    assert f"{lead}\n\n- `component`" in section
    # Near its copy, a lead-in written again is a repeat.
    raw = f"Intro.\n\n{lead}\n\n- `route`: the route\n---END---\n{lead}\n\n- `route`: the route\n"
    assert body(merge_text(FRONT + raw).text).count(lead) == 1


def test_a_later_attempt_from_a_later_sentence_keeps_the_sentences_before_it():
    # The paragraph's first sentence is not cut: it stays, and the attempt
    # (reworded at its start) goes on from the sentence it begins with.
    first = "私が京で最も苦労したのは、同じコードで性能が大きく異なることでした。"
    rest = (
        "しかし私は新しい手法を開発し、スレッドを使わずに実行しました。これによって二つの場合の"
        "性能が比較できます。したがって通信が無視できる領域では性能は同じはずです。"
    )
    raw = (
        f"## 背景\n\n{first}分子動力学法においては、力の計算の最内ループを\n---END---\n"
        f"分子動力学法においては、力の計算の最内ループを並列化します。{rest}\n\n次の段落です。\n"
        "---END---\n基本的に、分子動力学法においては、力の計算の最内ループを並列化します。"
        f"{rest}\n\n次の段落です。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert f"{first}基本的に、分子動力学法においては" in page


def test_a_quote_left_open_is_taken_for_a_cut_once_only():
    # Read through into the next fragment and still open, the quote is the
    # text's own: the paragraph is not trimmed at the next fragment's end.
    raw = "彼は「判断できない。\n---END---\nだが結論は出た。\n---END---\n\n次の段落です。\n"
    result = merge_text(FRONT + raw)
    assert "彼は「判断できない。だが結論は出た。" in result.text
    assert "次の段落です。" in result.text
    assert not events(result, Action.TRIMMED)


def test_a_cut_as_short_as_one_letter_waits_for_the_next_fragment():
    # "F" begins "Funds…" too, but that sentence was written before the cut.
    raw = "Th\n---END---\ne plan is set. Funds are ready. F\n---END---\nlows doubled in May.\n"
    page = body(merge_text(FRONT + raw).text)
    assert "The plan is set. Funds are ready. Flows doubled in May." in page


def test_an_attempt_cut_earlier_than_the_merged_one_is_no_continuation():
    # The third fragment starts the retry again and stops inside a sentence
    # that already stands whole: it must not be stitched onto the open cut.
    raw = (
        "公開モデルには、悪意のある改変と\n\n---END---\n\n"
        "いう別の危険もあります。配布サイトから取得した重みが本物である保証はありません。指紋を公表値と照らし\n\n"
        "---END---\n\nいう別の危険もあります。配布サイトから取得した重み\n\n---END---\n\n"
        "いう別の危険もあります。配布サイトから取得した重みが本物である保証はありません。"
        "指紋を公表値と照らし合わせる必要があります。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert (
        "公開モデルには、悪意のある改変という別の危険もあります。配布サイトから取得した重みが本物である保証は"
        "ありません。指紋を公表値と照らし合わせる必要があります。"
    ) in page
    assert page.count("配布サイトから取得した重み") == 1


def test_a_table_after_a_cut_sentence_is_no_continuation_of_it():
    # The sentence ends; only its open quote made it a cut.
    raw = "その値は「未定です。\n---END---\n| a\n---END---\n | b |\n| --- | --- |\n| 1 | 2 |\n"
    page = body(merge_text(FRONT + raw).text)
    assert "| a | b |\n| --- | --- |\n| 1 | 2 |" in page


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Rows without outer pipes: a complete last row goes on only with a row.
        ("Text.\n\na | b\n--- | ---\n1 | 2\n---END---\n3 | 4\n", "a | b\n--- | ---\n1 | 2\n3 | 4"),
        ("Text.\n\na | b\n--- | ---\n1 | 2\n---END---\n\nEnd.\n", "1 | 2\n\nEnd."),
        ("Text.\n\na | b\n---END---\n--- | ---\n1 | 2\n", "a | b\n--- | ---\n1 | 2"),
        # A sentence with a "|" in it is no table.
        (
            "We compare A\n---END---\n | B here and then the results follow.\n",
            "We compare A | B here and then the results follow.",
        ),
    ],
)
def test_pipes_without_a_table_shape_read_as_what_they_are(raw, expected):
    result = merge_text(FRONT + raw)
    assert expected in body(result.text)
    assert merge_text(result.text).text == result.text


# Joining a cut and its continuation: where a space goes -----------------

VOCABULARY = {"prints", "should", "code", "the", "main", "function", "behalf", "making", "in", "re"}
VOCABULARY |= {"като", "bereit", "für", "geschäft", "javascript"}  # words of other scripts


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("impor", "tant", "important"),  # a word cut in two
        ("Test", "ing", "Testing"),  # the rest of a word
        ("the", "old", "the old"),  # two words, one known
        ("go to the assembly", "code of", "go to the assembly code of"),
        ("just prints", "`Should have", "just prints `Should have"),  # a code span opens
        ("the `main", "` function", "the `main` function"),  # the span closes
        ("the `main`", "function", "the `main` function"),
        ("call `foo", "(bar)`", "call `foo(bar)`"),  # inside code: as written
        ("**bold", "** text", "**bold** text"),
        ("| **", "Root HMR** |", "| **Root HMR** |"),  # marks after a space open a span
        ("one **two** three **", "four**", "one **two** three **four**"),
        ("behalf,", "making it", "behalf, making it"),  # after a comma
        ("value 1.", "5 is", "value 1.5 is"),  # a decimal point
        ("see (", "this", "see (this"),
        ("[docs](https://example.", "org/)", "[docs](https://example.org/)"),  # an address
        (
            "[a](https://a.example/a),",
            "[b](https://b.example)",
            "[a](https://a.example/a), [b](https://b.example)",
        ),
        ("年々増えて", "います。", "年々増えています。"),  # Japanese: never a space
        ("currently around", "17x faster", "currently around 17x faster"),  # a word, a number
        ("the Python", "3 release", "the Python 3 release"),
        ("NVIDIA H", "100 chips", "NVIDIA H100 chips"),  # a name with a number in it
        ("new LPDDR", "5 memory", "new LPDDR5 memory"),
        ("version 1", "0 of", "version 10 of"),
        ("more fields, re", "peating each", "more fields, repeating each"),  # "re-run" elsewhere
        ("the `Drop` trait", "。", "the `Drop` trait。"),
        (
            "फिर आप",
            "`templates/item.html` पर",
            "फिर आप `templates/item.html` पर",
        ),  # any spaced script
        ("Größe,", "die", "Größe, die"),
        ("Gesch", "äft", "Geschäft"),  # letters on both sides: as written
        ("разпространяват като", "архивирани", "разпространяват като архивирани"),
        ("Machen Sie sich bereit", "für eine", "Machen Sie sich bereit für eine"),
        ("Gesch", "äfte", "Geschäfte"),  # not two words the article has
        ("* [Bitnami", "Ruby Stack]", "* [Bitnami Ruby Stack]"),  # a capital starts a word
        ("with Java", "Script", "with JavaScript"),  # ... unless the article has them as one
        # Words the article has nowhere else: an English dictionary.
        ("the standard library docu", "mentation for", "the standard library documentation for"),
        ("a crate to gen", "erically decode", "a crate to generically decode"),
        ("a quiet", "harbor town", "a quiet harbor town"),
        ("- Do se", "arches need", "- Do searches need"),  # an inflected form of a word
        ("This guide", "walks you through", "This guide walks you through"),  # ... on the right
        ("a register class (e.g.", "`in(reg)`). This", "a register class (e.g. `in(reg)`). This"),
        ("see [the guide](./guide.", "md) for", "see [the guide](./guide.md) for"),
        (
            "作成しません。**",
            "bindings**を設定できます。",
            "作成しません。**bindings**を設定できます。",
        ),
        ("a command-line tool", "to schedule", "a command-line tool to schedule"),
        ("Rust is a", "systems language", "Rust is a systems language"),
        ("Rust is a", "bout", "Rust is about"),
        ("which is a 51.8%", "increase compared", "which is a 51.8% increase compared"),
        ("see https://x.org/a%", "E8%A7 here", "see https://x.org/a%E8%A7 here"),  # an address
        ("50%", "の増加", "50%の増加"),
        ("key PRs which are reaching", "a decision.", "key PRs which are reaching a decision."),
        ("the quadratic formul", "a gives", "the quadratic formula gives"),  # half a word
        ("the old dram", "a series", "the old drama series"),  # a word with the "a"
        (
            "* [disposition: merge]",
            "[Tracking issue](https://example.org/1)",
            "* [disposition: merge] [Tracking issue](https://example.org/1)",
        ),  # joined, "][" would make a reference link
        ("[text]", "[label] and on", "[text][label] and on"),  # a reference link stays one
        ('to "share state"', "between threads", 'to "share state" between threads'),
        ('he said "hello', 'world" twice', 'he said "hello world" twice'),  # the quote is open
        ("on [crates.", "io](https://crates.io/) if", "on [crates.io](https://crates.io/) if"),
        ("edit src/main.", "rs and", "edit src/main.rs and"),  # a file's name
        ("and so on, etc.", "and more", "and so on, etc. and more"),
        ("`Cmd` +", "`Options` + `{`", "`Cmd` + `Options` + `{`"),  # an operator alone
        ("written in C+", "+ and Rust", "written in C++ and Rust"),  # ... not inside a name
        ("| a | b |\n| -", "-- | --- |", "| a | b |\n| --- | --- |"),  # nor a table's rule
        ("see [Guide](../guide/READ", "ME.md) first", "see [Guide](../guide/README.md) first"),
    ],
)
def test_a_cut_is_joined_with_a_space_only_between_words(before, after, joined):
    assert join_cut(before, after, VOCABULARY) == joined


def test_sentences_read_through_a_cut_keep_japanese_unspaced_around_markup():
    text = "新しい要素は作成しません。**bindings**を直接設定できます。`inputs`も同じです。"
    raw = f"## 節\n\n{text[:6]}\n---END---\n{text[6:]}\n"
    assert text in body(merge_text(FRONT + raw).text)


def test_a_restart_overlapping_a_name_and_a_japanese_particle_is_read_once():
    # "…`use` API を" then "PI を使って…": the piece went back two letters.
    raw = "## 節\n\nプロミスはクライアントに渡し、`use` API を\n\n---END---\n\nPI を使って解決できます。\n"
    assert "`use` API を使って解決できます。" in body(merge_text(FRONT + raw).text)


def test_the_english_dictionary_speaks_only_for_english_articles():
    spanish = "el la de que los las por una para con como ruby versión código esta"
    words = Vocabulary(dict.fromkeys(spanish.split(), 10))
    assert not words.english
    # "present" and "an" are English words; Spanish has "presentan".
    assert join_cut("se present", "an con colores", words) == "se presentan con colores"
    english = Vocabulary(
        dict.fromkeys(["the", "and", "of", "to", "code", "version", "this", "is"], 20)
    )
    assert english.english
    assert join_cut("we present", "an example", english) == "we present an example"


def test_the_ending_of_several_of_the_articles_words_is_the_rest_of_a_word():
    """ "imple" + "mentación": no word of the article, but the end of its
    "fragmentación" and "retroalimentación"."""
    # Words enough for the article's spelling to speak, and it would say two
    # words: many of its words end in "le" or start with "me".
    spanish = {"simple": 90, "mesa": 90, "menos": 90, "el": 90, "la": 90, "de": 90, "que": 90}
    words = Vocabulary({**spanish, "fragmentación": 2, "retroalimentación": 2})
    assert join_cut("la imple", "mentación en Ruby", words) == "la implementación en Ruby"
    # A word of the article stays a word, whatever ends with it.
    words = Vocabulary({**spanish, "mentación": 2, "fragmentación": 2, "retroalimentación": 2})
    assert join_cut("la imple", "mentación en Ruby", words) == "la imple mentación en Ruby"


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("我们高兴地宣布 Ruby 2.5.0", "已发布。", "我们高兴地宣布 Ruby 2.5.0 已发布。"),
        ("と同じ内容を", "`starlette.templating` から", "と同じ内容を `starlette.templating` から"),
        ("Vite", "は高速です。", "Vite は高速です。"),
        ("年々増えて", "います。", "年々増えています。"),  # Japanese on both sides
        ("Ruby 2.5.0", "。", "Ruby 2.5.0。"),  # punctuation takes no space
    ],
)
def test_an_article_that_spaces_latin_in_japanese_or_chinese_gets_a_space_at_a_cut(
    before, after, joined
):
    assert join_cut(before, after, Vocabulary({}, spaced=True)) == joined
    assert join_cut(before, after, Vocabulary({})) == before + after


def test_the_habit_of_spacing_latin_in_chinese_is_the_articles_own():
    spaced = "Ruby 2.5 已发布。使用 `gem` 命令。安装 Rails 很简单。运行 Ruby 程序。查看 RubyGems 的文档。\n\n"
    raw = spaced + "我们高兴地宣布 Ruby 2.5.0\n---END---\n已发布。\n"
    assert "我们高兴地宣布 Ruby 2.5.0 已发布。" in merge_text(raw).text
    tight = spaced.replace(" ", "")
    raw = tight + "我们高兴地宣布Ruby 2.5.0\n---END---\n已发布。\n"
    assert "我们高兴地宣布Ruby 2.5.0已发布。" in merge_text(raw).text


# Hard-wrapped text ------------------------------------------------------

WRAPPED = (
    "Rustup is the installer we use for every example in this chapter, and it\n"
    "keeps the toolchains you install up to date. It also manages the targets\n"
    "you cross-compile for and the components you add. You can remove it with\n"
    "one command when you no longer need it, and nothing else is left behind.\n"
)


def test_a_short_wrapped_paragraph_cut_between_sentences_of_one_line_is_one_paragraph():
    # One whole line gives the width; the head's short first line with more
    # under it is the rest of a wrapped line.
    before = (
        "Our community likes to recognize people who have made outstanding contributions\n"
        "to the Rust Project, its ecosystem, and its community."
    )
    after = "These people are\n'friends of the forest'."
    page = body(merge_text(FRONT + f"{before}\n\n---END---\n\n{after}\n").text)
    assert page.strip() == (
        "Our community likes to recognize people who have made outstanding contributions\n"
        "to the Rust Project, its ecosystem, and its community. These people are\n"
        "'friends of the forest'."
    )
    # A paragraph of its own starts with a whole line.
    other = (
        "These people are the ones who keep the project going, week after week, and\nwe thank them."
    )
    page = body(merge_text(FRONT + f"{before}\n\n---END---\n\n{other}\n").text)
    assert f"{before}\n\n{other}" in page


def test_hard_wrapped_text_cut_between_sentences_of_one_line_is_one_paragraph():
    cut_at = WRAPPED.index(" You can")
    raw = WRAPPED[:cut_at] + "\n---END---\n" + WRAPPED[cut_at + 1 :]
    page = body(merge_text(FRONT + raw).text)
    assert page.strip() == WRAPPED.strip()


def test_a_paragraph_after_a_short_last_line_stays_a_paragraph():
    first = (
        "Rustup is the installer we use for every example in this chapter, and it\nkeeps things.\n"
    )
    raw = first + "---END---\n" + WRAPPED.split("\n", 1)[1]
    page = body(merge_text(FRONT + raw).text)
    assert "keeps things.\n\n" in page


def test_a_wrapped_paragraph_written_again_longer_is_not_split_at_a_full_line():
    # The first sentence ends a full line by chance: not two paragraphs.
    whole = (
        "The following steps install the latest stable version of the compiler.\n"
        "Its stability guarantees ensure that all the examples in the book that\n"
        "compile will continue to compile with newer versions of the toolchain.\n"
    )
    again = whole.replace("newer versions", "newer releases")
    page = body(merge_text(FRONT + whole + "---END---\n\n" + again).text)
    assert page.count("The following steps") == 1
    assert "The following steps install the latest stable version of the compiler.\nIts" in page


def test_a_paragraph_a_piece_stopped_after_is_completed_by_a_longer_retry():
    raw = (
        "## Setup\n\nFirst install the tool. It takes a minute.\n---END---\n"
        "## Setup\n\nFirst inst\n---END---\n"
        "## Setup\n\nFirst install the tool. It takes a minute. Then run it once.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("## Setup") == 1
    assert page.count("First install") == 1
    assert "It takes a minute. Then run it once." in page


def test_the_articles_own_spelling_tells_one_word_from_two():
    # Words used nowhere else in the article: how its other words are spelt decides.
    from pathlib import Path

    from mystitch.lint.merge.sentences import vocabulary

    text = (Path(__file__).parents[1] / "benchmarks" / "texts" / "en-vector-search.md").read_text()
    words = vocabulary(parse_document("vector-search.md", text))
    assert join_cut("a small command-line tool", "to schedule", words).endswith("tool to schedule")
    assert join_cut("particularly commonpl", "ace", words).endswith("commonplace")
    assert join_cut("it st", "ores them", words).endswith("stores them")  # too short to tell


def test_a_list_restarted_from_its_first_item_and_cut_again_is_one_list():
    raw = (
        "導入にあたって、次の点を重視しました。\n\n"
        "- 判定の根拠となる画像を必ず保存すること\n- モデルをすぐに前の版へ戻せること\n"
        "---END---\n- 判定の根拠となる画像\n---END---\n"
        "の根拠となる画像を必ず保存すること\n- モデルをすぐに前の版へ戻せること\n"
        "- 現場の作業者が閾値を調整できること\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("判定の根拠") == 1
    assert page.count("- ") == 3
    assert "- 現場の作業者が閾値を調整できること" in page


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("The reader is a short function.", "It turns each row into a tuple."),
        (
            "あとは stack を利用して探索を実装します。",
            "`(500, 0)` から始めて進める方向を選択します。",
        ),
        ("The reader is a short function.", "[The guide](guide.md) shows how it is called."),
    ],
)
def test_a_piece_that_starts_with_the_space_after_a_full_stop_goes_on_with_the_paragraph(
    before, after
):
    raw = f"{before}\n---END---\n {after}\n"
    page = body(merge_text(FRONT + raw).text)
    assert f"{before} {after}" in page


def test_a_piece_that_stops_on_a_colon_goes_on_with_the_space_and_a_lower_case_word():
    before = "Rust 1.10 contains one of the most-requested features in Rust:"
    after = "through the flag, when a panic happens, it will abort."
    page = body(merge_text(FRONT + f"{before}\n\n---END---\n\n {after}\n").text)
    assert page.strip() == f"{before} {after}"
    # A capital after the colon, or no space, may begin a paragraph of its own.
    page = body(merge_text(FRONT + f"{before}\n\n---END---\n\nThrough the flag.\n").text)
    assert page.strip() == f"{before}\n\nThrough the flag."


@pytest.mark.parametrize(
    ("cut", "head", "joined"),
    [
        (
            "You can also try to debug this problem by ad",
            "by adding some logs and restarting your server.",
            "You can also try to debug this problem by adding some logs and restarting your server.",
        ),
        (
            "The data is stored in th",
            "in the cloud by default.",
            "The data is stored in the cloud by default.",
        ),
    ],
)
def test_a_restart_from_two_words_back_with_the_cut_word_appears_once(cut, head, joined):
    page = body(merge_text(FRONT + f"Intro.\n\n{cut}\n---END---\n\n{head}\n").text)
    assert page.strip() == f"Intro.\n\n{joined}"


def test_an_attribute_list_ends_a_paragraph_whole():
    # kramdown's "{: .summary}" under a paragraph is markup, not a cut sentence.
    raw = "Ahora es un momento fantástico.\n¿Por dónde empezar?\n{: .summary}\n\n---END---\n\nLos temas son:\n"
    page = body(merge_text(FRONT + raw).text)
    assert "{: .summary}\n\nLos temas son:" in page


def test_a_list_item_cut_inside_a_link_goes_on_with_a_capital():
    raw = (
        "Tools:\n\n* [RubyInstaller][ri]\n* [Bitnami\n\n---END---\n\nRuby Stack][rubystack]\n\n"
        "[ri]: https://a.example\n[rubystack]: https://b.example\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "* [RubyInstaller][ri]\n* [Bitnami Ruby Stack][rubystack]\n" in page


def test_a_cut_sentence_written_again_as_a_line_of_links_is_restarted():
    raw = (
        "Thanks to sanxiyn for the tip.\n---END---\n\n [Submit your qu\n\n---END---\n\n"
        " [Submit your quotes for next week!][submit].\n\n[submit]: http://x.example/\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.lstrip().startswith(
        "Thanks to sanxiyn for the tip. [Submit your quotes for next week!][submit].\n\n"
    )
    assert "[Submit your qu\n" not in page


FCP = (
    "* [disposition: merge] [Specify repr transparent](https://example.org/1758).\n"
    "* [disposition: merge] [Conversions from mut T to Cell T](https://example.org/1789).\n"
    "* [disposition: merge] [Prepare global allocators](https://example.org/1974).\n"
)


def test_a_list_written_again_from_its_first_item_and_cut_is_no_second_list():
    # The piece after a dangling heading writes an earlier list again from its
    # first item, cut in the second; the next piece goes on with that list.
    raw = (
        f"## Final Comment Period\n\nThis week's FCPs are:\n\n{FCP}\n## New RFCs\n\n"
        "* [Enable nested method calls](https://example.org/2025).\n\n## Style RFCs\n"
        "---END---\n\n"
        "* [disposition: merge] [Specify repr transparent](https://example.org/1758).\n* [dis\n"
        "---END---\n\n"
        "* [disposition: merge] [Conversions from mut T to Cell T](https://example.org/1789).\n"
        "* [disposition: merge] [Prepare global allocators](https://example.org/1974).\n\n"
        "## Style RFCs\n\nStyle RFCs are part of the process.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("Specify repr transparent") == 1, page
    assert page.count("Prepare global allocators") == 1, page
    assert page.rstrip().endswith("## Style RFCs\n\nStyle RFCs are part of the process.")


def test_a_shorter_copy_of_a_list_leaves_the_longer_one_standing():
    raw = (
        "## $options\n\nThe options.\n\n"
        "- **Type**\n\n  ```ts\n  interface I {}\n  ```\n\n"
        "- **Details**\n\n  The object exposes the resolved options.\n\n"
        "- **See also** [mergeStrategies](/api/application#app-config-op\n"
        "---END---\n\n"
        "ergestrategies)\n\n## $options\n\nThe options.\n\n"
        "- **Type**\n\n  ```ts\n  interface I {}\n  ```\n\n## $parent\n\nThe parent.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "The object exposes the resolved options." in page
    assert "[mergeStrategies](/api/application#app-config-opergestrategies)" in page
    assert page.count("interface I {}") == 1


def test_a_list_item_written_again_from_a_few_words_back_goes_on_whatever_its_capital():
    raw = (
        "Cambios:\n\n* Se añade `Enumerable#tally`.  Que cuenta las ocurrencias.\n"
        "* Se añade `Enumerator::Lazy#eager`.  Que genera un\n\n---END---\n\n"
        "Que genera un enumerador no-perezoso\n  a partir de un enumerador perezoso.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert (
        "* Se añade `Enumerator::Lazy#eager`.  Que genera un enumerador no-perezoso\n"
        "  a partir de un enumerador perezoso." in page
    ), page


def test_a_cut_inside_a_link_text_goes_on_with_the_capital_that_closes_it():
    raw = (
        "Add your event to the calendar.\nEmail the [Rust Community\n---END---\n\n"
        "Team][community] for access.\n\n[community]: mailto:c@example.org\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "Email the [Rust Community Team][community] for access." in page
    # An aside left open by its writer is no link: the next sentence is new.
    raw = (
        "Read the issue (see also [#9446](https://example.org/9446).\n---END---\n\n"
        "The default profile is optimized for fast feedback.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "[#9446](https://example.org/9446).\n\nThe default profile" in page


@pytest.mark.parametrize(
    ("before", "after", "one"),
    [
        (
            "そのため、もともとの設定を戻していくと良いでしょう。",
            "特に`classifiers`は大量なので忘れずに。",
            True,
        ),
        (
            "UI はツリーとしてモデル化されます。",
            "これは、コンポーネント間の関係を理解するのに役立ちます。",
            True,
        ),
        ("The cache is cleared on every build.", "However, the index is kept.", True),
        ("The cache is cleared on every build.", "Deployment takes a minute.", False),
        ("設定を戻していくと良いでしょう。", "次に、ビルドを実行します。", False),
        ("The index is rebuilt.", "Then, the cache is warmed.", True),
        ("Ruby 2.6.0-rc1 是第一個候選版本。", "此版本包括數個新特性和效能提升。", True),
        ("JIT 编译器旨在提升执行速度。", "比如要找 Rails，输入 `gem search -r rails`。", True),
        ("JIT 编译器旨在提升执行速度。", "RubyGems 3.0 已发布。", False),
    ],
)
def test_a_piece_after_a_full_stop_goes_on_with_the_paragraph_when_it_takes_it_up(
    before, after, one
):
    page = body(merge_text(FRONT + f"{before}\n\n---END---\n\n{after}\n").text).strip()
    sep = ("" if before[-1] == "。" else " ") if one else "\n\n"
    assert page == before + sep + after


@pytest.mark.parametrize("opening", ["二つ目の文", "`-i` オプション", "Chrome 88 以降"])
@pytest.mark.parametrize(("sentences", "one"), [(3, True), (1, False)])
def test_a_japanese_piece_after_a_full_stop_follows_how_long_the_articles_paragraphs_run(
    sentences, one, opening
):
    # Nothing at the cut says "new paragraph" or "same one": where the article's
    # whole paragraphs mostly run on past one sentence, so does the cut one.
    def paragraph(n: int) -> str:
        return "".join(f"第{n}段落の{k}文目はここで終わります。" for k in range(1, sentences + 1))

    whole = "\n\n".join(paragraph(n) for n in range(1, 9))
    before, after = "記事の冒頭はこの文です。", opening + "が同じ段落を続けます。"
    raw = f"{whole}\n\n{before}\n---END---\n{after}\n\n{paragraph(9)}\n"
    page = body(merge_text(FRONT + raw).text)
    assert (before + after in page) is one
    assert (f"{before}\n\n{after}" in page) is not one


@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_a_list_written_again_from_its_last_items_goes_on_with_new_ones(gap):
    # The piece stopped after an item without a full stop (a cut, as far as
    # it shows), and the next one goes back two items and carries on.
    items = [
        "* Compiler [experimental]",
        "  * Inlined methods are compiled again when an assumption fails.",
        "  * The default of `--jit-max-cache` changed from 1,000 to 100.",
        "* `Module#name` now always returns a frozen string [[Feature #16150]](https://example.org/16150)",
        "* `CGI.escapeHTML` got faster [GH-2226](https://example.org/2226)",
    ]
    raw = (
        "## Performance\n\n"
        + gap.join(items[:4])
        + "\n\n---END---\n\n"
        + gap.join(items[2:])
        + "\n\n## Other changes\n\nSome text.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert gap.join(items) + "\n\n## Other changes" in page
    assert page.count("--jit-max-cache") == 1


@pytest.mark.parametrize("word", ["使用", "利用"])
def test_a_paragraph_cut_in_a_link_address_is_superseded_by_its_later_attempt(word):
    # The section written again after a paragraph cut inside a link's
    # address: the later attempt (reworded or not) is the paragraph, once.
    first = "ツリーとはアイテム間の関係を表すモデルの一種です。UI はよくツリー構造を使用して表現されます。"
    link = "例えば、ブラウザは HTML ([DOM](https://example.org/docs/Web/API/Document_Object_Model/Intro"
    whole = (
        first.replace("使用", word)
        + "例えば、ブラウザは HTML ([DOM](https://example.org/docs/Web/API/Document_Object_Model/"
        "Introduction)) をモデル化するためにツリー構造を使用します。"
    )
    raw = (
        "## はじめに\n\n導入の文です。ここから始まります。\n\n## UI とツリー\n\n"
        f"{first}{link}\n\n---END---\n\n## UI とツリー\n\n{whole}\n\n次の段落です。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("ツリーとはアイテム間の関係") == 1
    assert whole in page


@pytest.mark.parametrize(
    ("stopped", "again", "one"),
    [
        (
            "All parse text in the same fashion.",
            "All parse text in the same fashion, in most cases. Rust checks them at compile time.",
            True,
        ),
        # Within a word: another paragraph that happens to start alike.
        ("The build runs in a fast mode.", "The build runs in a fast modern shell today.", False),
    ],
)
def test_a_paragraph_a_piece_stopped_after_is_written_on_past_its_full_stop(stopped, again, one):
    cut = stopped.split(" the ")[0] if " the " in stopped else stopped[:12]
    rest = stopped[len(cut) :].lstrip()
    raw = f"Intro line here.\n\n{cut}\n---END---\n\n{rest}\n\n---END---\n\n{again}\n\nThe end.\n"
    page = body(merge_text(FRONT + raw).text)
    assert again in page
    assert (f"{stopped}\n" not in page) is one


def test_a_paragraph_a_piece_stopped_after_written_again_in_other_words_is_one():
    stopped = (
        "ビルドの既定のターゲットは Node 環境ですが、Web Worker でサーバーを動かすこともできます。"
    )
    again = (
        "ビルドの既定のターゲットは Node 環境ですが、Web Worker でサーバーを動かすことも可能です。"
        "パッケージの解決方法はプラットフォームごとに異なります。"
        "ターゲットを設定するには、`ssr.target` を使います。"
    )
    raw = f"## ターゲット\n\n{stopped}\n\n---END---\n\n{again}\n\n## バンドル\n\n本文です。\n"
    page = body(merge_text(FRONT + raw).text)
    assert again in page
    assert stopped not in page


def test_a_paragraph_that_ends_on_a_lead_in_written_again_is_a_repeat():
    # One sentence leading into a list recurs in documents on purpose; a
    # paragraph of two that ends on one is prose, and its copy a repeat.
    lead = "Roughly 70 APIs were made stable in this release. They fall into these groups:"
    raw = (
        f"## Library stabilizations\n\n{lead}\n\n## Cargo features\n\n"
        "Cargo gained a new flag for the build. It is on by def\n\n---END---\n\n"
        f"ault.\n\n{lead}\n\nThe flag is documented in the book.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count(lead) == 1
    assert "The flag is documented in the book." in page


def test_a_list_item_attempted_again_shorter_then_whole_stands_once():
    # The list ends on a whole item; a piece writes that item again and is
    # cut sooner, and the next writes it whole and goes on with a new item.
    item = "* RubyGems 3.0.0.beta3 is merged. The `--ri` and `--rdoc` options were removed."
    new = "* Bundler is added as a default gem."
    raw = (
        f"## Changes\n\n* The supported Unicode version is now 11.\n\n{item}\n---END---\n\n"
        f"{item[:50]}\n\n---END---\n\n{item}\n\n{new}\n\nSee the news for more.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count(item) == 1
    assert f"{item}\n\n{new}\n\nSee the news" in page


def test_the_last_paragraph_read_through_into_an_open_link_is_still_cut():
    # The article stops inside a link's address, in two pieces: the joined
    # sentence is no more finished than either half was.
    last = "You can read more about the benchmark [here](https://gist.github"
    rest = ".com/sapphi-red/25be97327"
    raw = f"## Bench\n\nIt is fast now. The numbers follow.\n\n{last}\n---END---\n\n{rest}\n---END---\n"
    result = merge_text(FRONT + raw)
    assert "benchmark" not in body(result.text)
    assert any(event.action is Action.TRIMMED for event in result.events)


def test_a_stopped_paragraph_restarted_by_a_cut_attempt_and_then_whole_stands_once():
    # Stopped after its first sentence; written again and cut; that attempt
    # restarted a few words back and carried on: one paragraph, the latest.
    first = "이 문서는 파이썬 타입 힌트에 대한 빠른 자습서입니다."
    more = " FastAPI와 함께 사용하기 위해 필요한 최소한만 다룹니다."
    raw = (
        f"## 소개\n\n타입 힌트를 지원합니다.\n\n{first}\n\n---END---\n\n이 문서는 파이썬\n\n"
        f"---END---\n\n문서는 파이썬 타입 힌트에 대한 빠른 자습서입니다.{more}\n\n끝 문단입니다.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("이 문서는") == 1
    assert first + more in page


def test_a_restart_from_before_an_abbreviation_is_read_once():
    # "e.g." ends a sentence as far as the splitter knows: the restart's
    # overlap with the cut spans it.
    before = (
        "Those gems can work with other implementations of Ruby (e.g. JRuby, TruffleRuby) which can"
    )
    raw = (
        f"## Scheduler\n\nIt uses async. {before}\n\n---END---\n\n"
        "(e.g. JRuby, TruffleRuby) which can support the same hooks.\n\n## Next\n\nMore.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert f"{before} support the same hooks." in page
    assert page.count("TruffleRuby") == 1


def test_the_last_two_words_again_in_lower_case_restart_the_paragraph():
    # Too short to be an overlap by length, but no paragraph begins in lower
    # case: the words are written once and the paragraph goes on.
    raw = (
        "## Counting\n\nThe count starts at one.\n\n"
        "Then, each time we call `clone`, the count goes up by 1.\n\n---END---\n\n"
        "by 1. When `c` goes out of scope, the count goes down by 1.\n\n## Next\n\nMore.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "goes up by 1. When `c` goes out of scope, the count goes down by 1.\n" in page
    assert "\nby 1." not in page


def test_a_paragraph_restarted_and_cut_sooner_inside_a_link_goes_on_from_the_latest_cut():
    # Cut in one link's address, restarted from its start and cut in an
    # earlier link's address, then carried on from there: the paragraph once.
    whole = (
        "_Thanks to [Dan Abramov](https://example.org/dan) for creating it, and to "
        "[Joe Haddad](https://example.org/joe) for years of care. Thanks also to "
        "[Brooks Lybrand](https://example.org/brooks) for reviewing this post._"
    )
    first = whole[: whole.index("brooks") + 2]
    second = whole[: whole.index("/dan") + 2]
    raw = (
        f"## Thanks\n\nWe are grateful.\n\n{first}\n---END---\n\n{second}\n\n---END---\n\n"
        f"{whole[len(second) :]}\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("_Thanks to") == 1
    assert whole in page


def test_a_sentence_that_stands_after_a_cut_list_item_is_no_rest_of_the_item():
    # It begins mid-sentence ("という…") but the article has it already, and
    # no cut read through makes a sentence the article has where they meet.
    stands = "という運用に落ち着きました。以下、それぞれの説明です。"
    raw = (
        "## 問題\n\n試行錯誤した結果、\n\n* 講義ノートをMarkdownで書く\n"
        f"* 公開先はGitHubとする\n\n{stands}\n\n## 詳細\n\n図も入れられます。\n\n"
        "これについては、\n\n* 図はベタで入れ、後で\n\n---END---\n\n"
        f"{stands}\n\n## 詳細\n\n図も入れられます。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count(stands) == 1
    assert "後でという" not in page


@pytest.mark.parametrize(
    ("tail", "kept"),
    [
        ("  Ruby 2.5 improves it. [[Feature #14045]](https://example.org/14045)\n  Addition", True),
        ("  ```rust\n  println!();\n  ```\n\n  Res", True),
        ("  SIZE:   14555229 bytes\n  SHA1:   a1b2c3", False),  # whole lines of a download list
    ],
)
def test_a_list_the_generator_stopped_in_loses_its_last_begun_line(tail, kept):
    last = tail.rsplit("\n", 1)[1]
    raw = (
        "## Changes\n\nThe release is out.\n\n---END---\n\n"
        f"* Faster block passing.\n\n{tail}\n---END---\n"
    )
    result = merge_text(FRONT + raw)
    page = body(result.text)
    assert (last not in page) is kept
    assert tail.rsplit("\n", 1)[0].strip().split("\n")[0].strip() in page


def test_a_cut_sentence_written_again_in_other_words_from_its_start_is_the_latest():
    # Cut in it, then written again reworded: one paragraph, the latest
    # wording. (A paragraph a piece stopped after, whole, stays: a next
    # paragraph of the same shape, "paragraph 101" after "paragraph 100",
    # is no rewording of it.)
    first = "また、開発者ツールのネットワークパネルを開くと、サーバーとの通信を確認できます。"
    again = "また、開発者ツールのネットワークパネルを開くと、サーバーとの通信を確認可能です。"
    written = first[:-4]
    raw = f"## 確認\n\n画像を表示します。\n\n{written}\n\n---END---\n\n{again}\n\n## 次\n\n本文です。\n"
    page = body(merge_text(FRONT + raw).text)
    assert again in page
    assert page.count("また、開発者ツール") == 1


def test_a_lead_in_written_again_before_prose_is_a_repeat():
    # The first copy leads into a code block; the second leads into nothing.
    lead = "For example, to get Prettier to format its own `.prettierrc` file, you can do:"
    code = '```json\n{ "parser": "json" }\n```'
    raw = (
        f"## Parser\n\nPrettier infers the parser from the extension.\n\n{lead}\n\n{code}\n\n"
        f"{lead}\n\nYou can also switch to the `flow` parser for .js files.\n---END---\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count(lead) == 1
    assert f"{code}\n\nYou can also switch" in page
    # Before another block it introduces, a lead-in may well be the writer's again.
    other = '```json\n{ "parser": "flow" }\n```'
    again = raw.replace("You can also switch to the `flow` parser for .js files.", other)
    assert body(merge_text(FRONT + again).text).count(lead) == 2
    # Before the end of an element ("</div>") it leads into nothing either.
    run = "If you run it with:"
    raw = (
        f'Say the file is `myapp.py`.\n\n{run}\n\n<div class="termy">\n\n'
        f"```console\n$ python myapp.py\n```\n\n{run}\n\n</div>\n\nThen it starts.\n---END---\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count(run) == 1 and "```\n\n</div>" in page


@pytest.mark.parametrize(
    ("lead", "block"),
    [
        ("$a$で微分すると", "$$\n\\frac{dE}{da} = 0\n$$"),
        ("$P(v_a = 1) = 4/5$ですから、", "$$\n\\exp(b_a) = 4\n$$"),
        ("設定ファイルは次のようになります", "```toml\n[tool]\nname = 1\n```"),
    ],
)
def test_a_paragraph_that_leads_into_a_new_block_is_not_cut(lead, block):
    raw = f"誤差を最小にします。\n\n{lead}\n\n---END---\n\n{block}\n\nとなります。\n"
    result = merge_text(FRONT + raw)
    assert f"{lead}\n\n{block}" in result.text
    assert not result.warnings


def test_a_definition_list_term_starts_a_block_and_needs_no_full_stop():
    raw = (
        "Intro.\n\nlinkify\n: Automatically identify bare web URLs and add hyperlinks\n\n"
        "---END---\n\nreplacements\n: Automatically convert some common typographic texts\n"
    )
    result = merge_text(FRONT + raw)
    assert "add hyperlinks\n\nreplacements\n: Automatically convert" in result.text
    assert not result.warnings


def test_wrapped_japanese_that_takes_up_the_sentence_before_goes_on_with_the_paragraph():
    before = (
        "コンポーネントは通常、1つのTypeScriptファイル、1つのテンプレートファイル、\n"
        "1つのスタイルファイルで構成されます。これらのファイルは異なるファイル拡張子を持つ\n"
        "同じ名前を共有するべきです。"
    )
    after = (
        "例えば、`UserProfile`コンポーネントは\n"
        "`user-profile.ts`、`user-profile.html`というファイルを持つことができます。"
    )
    page = body(merge_text(FRONT + f"{before}\n\n---END---\n\n{after}\n").text).strip()
    assert page == before + after


def test_a_command_shown_again_under_new_text_in_a_later_piece_stays():
    run = '<div class="termy">\n\n```console\n$ uv run fastapi dev\n```\n\n</div>'
    raw = (
        f"## Run the App\n\nRun the app:\n\n{run}\n\nThe docs show it.\n\n"
        "## Heroes\n\nThe hero model.\n\n## Teams\n\nThe team model.\n\n## Links\n\n"
        "The link model.\n---END---\n\n## Run the App Again\n\nYou can run the app again:\n\n"
        f"{run}\n\nThe docs are updated.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("$ uv run fastapi dev") == 2
    assert f"You can run the app again:\n\n{run}\n\nThe docs are updated." in page


def test_a_restart_inside_a_mixed_japanese_and_latin_word_appears_once():
    raw = "概要です。\n\n今回VMを\n---END---\n\n回VMを作成しましたが、関連して複数のリソースが作成されています。\n"
    page = body(merge_text(FRONT + raw).text)
    assert "今回VMを作成しましたが、関連して" in page


def test_two_alike_paragraphs_one_after_the_other_in_one_piece_are_both_the_writers():
    url = "https://www.sphinx-doc.org/en/master/extdev/appapi.html#sphinx.application.Sphinx"
    css = f"[**`app.add_css_file`**]({url}.add_css_file) allows you to add CSS files directly."
    js = f"[**`app.add_js_file`**]({url}.add_js_file) allows you to add JS files directly."
    raw = f"## Setup\n\nTwo methods:\n\n{css}\n\n{js}\n\nBoth take paths.\n---END---\n\nMore.\n"
    page = body(merge_text(FRONT + raw).text)
    assert f"{css}\n\n{js}\n\nBoth take paths." in page


def test_a_hard_wrapped_paragraph_with_its_last_sentence_reworded_is_one_paragraph():
    a = "You register plugins by defining objects that follow the plugin specification."
    b = (
        "Below we'll create the skeleton of a MyST plugin - the following defines an empty "
        "plugin structure and exports the plugin so that MyST can use it.\n"
        "We'll add the specific code later."
    )
    c = "Copy and paste the JavaScript below into the file that you created."
    b2 = b.replace("later.", "later, in most cases.")
    raw = f"## Create\n\n{a}\n\n{b}\n\n{c}\n\n## Directive\n---END---\n\n{a}\n\n{b2}\n\n{c}\n\n## Next\n\nNew.\n"
    page = body(merge_text(FRONT + raw).text)
    assert f"{a}\n\n{b2}\n\n{c}\n\n## Next" in page
    assert "code later.\n" not in page


def test_a_terminal_inside_a_code_span_ends_no_sentence():
    raw = (
        "Early on we cut a paragraph: a function with a parameter of type `Millimeters`\n"
        "wouldn’t\n---END---\n\nbe able to compile.\n\nThe never type is useful with the `panic!`\n"
        "---END---\n\n macro as well. Recall the `unwrap` function.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert (
        "The never type is useful with the `panic!` macro as well. Recall the `unwrap` function."
        in page
    )
    assert "wouldn’t be able to compile." in page


def test_a_list_item_cut_in_a_word_the_article_has_goes_on_with_its_capital():
    raw = (
        "## TL;DR\n\n* `unicode-math`とLuaLaTeXの組み合わせ\n* PandocからLuaLa\n\n---END---\n\n"
        "TeXを使ってPDFを生成する時\n* 簡単な対応策\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "* PandocからLuaLaTeXを使ってPDFを生成する時\n* 簡単な対応策" in page


def test_a_latin_word_written_again_before_japanese_appears_once():
    raw = (
        "`num_traits::NumOps`演算子だけ定義されいてるTrait\n\n---END---\n\n"
        "Traitです：\n\n```rust\nuse std::ops::*;\n```\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "定義されいてるTraitです：\n\n```rust" in page


def test_code_of_a_list_item_written_again_on_its_own_is_that_items_code():
    # ruby-lang.org's downloads: each address, then its sizes and digests
    # indented under it; a piece that goes back writes the digests alone.
    code = "      SIZE:   11442988 bytes\n      SHA1:   45e467debc194847a9e3afefb20b11e6dc28ea31"
    raw = (
        f"## Download\n\n* <https://example.org/a.tar.gz>\n\n{code}\n\n## About\n\n"
        "Ruby was made in 1993 by Matz as open source.\n\n---END---\n\n"
        f"{code}\n\n## About\n\nRuby was made in 1993 by Matz as open source, in Japan.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("SIZE:") == 1
    assert page.rstrip().endswith(
        "## About\n\nRuby was made in 1993 by Matz as open source, in Japan."
    )


def test_a_paragraph_restarted_in_other_words_is_the_latest_attempt():
    raw = (
        "生成AIの話題になると、注目はたいてい新しいモデルに集まります。ところが、業界の関係者と話していると、電力の話が"
        "\n---END---\n"
        "基本的に、生成AIの話題になると、注目はたいてい新しいモデルに集まります。ところが、業界の関係者と"
        "\n---END---\n"
        "が、業界の関係者と話していると、最近いちばん多く出てくる言葉は「電力」です。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.strip() == (
        "基本的に、生成AIの話題になると、注目はたいてい新しいモデルに集まります。"
        "ところが、業界の関係者と話していると、最近いちばん多く出てくる言葉は「電力」です。"
    )


def test_a_piece_that_stops_inside_a_links_address_is_cut():
    raw = (
        "Wiring is shown in the plans.\n\n"
        "The full diagrams are on [the project page](https://example.\n"
    )
    page = body(merge_text(FRONT + "Intro.\n---END---\n" + raw).text)
    assert "https://example." not in page
    assert "Wiring is shown in the plans." in page


def test_a_japanese_piece_that_starts_with_an_auxiliary_is_the_rest_of_a_cut():
    raw = (
        "年に一度、棚の本と記録を突き合わせる作業が必要になり\n---END---\n"
        "ます。作業の前に返却を確かめてください。\n---END---\n"
        "ます。作業の前に返却を確かめてください。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert (
        page.strip()
        == "年に一度、棚の本と記録を突き合わせる作業が必要になります。作業の前に返却を確かめてください。"
    )


def test_links_with_the_same_words_and_other_addresses_are_two_blocks():
    raw = (
        "Intro.\n\n[Try it](https://play.example/#a)\n\nMiddle text.\n\n"
        "[Try it](https://play.example/#b)\n---END---\nEnd.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "#a)" in page and "#b)" in page


def test_an_article_ending_on_a_whole_link_or_address_is_not_cut():
    raw = "Intro.\n---END---\nThanks to all of you. [Thanks!](https://thanks.example/)\n\nhttps://example.org/more\n"
    page = body(merge_text(FRONT + raw).text)
    assert "[Thanks!](https://thanks.example/)" in page
    assert page.rstrip().endswith("https://example.org/more")


@pytest.mark.parametrize(
    ("last", "kept"),
    [
        ("Con", False),  # the first letters of "configuration": the generator stopped
        ("Configu", True),  # too long to be sure it is no word of its own
        ("MIT", True),  # an acronym is whole
        ("Tokyo", True),  # a name: the article never writes it in lower case
        # A word the article writes in lower case, capitalised as a sentence's
        # first word: the generator stopped as it began one (c.f. "Run").
        ("Done", False),
        ("Table", False),
        # No word of the article's or of English, but the start of one.
        ("Unle", False),
        ("Gr", False),
        ("J", True),  # one letter that begins no word of the article's
    ],
)
def test_an_article_ending_on_the_first_letters_of_a_word_drops_them(last, kept):
    raw = (
        "The configuration is read once.\n---END---\nIt holds a table of settings.\n\n"
        f"Another whole paragraph, with no done work.\n\n{last}\n\n---END---\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.rstrip().endswith(last) is kept
    assert page.rstrip().endswith("with no done work.") is not kept


@pytest.mark.parametrize(
    ("lead", "first", "again"),
    [
        (
            "",
            "すべてのコンポーネントには次のものが必要です。",
            "すべてのコンポーネントには次のものが必要です。",
        ),
        (
            "基本的に、",
            "すべてのコンポーネントには次のものが必要です。",
            "基本的に、すべてのコンポーネントには次のものが必要です。",
        ),
        (
            "",
            "Every component needs these three parts:",
            "Every component needs these three parts:",
        ),
        (
            "Basically, ",
            "Every component needs these three parts:",
            "Basically, every component needs these three parts:",
        ),
    ],
)
def test_a_piece_going_back_after_a_cut_list_is_a_retry_not_the_items_rest(lead, first, again):
    """A list cut between items, then a piece that starts over from the
    paragraph before it (reworded at its start or not): the latest attempt
    stands once, and no item has a paragraph glued to it."""
    items = ["- a class that defines its behaviour", "- a template that renders it"]
    raw = (
        f"Intro paragraph of the guide.\n\n{first}\n\n{items[0]}\n---END---\n{items[1]}\n---END---\n"
        f"{again}\n\n{items[0]}\n{items[1]}\n- a selector\n\nThe end of the guide.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    expected = (
        f"Intro paragraph of the guide.\n\n{again}\n\n{items[0]}\n{items[1]}\n- a selector\n\n"
        "The end of the guide.\n"
    )
    assert page.strip() == expected.strip()


@pytest.mark.parametrize(
    ("last", "kept"),
    [
        ("それまでの間、Angu", False),  # a Japanese clause, stopped in a Latin word
        ("それまでの間、Angular", False),
        ("以上", True),  # a short line, whole without 。
        ("Angular v22", True),
    ],
)
def test_a_japanese_clause_at_the_end_of_an_article_reads_cut(last, kept):
    raw = (
        "リリースビデオがまもなく公開されます。\n---END---\n詳しくは公式サイトをご覧ください。\n\n"
        f"{last}\n\n---END---\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.rstrip().endswith(last) is kept


@pytest.mark.parametrize(
    ("line", "short"),
    [
        ("以下の項目にも興味があるかもしれません：", "以下"),
        ("You may also like these pages:", "You"),
    ],
)
def test_a_retry_that_stops_on_the_start_of_the_next_paragraph_keeps_it_whole(line, short):
    """The last piece writes a section again and stops after a word or two of
    its paragraph ("以下"): the paragraph stands whole, once."""
    raw = (
        f"## More\n\n{line}\n\n- [Triggers](triggers)\n- [Sequences](sequences)\n---END---\n"
        f"## More\n\n{short}\n\n---END---\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.strip() == f"## More\n\n{line}\n\n- [Triggers](triggers)\n- [Sequences](sequences)"


def test_a_retry_cut_inside_a_link_goes_on_with_the_earlier_attempt():
    """The latest attempt stops inside a link ("…[single issue](https://github.co"),
    which its key does not hold: the earlier attempt's whole sentence is kept."""
    whole = (
        "The results were not published, but each problem became an issue and all of them "
        "were collected into a [single issue](https://github.com/example/project/issues/72)."
    )
    first = "The most recent assessment of the theme was made in 2024 with a free checker"
    raw = (
        f"## Assessment\n\n{first}.\n\n{whole}\n\n## Date\n\n"
        "This statement was written in February.\n---END---\n"
        f"{first}, in most cases.\n\n"
        f"{whole[: whole.index('github.co') + 9]}\n\n---END---\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count(whole) == 1
    assert page.count(first) == 1 and f"{first}, in most cases." in page


def test_a_piece_that_retries_an_older_continuation_is_not_glued_to_the_last_cut():
    """ "By default," then "ed like:": the rest of no word after a comma, but
    the retried continuation of an earlier "If your code was structur"."""
    raw = (
        "If your code was structur\n---END---\ned like:\n\n```\nbackend/main.py\n```\n\n"
        "Then set the entrypoint.\n\n## Run\n\nRunning it starts production mode.\n\n"
        "By default,\n---END---\ned like:\n\n```\nbackend/main.py\n```\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "By default, ed" not in page
    assert page.count("If your code was structured like:") == 1


def test_shorter_attempts_at_a_cut_paragraph_and_then_the_whole_one_make_one_paragraph():
    whole = "Intense! In effect, this error means the types differ. The compiler checks it for you."
    raw = (
        "Some text before.\n\n"
        + whole[:70]
        + "\n---END---\n"
        + whole[:27]
        + "\n---END---\n"
        + whole[:11]
        + "\n---END---\n"
        + whole
        + "\n\nAfter.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("Intense!") == 1
    assert whole in page


def test_a_last_piece_that_opens_with_the_opening_of_a_paragraph_written_before_is_a_retry():
    raw = (
        "## Step 1\n\nMost offices publish a ye\n---END---\n"
        "Most offices publish a yearly file. Save it in the data folder.\n\n## Step 2\n\nLoad it.\n"
        "---END---\nMost offices publish a yearly file.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("Most offices publish") == 1
    assert page.rstrip().endswith("Load it.")


def test_a_long_lead_in_written_again_far_away_is_a_repeat():
    long_lead = (
        "The keepers never wrote that the lamp failed at midnight; they wrote what they saw "
        "at each hour, and let the reader put the story together:"
    )
    raw = (
        f"{long_lead}\n\n1. 23:40, dimmer.\n2. 23:55, soot.\n\nA timeline is cheap to write.\n\n"
        "Run this command:\n\n```sh\nmake\n```\n---END---\nThe rest goes on here.\n\n"
        f"{long_lead}\n\nThen install it, which takes a while on a slow machine.\n\n"
        "Run this command:\n\n```sh\nmake install\n```\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count(long_lead) == 1
    assert "Then install it, which takes a while on a slow machine." in page


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_lead_in_written_again_before_a_heading_leads_into_nothing(lang):
    """ "Install it with:" after the block it introduced, then a heading: the
    generator's repeat. The same lead-in before a second block is the writer's."""
    if lang == "ja":
        lead = "Python 3.11 以降が必要です。次のコマンドでインストールできます："
        then, cut = "設定ファイルを書きます。", 6
    else:
        lead = "It needs Python 3.11 or later. Install it with this command:"
        then, cut = "Write a configuration file next.", 17
    code = "```bash\npip install tool\n```"
    piece = f"{then[:cut]}\n---END---\n{then[cut:]}"  # the article was cut further on
    raw = f"## Install\n\n{lead}\n\n{code}\n\n{lead}\n\n## Use\n\n{piece}\n"
    page = body(merge_text(FRONT + raw).text)
    assert page.count(lead) == 1 and "## Use" in page and then in page
    again = raw.replace(
        f"{lead}\n\n## Use", f"{lead}\n\n```bash\npip install tool[all]\n```\n\n## Use"
    )
    assert body(merge_text(FRONT + again).text).count(lead) == 2


def test_a_section_retried_twice_with_shorter_and_shorter_cuts_is_one_section():
    paragraph = (
        "Speaking of warnings, you can now try a preview of the linter through the installer."
    )
    raw = (
        f"## Intro\n\nText.\n\n### Linter\n\n{paragraph[:60]}\n---END---\n"
        f"### Linter\n\n{paragraph[:30]}\n---END---\n"
        f"### Linter\n\n{paragraph[:2]}\n---END---\n"
        f"{paragraph}\n\nFor example, run it.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("### Linter") == 1
    assert page.count("Speaking of warnings") == 1
    assert paragraph in page


def test_a_version_a_paragraph_had_before_written_again_is_the_latest_attempt():
    whole = "顧客の側への影響も考えなければなりません。古い端末が対応していなければ、使えなくなる人が出てきます。"
    raw = (
        f"{whole[:40]}\n---END---\n{whole[40:]}\n---END---\n"  # the paragraph, cut and continued
        f"{whole[:16]}\n---END---\n"  # a shorter attempt the next piece goes on from
        "す。\n---END---\n"  # ... wrongly
        f"{whole}\n\n次の段落です。\n"  # the whole paragraph written again
    )
    page = body(merge_text(FRONT + raw).text)
    assert whole in page
    assert page.count("顧客の側") == 1


def test_a_restart_a_few_words_back_that_ends_at_the_same_full_stop_writes_them_once():
    raw = (
        "期限を過ぎた本は、一覧にできます。\n---END---\n"
        "にできます。一覧は名前の順に並ぶので、そのまま印刷できます。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert (
        page.strip()
        == "期限を過ぎた本は、一覧にできます。一覧は名前の順に並ぶので、そのまま印刷できます。"
    )


def test_the_rest_of_a_list_read_through_a_cut_written_again_is_a_repeat():
    # A list cut between items and continued; a later piece goes back and
    # writes the continuation again: the whole list stands, once.
    head = "- Has no declarations.\n- Has no providers."
    rest = "- Has no imports that reference a module.\n- Has no class members at all."
    later = "## Limitations\n\n- Unit tests are not compiled ahead of time.\n- The tool cannot"
    raw = (
        f"Intro paragraph long enough to stand on its own.\n\n{head}\n---END---\n"
        f"{rest}\n\nA paragraph after the block, long enough.\n\n{later}\n---END---\n"
        f"{rest}\n\nA paragraph after the block, long enough.\n\n"
        f"{later} recognize custom wrappers.\n"
    )
    result = merge_text(FRONT + raw)
    page = body(result.text)
    assert f"{head}\n{rest}\n" in page
    assert page.count(rest) == 1
    assert page.count("A paragraph after the block") == 1
    assert page.rstrip().endswith("The tool cannot recognize custom wrappers.")
    assert events(result, Action.DROPPED)


def test_a_piece_going_on_the_same_line_with_a_capital_continues_the_cut_sentence():
    # " MyST ecosystem…" starts with the space the cut left: the rest of the
    # sentence, whatever its capital says (a fresh sentence would not).
    raw = (
        "The group keeps the older stack. With resources now focused on version 2 and the\n"
        "---END---\n MyST ecosystem, the older tools are in maintenance mode.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "version 2 and the MyST ecosystem, the older tools" in page


def test_a_paragraph_standing_already_after_a_heading_a_piece_ended_on_is_no_title_rest():
    raw = (
        "結果として、\n\n- 一つ目の運用です\n- 二つ目の運用です\n\n"
        "という運用に落ち着きました。以下、それぞれの説明です。\n\n## 運用の詳細\n---END---\n"
        "という運用に落ち着きました。以下、それぞれの説明です。\n\n## 運用の詳細\n\n本文です。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "\n## 運用の詳細\n" in page
    assert page.count("という運用に落ち着きました") == 1


@pytest.mark.parametrize(
    ("heading", "paragraph"),
    [
        # The first line of a wrapped paragraph whose sentence goes on.
        (
            "## Root cause of the outage",
            "docs.rs needs to store the built documentation on the filesystem before\n"
            "uploading it to the database.",
        ),
        # A heading closed by its anchor.
        ("### nullリテラル {#null-literal}", "nullリテラルは`null`値を返すリテラルです。"),
    ],
)
def test_a_paragraph_after_a_whole_heading_a_piece_ended_on_is_no_title_rest(heading, paragraph):
    raw = f"Intro text of the page.\n\n{heading}\n---END---\n{paragraph}\n\nThe end.\n"
    page = body(merge_text(FRONT + raw).text)
    assert f"\n{heading}\n\n{paragraph}\n" in page, page


@pytest.mark.parametrize(
    ("paragraph", "echo"),
    [
        ("Any listing beyond the most trivial goes into a file. To do that:", "To do that:"),
        ("図は番号で参照しない。式も同じです。", "式も同じです。"),
    ],
)
def test_the_last_sentence_of_a_paragraph_written_again_under_it_is_a_repeat(paragraph, echo):
    raw = f"The introduction is long enough to stand.\n---END---\n{paragraph}\n\n{echo}\n\n- An item.\n"
    result = merge_text(FRONT + raw)
    page = body(result.text)
    assert paragraph in page
    assert page.count(echo) == 1
    assert len(events(result, Action.DROPPED)) == 1


def test_a_short_paragraph_that_is_not_the_end_of_the_one_before_stays():
    raw = (
        "The introduction is long enough to stand.\n---END---\nIt works. It is done.\n\nIt works.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("It works.") == 2


def test_an_attempt_that_gets_less_far_than_the_paragraph_before_is_then_completed():
    whole = "まずは四隅に該当するものを1つだけ抽出。"
    longer = whole + "これが一番左上に来るとすると向きが決まる。"
    raw = (
        f"前の段落です。\n\n{whole}\n---END---\n{whole[:10]}\n---END---\n"
        f"{longer}\n\n次の段落です。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert longer in page
    assert page.count("まずは四隅") == 1


def test_markup_right_after_a_restarted_cut_is_not_the_piece_going_back():
    # The piece restarts the cut paragraph, then closes the admonition: that
    # "///" is this block's closer, not the earlier one written again.
    raw = (
        "Intro paragraph of the page.\n\n/// danger\n\nThis is an advanced feature.\n\n///\n\n"
        "## Use cases\n\nSome text here.\n\n/// tip\n\nThis is a toy example to show how it wor\n"
        "---END---\nThis is a toy example to show how it works, and nothing more.\n\n///\n\n"
        "First, we create a class.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("///\n") == 2
    assert "and nothing more.\n\n///\n\nFirst, we create a class." in page


def test_a_piece_writing_two_sentences_again_as_the_article_has_them_is_no_cuts_rest():
    # "そうです。" could end the cut sentence; with the long sentence the
    # article has right after it, the piece went back.
    raw = (
        "見たことがある内容ではないでしょうか？\n\n"
        "そうです。\nこれはブラウザで埋め込み時にコピーできるHTMLと同じものです。\n\n"
        "この言語であれば、自由に扱えるのも「oEmbedと\n---END---\n"
        "そうです。\nこれはブラウザで埋め込み時にコピーできるHTMLと同じものです。\n\n"
        "この言語であれば、自由に扱えるのも「oEmbedという仕様」の恩恵と言えるでしょう。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "「oEmbedそうです" not in page and "「oEmbedとそうです" not in page
    assert page.count("そうです。") == 1
    assert "「oEmbedという仕様」の恩恵と言えるでしょう。" in page


def test_a_cut_paragraph_right_under_a_setext_heading_stays_right_under_it():
    raw = (
        "共通基盤としてのC言語\n--------------------\n以下ではリンクについての基本的な事項を\n"
        "---END---\nC言語で説明していきます。\n\n次の段落です。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert (
        "--------------------\n以下ではリンクについての基本的な事項をC言語で説明していきます。\n"
        in page
    )


def test_a_paragraph_completed_under_a_heading_written_again_stays_right_under_it():
    # The later piece writes the setext heading and its paragraph again,
    # whole: the paragraph replaces the cut one and keeps its place.
    raw = (
        "前の段落です。\n\nコンポーネントを使うとき\n------------------------\n"
        "このプロジェクトで目標\n---END---\n"
        "コンポーネントを使うとき\n------------------------\n"
        "このプロジェクトで目標としているユースケースは次の通りです。\n\n- 一つ目\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "------------------------\nこのプロジェクトで目標としている" in page
    assert page.count("コンポーネントを使うとき") == 1


def test_a_paragraph_restarted_by_the_next_piece_stays_right_under_its_setext_heading():
    raw = (
        "num_traits::PrimInt\n---------------------\n整数型の性質を抽象化\n---END---\n"
        "整数型の性質を抽象化したTraitです。ビット演算が多く実装されています。\n\n次です。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "---------------------\n整数型の性質を抽象化したTraitです。" in page


def test_a_list_written_again_shorter_at_the_end_of_the_article_keeps_its_items():
    items = "* [三角関数の話](https://example.com/a)\n* [線形代数を学ぶ理由](https://example.com/b)"
    raw = (
        f"本文です。\n\n## 合わせて読みたい\n\n{items}\n---END---\n"
        "* [三角関数の話](https://example.com/a)\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.rstrip().endswith(items)
    assert page.count("三角関数の話") == 1


def test_a_heading_the_writer_left_empty_mid_piece_stays_and_one_a_cut_left_goes():
    raw = (
        "### Format\n\n#### Do not print the sub-tree when ignored\n\n"
        "#### Bail when traversing groups\n\nA regression was introduced in 1.0.\n\n"
        "## Dangling at the cut\n---END---\n## Next\n\nText of the next section.\n"
    )
    result = merge_text(FRONT + raw)
    page = body(result.text)
    assert "#### Do not print the sub-tree when ignored\n\n#### Bail when" in page
    assert "Dangling at the cut" not in page
    assert len(events(result, Action.HEADING)) == 1


def test_a_heading_the_next_piece_writes_again_right_above_the_next_stays():
    # "### 言語機能" dangled at the cut; the next piece wrote it again right
    # above "## パフォーマンス": the writer's empty section, and so the
    # section over it is not empty either.
    raw = (
        "## 変更点\n\n本文です。\n\n## その他の新機能\n\n### 言語機能\n---END---\n"
        "### 言語機能\n\n## パフォーマンス\n\n速くなりました。\n"
    )
    result = merge_text(FRONT + raw)
    page = body(result.text)
    assert "## その他の新機能\n\n### 言語機能\n\n## パフォーマンス" in page, page
    assert not events(result, Action.HEADING)


def test_metadata_lines_opening_the_file_are_whole_at_a_marker():
    # Pelican's and MultiMarkdown's "Key: value" lines: no full stop, no cut.
    meta = "Title: This Week 428\nNumber: 428\nDate: 2022-02-02\nCategory: This Week"
    raw = f"{meta}\n\n---END---\n\nHello and welcome to another issue!\n\nMore news.\n"
    assert merge_text(raw).text.startswith(meta + "\n\nHello and welcome")


def test_a_passage_of_markup_and_links_shown_again_after_new_text_stays():
    # Each example with its rendered result: the same three wordless blocks
    # under two different code blocks are the writer's, not a repeat.
    result_block = (
        '<div class="result" markdown>\n\n[Hover me](https://example.com "tip")\n\n</div>'
    )
    raw = (
        "Intro of the page, long enough to stand on its own.\n---END---\n"
        "Add a tooltip to a link with the following lines:\n\n"
        f'```markdown\n[Hover me](https://example.com "tip")\n```\n\n{result_block}\n\n'
        "Tooltips can also be added to link references:\n\n"
        f"```markdown\n[Hover me][example]\n```\n\n{result_block}\n\nThe end of the page.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count('<div class="result" markdown>') == 2
    assert page.count("</div>") == 2


@pytest.mark.parametrize(
    ("last", "kept"),
    [
        ("（とはいえ、実際問題として対応していないために拡張が誕生しました）", True),
        ("（とはいえ、実際問題として対応していないために", False),
    ],
)
def test_a_closed_aside_ended_like_a_sentence_is_a_whole_last_line(last, kept):
    raw = f"前の段落です。\n---END---\nつまり、設定を引き渡せば不要です。\n{last}\n---END---\n"
    page = body(merge_text(FRONT + raw).text)
    assert (last in page) is kept
    assert "つまり、設定を引き渡せば不要です。" in page


def test_new_sections_written_after_a_repeat_go_after_the_sections_that_stand():
    # The piece restarts its cut, repeats the first section, writes a new
    # section, then writes where it was again: the new section comes last.
    raw = (
        "## Before you start\n\nIntro of the first section, long enough to count.\n\n"
        "### When it helps\n\nA subsection paragraph, long enough to count too.\n\n"
        "## Extending\n\nThe second section says how to extend the harness cla\n---END---\n"
        "The second section says how to extend the harness class.\n\n"
        "## Before you start\n\nIntro of the first section, long enough to count.\n\n"
        "## Finding elements\n\nEach instance stands for one component in the page.\n\n"
        "The second section says how to extend the harness class.\n\n"
        "## Working with elements\n\nThe elements have methods of their own.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    order = [line for line in page.splitlines() if line.startswith("#")]
    assert order == [
        "## Before you start",
        "### When it helps",
        "## Extending",
        "## Finding elements",
        "## Working with elements",
    ]
    assert page.count("how to extend the harness class.") == 1


def test_a_cut_list_item_with_reference_links_is_completed_where_their_definitions_are():
    # In the cut piece "[async-std]" has no definition and reads as written;
    # in the next one it is a link: the item written again still completes it.
    raw = (
        "Async-await is stable.\n\n* the [tokio] runtime is fast;\n"
        "* the [async-std] runtime [has been putting out weekly releases for the past few\n"
        "---END---\n"
        "* the [async-std] runtime [has been putting out weekly releases for the past few "
        "months][as-releases];\n* using futures, you can bridge them.\n\n"
        "[tokio]: https://tokio.rs\n[async-std]: https://async.rs\n"
        "[as-releases]: https://async.rs/releases\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("has been putting out weekly releases") == 1
    assert "for the past few months][as-releases];" in page


@pytest.mark.parametrize(
    ("cut", "rest", "line"),
    [
        ("/// note |", "Technical Details", "/// note | Technical Details"),
        (
            '=== ":octi',
            'cons-file-code-16: `mkdocs.yml`"',
            '=== ":octicons-file-code-16: `mkdocs.yml`"',
        ),
    ],
)
def test_an_admonition_or_tab_line_cut_before_its_title_gets_it_from_the_next_piece(
    cut, rest, line
):
    raw = f"Intro text of the page.\n\n{cut}\n---END---\n{rest}\n\nThe body of the block.\n"
    page = body(merge_text(FRONT + raw).text)
    assert f"\n{line}\n\nThe body of the block." in page


def test_an_admonition_with_its_text_written_again_whole_replaces_the_cut_one():
    raw = (
        "### Named type aliases\n\n/// version-added | v2.11\nNamed type\n---END---\n"
        "/// version-added | v2.11\nNamed type aliases are now fully supported.\n///\n\n"
        "The abstract comes next.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("/// version-added") == 1
    assert "Named type aliases are now fully supported." in page
    assert "Named type\n" not in page


def test_a_piece_that_opens_by_rewording_a_paragraph_is_a_retry_not_the_cuts_rest():
    said = "たとえば、タイムゾーンを制御するために、2番目のオプションのパラメータを渡すこと"
    raw = (
        f"前の段落です。\n\n{said}もできます。\n\n```html\n<p>{{{{ when | date }}}}</p>\n```\n\n"
        "## パイプの動作\n\n概念的には、\n---END---\n"
        f"{said}も可能です。\n\n```html\n<p>{{{{ when | date }}}}</p>\n```\n\n"
        "## パイプの動作\n\n概念的には、パイプは入力値を受け取り、変換された値を返す関数です。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("2番目のオプションのパラメータ") == 1
    assert f"{said}も可能です。" in page  # the latest attempt
    assert "概念的には、パイプは入力値を受け取り" in page
    assert "概念的には、たとえば" not in page


def test_list_items_written_again_with_a_lead_in_are_the_items_again():
    # A loose list cut after an item; the next piece writes it again from an
    # earlier item, whose note now has a lead-in: the latest wording, once.
    step = "1. アプリケーションをビルドし、開発サーバーを起動するために、次のコマンドを実行します。"
    note = "NOTE: このステップはローカル環境でのみ実施します！"
    open_step = (
        "1. ブラウザを開き、`http://localhost:4200`にアクセスしてアプリケーションを確認します。"
    )
    raw = (
        f"ターミナルで、\n\n{step}\n\n   {note}\n\n{open_step}\n---END---\n"
        f"{step}\n\n   基本的に、{note}\n\n{open_step}\n\n"
        "1. アプリケーションがエラーなくビルドされていることを確認します。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("開発サーバーを起動する") == 1
    assert f"   基本的に、{note}" in page
    assert page.count(note) == 1


def test_a_closing_tag_and_a_rule_again_after_new_text_are_the_writers():
    raw = (
        "<Note>\n\nThis API is specific to Node.js and its streams.\n\n</Note>\n\n---\n\n"
        "## Reference\n\n`nonce` is not an avail\n---END---\n"
        "`nonce` is not an available option when prerendering.\n\n<Note>\n\n"
        "### When should I use it?\n\nThe static API is used for static generation.\n\n"
        "</Note>\n\n---\n\n## Usage\n\nUsage text.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("</Note>") == 2
    assert page.count("\n---\n") == 2


def test_the_rest_of_a_cut_list_item_written_again_is_not_glued_to_a_later_cut():
    """A piece that starts with "or](…)" again, the rest of an item cut on
    "behavi" that the article reads through already: a retry from that cut,
    not the rest of "This week was" (which makes no word with "or")."""
    items = "* [next item](https://example.com/pull/2)\n* [last item](https://example.com/pull/3)\n"
    raw = (
        "* [fix the parser's nested behavi\n---END---\n"
        f"or](https://example.com/pull/1)\n{items}\n"
        "## Triage\n\nThis week was\n---END---\n"
        f"or](https://example.com/pull/1)\n{items}\n"
        "This week was quiet, with small regressions only.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "was or]" not in page
    assert page.count("* [fix the parser's nested behavior](https://example.com/pull/1)") == 1
    assert "This week was quiet, with small regressions only." in page


def test_a_long_last_sentence_without_a_full_stop_reads_cut_whatever_its_last_word():
    """German capitalises nouns: "…ein Werkzeug der Wahl" at the very end stops
    on a capitalised word, but a sentence of so many words ends on a full
    stop, so it was cut: trimmed, and its heading dangles."""
    raw = (
        "## Linux\n\nApt installiert Ruby.\n\n## Andere Systeme\n\n"
        "Auf anderen Systemen hilft meist eine Suche in den Paketquellen\n"
        "des jeweiligen Paketverwalters oder ein Werkzeug der Wahl\n"
    )
    result = merge_text(FRONT + raw + "---END---\n")
    page = body(result.text)
    assert "Werkzeug der Wahl" not in page and "## Andere Systeme" not in page
    assert "Apt installiert Ruby." in page
    assert any("Werkzeug der Wahl" in event.removed for event in result.warnings)
    # A byline or a label, a few words without a full stop, is whole.
    assert "Posted by Yukihiro Matsumoto" in body(
        merge_text(FRONT + "Ruby 3 is out.\n\nPosted by Yukihiro Matsumoto\n---END---\n").text
    )


@pytest.mark.parametrize(
    "raw",
    [
        # Cut inside the link's text and restarted: the line written again whole.
        "Crates of the week.\n\n[Send your suggestions and votes\n---END---\n"
        "and votes for next week][crates]!\n\n## Jobs\n\nJob text.\n---END---\n"
        "Crates of the week.\n\n[Send your suggestions and votes for next week][crates]!\n\n"
        "[crates]: https://example.com/crates\n",
        # The line again, after the paragraph that ends with it.
        "Thanks to Ann for the tip. [Send your suggestions and votes for next week][crates]!\n"
        "---END---\n[Send your suggestions and votes for next week][crates]!\n\n"
        "[crates]: https://example.com/crates\n",
    ],
)
def test_a_line_of_links_the_article_has_as_text_is_a_repeat(raw):
    page = body(merge_text(FRONT + raw).text)
    line = next(line for line in raw.split("\n")[::-1] if line.startswith("[S"))
    assert page.count(line.split("](")[0].split("][")[0]) == 1, page


def test_a_line_of_links_pointing_elsewhere_is_no_repeat():
    raw = (
        "See [the release notes for this week](https://example.com/a) today.\n---END---\n"
        "[the release notes for this week](https://example.com/b)\n---END---\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "(https://example.com/b)" in page


def test_a_last_paragraph_cut_in_a_links_address_is_trimmed_not_a_lead_in():
    """ "…atau [commit logs](https:" ends on a colon, but that of an address
    the cut stops in: no lead-in, a cut nothing continues."""
    raw = (
        "Ruby 3.0 is out.\n\n"
        "See [NEWS](https://example.com/NEWS.md)\nor [commit logs](https:\n---END---\n"
    )
    result = merge_text(FRONT + raw)
    assert "commit logs" not in body(result.text)
    assert any("commit logs" in event.removed for event in result.warnings)


def test_a_piece_opening_as_an_earlier_continuation_did_retries_that_continuation():
    """ "…Visual" + "Studio." and on, cut in a list item ("expla"); then a piece
    that opens with " Studio." again: the same continuation written again,
    not the rest of the list item."""
    raw = (
        "Intro.\n\nNext we plan to support Visual\n---END---\n"
        "Studio.\n\nGet ready for a new era.\n\n* one item\n* another item, which expla\n---END---\n"
        " Studio.\n\nGet ready for a new era.\n\n* one item\n"
        "* another item, which explains it.\n\n## Next\n\nMore.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "expla Studio" not in page
    assert page.count("Next we plan to support Visual Studio.") == 1
    assert page.count("Get ready for a new era.") == 1
    assert page.count("* another item, which explains it.") == 1 and "expla\n" not in page


def test_the_last_sentence_of_a_list_just_written_again_as_a_paragraph_is_a_repeat():
    raw = (
        "* Endless ranges.\n\n  A range without an end is added. Typical uses look like this:\n\n"
        "Typical uses look like this:\n\n      ary[1..]\n\n* Next item.\n---END---\n"
        "## Later\n\nTypical uses look like this: a range with no end.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("Typical uses look like this:\n") == 1
    assert "  A range without an end is added. Typical uses look like this:\n" in page
    assert "Typical uses look like this: a range with no end." in page  # further on: text


def test_the_cut_paragraph_of_a_list_item_written_again_from_its_start_is_restarted():
    raw = (
        "* Transient heap. [[Bug #1]](https://example.com/1)\n\n"
        "  It is a managed heap for short-lived objects, referenced by some\n"
        "  classes (Array, Hash) referen\n---END---\n"
        "  It is a managed heap for short-lived objects, referenced by some\n"
        "  classes (Array, Hash) that point to them. This makes small hashes\n"
        "  twice as fast.\n\n* Next item.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("It is a managed heap") == 1
    assert (
        "  It is a managed heap for short-lived objects, referenced by some\n"
        "  classes (Array, Hash) that point to them. This makes small hashes\n"
        "  twice as fast.\n\n* Next item." in page
    ), page


def test_a_last_hindi_sentence_without_its_full_stop_was_cut():
    """Hindi ends a sentence with "।": words of Devanagari without one at the
    article's end are a cut, whatever the last word."""
    raw = "यह पहला वाक्य है।\n\nलेकिन आपको उनकी चिंता भी करने की\n---END---\n"
    result = merge_text(FRONT + raw)
    assert "चिंता" not in body(result.text) and "यह पहला वाक्य है।" in body(result.text)
    whole = "यह पहला वाक्य है।\n\nलेकिन आपको उनकी चिंता नहीं करनी है।\n---END---\n"
    assert "चिंता नहीं करनी है।" in body(merge_text(FRONT + whole).text)


def test_a_last_line_ending_on_a_lower_case_word_of_any_alphabet_was_cut():
    """ "…pour la décou", "…он сказал при": a lower-case last word, accented or
    Cyrillic, and no full stop at the article's end is a cut."""
    for last, kept in (
        ("Merci à [chamal](https://example.org/chamal) pour la décou", False),
        ("Он сказал, что это при", False),
        ("Ruby 2.7.0 Released", True),  # a title-like line, whole
    ):
        raw = f"Premier paragraphe complet.\n\n{last}\n---END---\n"
        assert (last in body(merge_text(FRONT + raw).text)) is kept, last


def test_a_last_korean_line_on_a_connective_ending_was_cut():
    """Korean words ending on a connective ("…만드는 데") and no full stop at
    the article's end are a cut; a sentence ending ("…했습니다") or a short
    label is whole."""
    raw = "릴리스를 발표합니다.\n\n## 릴리스 코멘트\n\n이 릴리스를 만드는 데\n---END---\n"
    page = body(merge_text(FRONT + raw).text)
    assert "만드는" not in page and "코멘트" not in page and "발표합니다." in page
    for whole in ("이 릴리스를 함께 만들었습니다", "릴리스 코멘트"):
        raw = f"릴리스를 발표합니다.\n\n{whole}\n---END---\n"
        assert whole in body(merge_text(FRONT + raw).text)


def test_a_japanese_item_that_ends_as_its_siblings_do_was_whole():
    # Japanese items end without "。": the last one ends as the two before it
    # ("…する"), and the next piece opens a sentence of its own.
    items = "- 内容を取得する\n- イベントを監視する\n- 要素を追加する"
    raw = f"次のことが必要です。\n\n{items}\n---END---\nまずは、イベントを受け取ってみましょう。\n"
    page = body(merge_text(FRONT + raw).text)
    assert f"{items}\n\nまずは、" in page, page
    # Cut inside the word, it goes on.
    raw = f"次のことが必要です。\n\n{items[:-1]}\n---END---\nる\n\nまずは、受け取ります。\n"
    assert f"{items}\n\nまずは、" in body(merge_text(FRONT + raw).text)


def test_a_short_paragraph_written_again_a_few_blocks_on_is_a_repeat():
    # Short, but whole, in the same section and piece a few blocks after its
    # copy: the generator's. A line that closes each section is the writer's.
    raw = (
        "Now Ruby 2.0.0-p353 is released.\n\nThis release includes a security fix.\n\n"
        "And some bugfixes are also included.\n\nNow Ruby 2.0.0-p353 is released.\n\n"
        "## Download\n\nYou can download it.\n---END---\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("Now Ruby 2.0.0-p353 is released.") == 1, page
    see = "See the detailed release notes for more.\n\n"
    raw = (
        f"## Macros\n\nMacros are better.\n\n{see}## Modules\n\nModules are simpler.\n\n"
        f"{see}## Other\n\nThe end.\n---END---\n"
    )
    assert body(merge_text(FRONT + raw).text).count(see) == 2


def test_a_cut_read_through_into_a_paragraph_that_stands_is_one_paragraph():
    """A later attempt at a paragraph cut in its link, then restarted whole:
    the text the article has at its first place, not a second copy."""
    fixes = "This PR fixes [#15410](https://example.com/issues/15410)."
    raw = (
        f"## Kana\n\n{fixes}\n\nKana can be split into two code points.\n---END---\n"
        f"## Colours\n\nThe file names are grey now.\n\n{fixes[:35]}\n---END---\n"
        f"{fixes}\n\nThe names are in colour.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("This PR fixes") == 1, page
    assert page.index(fixes) < page.index("## Colours") < page.index("The names are in colour.")


def test_a_writers_paragraph_again_in_a_far_section_cut_and_restarted_stays():
    """The same sentence closes two sections far apart (Vue's guide, one per
    API); each time a piece stops in it and the next restarts it. The second
    copy is the writer's, and the restart goes with the cut it restarts, not
    with the earlier cut whose restart began the same way."""
    same = "複数の親が同じキーを持つデータを提供する場合、最も近い親からの値に解決されます。"
    middle = "".join(f"段落{n}の本文はここにあります。\n\n" for n in range(8))
    raw = (
        f"## 一つ目\n\n一つ目の本文です。\n\n{same[:12]}\n---END---\n{same}\n\n"
        f"一つ目の終わりです。\n\n{middle}## 二つ目\n\n二つ目の本文です。\n\n{same[:14]}\n---END---\n"
        f"{same}\n\n二つ目の終わりです。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count(same) == 2, page
    assert page.index("## 二つ目") < page.rindex(same) < page.index("二つ目の終わり"), page
    assert page.index(same) < page.index("一つ目の終わり") < page.index("## 二つ目"), page


def test_a_cut_that_echoed_words_inside_a_paragraph_goes_on_as_a_paragraph_of_its_own():
    """ "*This Week in Rust*" (cut) is words of the paragraph before it, so it
    was dropped as a repeat; read through by the next piece it is a new
    paragraph, not a later attempt that replaces the one it echoed."""
    hello = (
        "Hello and welcome to another issue of *This Week in Rust*!\n"
        "This is a weekly summary of its progress and community."
    )
    raw = (
        f"## Intro\n\nFirst words.\n---END---\n{hello}\n\n*This Week in Rust*\n---END---\n"
        "*This Week in Rust* is openly developed on GitHub.\n\n# Updates\n\nNews.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert f"{hello}\n\n*This Week in Rust* is openly developed on GitHub.\n\n# Updates" in page, (
        page
    )


def test_a_heading_with_its_anchor_written_again_is_that_section_again():
    # An anchor names one place in a page: "## 公式ルーター {#official-router}"
    # again, with the markup under it, is the section written again, though
    # markup alone would not say so.
    section = (
        "## 公式ルーター {#official-router}\n\n<!-- TODO update links -->\n"
        '<div>\n  <SchoolLink href="https://example.org/course">Course</SchoolLink>\n</div>\n\n'
    )
    raw = (
        "# ルーティング\n\n前置きの文です。\n---END---\n"
        f"{section}Vue は SPA の構築に適しています。\n\n{section}## スクラッチ {{#scratch}}\n\n"
        "シンプルなルーティングの例です。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("{#official-router}") == 1, page
    assert page.count("<div>") == 1, page


def test_a_paragraph_restarted_with_its_first_sentence_reworded_is_one_attempt():
    # "…部分もあります。" then "…部分も存在します。": too short to be alike
    # enough on their own, but the next sentence is the cut one written on.
    raw = (
        "## 前置き\n\nJavaScriptは仕様によって動作が決められています。\n\n"
        "一方で、実行環境によって異なる部分もあります。\n"
        "たとえば、ブラウザではUIを操作するための機能が定義されています\n---END---\n"
        "一方で、実行環境によって異なる部分も存在します。\n"
        "たとえば、ブラウザではUIを操作するための機能が定義されていますが、Node.jsでは不要です。\n\n"
        "そのため、ECMAScriptは共通の部分です。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "部分もあります" not in page and page.count("たとえば、") == 1, page
    assert "部分も存在します。\nたとえば、" in page, page


def test_the_cut_last_line_of_a_paragraph_written_again_is_restarted():
    raw = (
        "Guides to start with:\n[Guide one](https://example.com/1)\n"
        "[Guide two](https://example.com/2)\n[The Complet\n---END---\n"
        "[The Complete Tutorial](https://example.com/3)\n[More](https://example.com/4)\n\nAfter.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "Complet [" not in page
    assert (
        "[Guide two](https://example.com/2)\n[The Complete Tutorial](https://example.com/3)\n"
        in page
    )
    # The restarted line ends where its piece ends: cut there, it is trimmed.
    raw = (
        "最初の文です。\n問題を解消する方法は、要素を要求しないことです。\n将来コードがパニックしたら、パニ\n"
        "---END---\n将来コードがパニックしたら、パニックを引き起こす値で\n代わりにコードは何をすべ\n---END---\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "将来コード" not in page and "要求しないことです。" in page


def test_a_closing_tag_that_closes_an_open_element_is_kept():
    """Nested "<div>"s close one after the other: the second "</div>" is the
    page's structure, not a repeat of the first (or of those before)."""
    raw = (
        'Intro text.\n---END---\n<div class="api">\n\n<div class="bad">\n\nBad example.\n\n'
        '</div>\n\n<div class="good">\n\nGood example.\n\n</div>\n\n</div>\n\nAfter.\n---END---\n'
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("</div>") == 3, page
    # Written again by a piece that goes back, a closing tag is a repeat.
    again = raw + '<div class="good">\n\nGood example.\n\n</div>\n\n</div>\n\nAfter.\n'
    assert body(merge_text(FRONT + again).text).count("</div>") == 3
    # So with the "///" that ends a pymdownx block: nested ones close twice.
    raw = (
        "Intro text.\n---END---\n/// details | Outer\n\n/// note | Inner\n\nInner text.\n\n"
        "///\n\n///\n\nAfter.\n---END---\n"
    )
    assert body(merge_text(FRONT + raw).text).count("\n///\n") == 2


def test_paragraphs_told_apart_only_by_where_their_link_points_are_two():
    """One "see also" per API, alike but for the address: the second one,
    cut in its address and restarted, is no copy of the first, and the
    "</div>" written again after it is the one that stands."""
    sup = ' <sup class="badge" />'
    one = "参照: [イベントハンドラーの型付け](/guide/composition-api#typing-handlers)" + sup
    two = "参照: [イベントハンドラーの型付け](/guide/options-api#typing-handlers)" + sup
    div = f'<div class="composition-api">\n\n{one}\n\n</div>\n<div class="options-api">\n\n'
    lead = "メソッドは、イベントを自動的に受け取ります。"
    raw = (
        f"## 型\n\n本文です。\n\n{lead[:8]}\n---END---\n"
        f"{lead}\n\n{div}{two}\n\n</div>\n\n### 次\n\n次の本文です。\n\n## 後\n\n後の文は、イン\n---END---\n"
        f"{lead}\n\n{div}{two[: two.index('typing-') + 7]}\n---END---\n"
        f"{two}\n\n</div>\n\n### 次\n\n次の本文です。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count(one) == 1 and page.count(two) == 1, page
    assert page.count("</div>") == 2, page


def test_a_lead_in_and_its_list_shown_again_in_a_later_section_are_kept():
    """The same "参照:" over the same link, under two sections, the second
    in a later piece after new text far from the first: the writer's."""
    see = "参照:\n\n- [型拡張の単体テスト](https://example.org/tests/extensions.ts)\n\n"
    raw = (
        f"## グローバル\n\n拡張の説明です。\n\n```ts\nconst a = 1\n```\n\n{see}"
        "### 配置\n\n配置の説明です。\n\n```ts\nconst b = 2\n```\n\n```ts\nconst c = 3\n```\n\n"
        "## カスタム\n\n例えば、プラグインは\n---END---\n"
        "例えば、プラグインはオプションを提供します。\n\n```ts\nconst d = 4\n```\n\n"
        f"これで型付けされます。\n\nこの拡張の配置は同じ制限に従います。\n\n{see}"
        "## 次\n\n次の説明です。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("参照:") == 2, page
    assert page.count("extensions.ts") == 2, page


def test_a_colon_inside_emphasis_never_closed_is_no_lead_in():
    # "*… edited by:" ends on a colon, but its emphasis is open: the next
    # piece's "[…](…) and […](…).*" is its rest, and a later attempt cut in
    # an address gives way to the whole one.
    whole = (
        "*This Week is edited by: [Ann](https://example.org/ann) and [Bo](https://example.org/bo).*"
    )
    raw = (
        "## Credits\n\nThanks to everyone.\n\n*This Week is edited by:\n---END---\n"
        f"{whole[len('*This Week is edited by: ') :]}\n---END---\n"
        "Thanks to everyone.\n\n" + whole[: whole.index("example.org/bo")] + "\n---END---\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.rstrip().endswith(whole), page
    assert page.count("[Ann]") == 1, page


def test_words_that_end_a_sentence_far_back_still_carry_the_cut_on():
    # "the suggestion!" ends a sentence far up the page too; a piece that
    # opens with it there did not go back two sections: it ends the cut.
    middle = "".join(f"Paragraph number {n} of the week's news.\n\n" for n in range(20))
    raw = (
        "## Crate of the week\n\nThanks to [Ann](https://example.org/ann) for the suggestion!\n\n"
        f"## Updates\n\n{middle}## Quote of the week\n\n> A quote.\n\n"
        "Thanks to [Bo](https://example.org/bo) for\n---END---\nthe suggestion!\n\nThe end.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "Thanks to [Bo](https://example.org/bo) for the suggestion!\n" in page, page


def test_text_only_an_older_version_of_a_paragraph_held_is_not_a_repeat():
    """ "こうしてこの世界にまた一つ" + "新たなトリビアが生まれた。" were stitched; a
    later piece writes them as two paragraphs, the first replacing the
    stitch: the second is no longer on the page, so it is no repeat."""
    raw = (
        "## まとめ\n\nこうしてこの世界にまた一つ\n---END---\n新たなトリビアが生まれた。\n\n"
        "「配列を食わせると死ぬ」\n---END---\nこうしてこの世界にまた一つ\n\n"
        "新たなトリビアが生まれた。\n\n「配列を食わせると死ぬ」\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("新たなトリビアが生まれた。") == 1, page


def test_a_last_paragraph_that_is_a_sentences_first_word_was_cut():
    """ "### Library Support" then "In" at the article's end: the generator
    stopped as it began a sentence; the word and its heading go."""
    raw = "## Results\n\nCompile times matter.\n\n### Library Support\n\nIn\n---END---\n"
    result = merge_text(FRONT + raw)
    page = body(result.text)
    assert "Library Support" not in page and not page.rstrip().endswith("In")
    assert "Compile times matter." in page
    # A name or a label stays whole ("Appendix A", "Plan B").
    assert "See Plan B" in body(merge_text(FRONT + "Text.\n\nSee Plan B\n---END---\n").text)


def test_a_later_piece_may_go_on_from_a_shorter_attempts_cut_again():
    """ "…because Rust pr" (a shorter attempt), "events you from using the…"
    going on from it; later, after "…you know that", "events you from…" once
    more: the same continuation again, not the rest of "you know that"."""
    raw = (
        "Intro.\n\nYou get an error because Rust prevents you from using the\n"
        "invalidated reference:\n---END---\nYou get an error because Rust pr\n---END---\n"
        "events you from using the\ninvalidated reference:\n\n```console\nerror[E0382]\n```\n\n"
        "That is a move. When you see a call to `clone`, you know that\n---END---\n"
        "events you from using the\ninvalidated reference:\n\n```console\nerror[E0382]\n```\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "you know that events" not in page and "you know that\nevents" not in page
    assert page.count("invalidated reference:") == 1


def test_a_list_continuation_written_again_goes_on_from_its_own_item():
    """ "- Parsing … lo" + "gic with the argument values" and more items, cut
    at "- Han"; the next piece opens with "gic with…" again: a retry from the
    first item's cut (the list is one block, cut at two items), not "Han gic"."""
    rest = "gic with the argument values\n- Setting up configuration\n- Calling `run`\n"
    raw = (
        "Steps:\n\n- Parsing the command line lo\n---END---\n"
        f"{rest}- Han\n---END---\n{rest}- Handling the error\n\nAfter.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "Han gic" not in page
    assert (
        "- Parsing the command line logic with the argument values\n- Setting up configuration\n"
        "- Calling `run`\n- Handling the error\n" in page
    ), page


def test_a_new_section_after_a_retry_of_an_earlier_one_goes_after_the_later_sections():
    """ "## B" completed, then "## A" written again in other words (a retry),
    then a new "## C": the piece had gone past B before it went back, and
    does not come back to it, so C goes after B, not between A and B."""
    raw = (
        "Intro.\n\n## A\n\nThe first section says one thing.\n\n## B\n\nThe second section is cu\n"
        "---END---\n## B\n\nThe second section is cut no more.\n\n"
        "## A\n\nThe first section says one thing, now in other words.\n\n"
        "## C\n\nThe third section is new.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.index("## A") < page.index("## B") < page.index("## C"), page
    assert page.count("## A") == 1 and "The third section is new." in page


def test_a_last_word_that_begins_a_sentence_or_an_open_bold_was_cut():
    """ "Run" at the very end, the article saying "run" elsewhere: the first
    word of a sentence the generator stopped in. "📖 **Implement": bold
    opened and never closed. A name or an acronym ("MIT") stays."""
    raw = "Tests run with `cargo test`.\n\n```rust\nfn main() {}\n```\n\nRun\n---END---\n"
    page = body(merge_text(FRONT + raw).text)
    assert not page.rstrip().endswith("Run") and "fn main() {}" in page
    raw = "Rendering happens on the server.\n\n📖 **Implement\n---END---\n"
    assert "Implement" not in body(merge_text(FRONT + raw).text)
    raw = "## License\n\nThe code is free to use.\n\nMIT\n---END---\n"
    assert body(merge_text(FRONT + raw).text).rstrip().endswith("MIT")
    # Two stars inside code open no bold.
    raw = "Intro.\n\nOptions go in `**kwargs` (see API)\n---END---\n"
    assert "`**kwargs` (see API)" in body(merge_text(FRONT + raw).text)


def test_a_paragraph_twice_in_a_row_under_one_list_item_is_kept_once():
    raw = (
        "Intro.\n---END---\n* Endless ranges [[Feature #12912]](https://example.com/12912)\n\n"
        "  An endless range `(1..)` is introduced. Typical uses look like this:\n\n"
        "  An endless range `(1..)` is introduced. Typical uses look like this:\n\n"
        "      ary[1..]\n\n* Next item.\n"
    )
    result = merge_text(FRONT + raw)
    page = body(result.text)
    assert page.count("An endless range") == 1
    assert "      ary[1..]\n\n* Next item." in page
    assert any("in its list item" in event.message for event in result.events)
    # Two different paragraphs, or the same under two items, stay.
    raw = "Intro.\n---END---\n* One.\n\n  Same words here, written once.\n\n* Two.\n\n  Same words here, written once.\n"
    assert body(merge_text(FRONT + raw).text).count("Same words here") == 2


def test_a_definition_with_no_definition_at_the_end_was_cut():
    """ "SHA256" then a bare ":" at the article's end: the generator stopped
    before the definition; the colon leads into nothing."""
    raw = (
        "Checksums:\n\nSIZE\n: 8495472 bytes\n\nMD5\n: d8a02cadf57d2571cd4250e248ea7e4b\n\n"
        "[1]: https://example.com/ruby.tar.gz\n---END---\n  SHA256\n  :\n---END---\n"
    )
    result = merge_text(FRONT + raw)
    assert "SHA256" not in body(result.text) and "MD5" in body(result.text)


def test_lines_of_a_cut_list_item_written_again_on_their_own_are_a_repeat():
    """A list cut after its last item's lines ("  SHA256\n  : e971…"), then a
    piece that writes that item's lines again ("  MD5\n  : d8a0…") and the next
    items: a retry from inside the item, not the rest of its hash."""
    item = "* [ruby.tar.bz2][4]\n  SIZE\n  : 8495472 bytes\n\n  MD5\n  : d8a02cadf57d\n\n  SHA256\n  : e9710990ed8c\n"
    raw = (
        f"### Downloads\n\n{item}---END---\n  MD5\n  : d8a02cadf57d\n\n  SHA256\n  : e9710990ed8c\n\n"
        "* [ruby.tar.gz][5]\n  SIZE\n  : 10787899 bytes\n\n[4]: https://example.com/a\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "e9710990ed8c  MD5" not in page and "ed8c MD5" not in page
    assert page.count("d8a02cadf57d") == 1 and page.count("* [ruby.tar.bz2][4]") == 1
    assert "* [ruby.tar.gz][5]" in page


def test_an_items_code_written_again_on_its_own_after_a_cut_list_is_a_repeat():
    raw = (
        "### Activity\n\n1. Add `Display` so that you see this output:\n\n"
        "   ```text\n   ( 1.1 1.2 )\n   ( 2.1 2.2 )\n   ```\n\n"
        "2. Add a `transpose` function. For example:\n---END---\n"
        "   ```text\n   ( 1.1 1.2 )\n   ( 2.1 2.2 )\n   ```\n---END---\n"
        "More text after the list.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert page.count("( 1.1 1.2 )") == 1, page


def test_a_trimmed_paragraph_that_would_leave_only_punctuation_goes_whole():
    """ "...यह उसी URL का link generate करेगा जिसे *path op" cut at the end:
    the trim leaves "...", the cut sentence's lead, which says nothing."""
    raw = "Intro text.\n\n...यह उसी URL का link generate करेगा जिसे *path op\n---END---\n"
    result = merge_text(FRONT + raw)
    assert body(result.text).strip() == "Intro text."
    assert any("path op" in event.removed for event in result.warnings)


def test_a_cut_attempt_is_not_part_of_a_paragraph_that_has_its_words_mid_sentence():
    """ "Programming langua", a cut attempt at a new paragraph, is not part of
    "…in other programming languages." (a sentence starts with it, there
    none does): the restart that follows must not replace that paragraph."""
    before = (
        "This functionality can prevent bugs that are extremely common in other programming\n"
        "languages."
    )
    raw = (
        f"### The Option Enum\n\n{before}\n\nProgramming langua\n---END---\nProgrammi\n---END---\n"
        "Programming language design is often thought of in terms of which features you include.\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert before in page
    assert "Programming language design is often thought of" in page


def test_a_last_japanese_sentence_cut_inside_a_latin_word_was_cut():
    """ "Node.jsからlla" at the article's end: a Japanese sentence that stops
    inside a Latin word, without its "。"; it and its heading go."""
    raw = "## 使い方\n\nモデルを変換しました。\n\n# 終わりに\n\nNode.jsからlla\n---END---\n"
    result = merge_text(FRONT + raw)
    page = body(result.text)
    assert "lla" not in page and "終わりに" not in page and "モデルを変換しました。" in page


def test_a_head_that_takes_up_the_sentence_goes_on_in_a_paragraph_not_wrapped_at_one_width():
    """Lines of any length (a sentence or two each), a piece stopped after a
    full stop, the next opening with "This is…": one paragraph. (Only text
    wrapped at one width can say otherwise, by the width of its lines.)"""
    before = (
        "Previously, we discussed stripping symbols.\n"
        "A formal [proposal](https://example.com/p) from a contributor was accepted in the end.\n"
        "With this change, debug symbols would be stripped in the release build."
    )
    after = "This is closer to what users expect.\nIt was observed the binaries are small."
    page = body(merge_text(FRONT + f"{before}\n---END---\n{after}\n").text)
    assert "release build.\n\nThis is" not in page and "This is closer" in page


@pytest.mark.parametrize(
    ("last", "cut"), [("いくつか基", True), ("上記の例", True), ("以上", False)]
)
def test_a_short_japanese_last_line_without_its_full_stop(last, cut):
    """Four Japanese letters or more without "。" at the article's end are a
    clause the generator stopped in ("いくつか基", "上記の例" after a code
    block); "以上" (that is all) closes an article whole."""
    raw = f"最初の文です。\n\n```py\nprint(1)\n```\n\n{last}\n---END---\n"
    page = body(merge_text(FRONT + raw).text)
    assert (last not in page) is cut


def test_a_short_paragraph_a_piece_stopped_after_is_completed_by_its_longer_retry():
    """ "です。" after a formula, where a piece stopped; a later piece writes
    "です。$m$は整数でなければ…": the same paragraph, gone on with, once."""
    formula = "$$\nm = \\sqrt[3]{L^3 / 4}\n$$"
    raw = (
        f"長さは次の通り\n\n{formula}\n\nです。\n---END---\n"
        f"長さは次の通り\n\n{formula}\n\nです。$m$は整数でなければいけません。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "\n\nです。\n" not in page and page.count("です。$m$は整数") == 1, page


def test_a_list_item_that_is_one_closed_link_is_whole():
    """ "- [Rust: nom によるパーサー実装](https://…)" ends a list, a marker, then
    "また`nom`には…": a paragraph of its own, not the item's rest."""
    raw = (
        "参考:\n\n- [nom-tutorial](https://example.com/tutorial)\n"
        "- [Rust: nom によるパーサー実装](https://example.com/nom)\n---END---\n"
        "また`nom`にはバイナリデータ用のパーサーもあります。\n"
    )
    page = body(merge_text(FRONT + raw).text)
    assert "(https://example.com/nom)\n\nまた`nom`には" in page, page


def test_toml_front_matter_is_kept_whole():
    """Hugo and Zola pages open on TOML fields between "+++" lines, which
    MyST reads as two block breaks around a paragraph. The closing "+++" is
    no repeat of the opening one, and a ``description`` field saying what
    the first paragraph says takes nothing from it; fields a piece cut and
    the next one wrote again are there once, whole."""
    lead = "Rust 1.0 means a lot, but most fundamentally it is a commitment to stability."
    fields = f'+++\ntitle = "Stability"\ndescription = "{lead}"\n+++'
    rest = "Starting with 1.0, we will move on"
    raw = f"{fields}\n\n{lead}\n\n{rest}\n---END---\n{rest}. And more.\n"
    assert merge_text(raw).text == f"{fields}\n\n{lead}\n\n{rest}. And more.\n"
    cut = fields.split("but most")[0].rstrip()
    raw = f"{cut}\n---END---\n{fields}\n\n{lead}\n\n{rest}.\n"
    assert merge_text(raw).text == f"{fields}\n\n{lead}\n\n{rest}.\n"


def test_a_stock_lead_in_before_markup_and_new_code_is_the_writers():
    """ "Let us look at an example." over "{{book.console}}", a doctest
    comment and code, in one section and again in a later one, with other
    code; "The figure below shows…" over another image: lead-ins a document
    writes before each example, not a passage the generator wrote again."""
    example = "Let us look at a concrete example of this method now."
    figure = "The figure below shows what these methods return for two sets."

    def shown(name: str) -> str:
        return (
            f"{example}\n\n{{{{book.console}}}}\n<!-- doctest:meta -->\n```js\n"
            f"const {name} = new Set();\n```\n\n{figure}\n\n![{name}]({name}.svg)\n"
        )

    clean = (
        "## Creating sets\n\nThese methods return a new set from two sets.\n\n"
        + shown("union")
        + "\n## Comparing sets\n\nThese methods return true or false for two sets.\n\n"
        "- `isSubsetOf` tells whether one set is inside the other\n"
        "- `isDisjointFrom` tells whether two sets share no element\n\n"
        + shown("subset")
        + "\nWith these methods set algebra takes one line.\n"
    )
    cut = clean.index("share no element")
    raw = clean[: cut + len("share no")] + "\n---END---\n" + clean[cut:]
    raw = raw.replace(
        "---END---\nshare", "---END---\n- `isDisjointFrom` tells whether two sets share"
    )
    assert body(merge_text(FRONT + raw).text).lstrip("\n") == clean


def test_a_subsection_under_each_section_is_the_writers():
    """ "### Affected versions" and its list under one "## CVE-…" and again
    under the next one, in one piece: a document's own structure. The same
    subsection written again right after, a few blocks on, is a repeat."""
    versions = "### Affected versions\n\n* cgi gem 0.3.5 and earlier, 0.4.0 and 0.4.1\n\n"

    first = (
        "## CVE-2025-27219: denial of service in the cookie parser\n\n"
        "A flaw was found in the cgi gem. Please update the gem.\n\n"
        "### Details\n\nA crafted cookie string makes `CGI::Cookie.parse` take quadratic time.\n\n"
        f"{versions}### Credits\n\nThanks to lio346 for the report and to mame for the fix.\n\n"
    )
    second = (
        "## CVE-2025-27220: ReDoS in escapeElement\n\n"
        "A regular expression in `CGI::Util#escapeElement` is vulnerable to ReDoS.\n\n"
        "### Details\n\nOnly Ruby 3.1 and 3.2 are affected by this second problem.\n\n"
        f"{versions}### Credits\n\nThis one was reported by svalkanov and fixed by nobu.\n\n"
    )
    closing = "## Summary\n\nAll three flaws are fixed in the releases named above.\n"
    clean = first + second + closing
    cut = clean.index("quadratic time")
    raw = clean[:cut] + "\n---END---\n" + clean[cut:]
    raw = raw.replace(closing, versions + closing)  # written again, right after its copy
    assert body(merge_text(FRONT + raw).text).lstrip("\n") == clean


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Support for splatted arguments in rustdoc [just merged on 12 August][pr].",
            "Splatted\narguments display as an ellipsis (`…`), rather than the argument name.\n"
            "This syntax is unstable, and it is only used for display in rustdoc now.",
        ),
        (
            "Congrats!",
            "We have now completed our project; we have a basic web server that\n"
            "uses a thread pool to respond asynchronously. We are able to perform a neat\n"
            "shutdown of the server, which cleans up all the threads in the pool.",
        ),
    ],
)
def test_a_wrapped_line_cut_after_a_sentence_goes_on(before, after):
    """A piece that stopped after a sentence inside a hard-wrapped line, and
    a next piece whose first line had room for the next line's first word:
    that line is the rest of one, so the paragraph goes on."""
    raw = f"Intro paragraph.\n\n{before}\n---END---\n{after}\n"
    page = merge_text(raw).text
    assert page == f"Intro paragraph.\n\n{before} {after}\n", page


def test_a_japanese_list_without_full_stops_ends_before_a_sentence_opener():
    """Items written without "。", ending each in its own way, and a piece
    that opens "これらの概念には…": the last item was whole, the paragraph
    is one of its own (not "…開発これらの概念には…")."""
    items = (
        "- ビルドステップなしで静的な HTML を拡充する\n"
        "- シングルページアプリケーション（SPA）\n"
        "- フルスタック / サーバーサイドレンダリング（SSR）\n"
        "- デスクトップやモバイルをターゲットとする開発\n"
    )
    after = "これらの概念にはまだ付いていけないと感じても、大丈夫です！基礎から説明します。\n"
    raw = f"Vue はさまざまな方法で活用できます:\n\n{items}---END---\n{after}"
    page = body(merge_text(FRONT + raw).text).lstrip("\n")
    assert page == f"Vue はさまざまな方法で活用できます:\n\n{items}\n{after}", page


def test_an_html_comment_cut_by_markers_goes_on_to_its_end():
    """A note to contributors in an HTML comment, cut mid-word and after a
    colon by the pieces: the comment's lines go on to its "-->", read
    through as any cut text; nothing is closed early, nothing published."""
    comment = (
        "<!--\n\nDear community contributors:\nPlease read README.md first.\n\n"
        "* [Title of the Linked Page](https://example.com/my_article)\n\n"
        "If you do not know which category to use, just ask the editors.\n\n-->"
    )
    clean = f"## Updates\n\n{comment}\n\n### Official\n\nThe news of the week.\n"
    raw = clean
    for cut in ("contributors", "the editors"):
        at = raw.index(cut) + 4
        raw = raw[:at] + "\n---END---\n" + raw[at:]
    at = raw.index("* [Title")
    raw = raw[:at] + "---END---\n" + raw[at:]
    assert merge_text(raw).text == clean, raw
    # Written again from the start of the cut line, or of its paragraph.
    for again, cut_in in (("Dear community", "README"), ("If you do not", "the editors")):
        at, cut = clean.index(again), clean.index(cut_in) + 3
        raw = clean[:cut] + "\n---END---\n" + clean[at:]
        assert merge_text(raw).text == clean, raw


def test_an_opening_tag_over_a_repeated_section_and_new_text_stays():
    """'<div class="options-api">', then the first section written again,
    then a new section, then "</div>": the tag opens the new text, the
    repeat after it goes."""
    first = (
        '<div class="options-api">\n\n## Declaring state\n\n'
        "Use the `data` option to declare the reactive state of a component.\n\n"
        "```js\nexport default { data() { return { count: 1 } } }\n```\n\n</div>\n\n"
    )
    middle = (
        '<div class="composition-api">\n\n## Declaring state with ref\n\n'
        "Use the `ref()` function to declare reactive state in a setup function.\n\n"
        "</div>\n\n"
    )
    methods = (
        '<div class="options-api">\n\n## Declaring methods\n\n'
        "Use the `methods` option to add methods to a component instance.\n\n</div>\n"
    )
    clean = first + middle + methods
    repeat = first.split("</div>")[0].split("\n\n", 1)[1]  # the section, not its tags
    again = methods.replace("\n\n## Declaring methods", "\n\n" + repeat + "## Declaring methods")
    raw = clean.replace(methods, again).replace("in a setup", "in a se\n---END---\ntup")
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_lead_in_again_over_a_line_of_links_is_a_repeat():
    """ "…を使用できます:" over code, and the same lead-in a few blocks on
    over a "[Playground で試す](…)" line: it leads into nothing there, the
    generator wrote it again."""
    lead = "`v-if` に対して else ブロックを示すために、`v-else` ディレクティブを使用できます:"
    code = '```vue-html\n<h1 v-if="awesome">Vue is awesome!</h1>\n<h1 v-else>Oh no</h1>\n```'
    demo = '<div class="demo">\n  <h1 v-if="awesome">Vue is awesome!</h1>\n</div>'
    link = "[Playground で試す](https://play.vuejs.org/#example)"
    clean = (
        f"## `v-else`\n\n{lead}\n\n{code}\n\n{demo}\n\n{link}\n\n## `v-else-if`\n\n次の節です。\n"
    )
    raw = clean.replace(f"\n\n{link}", f"\n\n{lead}\n\n{link}").replace(
        "次の節", "次の\n---END---\n節"
    )
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_paragraph_completed_by_a_retry_takes_in_the_rest_it_was_split_into():
    """A piece stopped after "…は ref です。", the next one went on with a
    paragraph of its own, and a later piece wrote the passage again with
    both as one paragraph: the latest attempt's one paragraph, once."""
    first = "`defineModel()` が返す値は ref です。"
    second = "他の ref と同じようにアクセスしたり変更したりできますが、双方向バインディングとして動作します:"
    items = "- その `.value` は親の値と同期される。\n- 子が値を変更すると、親の値も更新される。"
    lead = '親は `v-model` で値をバインドできます:\n\n```vue-html\n<Child v-model="count" />\n```'
    clean = f"{lead}\n\n{first}{second}\n\n{items}\n"
    raw = f"{lead}\n\n{first}\n---END---\n{second}\n\n{items}\n---END---\n{clean}"
    assert body(merge_text(FRONT + raw).text).lstrip("\n") == clean


def test_a_list_written_again_from_an_item_with_its_cut_item_whole():
    """A list carried on by one piece and cut in its last item
    ("…ECMAScript仕様や"), then written again by the next piece from its
    second item, the cut item whole and more after it: one list."""
    items = [
        "- `try...catch`構文は例外を処理できる",
        "- `catch`節と`finally`節は、どちらか片方を記述する",
        "- `throw`文は例外を投げることができる",
        "- `Error`オブジェクトには、ECMAScript仕様や実行環境で定義されたエラーがある",
        "- Error Causeを使うことで、エラーを引き継げる",
    ]
    clean = "## まとめ\n\nこの章では例外処理を学びました。\n\n" + "\n".join(items) + "\n"
    cut = items[3][: items[3].index("仕様や") + 3]
    raw = (
        "## まとめ\n\nこの章では例外処理を学びました。\n\n"
        + items[0]
        + "\n---END---\n"
        + "\n".join([*items[1:3], cut])
        + "\n---END---\n"
        + "\n".join(items[1:])
        + "\n"
    )
    assert body(merge_text(FRONT + raw).text).lstrip("\n") == clean


def test_a_cut_sentence_restarted_by_the_paragraphs_first_is_a_paragraph_restart():
    """ "…S2。\\nArr" cut, and the next piece opens "Arrow Functionは…。"
    again: that is the paragraph's first sentence, the paragraph written
    again from its start (cut sooner, so the longer text stands), not a
    third sentence equal to the first."""
    s1 = "Arrow Functionは`function`キーワードの関数式に比べて、できることがはっきりしています。"
    s2 = "たとえば、`arguments`変数はArrow Functionでは参照できなくなっています。"
    s3 = "Arrow Functionでは、人による解釈の違いが生まれにくくなります。"
    clean = f"{s1}\n{s2}\n{s3}\n\n次の段落です。\n"
    raw = f"{s1}\n{s2}\nArr\n---END---\n{s1}\n{s2[:12]}\n---END---\n{s1}\n{s2}\n{s3}\n\n次の段落です。\n"
    assert body(merge_text(FRONT + raw).text).lstrip("\n") == clean


def test_a_lead_in_reworded_over_its_list_again_is_a_retry_not_the_items_rest():
    """A lead-in and its list, cut in the last item; the next piece writes
    the lead-in again in other words and the whole list: the retry (its
    lead-in, its list), not the cut item read on into the lead-in."""
    items = (
        "- 「JavaScriptのクロージャーとは何ですか？」\n"
        "- 「Promiseとasync/awaitの違いは何ですか？」\n"
        "- 「配列の操作方法について書かれている章はどこですか？」\n"
    )
    old = "たとえば、NotebookLMは次のような質問をしたりできます。"
    new = "たとえば、NotebookLMは次のような質問をしたり可能です。"
    after = "内容について疑問があるときに活用してください。\n"
    cut = items[: items.index("書かれている章") + 7]
    raw = f"{old}\n\n{cut}\n---END---\n{new}\n\n{items}\n{after}"
    assert body(merge_text(FRONT + raw).text).lstrip("\n") == f"{new}\n\n{items}\n{after}"


def test_an_item_paragraph_restarted_and_stopped_sooner_keeps_its_list():
    """A list whose last item has a second paragraph, cut in it; the next
    piece writes that paragraph again (it stands in the list) and stops
    sooner, and the piece after goes on with it: the list, whole, once.
    The restart was dropped as a repeat and its rest replaced the list."""
    items = (
        "* `Proc#call` is faster, as `$SAFE` need not be checked any more.\n\n"
        "  With the `lc_fizzbuzz` benchmark we measured a speedup of 1.4 times.\n\n"
        "* `block.call` is faster when `block` is passed as a block parameter.\n\n"
        "  Ruby 2.5 already made passing blocks faster. [Feature #14045]\n"
        "  Ruby 2.6 also makes calling passed blocks faster, so that we measured\n"
        "  a speedup of 2.6 times in a micro benchmark.\n"
    )
    clean = "## Performance\n\n" + items + "\n## Other changes\n\nThere are more changes.\n"
    second = items.index("  Ruby 2.5")
    raw = (
        clean[: clean.index("of 2.6") + 6]
        + "\n---END---\n"
        + items[second : items.index("so that") + 7]
        + "\n---END---\n"
        + clean[clean.index(" we measured\n  a speedup of 2.6") :]
    )
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_whole_link_item_is_no_cut_of_a_longer_next_item():
    """A piece that ends on "* [`Vec::dedup_by`]" and a next one that opens
    "* [`Vec::dedup_by_key`]": the next item, not the cut one written again."""
    first = "* [`VecDeque::truncate`]\n* [`String::insert_str`]\n* [`Vec::dedup_by`]\n"
    second = "* [`Vec::dedup_by_key`]\n* [`File::set_permissions`]\n"
    clean = "These were stabilized:\n\n" + first + second + "\nSee the notes for more.\n"
    raw = (
        "These were stabilized:\n\n"
        + first
        + "---END---\n"
        + second
        + "\nSee the notes for more.\n"
    )
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_lists_last_items_written_again_as_they_stand_change_nothing():
    """A list a piece stopped after, and the next piece writing its last two
    items again as they stand: a repeat, not the list's latest (shorter)
    version; the first item stays."""
    items = [
        "* <https://example.com/ruby-3.4.0.tar.gz>\n\n      SIZE: 23184240\n",
        "* <https://example.com/ruby-3.4.0.tar.xz>\n\n      SIZE: 17165892\n",
        "* <https://example.com/ruby-3.4.0.zip>\n\n      SIZE: 28413052\n",
    ]
    clean = "## Downloads\n\n" + "\n".join(items) + "\n## What is Ruby\n\nA language.\n"
    raw = clean.replace("\n## What", "---END---\n" + "\n".join(items[1:]) + "\n## What")
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_items_written_right_under_a_finished_item_stay_tight():
    """A loose nested list above, then a tight list whose first item a
    piece cut and the next piece finished, its next item right under the
    rest: no blank line between the two items."""
    clean = (
        "* JIT changes:\n\n  * the default of one option changed.\n\n"
        "  * the default of another option changed.\n\n"
        "* ~~`Symbol#to_s` always returns a frozen string.~~ [Experimental]\n"
        "* `Module#name` always returns a frozen string. [Experimental]\n"
    )
    cut = clean.index("a frozen string.~~") + 4
    raw = clean[:cut] + "\n---END---\n" + clean[cut:]
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_lead_in_again_is_a_repeat_when_its_copy_leads_past_a_filename_line():
    """ "For example, change src/main.rs to the following:" over a filename
    line ('<span class="filename">…</span>') and code, then again two blocks
    on over another lead-in: it leads into nothing there, a repeat."""
    lead = "For example, let us change _src/main.rs_ to the following:"
    clean = (
        "Adding `mut` tells readers that the value will change.\n\n"
        f'{lead}\n\n<span class="filename">Filename: src/main.rs</span>\n\n'
        "```rust\nlet mut x = 5;\n```\n\n"
        "When we run the program now, we get this:\n\n```console\nx is 6\n```\n"
    )
    raw = clean.replace("When we run", f"{lead}\n\nWhen we run").replace(
        "will change", "will ch\n---END---\nange"
    )
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_continuation_written_again_in_other_words_replaces_the_first():
    """Two pieces open with the same words up to a full stop ("instead of
    on the stack.") and go on differently ("many" then "a lot of"): the
    second went back to the same cut; its words are the latest attempt."""
    first = (
        "Boxes have no performance overhead, other than storing their data on the\n"
        "heap instead of on the stack."
    )
    again = "instead of on the stack. But they don’t have {} extra capabilities\neither."
    clean = first + " " + again.format("a lot of").split("stack. ", 1)[1] + "\n\nNext.\n"
    raw = (
        f"{first}\n---END---\n{again.format('many')}\n---END---\n"
        f"{again.format('a lot of')}\n\nNext.\n"
    )
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_an_article_ending_on_the_first_letter_of_a_word_it_uses_drops_it():
    """ "J" alone after the last piece's text, in an article about
    JavaScript: the first letter of a word, not a paragraph."""
    raw = "JavaScript では定数に再代入できません。JavaScript の変数は違います。\n---END---\n定数とは常に同じ値を示すものです。\n\nJ\n\n---END---\n"
    page = body(merge_text(FRONT + raw).text)
    assert page.rstrip().endswith("示すものです。"), page


def test_a_cut_word_restarted_one_word_back_is_no_new_word():
    """ "…Rust is a\\npro" cut, the next piece "a\\nprogramming language…":
    restarted one word back (an overlap too short to count by length), not
    "proa"."""
    raw = (
        "Rust 1.67.0 is out. Rust is a\npro\n---END---\n"
        "a\nprogramming language empowering everyone to build software.\n"
    )
    page = merge_text(raw).text
    assert page == (
        "Rust 1.67.0 is out. Rust is a\nprogramming language empowering everyone to build software.\n"
    ), page


def test_a_comment_written_again_by_the_next_piece_is_no_continuation():
    """A comment cut by a marker, and a next piece that goes back and writes
    the paragraph before it and the comment again from "<!--": that piece's
    lines are blocks of their own (a retry), not the cut comment's rest."""
    clean = "Intro paragraph of the issue.\n\n<!--\nDear contributors, read the guide.\n-->\n\nThe news.\n"
    raw = clean[: clean.index("read the")] + "\n---END---\n" + clean
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_subsection_a_later_piece_writes_again_is_a_repeat():
    """ "### Affected versions" and its list under one section, and a later
    piece that writes them again under the next section: the generator
    going back, however far, not the writer's own subsection."""
    versions = "### Affected versions\n\n* cgi gem 0.3.5 and earlier\n\n"
    first = (
        f"## CVE-1: a flaw in the parser\n\nThe parser takes too long on some input.\n\n{versions}"
    )
    second = (
        "## CVE-2: a flaw in escaping\n\nA regular expression in the escaper is slow.\n\n"
        "Only Ruby 3.1 and Ruby 3.2 are affected by this second flaw.\n\n"
        "Update the cgi gem to one of the fixed versions.\n\n"
        "Thanks to the reporter, who found the flaw and sent a fix.\n\n"
    )
    closing = "## Summary\n\nAll flaws are fixed in the new releases named above.\n"
    clean = first + second + closing
    raw = first + second.replace("is slow.", "is sl\n---END---\nis slow.") + versions + closing
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_marker_that_cuts_the_end_of_a_comment_in_two_closes_it():
    """ "<!-- note -" then "->" in the next piece: the "-->" the marker cut
    in two; the comment ends there, the rest is the page's."""
    raw = "<!-- note -\n---END---\n->\n\nText one is here.\n\n<b>x</b>\n---END---\nText two.\n\n<!-- c -->"
    assert (
        merge_text(raw).text
        == "<!-- note -->\n\nText one is here.\n\n<b>x</b>\n\nText two.\n\n<!-- c -->\n"
    )


def test_a_sentence_of_a_paragraph_said_again_as_its_own_paragraph_stays():
    """A paragraph that is a sentence from inside one the same piece wrote
    a table earlier: the writer saying it again (a piece goes back only
    after a marker), not a repeat to drop."""
    table = "| Sign | Meaning |\n| ---- | ------- |\n| ? | It does not build |\n"
    clean = (
        "## Reading the examples\n\nSome examples fail on purpose. Most of the time we "
        "show the fixed version of code that does not build. A small sign marks each "
        f"one:\n\n{table}\nMost of the time we show the fixed version of code that does "
        "not build.\n\n## Where the code is\n\nEvery listing is in the repository.\n"
    )
    raw = clean.replace("Every listing", "Every li\n---END---\nsting", 1)
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_link_cut_inside_its_address_and_read_through_stays_when_a_shorter_attempt_follows():
    """ "[Thanks!](http" + "s://…)": the cut read through; a later attempt at
    the paragraph that stops sooner ("Many peop") leaves it whole."""
    raw = (
        "The release is out today.\n\nMany people came together to make it. We "
        "could not have done it\nwithout all of you. [Thanks!](http\n---END---\n"
        "s://example.org/thanks/)\n\n---END---\n\nMany peop\n\n---END---\n"
    )
    page = merge_text(raw).text
    assert page.endswith("without all of you. [Thanks!](https://example.org/thanks/)\n"), page


def test_a_piece_that_opens_on_a_line_of_syntax_each_example_has_is_not_a_retry():
    """ "{{book.console}}" over every example: a piece that opens on it, then
    new code, goes on; the line is the new example's, not a copy."""
    clean = (
        "## Methods\n\nA method on the instance comes first.\n\n{{book.console}}\n"
        '```js\nconst a = { toString() { return "a"; } };\n```\n\n'
        "An empty object still has the method from its prototype, and the operator "
        "in looks there too when it is asked.\n\n{{book.console}}\n"
        '```js\nconsole.log("toString" in {});\n```\n\nThat is the difference.\n'
    )
    raw = clean.replace(
        "looks there too when it is asked.\n\n", "looks there too when it is asked.\n---END---\n"
    )
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_piece_that_opens_on_a_caption_written_far_back_then_new_code_goes_on():
    """ "Filename: Cargo.toml" over each listing: a piece that opens on the
    caption again, far from its first copy, with other code after it, is
    the next listing's caption, not the generator going back."""
    caption = '<span class="filename">Filename: Cargo.toml</span>'
    filler = "".join(
        f"Step {n} of the setup adds one more piece to the workspace we are making.\n\n"
        for n in range(1, 8)
    )
    clean = (
        f"We start with the manifest of the workspace:\n\n{caption}\n\n"
        "```toml\n[workspace]\nmembers = []\n```\n\n"
        f"{filler}The manifest now lists the new member:\n\n{caption}\n\n"
        '```toml\n[workspace]\nmembers = ["adder"]\n```\n\nThat is all it takes.\n'
    )
    raw = clean.replace("lists the new member:\n\n", "lists the new member:\n---END---\n", 1)
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_new_section_with_its_own_anchor_keeps_an_opening_like_an_earlier_sections():
    """Two sections of one guide open with the same sentence; a piece that
    writes the second heading (an anchor of its own) and then that sentence
    writes the new section's text, not a copy of the first's."""
    opening = "Version 3.5 of the tools infers the type of a reference from the element it is on."
    filler = (
        "A plain element needs nothing more than the attribute.\n\n"
        "Where inference fails, a generic argument names the type.\n\n"
        "Dynamic components are one such place, and so is code outside a single file.\n\n"
        "The value is null until the element mounts, so guard each use.\n\n"
        "Optional chaining does that in one short expression.\n\n"
        "Type guards do it where several uses follow one another.\n\n"
    )
    clean = (
        f"## Typing references {{#typing-refs}}\n\n{opening}\n\n{filler}"
        f"## Typing component references {{#typing-component-refs}}\n\n{opening}\n\n"
        "Components need one more step, shown below.\n"
    )
    raw = clean.replace("Type guards do it", "Type gua\n---END---\nrds do it", 1)
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_cut_restarted_a_few_words_back_goes_on_from_them_however_it_reads_on():
    """ "しかし、呼び方を区別" then "び方を区別したほうが…、ここでは…関数を
    メソッドと呼びます。": the cut's last words again, then on; the sentence
    ends in words of the paragraph's first sentence, and still the paragraph
    keeps its opening."""
    clean = (
        "## メソッド\n\nオブジェクトのプロパティである関数を**メソッド**と呼びます。\n"
        "JavaScriptにおいて、関数とメソッドの機能的な違いはありません。\n"
        "しかし、呼び方を区別したほうがわかりやすいため、ここではオブジェクトの"
        "プロパティである関数をメソッドと呼びます。\n\n次のコードで確かめます。\n"
    )
    raw = clean.replace("呼び方を区別した", "呼び方を区別\n---END---\n\nび方を区別した", 1)
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_piece_that_opens_on_a_quote_written_far_back_then_new_text_goes_on():
    """ "…this one line from the policy:" then, in the next piece, the
    policy's quote the article showed sections ago and new text after it:
    the writer quoting it again where the lead-in asks for it, not the
    generator going back there."""
    quote = "> Use the tools to check and to review. Do not use them to create.\n"
    middle = (
        "## Reviewers\n\nReviewers read every change before it lands.\n\n"
        "They ask for tests where a change has none.\n\n"
        "## Authors\n\nAuthors answer review within a week.\n\n"
        "They split large changes into small ones.\n\n"
        "They say which parts a tool wrote.\n\n"
        "## Tools\n\nYou can skip the rest if you keep this one line from the policy:\n\n"
    )
    clean = (
        f"## The policy\n\nThe policy fits in one line:\n\n{quote}\n{middle}{quote}\n"
        "The full list of what is allowed is on the policy's page.\n"
    )
    raw = clean.replace("from the policy:\n\n", "from the policy:\n---END---\n", 1)
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_paragraph_a_later_piece_writes_again_whole_and_goes_past_is_not_cut():
    """ "…soon. (_Correction: …_)" at a piece's end reads as cut (no full
    stop); a later piece writes it again as it stands and goes on, so it
    ended there; a last, shorter attempt does not trim its aside."""
    closing = (
        "We will post more details on the blog soon. (_Correction: this did not\n"
        "happen for lack of time_)\n"
    )
    clean = f"## Next steps\n\nA new announcement follows in July.\n\n{closing}\n<!-- a note -->\n"
    raw = (
        f"## Next steps\n\nA new announcement follows in July.\n\n{closing}---END---\n"
        f"A new announcement follows in July.\n\n{closing}\n<!-- a note -->\n---END---\n"
        "We will post more details on the bl\n---END---\n"
    )
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_table_written_again_and_read_through_into_the_one_that_stands_is_dropped():
    """The table cut after a whole row and carried on; a later piece writes
    its caption and the table again, cut inside the last row, and the next
    piece carries that on: the same table, shown once."""
    caption = '<span class="caption">Table 1: Sizes</span>\n\n'
    rows = "| Size | Signed |\n| ---- | ------ |\n| 8-bit | `i8` |\n| 16-bit | `i16` |\n"
    last = "| Architecture-dependent | `isize` |\n"
    after = "Each size can be signed or unsigned, and each has a fixed width in bits.\n"
    clean = f"## Integers\n\nThe sizes are these:\n\n{caption}{rows}{last}\n{after}"
    raw = (
        f"## Integers\n\nThe sizes are these:\n\n{caption}{rows}\n---END---\n{last}\n"
        "Each size can be signed or unsi\n---END---\n"
        f"{caption}{rows}| Architecture-depe\n---END---\nndent | `isize` |\n\n{after}"
    )
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_latest_attempt_that_stops_after_a_sentence_goes_on_as_the_earlier_one_did():
    """An attempt at a paragraph went on past "…できます。" to "例えば、…";
    a retry is cut in that sentence, the latest attempt (reworded, "…可能
    です。") stops before it, and the next piece writes "例えば、…" alone:
    the paragraph's next sentence, as the earlier attempt had it, not a
    repeat of part of it."""
    first = (
        "特殊な属性を使うと、特定の要素や子コンポーネントがマウントされた後に、"
        "そのインスタンスへの直接の参照を取得することができます。"
    )
    latest = first.replace("使うと", "利用すると").replace("ができます", "が可能です")
    example = (
        "例えば、コンポーネントがマウントされた時に入力欄へフォーカスを当てたり、"
        "外部のライブラリーを初期化したりしたい時に便利です。"
    )
    raw = (
        f"## 参照\n\n{first}{example}\n\n## 次の節\n---END---\n"
        f"{first}例えば、コンポーネントがマウントされた時に入\n---END---\n"
        f"{latest}\n---END---\n{example}\n\n## 次の節\n\n次の節の本文です。\n"
    )
    assert merge_text(raw).text == (
        f"## 参照\n\n{latest}{example}\n\n## 次の節\n\n次の節の本文です。\n"
    ), merge_text(raw).text


def test_code_in_highlight_blocks_shown_twice_stays_and_a_retry_inside_one_goes():
    """A post that shows a method in two "{% highlight %}" blocks keeps both;
    a piece that goes back into the middle of the second (its last lines and
    "{% endhighlight %}", then the text after it) is a retry."""
    method = "def foo(*args, **kwargs, &block)\n  target(*args, **kwargs, &block)\nend\n"
    first = f"{{% highlight ruby %}}\ndef target(*args)\n  p args\nend\n\n{method}{{% endhighlight %}}\n"
    second = (
        f"{{% highlight ruby %}}\ndef target(*args)\n  p args\nend\n\n{method}\n"
        "foo({})       #=> []\nfoo({}, **{}) #=> [{}]\n{% endhighlight %}\n"
    )
    after = "An empty hash is absorbed into the keywords, and the call drops it.\n"
    clean = (
        f"## Delegation\n\nThe usual way to delegate:\n\n{first}\n"
        f"## Corner cases\n\nThere are corner cases, as follows:\n\n{second}\n{after}\n"
        "You can work around this with an explicit empty hash.\n"
    )
    raw = clean.replace(
        f"{after}\n",
        f"{after}\nYou can work ar\n---END---\nfoo({{}})       #=> []\n"
        f"foo({{}}, **{{}}) #=> [{{}}]\n{{% endhighlight %}}\n\n{after}\n",
        1,
    )
    # The second block in a later piece: far from the first, and no longer
    # the same piece's (which alone kept a paragraph shown twice).
    raw = raw.replace("as follows:\n\n", "as fol\n---END---\nlows:\n\n", 1)
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_line_over_new_code_after_a_repeated_paragraph_is_the_new_codes():
    """After a paragraph written again (the piece went back to repeat it),
    "{{book.console}}" right over new code: that line goes with the new
    code, not with the copy of it under the repeated paragraph."""
    add = "値を追加するには、`add`メソッドを使います。重複する値は無視されます。"
    first_code = '{{book.console}}\n```js\nconst set = new Set();\nset.add("a");\n```\n'
    delete = "値を削除するには、`delete`メソッドを使います。すべて消すには`clear`を使います。"
    second_code = '{{book.console}}\n```js\nset.delete("a");\nset.clear();\n```\n'
    clean = (
        f"### 追加と削除\n\n{add}\n\n{first_code}\n{delete}\n\n{second_code}\n"
        "### 反復処理\n\n次の節の本文です。\n"
    )
    # The piece cut inside the sentence; the next one ends it, then repeats.
    raw = clean.replace(
        f"{delete}\n\n",
        delete.replace("を使います。すべて", "を使い\n---END---\nます。すべて") + f"\n\n{add}\n\n",
        1,
    )
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_one_word_under_the_last_heading_where_the_generator_stopped_goes():
    """ "## Release Comment" then "See" at the article's end: the section's
    first sentence had only begun; the word goes with a warning, and the
    heading, left empty, after it. A name there ("MIT") would stay."""
    raw = "## Download\n\n* the archive\n\n## Release Comment\n\nSee\n---END---\n"
    result = merge_text(raw)
    assert result.text == "## Download\n\n* the archive\n", result.text
    assert events(result, Action.TRIMMED)
    kept = merge_text("## Download\n\n* the archive\n\n## License\n\nMIT\n---END---\n")
    assert kept.text.endswith("## License\n\nMIT\n"), kept.text


@pytest.mark.parametrize("cut_after", ["   ```\n\n", "   ```rust\n"])  # closing, opening fence
def test_a_list_item_cut_at_its_code_fence_goes_on_below_the_fence(cut_after):
    """ "   ```" ends a piece inside an item; the next piece goes on with the
    item's indented lines. Nothing is joined onto the fence line: "```   then
    …" would close no code, and the rest of the page would read as code."""
    clean = (
        "1. Skip blanket impls in links.\n\n   The gist is that if you had\n\n"
        "   ```rust\n   impl<T> Trait for T {}\n   ```\n\n"
        "   then linking to a method would take long.\n\n## Cleanup\n\nThe rest.\n"
    )
    at = clean.index(cut_after) + len(cut_after.rstrip("\n"))
    raw = clean[:at] + "\n---END---\n" + clean[at:].lstrip("\n")
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_cut_link_written_again_from_its_bracket_is_restarted():
    """ "Want to get involved? [We l" then "[We love contributions](…).": the
    link written again from its bracket, however short the cut part."""
    raw = (
        "## Intro\n\nWant something mentioned? Tell us.\nWant to get involved? [We l\n"
        "---END---\n[We love contributions](https://example.org/contributing).\n\nMore text here.\n"
    )
    assert "Want to get involved? [We love contributions](https://example.org/contributing).\n" in (
        merge_text(raw).text
    ), merge_text(raw).text


def test_a_list_item_cut_after_its_colon_goes_on_with_what_it_announces():
    """ "- `Quit`:" at a piece's end, "Has no data…" in the next: the item's
    text, on its line, not a paragraph after the list."""
    clean = (
        "This enum has four variants:\n\n- `Quit`: Has no data at all\n"
        "- `Move`: Has named fields, like a struct does\n\nThe next paragraph.\n"
    )
    raw = clean.replace("`Quit`: Has", "`Quit`:\n---END---\nHas", 1)
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_link_cut_in_its_address_and_written_again_from_its_bracket_keeps_its_sentence():
    """ "…check out the [Consortium](…) and the [Coding guidelines](https://"
    then "[Coding guidelines](https://…).": the link written again from its
    bracket; the sentence keeps everything before it (it was trimmed whole)."""
    sentence = (
        "If you are working in this field, check out the [Consortium](https://example.org/c) "
        "and the in-progress [Coding guidelines](https://"
    )
    raw = (
        f"## Get involved\n\n{sentence}\n\n---END---\n\n"
        "[Coding guidelines](https://example.org/guidelines).\n\nThe goal is to help.\n"
    )
    assert merge_text(raw).text == (
        f"## Get involved\n\n{sentence}example.org/guidelines).\n\nThe goal is to help.\n"
    ), merge_text(raw).text


def test_the_same_long_link_line_again_a_block_later_is_a_repeat():
    """Each example has a link of its own ("[Try it](…#eNpA…)", then
    "(…#eNpB…)"); the very same line again right under the next "</div>" is
    the generator's copy. Two examples' links, alike but for the address,
    both stay."""
    one = "[Try it in the playground](https://play.example.org/#eNpNUstygzAM" + "A" * 30 + ")"
    two = "[Try it in the playground](https://play.example.org/#eNpNUctugzAQ" + "B" * 30 + ")"
    clean = (
        "## Animation\n\nA transition runs when an element enters or leaves the page.\n\n"
        f'<div class="composition-api">\n\n{one}\n\n</div>\n'
        f'<div class="options-api">\n\n{two}\n\n</div>\n\nThe next paragraph is here.\n'
    )
    raw = clean.replace("</div>\n\nThe next", f"</div>\n\n{two}\n\nThe next", 1)
    raw = raw.replace("runs when an", "runs wh\n---END---\nen an", 1)
    assert merge_text(raw).text == clean, merge_text(raw).text


def test_a_caption_the_article_holds_twice_over_new_code_in_a_later_piece_stays():
    """A filename caption (and its commented original above it) over each
    listing: a later piece finishes a cut paragraph, then writes the caption
    again right over a listing the article does not have. The caption is the
    new listing's, as under the first two, not a repeat to drop."""
    caption = '<!--\n<span class="filename">Filename: src/main.rs</span>\n-->\n\n' + (
        '<span class="filename">ファイル名: src/main.rs</span>\n'
    )
    sections = [
        [
            f"{topic}の{n}つ目の説明です。ここでは{topic}について順に見ていきます。"
            for n in ("一", "二", "三")
        ]
        + [f"{topic}の例は以下のとおりです:"]
        for topic in ("変数の宣言", "シャドーイング", "ブロックの中での覆い隠し")
    ]
    codes = [f"```rust\nfn main() {{\n    let x = {n};\n}}\n```\n" for n in (5, 6, 7)]
    clean = "".join(
        "".join(f"{p}\n\n" for p in ps) + f"{caption}\n{c}\n"
        for ps, c in zip(sections, codes, strict=True)
    )
    clean += "このプログラムを実行すると、値が表示されます。\n"
    raw = clean.replace("覆い隠しの例は以下", "覆い隠しの例は以\n---END---\n下", 1)
    result = merge_text(raw)
    assert result.text == clean, result.text
    assert result.text.count("ファイル名: src/main.rs") == 3


def test_a_bold_link_under_a_sections_last_paragraph_stays():
    """ "**[Learn more about CHIPS](…)**" ends a section; the next piece
    opens the next section. The bold link is no heading left empty."""
    clean = (
        "## CHIPS\n\nPartitioned cookies keep state per top-level site.\n\n"
        "**[Learn more about CHIPS](/docs/privacy-sandbox/chips/)**\n\n"
        "## Related sets\n\nA set of sites may share cookies.\n"
    )
    raw = clean.replace("\n\n## Related sets", "\n---END---\n## Related sets", 1)
    result = merge_text(raw)
    assert result.text == clean, result.text


@pytest.mark.parametrize(
    "rest", [" [1325751](https://crbug.com/1325751)", "[1325751](https://crbug.com/1325751)"]
)
def test_a_label_cut_from_its_link_goes_on_the_same_line(rest):
    """ "Chromium issue:" ends a piece and the next opens with the issue's
    link: with the space after the colon, the line went on; without it, the
    article tells, as it writes that label with its value on one line
    everywhere else and never on a line of its own."""
    sections = [
        (name, f"The {name} panel can now do more than before.", number)
        for name, number in (("Recorder", 1303521), ("Network", 1306756), ("Sources", 1325751))
    ]
    clean = (
        "".join(
            f"## {name}\n\n{text}\n\nChromium issue: [{n}](https://crbug.com/{n})\n\n"
            for name, text, n in sections
        ).rstrip("\n")
        + "\n"
    )
    raw = clean.replace(
        "Chromium issue: [1325751](https://crbug.com/1325751)",
        "Chromium issue:\n---END---\n" + rest,
    )
    result = merge_text(raw)
    assert result.text == clean, result.text


def test_a_label_the_article_writes_alone_stays_a_line_of_its_own():
    """ "Output:" on a line of its own over each result: a piece that stops
    on it and opens with a link leaves the two apart."""
    clean = (
        "Run the first example.\n\nOutput:\n\n[result one](https://example.com/1)\n\n"
        "Run the second example.\n\nOutput:\n\n[result two](https://example.com/2)\n"
    )
    raw = clean.replace("Output:\n\n[result two]", "Output:\n---END---\n[result two]")
    result = merge_text(raw)
    assert result.text == clean, result.text


def test_a_line_that_closes_its_aside_is_whole_without_a_full_stop():
    """ "[Take the survey](…) (open June 1st &ndash; June 21st)" ends a piece;
    the next goes back to the section's start and on past it. The line ends
    its aside: it is whole, not a cut sentence to trim because nothing went on
    with it. A line stopped inside an aside still reads cut."""
    link = (
        "[Take the Go Developer\nSurvey](https://example.com/jfe/form/SV_7O3x4IZKiUn0QCO) "
        "(open June\n1st &ndash; June 21st)"
    )
    clean = (
        "## The survey\n\nThe survey runs through June 21st, and we plan to publish the "
        f"results in late July.\n\n{link}\n\n## Last year\n\nFor the past six years the "
        "team has run the survey.\n"
    )
    raw = clean.replace(f"{link}\n\n", f"{link}\n---END---\n", 1).replace(
        "## Last year",
        "## The survey\n\nThe survey runs through June 21st, and we plan "
        "to publish the results in late July.\n\n## Last year",
        1,
    )
    result = merge_text(raw)
    assert result.text == clean, result.text
    cut = raw.replace("June 21st)\n---END---", "June 21st\n---END---", 1)
    assert "(open June" not in merge_text(cut).text


@pytest.mark.parametrize(
    ("cut", "rest"),
    [
        ("[yoichiro](https", "ttps://github.com/yoichiro)"),
        ("[yoichiro](https:/", "s://github.com/yoichiro)"),
    ],
)
def test_a_link_cut_in_its_scheme_and_written_again_a_few_letters_back_is_whole(cut, rest):
    """ "…](https" then "ttps://github.com/…": the next piece restarted a few
    letters back, inside the scheme; read side by side it would be
    "httpsttps://", a dead link."""
    clean = (
        "*翻訳者の [lacolaco](https://github.com/lacolaco) さん、 "
        "[yoichiro](https://github.com/yoichiro) さんに感謝いたします。*\n"
    )
    raw = clean.replace("[yoichiro](https://github.com/yoichiro)", f"{cut}\n---END---\n{rest}", 1)
    result = merge_text(raw)
    assert result.text == clean, result.text


def test_a_piece_that_opens_on_the_comment_over_the_heading_the_last_one_ended_on_goes_back():
    """A translation keeps each English original in a comment over its text.
    A piece ends on a heading; the next writes the comment over it again and
    stops; the one after writes the comment, the heading and the section.
    The comment and the heading stand once: each piece went back a block."""
    clean = (
        "<!--\n## Shared-State Concurrency\n-->\n\n## 状態共有並行性\n\n"
        "<!--\nMessage passing is a fine way of handling concurrency.\n-->\n\n"
        "メッセージ受け渡しは、並行性を扱う素晴らしい方法ですが、唯一の方法ではありません。\n"
    )
    head = "<!--\n## Shared-State Concurrency\n-->\n\n## 状態共有並行性\n"
    raw = head + "---END---\n<!--\n## Shared-State Concurrency\n-->\n---END---\n" + clean
    result = merge_text(raw)
    assert result.text == clean, result.text


def test_a_caption_far_from_its_only_copy_over_new_code_in_a_later_piece_stays():
    """The second listing's caption, with its commented original, opens a
    piece right under the lead-in the last one ended on. Its only copy is
    far back, over the first listing; what follows is a listing the article
    does not have: the caption is the new listing's."""
    caption = '<!--\n<span class="filename">Filename: src/main.rs</span>\n-->\n\n' + (
        '<span class="filename">ファイル名: src/main.rs</span>\n'
    )
    paragraphs = [
        f"関数の{n}つ目の説明です。ここでは{topic}について順に見ていきます。"
        for n, topic in (("一", "定義"), ("二", "呼び出し"), ("三", "戻り値"), ("四", "引数"))
    ]
    clean = (
        "最初の例は以下のとおりです:\n\n"
        f"{caption}\n```rust\nfn main() {{}}\n```\n\n"
        + "".join(f"{p}\n\n" for p in paragraphs)
        + f"引数を持つ関数は以下のとおりです:\n\n{caption}\n"
        "```rust\nfn another(x: i32) {}\n```\n\nこの関数は引数を一つ取ります。\n"
    )
    raw = clean.replace("以下のとおりです:\n\n<!--", "以下のとおりです:\n---END---\n<!--")
    raw = raw.replace("---END---", "\n\n", 1)  # the first caption stays in the first piece
    result = merge_text(raw)
    assert result.text == clean, result.text
    assert result.text.count("ファイル名: src/main.rs") == 2


def test_a_long_one_line_paragraph_written_again_far_back_over_new_text_is_a_repeat():
    """A paragraph of some length on one line, written again by a later piece
    far from its copy and followed by new text, is the generator's repeat:
    only a short line (a caption) over new text recurs on purpose."""
    long_one = (
        "日本のAIが世界に誇れる存在になるために、このアライアンスが提供する土台を最大限に活かし、"
        "私たち一人ひとりが知恵を絞り、挑戦し続けることが求められています。"
    )
    middle = [
        f"{n}つ目の段落です。ここでは別の話題を順に取り上げています。" for n in "一二三四五六"
    ]
    clean = f"{long_one}\n\n" + "".join(f"{p}\n\n" for p in middle) + "最後の新しい段落です。\n"
    raw = clean.replace(
        "最後の新しい段落です。", f"---END---\n{long_one}\n\n最後の新しい段落です。", 1
    )
    result = merge_text(raw)
    assert result.text == clean, result.text


def test_a_contact_block_that_ends_on_an_email_address_is_whole():
    """ "Media Contact / … / pr@nodejs.org" ends a piece; the last piece goes
    back to it and stops inside the address. The first attempt is whole (an
    address ends as a URL does, no full stop after it); the cut one goes."""
    contact = "Media Contact\nNode.js Foundation\nSarah Conway\n978-578-5300\npr@nodejs.org\n"
    clean = f"The foundation announced its new members today.\n\n{contact}"
    raw = clean + "---END---\n" + contact.replace("nodejs.org\n", "no\n") + "---END---\n"
    result = merge_text(raw)
    assert result.text == clean, result.text


def test_a_short_passage_written_again_under_the_next_heading_over_new_text_stays():
    """ "Impacts:" and its one-item list close each CVE's section. A piece
    that finished a cut paragraph of the next section writes them again,
    then new text: under a heading of their own, a few blocks from the first
    copy, they are the writer's, not the generator's repeat."""
    impacts = "Impacts:\n\n- All versions of the 16.x, 14.x, and 12.x releases lines\n"
    clean = (
        "### Use after free on close (CVE-2021-22930)\n\n"
        "Node.js was vulnerable to a use after free attack.\n\n"
        f"{impacts}\nThank you to Eran Levin for reporting this vulnerability.\n\n"
        "### Use after free on stream canceling (CVE-2021-22940)\n\n"
        "Node.js was vulnerable to a use after free attack where an attacker might be able "
        "to exploit memory corruption.\n\n"
        f"{impacts}\nThank you to those who helped identify the remaining issues.\n"
    )
    raw = clean.replace("might be able to", "might be able\n---END---\nto", 1)
    result = merge_text(raw)
    assert result.text == clean, result.text


def test_a_link_whose_text_ends_on_a_question_mark_stays_one_link_through_a_cut():
    """ "「[cmd.exeを使うのはどうか？](https://…)」" in a paragraph a cut is read
    through: the "？" inside the link's text ends no sentence, and the link is
    not parted into "[…？] (https://…)"."""
    clean = (
        "ということを愚痴ったら、「[cmd.exeを使うのはどうか？](https://www.example.jp/blog/)」"
        "という方法を[教えていただいた](https://twitter.com/djed736/status/1501355520749293571)。\n"
    )
    raw = clean.replace("1501355520749293571", "1501355520749\n---END---\n293571", 1)
    result = merge_text(raw)
    assert result.text == clean, result.text


def test_a_template_comment_the_writer_repeats_far_on_is_no_sign_of_going_back():
    """ "{# https://…/+/73c559d0… #}" (a Nunjucks comment naming a commit) under
    two features that one commit made: the second copy, in a later piece, is
    template syntax written again, not the generator going back to the first
    feature's section; the new sections after it stay in their place."""
    commit = (
        "{# https://chromium.googlesource.com/devtools/devtools-frontend/+/"
        "73c559d02676e4329645120e657416e7f15de42b #}"
    )
    clean = (
        "## 作成者別のファイル表示 {: #authored }\n\n"
        "この デモ を開いて、ファイルを作成者別にグループ化してください。\n\n"
        f"{commit}\n\nChromium bug: [1352488](https://crbug.com/1352488)\n\n"
        "## 改善されたスタックトレース {: #stack-traces }\n\n"
        "非同期処理にリンクされたスタックトレースが表示されるようになりました。\n\n"
        "## デバッグ中のコールスタック {: #call-stack }\n\n"
        "無視リストに含まれるフレームはコールスタックに表示されなくなりました。\n\n"
        f"{commit}\n\nChromium bug: [1352489](https://crbug.com/1352489)\n\n"
        "## 無視リストのソースを非表示にする {: #ignore-nav }\n\n"
        "Navigation ペインで無関係なファイルを非表示にできます。\n"
    )
    raw = clean.replace("Chromium bug: [1352489]", "Chro\n---END---\nmium bug: [1352489]", 1)
    result = merge_text(raw)
    assert result.text == clean, result.text


def test_a_paragraph_like_one_that_stands_whose_links_credit_others_is_the_writers_next():
    """Each CVE's section ends with the same "Impacts:" list and a thank-you
    line: "Thank you, to bart … [Anna Henningsen](…)", then "Thank you, to
    bpingel … [Paolo Insogna](…)". After the second section's copy of the
    list, the second line is alike enough to be another attempt at the
    first, but a retry in other words keeps its links: both stay."""
    impacts = "Impacts:\n\n- This vulnerability affects all users in all active release lines.\n"
    clean = (
        "## Security releases available\n\nUpdates are now available for these issues.\n\n"
        "- llhttp version 9.2.1 on 21.x, 20.x, and 18.x\n- undici version 6.11.1 on 21.x\n\n"
        "## Assertion failed in the HTTP/2 server (CVE-2024-27983)\n\n"
        "An attacker can make the HTTP/2 server unavailable with a few frames.\n\n"
        f"{impacts}\nThank you, to bart for reporting this vulnerability and "
        "[Anna Henningsen](https://github.com/addaleax) for fixing it.\n\n"
        "## HTTP Request Smuggling via Content Length Obfuscation (CVE-2024-27982)\n\n"
        "The team has identified a vulnerability in the http server where malformed "
        "headers can lead to request smuggling.\n\n"
        f"{impacts}\nThank you, to bpingel for reporting this vulnerability and "
        "[Paolo Insogna](https://github.com/ShogunPanda) for fixing it.\n"
    )
    raw = clean.replace("\n- undici", "\n---END---\n- undici", 1)
    result = merge_text(raw)
    assert result.text == clean, result.text
    # The same sentence retried in other words, its link kept, is one attempt.
    retried = clean.replace(
        "[Paolo Insogna](https://github.com/ShogunPanda) for fixing it.\n",
        "[Paolo Insogna](https://github.com/ShogunPanda) for fix\n---END---\n"
        "Thanks to bpingel for reporting this vulnerability and "
        "[Paolo Insogna](https://github.com/ShogunPanda) for fixing it.\n",
    )
    assert merge_text(retried).text.count("Paolo Insogna") == 1


def test_a_short_paragraph_the_last_piece_ended_on_written_again_in_other_words_is_replaced():
    """ "おそらく最も実装が大変な問題。" ends a piece; the next opens with
    "おそらく最も実装が大変な課題。": too short for the similarity index, it is
    the same paragraph restarted in other words, and the latest one stands.
    A short paragraph unlike it is the next one."""
    raw = (
        "https://adventofcode.com/2020/day/20\n\nおそらく最も実装が大変な問題。\n---END---\n"
        "おそらく最も実装が大変な課題。\n\n## part1\n\n入力を読み込みます。\n"
    )
    expected = (
        "https://adventofcode.com/2020/day/20\n\nおそらく最も実装が大変な課題。\n\n"
        "## part1\n\n入力を読み込みます。\n"
    )
    assert merge_text(raw).text == expected, merge_text(raw).text
    other = raw.replace("おそらく最も実装が大変な課題。", "入力の形式は少し変わっています。")
    assert "問題。\n\n入力の形式" in merge_text(other).text
    # Alike but for a number: the next of a series, not a rewording.
    series = "Paragraph 0 is here.\n---END---\nParagraph 1 is here.\n"
    assert merge_text(series).text == "Paragraph 0 is here.\n\nParagraph 1 is here.\n"


@pytest.mark.parametrize(
    ("cut", "back"),
    [
        # The piece went back two blocks: the paragraph over the heading, the
        # heading, then the cut paragraph whole.
        ("分子動力学法は、普", "ということになります。\n\n## 温度制御法の種類\n\n"),
        # ... or to a short line whose list the article has right after it.
        ("(3) 受", "(2) 送信側の対応\n\n- 送信側で変換処理を挟み込む\n\n"),
    ],
)
def test_a_piece_that_goes_back_to_a_short_paragraph_is_no_rest_of_the_cut(cut, back):
    """A Japanese cut ("分子動力学法は、普") can go on with any letter, but a
    piece that opens with a whole paragraph the article has, followed as in
    the article by the block after it (or by the block right over the cut),
    went back: nothing is joined onto the cut ("…普ということになります。")."""
    clean = (
        "熱浴とサーモスタットの違いを説明します。\n\n(2) 送信側の対応\n\n"
        "- 送信側で変換処理を挟み込む\n\n(3) 受信側の対応\n\n"
        "- 受信側で変換処理を挟み込む\n\nということになります。\n\n## 温度制御法の種類\n\n"
        "分子動力学法は、普通にニュートンの運動方程式を解くとエネルギーが保存します。\n"
    )
    whole = next(line for line in clean.split("\n") if line.startswith(cut))
    at = clean.index(whole)
    raw = clean[:at] + cut + "\n---END---\n" + back + clean[at:]
    result = merge_text(raw)
    assert result.text == clean, result.text


def test_a_table_row_with_an_empty_last_cell_is_whole_and_the_next_row_starts_a_line():
    """ "|赤外線リモコン受信モジュール|[…](…)||" ends a piece: its last cell is
    empty, so the row has all three of the header's cells and the next piece's
    "|赤外線LED|…||" is the next row, not the rest of this one."""
    clean = (
        "以下の部品を用意します。\n\n| 部品 | 型番 | 説明 |\n|------|------|------|\n"
        "|赤外線リモコン受信モジュール|[OSRB38C9AA](https://example.com/g104659/)||\n"
        "|赤外線LED|[OSI5LA5113A](https://example.com/g112612/)||\n"
        "|NPNトランジスター|[2SC2001](https://example.com/g113828/)|Ic が 1A 程度流せるもの|\n"
    )
    raw = clean.replace("/g104659/)||\n", "/g104659/)||\n---END---\n", 1)
    result = merge_text(raw)
    assert result.text == clean, result.text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("売上は前年より50\n---END---\n%増えました。\n", "売上は前年より50%増えました。\n"),
        (
            "Sales grew by 50\n---END---\n% over the year, the report says.\n",
            "Sales grew by 50% over the year, the report says.\n",
        ),
        # A comment of the writer's after a whole sentence stays one.
        (
            "A line.\n---END---\n% a note to self\n\nText.\n",
            "A line.\n\n% a note to self\n\nText.\n",
        ),
    ],
)
def test_a_number_cut_before_its_percent_sign_goes_on(raw, expected):
    """ "%増えました。" opens a piece: MyST reads a line that starts with "%"
    as a comment, hidden on the page. After a number the cut stopped on, it
    is the number's "%" and the sentence goes on."""
    assert merge_text(raw).text == expected, merge_text(raw).text


def test_a_link_address_cut_before_a_percent_goes_on_from_the_line_myst_reads_as_a_comment():
    """An encoded address ("…%5D%0A") cut right before a "%": the next piece
    opens with "%0Aprint%28…)です。", a line MyST would read as a comment. It
    is the rest of the address, and nothing of it is lost."""
    address = "https://pythontutor.com/render.html#code=members%20%3D%20%5B%22Mizuki%22%5D%0A"
    rest = "%0Aprint%28f%22%29%0A&mode=display"
    raw = (
        f"出力されるのは[このリンク]({address}\n\n---END---\n\n{rest})です。\n\n"
        "「Next >」というボタンを押していきます。\n"
    )
    result = merge_text(raw)
    assert f"[このリンク]({address}{rest})です。" in result.text, result.text
    assert "「Next >」というボタンを押していきます。" in result.text
    assert not result.warnings


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Microsoft created C\n---END---\n# as a language for its platform.\n",
            "Microsoft created C# as a language for its platform.\n",
        ),
        ("このツールはC\n---END---\n# で書かれています。\n", "このツールはC# で書かれています。\n"),
        # A section the next piece opens after a cut sentence stays a section.
        (
            "Intro text.\n\nA sentence cut mid\n---END---\n## Summary\n\nThe end.\n",
            "Intro text.\n\n## Summary\n\nThe end.\n",
        ),
    ],
)
def test_a_word_cut_before_its_hash_goes_on_rather_than_open_a_heading(raw, expected):
    """ "C" then "# as a language…": read alone the line is a heading, and a
    heading with nothing under it goes, the sentence's rest with it. A line
    that starts mid-sentence, or ends as a Japanese sentence does, right
    after a sentence cut on a letter, is the rest of that sentence."""
    assert merge_text(raw).text == expected, merge_text(raw).text


def test_an_article_that_ends_in_a_katakana_word_it_writes_longer_elsewhere_ends_before_it():
    """ "## 振り返り" then "自サイ" ends the article: the article writes
    "自サイト" elsewhere, so the generator stopped in that word; the line goes
    (with a warning) and the heading left empty after it. "以上", a word of
    its own, closes an article whole."""
    raw = "上記は自サイトでの例です。\n\n## 振り返り\n\n自サイ\n---END---\n"
    result = merge_text(raw)
    assert result.text == "上記は自サイトでの例です。\n", result.text
    assert any("自サイ" in w.removed for w in result.warnings)
    whole = "本文です。以上の通り。\n\n以上\n---END---\n"
    assert merge_text(whole).text == "本文です。以上の通り。\n\n以上\n"


def test_a_retry_that_starts_at_a_later_sentence_in_other_words_keeps_the_sentences_before():
    """A paragraph's second sentence is cut, restarted whole ("…必要になります。"),
    then a later piece writes the continuation again in other words
    ("…必要になるのです。") and goes on. The latest wording stands, from that
    sentence on: the first sentence stays (a sentence goes out of a
    paragraph only at a cut)."""
    first = "実行時の画面は以下のようになっています。"
    said = "インストール対象として全ユーザーを選択したときだけ、「次へ」ボタンの横に盾のアイコンが表示され、UACの昇格が必要になります。"
    again = said.replace("必要になります。", "必要になるのです。")
    after = "NsisMultiUserには日本語メッセージが含まれていなかったため、PRを送って取り込んでもらいました。"
    raw = (
        f"{first}インストール対象として全ユーザーを選択\n---END---\n{said}\n\n{after}\n"
        f"---END---\n{again}\n\n{after}\n\nhttps://github.com/Drizin/NsisMultiUser/pull/35\n"
    )
    result = merge_text(raw)
    expected = f"{first}{again}\n\n{after}\n\nhttps://github.com/Drizin/NsisMultiUser/pull/35\n"
    assert result.text == expected, result.text


def test_a_paragraph_like_the_one_the_piece_just_completed_is_the_writers_next():
    """A piece goes back to a section, completes its cut paragraph ("基本的に、
    ESP8266のIO14ピンは…TP1…"), then writes the next one, alike to it ("ESP8266
    のIO12ピンは…TP2…"): the writer's parallel pair, not a rewording of the
    paragraph the piece has just written (a piece goes back only after a
    marker)."""
    io14 = "ESP8266のIO14ピンはWA-MIKANのTP1に接続されています。ここに赤外線リモコンの受信回路を接続します。"
    io12 = "ESP8266のIO12ピンはWA-MIKANのTP2に接続されています。ここに赤外線リモコンの送信回路を接続します。"
    raw = (
        "#### 回路図および接続\n\n以下に今回の回路図を示します。\n\n"
        f"{io14[:30]}\n---END---\n#### 回路図および接続\n\n以下に今回の回路図を示します。\n\n"
        f"基本的に、{io14}\n\n{io12}\n\n#### 送信部分の回路設計\n\n本文です。\n"
    )
    expected = (
        "#### 回路図および接続\n\n以下に今回の回路図を示します。\n\n"
        f"基本的に、{io14}\n\n{io12}\n\n#### 送信部分の回路設計\n\n本文です。\n"
    )
    result = merge_text(raw)
    assert result.text == expected, result.text


def test_a_passage_written_again_far_on_that_leads_into_new_code_is_the_writers():
    """ "Replace this:", the same code, "...with this:", then new code: a
    tutorial shows the same change twice, in two sections. A later piece that
    opens with the passage far from its first copy, leading into code the
    article does not have, is the writer's second use of it."""
    old_code = "```rust\ntracing_subscriber::fmt::try_init()?;\n```\n"
    passage = f"Replace this:\n\n{old_code}\n...with this:\n\n"
    clean = (
        "## Getting started\n\n"
        + passage
        + "```rust\ntracing_subscriber::registry().init();\n```\n\n"
        + "".join(f"Paragraph {n} of the first section explains the change.\n\n" for n in range(6))
        + "## OpenTelemetry\n\nThe next step is to replace the call with the OTel setup.\n\n"
        + passage
        + "```rust\nlet tracer = opentelemetry_jaeger::new_pipeline().install_simple()?;\n```\n"
    )
    raw = clean.replace("OTel setup.\n\n", "OTel setup.\n---END---\n", 1)
    result = merge_text(raw)
    assert result.text == clean, result.text


def test_a_paragraph_that_starts_with_the_words_of_a_link_cut_in_its_address_is_its_own():
    """ "[Type guards](../." cut in its address, then the link written whole
    (a copy of the one that stands) and a new section whose paragraph starts
    with the link's words, "Type guards …": that paragraph goes on from no
    cut; a text that goes on from the cut link writes the link."""
    link = "[Type guards](../../functions/type-guards.md)"
    raw = (
        "## Guards\n\nFor the details of guards, see the following page.\n\n"
        f"{link}\n---END---\n"
        "For the details of guards, see the following page, please.\n\n[Type guards](../.\n"
        f"---END---\n{link}\n\n## Checking complex interfaces with a library\n\n"
        "Type guards that check each property grow long as the interface grows.\n"
    )
    result = merge_text(raw)
    assert result.text == (
        "## Guards\n\nFor the details of guards, see the following page, please.\n\n"
        f"{link}\n\n## Checking complex interfaces with a library\n\n"
        "Type guards that check each property grow long as the interface grows.\n"
    ), result.text


def test_a_list_written_again_from_one_of_its_later_items_keeps_the_items_before():
    """A loose list cut in its last item; the next piece writes it again from
    its second item and is cut sooner, and the next one goes on: the first
    item stays. An item, like a sentence, goes out only at a cut."""
    items = [
        "- **Full**: builds that contain both the compiler and the runtime.",
        "- **Compiler**: code that compiles template strings into render functions.",
        "- **Runtime**: code that creates instances, renders and patches the virtual DOM.",
        "- **UMD**: builds that can be used directly in the browser with a script tag.",
    ]
    clean = "## Terms\n\n" + "\n\n".join(items) + "\n\n## Next\n\nMore text follows here.\n"
    raw = (
        "## Terms\n\n" + "\n\n".join(items[:3]) + "\n\n- **UMD**: builds that can be us\n"
        "---END---\n" + "\n\n".join(items[1:3]) + "\n\n- **UMD**: builds th\n---END---\n"
        "at can be used directly in the browser with a script tag.\n\n"
        "## Next\n\nMore text follows here.\n"
    )
    result = merge_text(raw)
    assert result.text == clean, result.text


def test_an_aside_that_closes_a_paragraph_without_a_full_stop_is_whole():
    """ "… (The `x` label does the same, but should not be used alone)": a
    writer leaves the full stop out of an aside far more often than a cut
    lands right after its closing bracket. "(see" cut inside one is cut."""
    aside = "(The `has-pull-request` label does the same thing, but is not meant for this)"
    text = f"This label keeps an issue open. It should be set with care. {aside}"
    raw = f"## `pinned`\n\n{text}\n---END---\n## `stale`\n\nThe bot closes old issues.\n"
    result = merge_text(raw)
    assert aside in result.text, result.text
    cut = "This label keeps an issue open. It should be set with care. (see the"
    raw = f"## `pinned`\n\n{cut}\n---END---\n## `stale`\n\nThe bot closes old issues.\n"
    assert "(see the" not in merge_text(raw).text


def test_a_paragraph_like_the_next_one_that_shows_other_code_is_the_writers_next():
    """ "If you use version 2, set `devtool` in `config/index.js`:" then, after
    the code, the paragraph before written again and "If you use version 3,
    set `devtool` in `vue.config.js`:": alike in words, but a retry in other
    words keeps its code spans. Both stay, in order."""
    intro = (
        "Before debugging, update the generated webpack configuration so that it "
        "builds source maps. The debugger maps the code of the minified files back "
        "to the original files, even after webpack has optimised the assets."
    )
    two = "If you use version 2, set or update the `devtool` property in `config/index.js`:"
    three = "If you use version 3, set or update the `devtool` property in `vue.config.js`:"
    code2 = "```js\ndevtool: 'source-map',\n```"
    code3 = "```js\nmodule.exports = { configureWebpack: { devtool: 'source-map' } }\n```"
    raw = (
        "# Debugging\n\nThis recipe shows how to debug in the editor.\n---END---\n"
        f"## Source maps\n\n{intro}\n\n{two}\n\n{code2}\n\n{intro}\n\n{three}\n\n{code3}\n"
    )
    expected = (
        "# Debugging\n\nThis recipe shows how to debug in the editor.\n\n"
        f"## Source maps\n\n{intro}\n\n{two}\n\n{code2}\n\n{three}\n\n{code3}\n"
    )
    result = merge_text(raw)
    assert result.text == expected, result.text
    # The same paragraph retried with its code kept is one attempt.
    retried = raw.replace(three, two.replace("set or update", "update or set"))
    assert merge_text(retried).text.count("`config/index.js`") == 1


def test_the_start_of_a_word_then_no_word_is_one_word_whatever_the_spelling_says():
    """ "cus" + "tomization": neither half is a word the article or the
    dictionary has, and "cus" starts many words ("custom", "customer"). The
    article's spelling (many words end in "us", many start with "to") would
    say two words; a cut inside a word is what it is."""
    text = (
        "to us the status of the bus is today a bonus to thus take the focus of us "
        "to top the campus census to tour the virus and its nexus to touch the genus "
    ) * 40
    words: dict[str, int] = {}
    for word in text.split():
        words[word] = words.get(word, 0) + 1
    vocabulary = Vocabulary(words)
    assert join_cut("allowing cus", "tomization of it", vocabulary) == (
        "allowing customization of it"
    )
    # Two words the dictionary has stay two: "focus" + "tomorrow".
    assert join_cut("the focus", "tomorrow is", vocabulary) == "the focus tomorrow is"


def test_a_list_item_cut_inside_a_word_the_article_writes_elsewhere_goes_on():
    """ "1. Add this as *stable* in" then "herent methods. …": the words
    "herent methods." stand inside "…unstable, inherent methods." a few lines
    up, but a head that begins with the rest of the cut word is no paragraph
    that stands: the item goes on."""
    clean = (
        "## Options\n\nThe usual way would be to add these as unstable, inherent methods.\n"
        "But inherent methods take precedence over trait methods. We have two options:\n\n"
        "1. Add this functionality as *stable* inherent methods. The rationale here would\n"
        "    be that time in a nursery crate acts as a stabilization period.\n"
        "2. Add this functionality via *unstable* extension traits.\n"
    )
    raw = clean.replace("*stable* inherent", "*stable* in\n---END---\nherent", 1)
    result = merge_text(raw)
    assert result.text == clean, result.text


def test_a_link_then_words_cut_is_text_not_markup():
    """ "[create-vite](/guide/) te" then "mplates have been…": a link and two
    letters is the start of a sentence cut after the link (a line of markup
    has signs besides its links, "@[card](…)", not letters)."""
    clean = (
        "## Templates\n\nThe templates got a new theme.\n\n"
        "[create-vite](/guide/#trying-vite-online) templates have been a great tool to "
        "quickly test the tool with your favorite framework.\n\n## Next\n\nMore text.\n"
    )
    raw = clean.replace(") templates", ") te\n---END---\nmplates", 1)
    result = merge_text(raw)
    assert result.text == clean, result.text


def test_a_numbered_item_cut_after_its_first_word_goes_on_when_its_lines_follow():
    """ "1. The" then "Display and Debug impls, …" with the item's own lines
    after it (indented as its text, then "2. The backtrace…"): the rest of
    the item, though it opens with a capital. A paragraph of its own after
    an item is left alone."""
    clean = (
        "## The new API\n\nThe new API provides three main components:\n\n"
        "1. The Display and Debug impls, for printing error messages. Ideally, the\n"
        "   Display API would be focused on *end user* messages.\n"
        "2. The backtrace method, for errors that carry one.\n"
    )
    raw = clean.replace("1. The Display", "1. The\n---END---\nDisplay", 1)
    result = merge_text(raw)
    assert result.text == clean, result.text
    own = "## Terms\n\n- Latency is measured at the\n---END---\nLatency fell by half.\n"
    assert "the Latency" not in merge_text(own).text


def test_an_items_second_paragraph_written_again_on_its_own_line_is_the_items():
    """ "   Still, because of …", the second paragraph of a list item, opens
    the next piece, followed by the list's next items: written again, not new
    text (one line, indented as the item's text)."""
    items = (
        " - Unlike the other team, this team does not own any code. There is no process "
        "to keep the interpreter in line with its decisions.\n\n"
        "   Still, because of the overlapping interests between the people working on "
        "both, it seems unlikely that there is a real risk of divergence.\n\n"
        " - One alternative is to keep the status quo, where the other team decides.\n\n"
        "   Currently, the intersection between the members of both groups is small.\n"
    )
    clean = f"## Drawbacks\n\nSome drawbacks follow here.\n\n{items}"
    cut_at = items.index("small.")
    raw = (
        f"## Drawbacks\n\nSome drawbacks follow here.\n\n{items}---END---\n"
        + items[items.index("   Still") : cut_at - 10]
        + "\n"
    )
    result = merge_text(raw)
    assert result.text == clean, result.text


def test_a_list_item_written_again_with_its_paragraph_in_other_words_is_restarted():
    """A list cut in an item's second paragraph ("   However,"); the next
    piece writes the item again, its first paragraph in other words, then on:
    the latest attempt replaces the item, nothing written twice."""
    head = " - **Do match guards have semantic meaning?**\n\n"
    first = (
        "   Match guards are inserted by the compiler around match statements so that "
        "guards cannot change the value being matched on."
    )
    retried = first[:-1] + ", in most cases."
    rest = "   However, the team decides whether these guards mean anything at runtime.\n"
    intro = "## Questions\n\n - **May a raw pointer write where a reference points?**\n\n"
    intro += "   Writing via a raw pointer requires unsafe code.\n\n"
    raw = f"{intro}{head}{first}\n\n   However,\n---END---\n{head}{retried}\n\n{rest}"
    result = merge_text(raw)
    assert result.text == f"{intro}{head}{retried}\n\n{rest}", result.text


def test_a_table_row_whose_rest_opens_with_the_spaces_before_a_cell_goes_on():
    """ "| 3.0.0 |" cut, then "    3.05MB | 17.8MB |" (alone, indented code)
    and "| Reduction | -30% | -7% |" (alone, no table): the row's rest and the
    table's next row."""
    clean = (
        "## Footprint\n\nThe install size fell.\n\n"
        "|             | Publish Size | Install Size |\n"
        "| ----------- | :----------: | :----------: |\n"
        "| 2.9.14      |    4.38MB    |    19.1MB    |\n"
        "| 3.0.0       |    3.05MB    |    17.8MB    |\n"
        "| Reduction   |     -30%     |     -7%      |\n\n"
        "Some dependencies became optional.\n"
    )
    raw = clean.replace("| 3.0.0       |", "| 3.0.0       |\n---END---\n", 1)
    assert "\n---END---\n    3.05MB" in raw
    result = merge_text(raw)
    assert result.text == clean, result.text
