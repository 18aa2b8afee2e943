"""Hostile single lines: does lint, merge and the Sphinx read path stay linear?

    python benchmarks/bench_hostile.py                  # every line in a paragraph, lint and merge
    python benchmarks/bench_hostile.py --contexts all   # every line in every context
    python benchmarks/bench_hostile.py --only '[' --sizes 16,160 --sphinx

Articles are untrusted input: one line of 160 KB made of a character that
opens something (``[``, ``「``, ``<!--``) and never closes it, or of two
tokens with a long run of spaces between them, must cost what 160 KB of
plain text costs. A regular expression that tries every start position and
scans to the end of the line from each, or a lazy quantifier followed by an
overlapping one, makes that quadratic: seconds at 80 KB, hours at 1 MB.

Each case is a line (``LINES``: a unit repeated, or tokens around a run)
put in a place of an article (``CONTEXTS``: a paragraph, a heading, a list
item, a table row, a front-matter value or key, next to a marker...). It is
built at every size of ``--sizes`` (KB of the line, UTF-8) and run through
``mystitch.lint.engine.lint_text`` and ``mystitch.lint.merge.merge_text``,
the best of ``--repeat`` runs, in this one process. With ``--sphinx`` each
case is also read by Sphinx: a one-article site with ``extensions =
["mystitch"]``, built in-process with the text builder.

The table gives seconds at each size, microseconds per KB at the largest,
and the ratio of the time at the largest size to the time at 16 KB (the
smallest size if 16 is not among them). Ten times the text should take ten
times as long; a quadratic step takes a hundred. Compare the ratios: they
come from one run on one machine, so noise touches every size alike.

``tests/test_hostile_lines.py`` imports ``LINES`` and ``CONTEXTS`` from here.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mystitch.lint.engine import lint_text  # noqa: E402
from mystitch.lint.merge import merge_text  # noqa: E402

KB = 1024


def fill(unit: str, size: int) -> str:
    """``unit`` repeated to about ``size`` bytes of UTF-8 (at least once)."""
    return unit * max(1, size // len(unit.encode()))


def repeated(unit: str) -> Callable[[int], str]:
    return lambda size: fill(unit, size)


def around(left: str, run: str, right: str) -> Callable[[int], str]:
    """``left``, then ``run`` repeated, then ``right``: tokens far apart on one line."""
    return lambda size: left + fill(run, size - len((left + right).encode())) + right


def numbered(template: str) -> Callable[[int], str]:
    """Sentences that differ only by a number, to about ``size`` bytes."""

    def line(size: int) -> str:
        parts: list[str] = []
        total = 0
        while total < size:
            parts.append(template.format(len(parts) + 1))
            total += len(parts[-1].encode())
        return "".join(parts)

    return line


# Openers and closers of every bracket and quote kind we know of: each
# opener is a place where a pattern may scan ahead for its closer.
OPENERS = "[({<「『（【〔〈《［“‘«‹"
CLOSERS = "])}>」』）】〕〉》］”’»›"

LINES: dict[str, Callable[[int], str]] = {
    # The reference: what a line costs when nothing in it is hostile.
    "plain English": repeated("word "),
    **{f"{ch} x N": repeated(ch) for ch in OPENERS},
    **{f"{ch} x N": repeated(ch) for ch in CLOSERS},
    # Markup openers and link pieces.
    "*": repeated("*"),
    "**": repeated("**"),
    "_": repeated("_"),
    "__": repeated("__"),
    "`": repeated("`"),
    "~~": repeated("~~"),
    "$": repeated("$"),
    "$$": repeated("$$"),
    "|": repeated("|"),
    "\\": repeated("\\"),
    "&#": repeated("&#"),
    "&": repeated("&"),
    "#": repeated("#"),
    ":": repeated(":"),
    "<!--": repeated("<!--"),
    "{{": repeated("{{"),
    "](": repeated("]("),
    "![": repeated("!["),
    "][": repeated("]["),
    "[]": repeated("[]"),
    "[a](": repeated("[a]("),
    "](<": repeated("](<"),
    "<a ": repeated("<a "),
    "<http:": repeated("<http:"),
    "{x}`": repeated("{x}`"),
    "[^": repeated("[^"),
    "`a": repeated("`a"),
    "x*": repeated("x*"),
    "「[(": repeated("「[("),
    "**「": repeated("**「"),
    "** then a backtick run": around("Text **", "`", " end."),
    # Tokens far apart: a pattern that matches the first and looks for the
    # second after a run of spaces retries the run from every space.
    "a spaces b": around("a", " ", "b"),
    "**a** spaces x": around("**a**", " ", "x"),
    "a tabs b": around("a", "\t", "b"),
    "a ideographic spaces b": around("a", "　", "b"),
    "a spaces": around("a", " ", ""),
    ". spaces x": around("Done.", " ", "x"),
    "。 spaces": around("です。", " ", "x"),
    "[a] spaces (b)": around("[a]", " ", "(b)"),
    "https:// no end": around("https://example.com/", "a", ""),
    "<https:// no end": around("<https://example.com/", "a", ""),
    # Text with no end, or with a great many ends.
    "Japanese without punctuation": repeated("日本語の文章が続く"),
    "one English sentence": around("", "word ", "end."),
    "English sentences": repeated("This is one sentence. "),
    "Japanese sentences": repeated("これは一つの文です。"),
    "numbered English sentences": numbered("Sentence number {} is here. "),
    "numbered Japanese sentences": numbered("これは{}番目の文です。"),
    "A.A.A": repeated("A."),
    "suppression comments": repeated("<!-- mystitch-lint-disable-line TRN001 --> `x` "),
    "a. x N": repeated("a. "),
    "3.14 x N": repeated("3.14 "),
    "… x N": repeated("…"),
    # Emphasis, links and tags, repeated.
    "**a** x N": repeated("**a** "),
    "*a* x N": repeated("*a* "),
    "_a_ x N": repeated("_a_ "),
    "`a` x N": repeated("`a` "),
    "**「a」** x N": repeated("**「a」**"),
    "[a](b) x N": repeated("[a](b) "),
    "<b>a</b> x N": repeated("<b>a</b> "),
}


def _article(body: str, front: str = "title: Hostile line\n") -> str:
    return (
        "---\n" + front + "date: 2026-01-02\nauthor: A\ntags: [a]\n---\n\nIntro text.\n\n"
        + body + "\n\nThe end.\n"
    )  # fmt: skip


_CHANGES = str.maketrans("13579aeiouあい", "24680eaouiいあ")


def _yaml_quoted(line: str) -> str:
    return "'" + line.replace("'", "''") + "'"


# Where the line stands. Each gives the whole article for a line.
CONTEXTS: dict[str, Callable[[str], str]] = {
    "paragraph": _article,
    "heading": lambda line: _article("## " + line),
    "list item": lambda line: _article("- First item.\n- " + line),
    "table row": lambda line: _article("| a | b |\n| --- | --- |\n| x | " + line + " |"),
    "quote": lambda line: _article("> " + line),
    "bold label": lambda line: _article("**" + line + "**"),
    # Next to markers: the line ends a fragment (a cut) and the next one
    # carries it on, so the merge's cut handling reads it.
    "at a cut": lambda line: _article(
        "A sentence that was cut\n---END---\n" + line + "\n---END---\nand goes on here."
    ),
    # The same line written twice across a marker: a retry; one that starts
    # inside it, one cut shorter, and one with some of its words changed.
    "retried": lambda line: _article(line + "\n---END---\n" + line),
    "retried from inside": lambda line: _article(line + "\n---END---\n" + line[len(line) // 3 :]),
    "retried shorter": lambda line: _article(line + "\n---END---\n" + line[: len(line) // 3]),
    # After a sentence, so that the retry stands in the earlier text at a
    # sentence's start, and at every offset where the line repeats itself.
    "retried shorter after a sentence": lambda line: _article(
        "Done. " + line + "\n---END---\n" + line[: len(line) // 3]
    ),
    "retried changed": lambda line: _article(line + "\n---END---\n" + line.translate(_CHANGES)),
    "front-matter value": lambda line: _article("Body.", "title: T\nexcerpt: " + line + "\n"),
    "front-matter key": lambda line: _article("Body.", "title: T\n" + line + ": x\n"),
    # A title the body repeats as its first line (Role.TITLE, "# title").
    "title": lambda line: _article(line, "title: " + _yaml_quoted(line) + "\n"),
}

# The lines the issue named, which every context runs in the default table.
ISSUE_LINES = ("[ x N", "‹ x N", "](", "**a** spaces x", "a spaces b")


@dataclass(frozen=True, slots=True)
class Case:
    line: str
    context: str

    @property
    def name(self) -> str:
        return f"{self.line} / {self.context}"

    def text(self, size: int) -> str:
        return CONTEXTS[self.context](LINES[self.line](size))


def cases(contexts: str, only: str | None = None, within: str | None = None) -> list[Case]:
    """Every line in a paragraph; every context for the issue's lines (or all).

    ``only`` and ``within`` narrow that to some lines and some contexts.
    """
    picked = [n for n in LINES if only is None or n in only.split(",")]
    places = [c for c in CONTEXTS if within is None or c in within.split(",")]
    out = []
    for context in places:
        for line in picked:
            if context == "paragraph" or contexts == "all" or line in ISSUE_LINES:
                out.append(Case(line, context))
    return out


def best_time(run: Callable[[], object], repeat: int) -> float:
    """CPU seconds of this process, the best of ``repeat`` runs: other jobs on
    the machine slow a run less than they slow the clock."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


# The Sphinx read path -------------------------------------------------------


def sphinx_reader(tmp: Path, builder: str = "html") -> Callable[[str], None]:
    """A function that builds a one-article site from a text, in this process.

    ``mystitch_merge_workers = 0`` keeps the merge in this process too, where
    ``best_time`` counts it (one article never starts workers anyway).
    """
    from sphinx.application import Sphinx

    count = 0

    def build(text: str) -> None:
        nonlocal count
        count += 1
        src = tmp / f"site{count}"
        src.mkdir()
        conf = 'extensions = ["mystitch"]\nmystitch_merge_workers = 0\n'
        (src / "conf.py").write_text(conf, encoding="utf-8")
        (src / "article.md").write_text(text, encoding="utf-8")
        quiet = io.StringIO()
        app = Sphinx(
            str(src), str(src), str(src / "_build"), str(src / "_doctrees"), builder,
            status=quiet, warning=quiet, freshenv=True,
        )  # fmt: skip
        app.build()

    build(_article("A short article."))  # imports and caches: not the first case's cost
    return build


# Running --------------------------------------------------------------------


def measure(case: Case, sizes: list[int], repeat: int, sphinx: Callable | None) -> dict:
    row: dict[str, object] = {"case": case.name, "line": case.line, "context": case.context}
    runners: dict[str, Callable[[str], object]] = {"lint": lint_text, "merge": merge_text}
    if sphinx is not None:
        runners["sphinx"] = sphinx
    for what, run in runners.items():
        times = {}
        for size in sizes:
            text = case.text(size * KB)
            times[size] = best_time(lambda t=text, r=run: r(t), 1 if what == "sphinx" else repeat)
        base, top = base_size(sizes), sizes[-1]
        row[what] = {
            "seconds": times,
            "us_per_kb": times[top] / top * 1e6,
            "ratio": times[top] / max(times[base], 1e-6),
            "steps": top / base,
        }
    return row


def base_size(sizes: list[int]) -> int:
    """The size the ratio is taken against: 16 KB, or the smallest."""
    return 16 if 16 in sizes[:-1] else sizes[0]


def print_header(sizes: list[int], runners: list[str]) -> None:
    base = base_size(sizes)
    cells = ["case", "run", *(f"{s} KB s" for s in sizes), f"µs/KB at {sizes[-1]}"]
    cells.append(f"{sizes[-1]}/{base} KB")
    print("| " + " | ".join(cells) + " |")
    print("| --- | --- | " + " | ".join("---:" for _ in cells[2:]) + " |")


def print_row(row: dict, sizes: list[int], runners: list[str]) -> None:
    for what in runners:
        if what not in row:
            continue
        result = row[what]
        cells = [row["case"].replace("|", "\\|"), what]
        cells += [f"{result['seconds'][s]:.3f}" for s in sizes]
        cells += [f"{result['us_per_kb']:.0f}", f"{result['ratio']:.1f}"]
        print("| " + " | ".join(cells) + " |", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,16,20,40,80,160", help="KB of the hostile line")
    parser.add_argument("--repeat", type=int, default=2, help="runs per size (best)")
    parser.add_argument(
        "--contexts",
        choices=("issue", "all"),
        default="issue",
        help="issue: every context for the issue's lines only; all: for every line",
    )
    parser.add_argument("--only", help="comma-separated line names (see --list)")
    parser.add_argument("--within", help="comma-separated contexts (see --list)")
    parser.add_argument("--sphinx", action="store_true", help="also time the Sphinx read path")
    parser.add_argument(
        "--builder",
        default="html",
        help="Sphinx builder for --sphinx (html; text wraps lines with textwrap, see docs)",
    )
    parser.add_argument("--list", action="store_true", help="list the lines and contexts")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    if args.list:
        print("lines:", ", ".join(LINES))
        print("contexts:", ", ".join(CONTEXTS))
        return
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    runners = ["lint", "merge", *(["sphinx"] if args.sphinx else [])]
    print(
        f"Python {platform.python_version()}, CPU seconds, best of {args.repeat} runs"
        + (f" (Sphinx, {args.builder} builder: one run)" if args.sphinx else "")
    )
    print_header(sizes, runners)
    rows = []
    with tempfile.TemporaryDirectory(prefix="mystitch-hostile-") as tmp:
        sphinx = sphinx_reader(Path(tmp), args.builder) if args.sphinx else None
        for case in cases(args.contexts, args.only, args.within):
            with contextlib.redirect_stderr(io.StringIO()):
                row = measure(case, sizes, args.repeat, sphinx)
            rows.append(row)
            print_row(row, sizes, runners)
    base, top = base_size(sizes), sizes[-1]
    for what in runners if rows else ():
        ratios = sorted(row[what]["ratio"] for row in rows)
        worst = max(rows, key=lambda r: r[what]["ratio"])
        print(
            f"{what}: {top}/{base} KB ratio over {len(rows)} cases: median "
            f"{statistics.median(ratios):.1f}, largest {ratios[-1]:.1f} ({worst['case']})"
        )
    if args.json:
        results = {"python": platform.python_version(), "sizes": sizes, "rows": rows}
        args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
