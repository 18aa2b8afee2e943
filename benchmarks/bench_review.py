"""The review page: seconds of ``review_html`` beside the merge it shows.

    python benchmarks/bench_review.py                   # 0.25 and 1 MB articles, both languages
    python benchmarks/bench_review.py -n 400 --article-mb 0.1,1,4 --repeat 5

The long articles are bench_merge.py's: the bodies of the corpus's articles
of one language (``corpus.py``, in a temporary folder) joined into one
article of about ``--article-mb`` MB, so the page has thousands of pieces,
repeats and joins to mark. Each article is parsed and merged once; then,
in this one process, the merge (``merge_document``) and the review page
(``review_html`` of that merge) are each timed ``--repeat`` times, and the
median is reported with the page's size. The last column is seconds per MB
of article against the smallest size: near 1.0 means the page is made in
time linear in the article.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_merge import long_article, read_corpus  # noqa: E402

from mystitch.lint.document import parse_document  # noqa: E402
from mystitch.lint.merge import merge_document  # noqa: E402
from mystitch.lint.merge.review import review_html  # noqa: E402


def median_seconds(run, repeat: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="articles in the corpus")
    parser.add_argument("--article-mb", default="0.25,1", help="comma-separated sizes")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (median)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.article_mb.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="mystitch-review-") as tmp:
        texts = read_corpus(args.n, args.seed, Path(tmp))
    print(f"review_html, one process, Python {platform.python_version()}, seed {args.seed}, "
          f"median of {args.repeat} runs")  # fmt: skip
    print("| article | MB | lines | pieces | merge s | review s | page MB | review s/MB ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    first: dict[str, float] = {}
    for lang in ("ja", "en"):
        for mb in sizes:
            text = long_article(texts, lang, int(mb * 1e6))
            if text is None:
                continue
            size = len(text.encode()) / 1e6
            name = f"long-{lang}.md"
            document = parse_document(name, text)
            merge, result = median_seconds(lambda d=document: merge_document(d), args.repeat)
            review, page = median_seconds(
                lambda d=document, r=result, n=name: review_html(d, r, n), args.repeat
            )
            per_mb = review / size
            first.setdefault(lang, per_mb)
            print(
                f"| {lang}, {mb:g} MB target | {size:.2f} | {len(document.lines):,} | "
                f"{len(document.fragments):,} | {merge:.2f} | {review:.2f} | "
                f"{len(str(page).encode()) / 1e6:.1f} | {per_mb / first[lang]:.2f} |"
            )


if __name__ == "__main__":
    main()
