"""Merge throughput: MB/s of ``mystitch.lint.merge.merge_text`` on generated articles.

    python benchmarks/bench_merge.py                      # 1,000 articles, 0.25 and 1 MB articles
    python benchmarks/bench_merge.py -n 200 --article-mb 1,4 --repeat 5 --json merge.json

A corpus of ``-n`` raw articles comes from ``corpus.py`` (deterministic for a
seed) in a temporary folder outside the repository. Then, in this one
process and with every text already in memory (no file I/O is timed):

- "corpus": every article merged once, one after the other;
- "one article": the front matter of the first article of a language and
  the bodies of that language's articles, in corpus order, joined into one
  article of about ``--article-mb`` MB. Each body is a run of fragments that
  ends on a marker, so the joined article is one long article of fragments.
  Its bodies come from the same few texts in ``texts/`` with other report
  numbers, so the merge finds many sentences again and keeps less of it
  ("out MB"): the case times a long article with many repeats.

Each case is timed ``--repeat`` times and the median is reported, with the
seconds per MB against the corpus: near 1.0 means a long article costs what
as many short ones cost (the merge is linear in article length).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402

from mystitch.lint.merge import merge_text  # noqa: E402


def split_front(text: str) -> tuple[str, str]:
    """Front matter (with its fences) and body of a generated article."""
    end = text.index("\n---\n", 3) + len("\n---\n")
    return text[:end], text[end:]


def long_article(texts: list[tuple[str, str]], lang: str, target: int) -> str | None:
    """One article of about ``target`` bytes from the bodies of ``lang`` articles."""
    chosen = [text for name, text in texts if f"-{lang}-" in name]
    if not chosen:
        return None
    front, body = split_front(chosen[0])
    parts, size = [front, body], len(chosen[0].encode())
    for text in chosen[1:]:
        if size >= target:
            break
        body = split_front(text)[1]
        parts.append("\n" + body)
        size += len(body.encode()) + 1
    return "".join(parts)


def time_merges(articles: list[tuple[str, str]], repeat: int) -> dict[str, object]:
    """Merge every (path, text) ``repeat`` times; times, warnings and output size."""
    times: list[float] = []
    warnings = written = 0
    for _ in range(repeat):
        warnings = written = 0
        start = time.perf_counter()
        for path, text in articles:
            result = merge_text(text, path)
            warnings += len(result.warnings)
            written += len(result.text.encode())
        times.append(time.perf_counter() - start)
    size = sum(len(text.encode()) for _, text in articles)
    seconds = statistics.median(times)
    return {
        "files": len(articles),
        "mb": size / 1e6,
        "times": times,
        "seconds": seconds,
        "best_seconds": min(times),
        "mb_per_s": size / 1e6 / seconds,
        "warnings": warnings,
        "out_mb": written / 1e6,  # what the merge kept; repeats are dropped
    }


def read_corpus(n: int, seed: int, tmp: Path) -> list[tuple[str, str]]:
    folder = tmp / f"n{n}"
    paths = sorted(generate(folder, n, seed))
    return [(path.name, path.read_text(encoding="utf-8")) for path in paths]


def run_cases(texts: list[tuple[str, str]], sizes_mb: list[float], repeat: int) -> list[dict]:
    rows = [{"case": f"corpus, {len(texts):,} articles", **time_merges(texts, repeat)}]
    for mb in sizes_mb:
        for lang in ("ja", "en"):
            article = long_article(texts, lang, int(mb * 1e6))
            if article is None:
                continue
            label = f"one {lang} article, {mb:g} MB target"
            rows.append({"case": label, **time_merges([(f"long-{lang}.md", article)], repeat)})
    per_mb = rows[0]["seconds"] / rows[0]["mb"]
    for row in rows:
        row["s_per_mb_ratio"] = row["seconds"] / row["mb"] / per_mb
    return rows


def print_table(rows: list[dict], repeat: int, seed: int) -> None:
    print(f"merge_text, one process, Python {platform.python_version()}, seed {seed}, "
          f"median of {repeat} runs")  # fmt: skip
    header = ("case", "files", "MB", "out MB", "median s", "best s", "MB/s", "warnings")
    header += ("s/MB ratio",)
    print("| " + " | ".join(header) + " |")
    print("| --- | " + " | ".join("---:" for _ in header[1:]) + " |")
    for row in rows:
        cells = (
            row["case"],
            f"{row['files']:,}",
            f"{row['mb']:.2f}",
            f"{row['out_mb']:.2f}",
            f"{row['seconds']:.2f}",
            f"{row['best_seconds']:.2f}",
            f"{row['mb_per_s']:.2f}",
            f"{row['warnings']:,}",
            f"{row['s_per_mb_ratio']:.2f}",
        )
        print("| " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="articles in the corpus")
    parser.add_argument(
        "--article-mb", default="0.25,1", help="comma-separated sizes of the long articles"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.article_mb.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="mystitch-merge-") as tmp:
        texts = read_corpus(args.n, args.seed, Path(tmp))
    rows = run_cases(texts, sizes, args.repeat)
    print_table(rows, args.repeat, args.seed)
    if args.json:
        results = {"python": platform.python_version(), "repeat": args.repeat, "rows": rows}
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
