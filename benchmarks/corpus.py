"""A deterministic corpus of generated articles, built from our own texts.

    python benchmarks/corpus.py OUT_DIR -n 1000 --seed 0

``clean_article`` writes a clean article (Japanese or English) from the
paragraph templates below, with slots filled per article so that no two
articles share paragraphs by accident. ``cut_into_fragments`` then does
what the content pipeline does: it cuts the body at random points (mid-word,
mid-sentence) and writes each piece followed by a marker line, and the next
piece continues the cut directly, restarts the cut sentence, restarts the
cut paragraph, or is a second attempt at the same continuation. It may end
on a dangling heading or a cut sentence. Both are importable: the merge
property tests cut clean articles the same way and expect them back.
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from pathlib import Path

MARKER = "---END---"

SLOTS: dict[str, tuple[str, ...]] = {
    "company": ("ミナト電子", "北辰システムズ", "青葉ロジック", "白鷺半導体", "鳴門クラウド", "朝凪データ"),
    "product": ("K-7チップ", "凪プラットフォーム", "潮騒エンジン", "灯台API", "霧笛ストレージ"),
    "city": ("神戸", "札幌", "福岡", "仙台", "金沢", "那覇"),
    "en_company": ("Harbor Labs", "Northwind Compute", "Bluefin Data", "Kestrel Systems", "Quarry AI"),
    "en_product": ("Tidepool DB", "Lantern runtime", "Foghorn queue", "Beacon SDK", "Skiff compiler"),
    "en_city": ("Leeds", "Porto", "Osaka", "Austin", "Tallinn", "Perth"),
}

JA_HEADINGS = ("背景", "技術の中身", "市場への影響", "残る課題", "今後の展望", "現場の声")
EN_HEADINGS = ("Background", "How it works", "What it means for the market", "Open questions", "Outlook")

JA_PARAGRAPHS = (
    "{company}は{n}日、新しい{product}を{city}で発表しました。従来品と比べて消費電力を{m}割ほど抑えたとしています。発表会には取引先の担当者が多く集まり、会場は熱気に包まれました。",
    "今回の発表で注目すべきは、価格の設定です。{company}は導入費用を前世代の{m}割程度に抑え、中小企業でも手が届く水準にしました。これまで大企業に限られていた技術が、一気に身近になる可能性があります。",
    "もちろん、課題がないわけではありません。{product}を動かすには専用の冷却設備が必要で、既存のデータセンターでは改修が欠かせないといいます。改修には{n}か月ほどかかる見込みです。",
    "業界の関係者は、この動きを冷静に見ています。ある技術者は「性能の数字だけでは判断できない。実際の運用で安定して動くかどうかが大事だ」と話しました。慎重な声が出るのは、過去に期待外れの製品が少なくなかったからでしょう。",
    "{city}の拠点では、すでに{n}社が試験導入を始めています。初期の結果では、処理時間が平均で{m}割短くなったと報告されています。ただし、対象となった業務はまだ限られており、結論を出すには早いといえます。",
    "技術の中身を少し詳しく見てみましょう。{product}は、演算を細かく分けて複数の装置に同時に振り分ける仕組みを採用しています。この方式により、一部の装置が止まっても全体の処理を続けられるのが特長です。",
    "投資家の関心も高まっています。{company}の株価は発表後の{n}日間で{m}パーセント上昇しました。市場では、今後の受注状況が次の焦点になるとの見方が広がっています。",
    "一方で、人材の確保は大きな課題として残ります。新しい仕組みを使いこなせる技術者は国内にまだ少なく、{company}は{city}に研修施設を開く計画を明らかにしました。育成には数年単位の時間が必要です。",
    "規制の面でも議論が続いています。データの扱いに関する新しい指針が年内にまとまる予定で、企業はその内容を見極めながら導入を進めることになります。指針の中身によっては、計画の見直しを迫られる企業も出てくるでしょう。",
    "海外の動きとの比較も欠かせません。欧州や米国では同様の技術への投資が相次いでおり、国内企業が遅れを取らないためには、素早い判断が求められます。とはいえ、焦って導入すれば失敗のリスクも高まります。",
    "結局のところ、鍵を握るのは使い手の側です。どれほど優れた技術でも、目的がはっきりしないまま導入すれば効果は出ません。自社の業務のどこに使うのかを見定めることが、何よりも大切だといえるでしょう。",
    "今後の焦点は、来年に予定されている次世代版の発表です。{company}は性能をさらに{m}倍に高めると説明しており、業界の注目が集まっています。続報が入り次第、この欄でお伝えします。",
)

EN_PARAGRAPHS = (
    "{en_company} released {en_product} on {n} March in {en_city}. The company says the new version uses {m}0 percent less memory than the last one, and early users report shorter build times.",
    "The most interesting change is in how the system stores data. Instead of one large file, {en_product} now keeps many small segments and merges them in the background. This keeps writes fast even when the disk is nearly full.",
    "Not everyone is convinced. One operator told us that the numbers look good on paper, but that a database earns trust over years, not weeks. That caution is fair, given how many launches have promised more than they delivered.",
    "In {en_city}, {n} teams have already moved part of their workload to the new release. Their first reports show queries running about {m}0 percent faster, although the sample is still small and mostly read-heavy.",
    "Pricing matters as much as speed. {en_company} cut the entry price by a third, which puts the product within reach of small teams for the first time. Larger customers keep their existing contracts until renewal.",
    "There are open questions about migration. Moving an existing cluster requires a full export and import, and the company estimates {n} hours of downtime for a typical installation. A tool to do it online is promised for later this year.",
    "Investors reacted quickly. Shares of {en_company} rose {m} percent in the {n} days after the announcement, and analysts now expect the next quarterly results to show the first effects on revenue.",
    "Hiring remains the hardest part. Engineers who know the new storage model are rare, and {en_company} plans to open a training centre in {en_city} to grow its own. That will take time, and competitors are hiring from the same small pool.",
    "Regulation is another unknown. New rules on data residency are due by the end of the year, and some customers say they will wait for the final text before committing to any migration.",
    "The bigger picture is a crowded market. Several competitors have shipped similar designs in the past two years, and the differences between them are narrowing. What will decide the race is support, documentation and price.",
    "In the end, the tool only helps teams that know why they need it. Moving a system that already works carries risk, and the safest path is to start with one service and measure before going further.",
    "The next milestone is the version planned for next spring. {en_company} promises {m} times the throughput on the same hardware, and we will report on it as soon as we can test it ourselves.",
)

JA_LIST = "- 消費電力の削減\n- 導入費用の低下\n- 運用の安定性"
EN_LIST = "- Lower memory use\n- Faster background merges\n- A simpler price list"
EN_CODE = "```sh\npip install tidepool-client\ntidepool connect --region eu-west\n```"
TAGS_JA = ("AI", "半導体", "クラウド", "投資", "スタートアップ", "データセンター", "規制", "人材")
TAGS_EN = ("databases", "cloud", "AI", "open source", "hardware", "funding", "policy", "hiring")


@dataclass(frozen=True)
class Article:
    name: str
    front: str
    body: str
    lang: str

    def text(self, body: str | None = None) -> str:
        return self.front + "\n" + (self.body if body is None else body)


def _fill(template: str, rng: random.Random, index: int) -> str:
    def slot(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "n":
            return str(rng.randint(2, 28))
        if name == "m":
            return str(rng.randint(2, 9))
        return rng.choice(SLOTS[name])

    # The article number makes every article's sentences its own.
    text = re.sub(r"\{(\w+)\}", slot, template)
    return text.replace("。", f"（第{index}報）。", 1) if "。" in text else text.replace(". ", f" (report {index}). ", 1)


def clean_article(rng: random.Random, index: int, lang: str | None = None, paragraphs: int = 12) -> Article:
    """A clean article: every paragraph ends a sentence, nothing repeats."""
    lang = lang or rng.choice(("ja", "en"))
    pool = JA_PARAGRAPHS if lang == "ja" else EN_PARAGRAPHS
    headings = JA_HEADINGS if lang == "ja" else EN_HEADINGS
    chosen = rng.sample(range(len(pool)), min(paragraphs, len(pool)))
    blocks: list[str] = []
    section = 0
    for position, which in enumerate(chosen):
        if position and position % 3 == 0 and section < len(headings):
            blocks.append("## " + headings[section])
            section += 1
        blocks.append(_fill(pool[which], rng, index))
        if position == 4:
            blocks.append(JA_LIST if lang == "ja" else EN_LIST)
        if position == 6 and lang == "en":
            blocks.append(EN_CODE)
    tags = rng.sample(TAGS_JA if lang == "ja" else TAGS_EN, 3)
    title = (
        f"{rng.choice(SLOTS['company'])}の新戦略を読み解く（第{index}報）"
        if lang == "ja"
        else f"What {rng.choice(SLOTS['en_company'])}'s release means (report {index})"
    )
    front = (
        "---\n"
        f'title: "{title}"\n'
        f"date: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00 +0900\n"
        f'categories: ["{"業界分析" if lang == "ja" else "analysis"}"]\n'
        f"tags: [{', '.join(repr(t).replace(chr(39), chr(34)) for t in tags)}]\n"
        f'author: "{"編集部" if lang == "ja" else "News desk"}"\n'
        f'excerpt: "{title}"\n'
        f"reading_time: {rng.randint(3, 12)}\n"
        "---\n"
    )
    return Article(f"{index:05d}-{lang}", front, "\n\n".join(blocks) + "\n", lang)


def _is_prose(block: str) -> bool:
    return not block.startswith(("#", "-", "```", "|", ">"))


def _sentence_start(paragraph: str, cut: int) -> int:
    """Where the sentence cut at ``cut`` began."""
    best = 0
    for match in re.finditer(r"[。！？]|[.!?] ", paragraph[:cut]):
        best = match.end()
    return best


def cut_into_fragments(body: str, rng: random.Random, *, ragged_end: bool = True) -> str:
    """Write ``body`` the way the pipeline does: in pieces ending with a marker.

    Every cut lands inside a prose paragraph. The piece after a cut starts
    with one of: the rest of the paragraph (direct continuation), the cut
    sentence again, the cut paragraph again, or a second attempt that
    repeats the previous piece's continuation. Merging the result must give
    ``body`` back; with ``ragged_end`` the last piece also ends on a cut
    sentence or a dangling heading that nothing continues (merging trims it).
    """
    blocks = body.strip("\n").split("\n\n")
    prose = [i for i, b in enumerate(blocks) if _is_prose(b) and len(b) > 40]
    if not prose:
        return body
    cuts = sorted(rng.sample(prose, min(len(prose), rng.randint(1, 4))))
    pieces: list[str] = []
    start_text: list[str] = []  # the text the current piece begins with
    previous_block = 0
    for block_index in cuts:
        paragraph = blocks[block_index]
        cut = rng.randint(10, len(paragraph) - 10)
        piece = start_text + blocks[previous_block:block_index] + [paragraph[:cut]]
        pieces.append("\n\n".join(p for p in piece if p))
        mode = rng.choice(("continue", "sentence", "paragraph", "retry"))
        if mode == "continue":
            start_text = [paragraph[cut:]]
        elif mode == "sentence":
            start_text = [paragraph[_sentence_start(paragraph, cut) :]]
        elif mode == "paragraph":
            start_text = [paragraph]
        else:
            # A first attempt cut short, then a second one from the same place.
            attempt_end = min(len(blocks), block_index + 1 + rng.randint(0, 2))
            first_try = [paragraph[cut:], *blocks[block_index + 1 : attempt_end]]
            retry_cut_block = first_try[-1]
            if len(retry_cut_block) > 20:
                first_try[-1] = retry_cut_block[: rng.randint(10, len(retry_cut_block) - 5)]
            pieces.append("\n\n".join(p for p in first_try if p))
            start_text = [paragraph[cut:]]
        previous_block = block_index + 1
    tail = start_text + blocks[previous_block:]
    last = "\n\n".join(p for p in tail if p)
    if ragged_end:
        if rng.random() < 0.5:
            last += "\n\n### " + ("倫理と" if re.search(r"[ぁ-ん]", body) else "Ethics and")
        else:
            last += "\n\n" + ("そして最後に、この話には" if re.search(r"[ぁ-ん]", body) else "And finally, the story has")
    pieces.append(last)
    return "".join(piece + f"\n\n{MARKER}\n\n" for piece in pieces)


def generate(out_dir: Path, n: int, seed: int = 0, duplicate_share: float = 0.02) -> list[Path]:
    """Write ``n`` raw articles into ``out_dir``; about 2% are saved twice."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    count = 0
    while count < n:
        article = clean_article(rng, count)
        raw = article.text(cut_into_fragments(article.body, rng))
        path = out_dir / f"{article.name}.md"
        path.write_text(raw, encoding="utf-8")
        written.append(path)
        count += 1
        if count < n and rng.random() < duplicate_share:
            # The same article saved again, cut shorter, with other tags.
            copy = raw[: len(raw) * 2 // 3].replace("tags: [", 'tags: ["再掲", ', 1)
            path = out_dir / f"{article.name}-copy.md"
            path.write_text(copy, encoding="utf-8")
            written.append(path)
            count += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = generate(args.out_dir, args.n, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} articles, {size / 1e6:.1f} MB in {args.out_dir}")


if __name__ == "__main__":
    main()
