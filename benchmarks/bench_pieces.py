"""Hostile structure: does the merge stay linear in the number of pieces?

    python benchmarks/bench_pieces.py                       # every shape, 500 to 8,000 pieces
    python benchmarks/bench_pieces.py --only list --pieces 1000,4000 --repeat 3

``bench_hostile.py`` times one hostile line; this times an article of
thousands of tiny pieces that each carry on the block the one before ended
on: a list one item per piece, a table one row per piece, a sentence one
word per piece, a nested list, a heading per piece. Each join handles the
block it grows, so a merge that handles the whole block again at each join
costs the square of the number of pieces: minutes at a few thousand, hours
at the file-size limit. The merge bounds that work (``WORK_BASE`` in
``mystitch.lint.merge.mapper``): past it the pieces are kept as written,
with one warning, and nothing is lost.

The table gives CPU seconds at each number of pieces and the ratio of the
largest to the smallest, against the ratio of their sizes: a linear merge
takes about as many times longer as it has more pieces.

``tests/test_hostile_lines.py`` imports ``SHAPES`` from here.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mystitch.lint.merge import merge_text  # noqa: E402

MARKER = "\n---END---\n"

# Each shape: the article body for ``n`` pieces. Every piece's text carries
# a number, so a test can check that none is lost.
SHAPES: dict[str, Callable[[int], str]] = {
    "list, an item per piece": lambda n: (
        "Intro.\n\n" + "".join(f"- item {i}{MARKER}" for i in range(n))
    ),
    "list, cut inside each item": lambda n: (
        "Intro.\n\n" + "".join(f"- item numb{MARKER}er {i}\n" for i in range(n))
    ),
    "nested list, an item per piece": lambda n: (
        "- top\n" + "".join(f"  - sub {i}{MARKER}" for i in range(n))
    ),
    "table, a row per piece": lambda n: (
        "| a | b |\n| --- | --- |\n" + "".join(f"| {i} | x |{MARKER}" for i in range(n))
    ),
    "table, cut inside each row": lambda n: (
        "| a | b |\n| --- | --- |\n" + "".join(f"| {i} | x{MARKER} |\n" for i in range(n))
    ),
    "sentence, a word per piece": lambda n: (
        "Intro " + "".join(f"word{i}{MARKER} " for i in range(n)) + "end."
    ),
    "Japanese sentence cut in each piece": lambda n: "".join(
        f"これは{i}番目の文で{MARKER}す。" for i in range(n)
    ),
    "paragraph per piece": lambda n: "".join(f"Paragraph {i} is here.{MARKER}" for i in range(n)),
    "heading per piece": lambda n: "".join(f"## Heading {i}{MARKER}" for i in range(n)),
    "quote line per piece": lambda n: "".join(f"> quoted line {i}{MARKER}" for i in range(n)),
    # Jekyll code blocks, each with its text right after its closing tag:
    # found line by line, the text between them parsed once.
    "highlight blocks, text right after each": lambda n: (
        "".join(
            f"{{% highlight ruby %}}\nx = {i}\n{{% endhighlight %}}\nText {i}.\n\n"
            for i in range(n)
        )
        + MARKER.lstrip("\n")
    ),
    # A code block a marker cuts in every piece: each cut one is settled at
    # the end against the blocks that start as it does, not against all.
    "highlight block cut in each piece": lambda n: "".join(
        f"{{% highlight ruby %}}\nx = {i}{MARKER}y = {i}\n{{% endhighlight %}}\n\n"
        for i in range(n)
    ),
    "code fence ending each piece": lambda n: "".join(
        f"Text {i}.\n\n```ruby\nx = {i}\n```{MARKER}" for i in range(n)
    ),
}


def article(shape: str, pieces: int) -> str:
    return "---\ntitle: Many pieces\n---\n\n" + SHAPES[shape](pieces)


def cpu_seconds(text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()  # earlier garbage is not this run's cost
        start = time.process_time()
        merge_text(text, "pieces.md")
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pieces", default="500,2000,8000", help="numbers of pieces")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (best)")
    parser.add_argument("--only", help="run the shapes whose name contains this")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.pieces.split(",")]
    print(
        f"| shape | {' | '.join(f'{n:,} pieces' for n in sizes)} | ratio (sizes ×"
        f"{sizes[-1] / sizes[0]:.0f}) |"
    )
    print(f"| --- | {' | '.join('---:' for _ in sizes)} | ---: |")
    for shape in SHAPES:
        if args.only and args.only not in shape:
            continue
        seconds = [cpu_seconds(article(shape, n), args.repeat) for n in sizes]
        ratio = seconds[-1] / max(seconds[0], 0.002)
        cells = " | ".join(f"{s:.2f}" for s in seconds)
        print(f"| {shape} | {cells} | {ratio:.1f} |", flush=True)


if __name__ == "__main__":
    main()
