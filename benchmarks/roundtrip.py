"""Round trip: clean documents, cut by ``tests/cutter.py``, merged back, compared.

    python benchmarks/roundtrip.py                                  # our own clean texts
    python benchmarks/roundtrip.py /tmp/realcorpus --seeds 5 -j 4   # any folder of Markdown
    python benchmarks/roundtrip.py --merge mystitch.lint.merge:merge_text --exact
    python benchmarks/roundtrip.py --merge path/to/new_merge.py:merge_text --json out.json
    python benchmarks/roundtrip.py --mode isolated                  # one behaviour per case

Every ``.md`` file under the folders is a clean document (front matter optional). For each
document and each seed the cutter writes a raw text and the page an editor would publish
from it (see ``tests/cutter.py``); the merge function (``module:function`` or
``file.py:function``; it takes the raw text and returns a string or an object with
``.text``) turns the raw text into a page, and the page is measured against the expected
one. ``--mode isolated`` makes each case exercise one behaviour (one cut with one
continuation, one planted repeat, or one ending), so the per-behaviour table says which
behaviour fails; ``mixed`` (the default) puts many in each case, as the pipeline does.

Comparison. Pages are compared after normalising only this: line endings; trailing white
space on every line; runs of blank lines outside fenced code (one blank line); blank lines
at the start and end; the front matter, compared as the YAML data it parses to (quoting and
flow style do not count); and a first body line ``# <title>`` equal to the front matter's
title (the merge writes the title as the page's heading; the editor's pages keep it in the
front matter only). Nothing else: a different paragraph break or a changed character fails.

Metrics, per case, then summed over cases:

* exact: the normalised pages are equal. ``exact_ws`` also ignores how white space inside a
  block is laid out (line breaks inside a paragraph): it tells a re-flowed paragraph from a
  lost or changed one.
* units: the page cut into sentences (``mystitch.lint.text.split_sentences`` on each
  paragraph), list items, table rows, headings and code blocks, each keyed by
  ``mystitch.lint.text.comparison_key``. recall = expected units found in the merge
  (multiset intersection) / expected units; precision = the same / merged units.
* order: the j-th occurrence of a key in the expected page is matched to its j-th
  occurrence in the merge; order = share of adjacent expected units, both matched, whose
  matches keep their order.
* look-alikes: pairs of sentences (keys of 10 characters or more) with character 4-gram
  Jaccard >= 0.8 (equal ones included) in the merge, minus those in the expected page;
  a case passes with at most one such extra pair.
* dangling: headings followed by a heading of the same or a higher level, or by the end,
  in the merge, beyond those in the expected page.
* sections out of order: expected headings matched in the merge (as units) that are not on
  the longest run of increasing positions.
* openings lost: expected paragraphs of two sentences or more whose first later sentence
  found in the merge stands in a merged paragraph without the expected first sentence.
* markers: ``---END---`` lines left outside code. crashes: the merge raised.

Every document is also merged uncut (``uncut`` row: the merge should give it back as it
is). The ``steady docs`` row counts only the cut cases of documents that pass uncut, which
separates what cutting costs from what the merge does to clean Markdown anyway.

The summary gives every figure overall, per language and per behaviour tag (the share of
cases with that tag that came back exact); failures are listed with their first differing
line. Raw texts are built in memory; ``--save DIR`` writes raw, expected and merged pages
of failing cases for a closer look (keep DIR outside the repository for texts that are not
ours).
"""

from __future__ import annotations

import argparse
import bisect
import importlib
import importlib.util
import json
import multiprocessing
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Texts written for this project: the clean fixtures, the round-trip fixtures, the corpus texts.
DEFAULT_FOLDERS = [
    ROOT / "tests" / "fixtures" / "clean",
    ROOT / "tests" / "fixtures" / "roundtrip",
    ROOT / "benchmarks" / "texts",
]
DEFAULT_MERGE = "mystitch.lint.merge:merge_text"


def _load_cutter():
    name = "mystitch_roundtrip_cutter"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "cutter.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


cutter = _load_cutter()

from mystitch.lint.text import comparison_key, split_sentences  # noqa: E402

MARKER_LINE = re.compile(r"^---END---\s*$")
NEAR = 0.8
MIN_LOOKALIKE = 10

# ---------------------------------------------------------------------------
# Loading a merge function


def load_merge(spec: str) -> Callable[[str], str]:
    """``module:function`` or ``path/to/file.py:function``, as a text -> text function."""
    target, _, attr = spec.rpartition(":")
    if not target:
        raise SystemExit(f"--merge wants module:function, got {spec!r}")
    if target.endswith(".py") or "/" in target:
        path = Path(target).resolve()
        module_spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[path.stem] = module
        module_spec.loader.exec_module(module)
    else:
        module = importlib.import_module(target)
    function = getattr(module, attr)

    def merge(text: str) -> str:
        result = function(text)
        return result if isinstance(result, str) else result.text

    return merge


# ---------------------------------------------------------------------------
# Normalising and measuring pages


def _split_front(text: str) -> tuple[object, str, str | None]:
    """(front matter as data, body, title)."""
    if not text.startswith("---\n"):
        return None, text, None
    end = text.find("\n---\n", 3)
    if end < 0:
        return None, text, None
    raw = text[4:end]
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError:
        data = "\n".join(line.rstrip() for line in raw.splitlines())
    title = data.get("title") if isinstance(data, dict) else None
    return data, text[end + 5 :], title if isinstance(title, str) else None


def normalize(text: str) -> tuple[str, str]:
    """(front matter as canonical JSON, body) after the normalisation described above."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    data, body, title = _split_front(text)
    lines: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        line = line.rstrip()
        opener = re.match(r"^\s*(`{3,}|~{3,})", line)
        if fence is None and opener:
            fence = opener.group(1)
        elif (
            fence is not None and line.strip().startswith(fence) and set(line.strip()) == {fence[0]}
        ):
            fence = None
        elif fence is None and not line and lines and not lines[-1]:
            continue
        lines.append(line)
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    if title and lines and lines[0].startswith("# ") and lines[0][2:].strip() == title.strip():
        lines.pop(0)
        while lines and not lines[0]:
            lines.pop(0)
    front = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return front, "\n".join(lines) + "\n"


def _blocks(body: str):
    return cutter.parse_clean(body).blocks


def reflow(body: str) -> str:
    """The body with white space inside every block but code collapsed to one space."""
    return "\n\n".join(
        b.text if b.kind == "fence" else re.sub(r"\s+", " ", b.text) for b in _blocks(body)
    )


@dataclass
class Unit:
    key: str
    kind: str  # sentence, heading, item, row, block
    paragraph: int  # block index
    level: int = 0


def units(body: str) -> list[Unit]:
    out: list[Unit] = []
    for index, block in enumerate(_blocks(body)):
        if block.kind == "heading":
            out.append(Unit(comparison_key(block.text.lstrip("#")), "heading", index, block.level))
        elif block.kind == "prose":
            for sentence in split_sentences(block.text):
                out.append(Unit(comparison_key(sentence.text), "sentence", index))
        elif block.kind == "list":
            for line in block.text.split("\n"):
                out.append(
                    Unit(comparison_key(re.sub(r"^\s*([-*+]|\d+[.)])\s", "", line)), "item", index)
                )
        elif block.kind == "table":
            for line in block.text.split("\n"):
                out.append(Unit(comparison_key(line), "row", index))
        else:
            out.append(Unit(comparison_key(block.text), "block", index))
    return [u for u in out if u.key]


def _match(expected: list[Unit], merged: list[Unit]) -> list[int | None]:
    """For each expected unit, the index of its occurrence-wise match in the merge."""
    positions: dict[str, list[int]] = defaultdict(list)
    for i, unit in enumerate(merged):
        positions[unit.key].append(i)
    seen: Counter[str] = Counter()
    out: list[int | None] = []
    for unit in expected:
        k = seen[unit.key]
        seen[unit.key] += 1
        found = positions.get(unit.key, [])
        out.append(found[k] if k < len(found) else None)
    return out


def _grams(key: str) -> frozenset[str]:
    return frozenset(key[i : i + 4] for i in range(max(1, len(key) - 3)))


def lookalike_pairs(us: Iterable[Unit]) -> int:
    keys = [u.key for u in us if u.kind == "sentence" and len(u.key) >= MIN_LOOKALIKE]
    grams = [_grams(k) for k in keys]
    index: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(grams):
        for gram in g:
            index[gram].append(i)
    pairs = 0
    for i, g in enumerate(grams):
        shared: Counter[int] = Counter()
        for gram in g:
            for j in index[gram]:
                if j > i:
                    shared[j] += 1
        for j, common in shared.items():
            if common / (len(g) + len(grams[j]) - common) >= NEAR:
                pairs += 1
    return pairs


def dangling(body: str) -> int:
    blocks = _blocks(body)
    count = 0
    for i, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if nxt is None or (nxt.kind == "heading" and nxt.level <= block.level):
            count += 1
    return count


def _longest_increasing(values: list[int]) -> int:
    tails: list[int] = []
    for v in values:
        at = bisect.bisect_left(tails, v)
        if at == len(tails):
            tails.append(v)
        else:
            tails[at] = v
    return len(tails)


def openings_lost(expected: list[Unit], merged: list[Unit], matches: list[int | None]) -> int:
    lost = 0
    by_paragraph: dict[int, list[int]] = defaultdict(list)
    for i, unit in enumerate(expected):
        if unit.kind == "sentence":
            by_paragraph[unit.paragraph].append(i)
    merged_keys: dict[int, set[str]] = defaultdict(set)
    for unit in merged:
        merged_keys[unit.paragraph].add(unit.key)
    for members in by_paragraph.values():
        if len(members) < 2:
            continue
        later = next((matches[i] for i in members[1:] if matches[i] is not None), None)
        if later is None:
            continue
        if expected[members[0]].key not in merged_keys[merged[later].paragraph]:
            lost += 1
    return lost


@dataclass
class Measure:
    exact: bool
    exact_ws: bool
    expected_units: int
    merged_units: int
    matched: int
    pairs: int
    ordered: int
    lookalike_extra: int
    dangling_extra: int
    sections_out_of_order: int
    openings_lost: int
    markers: int
    first_diff: str = ""


def first_difference(expected: str, merged: str) -> str:
    a, b = expected.split("\n"), merged.split("\n")
    for n, (x, y) in enumerate(zip(a, b, strict=False), 1):
        if x != y:
            return f"line {n}: expected {x[:70]!r}, got {y[:70]!r}"
    if len(a) != len(b):
        n = min(len(a), len(b)) + 1
        extra = a[n - 1] if len(a) > len(b) else b[n - 1]
        side = "expected" if len(a) > len(b) else "merge adds"
        return f"line {n}: {side} {extra[:70]!r}"
    return ""


def measure(expected_page: str, merged_page: str) -> Measure:
    front_e, body_e = normalize(expected_page)
    front_m, body_m = normalize(merged_page)
    exact = front_e == front_m and body_e == body_m
    exact_ws = exact or (front_e == front_m and reflow(body_e) == reflow(body_m))
    ue, um = units(body_e), units(body_m)
    matched = sum((Counter(u.key for u in ue) & Counter(u.key for u in um)).values())
    matches = _match(ue, um)
    pairs = ordered = 0
    for i in range(len(ue) - 1):
        a, b = matches[i], matches[i + 1]
        if a is not None and b is not None:
            pairs += 1
            ordered += a < b
    heads = [m for u, m in zip(ue, matches, strict=True) if u.kind == "heading" and m is not None]
    markers = 0
    fence = False
    for line in body_m.split("\n"):
        if re.match(r"^\s*(`{3,}|~{3,})", line):
            fence = not fence
        elif not fence and MARKER_LINE.match(line):
            markers += 1
    diff = ""
    if not exact:
        diff = "front matter differs" if front_e != front_m else first_difference(body_e, body_m)
    return Measure(
        exact=exact,
        exact_ws=exact_ws,
        expected_units=len(ue),
        merged_units=len(um),
        matched=matched,
        pairs=pairs,
        ordered=ordered,
        lookalike_extra=max(0, lookalike_pairs(um) - lookalike_pairs(ue)),
        dangling_extra=max(0, dangling(body_m) - dangling(body_e)),
        sections_out_of_order=len(heads) - _longest_increasing(heads),
        openings_lost=openings_lost(ue, um, matches),
        markers=markers,
        first_diff=diff,
    )


# ---------------------------------------------------------------------------
# Cases


ISOLATED = (
    *cutter.SITE_KINDS,
    *cutter.CONTINUATIONS,
    "reword",
    "short_attempt",
    "repeat_paragraph",
    "repeat_tail",
    "repeat_section",
    "title_line",
    "tail_retry",
    "truncate",
    "truncate_heading",
)


@dataclass
class Result:
    doc: str
    lang: str
    seed: int
    behaviour: str  # "mixed" or the isolated behaviour
    tags: dict[str, int]
    pieces: int
    measure: Measure | None
    error: str = ""
    seconds: float = 0.0
    raw: str = field(default="", repr=False)
    expected: str = field(default="", repr=False)
    merged: str = field(default="", repr=False)

    @property
    def passed(self) -> bool:
        return self.measure is not None and self.measure.exact


_MERGE: Callable[[str], str] | None = None


def _init(spec: str) -> None:
    global _MERGE
    _MERGE = load_merge(spec)


def run_case(job: tuple[str, str, int, str, dict]) -> Result:
    name, text, seed, behaviour, options = job
    exact = options.get("exact", False)
    if behaviour == "mixed":
        config = cutter.Config(exact=exact, cuts=options.get("cuts"))
    elif behaviour == "uncut":
        config = None
    else:
        config = cutter.Config.single(behaviour, exact=exact)
    if config is None:
        page = cutter.canonical(text)
        case = cutter.Case(page, page, page)
    else:
        case = cutter.cut_document(text, cutter.seed_for(name, seed), config)
    lang = "ja" if cutter.is_japanese(text) else "en"
    result = Result(name, lang, seed, behaviour, dict(case.tags), case.pieces, None)
    result.raw, result.expected = case.raw, case.expected
    started = time.perf_counter()
    try:
        merged = _MERGE(case.raw)
    except Exception as error:  # a crash is a result, reported per case
        result.error = f"{type(error).__name__}: {error}"[:300]
        return result
    result.seconds = time.perf_counter() - started
    result.merged = merged
    result.measure = measure(case.expected, merged)
    if behaviour == "uncut":
        result.tags = {"uncut": 1}
    return result


def documents(folders: list[Path]) -> list[tuple[str, str]]:
    docs = []
    for folder in folders:
        paths = [folder] if folder.is_file() else sorted(folder.rglob("*.md"))
        for path in paths:
            text = path.read_text(encoding="utf-8")
            name = str(path.relative_to(folder)) if folder.is_dir() else path.name
            docs.append((f"{folder.name}/{name}", text))
    return docs


# ---------------------------------------------------------------------------
# Summaries


@dataclass
class Summary:
    cases: int = 0
    exact: int = 0
    exact_ws: int = 0
    crashes: int = 0
    expected_units: int = 0
    merged_units: int = 0
    matched: int = 0
    pairs: int = 0
    ordered: int = 0
    lookalike_ok: int = 0
    lookalike_extra: int = 0
    dangling: int = 0
    out_of_order: int = 0
    openings_lost: int = 0
    markers: int = 0

    def add(self, result: Result) -> None:
        self.cases += 1
        m = result.measure
        if m is None:
            self.crashes += 1
            return
        self.exact += m.exact
        self.exact_ws += m.exact_ws
        self.expected_units += m.expected_units
        self.merged_units += m.merged_units
        self.matched += m.matched
        self.pairs += m.pairs
        self.ordered += m.ordered
        self.lookalike_ok += m.lookalike_extra <= 1
        self.lookalike_extra += m.lookalike_extra
        self.dangling += m.dangling_extra
        self.out_of_order += m.sections_out_of_order
        self.openings_lost += m.openings_lost
        self.markers += m.markers

    def figures(self) -> dict[str, float | int]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 1.0

        return {
            "cases": self.cases,
            "exact": ratio(self.exact, self.cases),
            "exact_ws": ratio(self.exact_ws, self.cases),
            "recall": ratio(self.matched, self.expected_units),
            "precision": ratio(self.matched, self.merged_units),
            "order": ratio(self.ordered, self.pairs),
            "lookalike_ok": ratio(self.lookalike_ok, self.cases),
            "lookalike_extra": self.lookalike_extra,
            "dangling": self.dangling,
            "out_of_order": self.out_of_order,
            "openings_lost": self.openings_lost,
            "markers": self.markers,
            "crashes": self.crashes,
        }


COLUMNS = (
    ("cases", "cases", "{}"),
    ("exact", "exact", "{:.1%}"),
    ("exact_ws", "exact ws", "{:.1%}"),
    ("recall", "recall", "{:.4f}"),
    ("precision", "precision", "{:.4f}"),
    ("order", "order", "{:.4f}"),
    ("lookalike_ok", "look-alike ok", "{:.1%}"),
    ("dangling", "dangling", "{}"),
    ("out_of_order", "sections ooo", "{}"),
    ("openings_lost", "openings lost", "{}"),
    ("markers", "markers", "{}"),
    ("crashes", "crashes", "{}"),
)


def table(rows: list[tuple[str, dict]]) -> str:
    head = "| | " + " | ".join(title for _, title, _ in COLUMNS) + " |"
    rule = "| --- |" + " ---: |" * len(COLUMNS)
    lines = [head, rule]
    for label, figures in rows:
        cells = [fmt.format(figures[key]) for key, _, fmt in COLUMNS]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets(figures: dict) -> list[tuple[str, bool]]:
    """The issue's bar for the merge."""
    return [
        ("exact >= 90%", figures["exact"] >= 0.9),
        ("recall >= 0.99", figures["recall"] >= 0.99),
        ("precision >= 0.99", figures["precision"] >= 0.99),
        ("order >= 0.99", figures["order"] >= 0.99),
        ("at most one extra look-alike pair (every case)", figures["lookalike_ok"] == 1.0),
        ("no dangling heading", figures["dangling"] == 0),
        ("no section out of order", figures["out_of_order"] == 0),
        ("no paragraph missing its opening", figures["openings_lost"] == 0),
    ]


def summarize(results: list[Result]) -> dict:
    overall, uncut, steady = Summary(), Summary(), Summary()
    unchanged = {r.doc for r in results if r.behaviour == "uncut" and r.passed}
    by_lang: dict[str, Summary] = defaultdict(Summary)
    by_tag: dict[str, Summary] = defaultdict(Summary)
    by_doc: dict[str, list[bool]] = defaultdict(list)
    for result in results:
        if result.behaviour == "uncut":
            uncut.add(result)
            continue
        overall.add(result)
        if result.doc in unchanged:
            steady.add(result)
        by_lang[result.lang].add(result)
        by_doc[result.doc].append(result.passed)
        tags = result.tags if result.behaviour == "mixed" else {result.behaviour: 1}
        for tag in tags:
            if not tag.startswith("space:") or result.behaviour == "mixed":
                by_tag[tag].add(result)
    docs_all = sum(all(v) for v in by_doc.values())
    return {
        "overall": overall.figures(),
        "documents_all_exact": round(docs_all / len(by_doc), 4) if by_doc else 1.0,
        "documents": len(by_doc),
        "uncut": uncut.figures(),
        "steady": steady.figures(),
        "languages": {k: v.figures() for k, v in sorted(by_lang.items())},
        "behaviours": {
            k: v.figures()
            for k, v in sorted(by_tag.items(), key=lambda kv: kv[1].exact / kv[1].cases)
        },
    }


# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=DEFAULT_FOLDERS)
    parser.add_argument(
        "--merge", default=DEFAULT_MERGE, help="module:function or file.py:function"
    )
    parser.add_argument("--seeds", type=int, default=3, help="cases per document (default 3)")
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--cuts", type=int, default=None, help="cuts per case (default: by size)")
    parser.add_argument(
        "--exact", action="store_true", help="only behaviours whose page is the clean text"
    )
    parser.add_argument("--mode", choices=("mixed", "isolated", "both"), default="mixed")
    parser.add_argument("--json", help="write every figure and case here ('-' for stdout)")
    parser.add_argument("--failures", type=int, default=20, help="failures to list (default 20)")
    parser.add_argument("--save", type=Path, help="write raw/expected/merged of failing cases here")
    parser.add_argument("-j", "--jobs", type=int, default=1)
    args = parser.parse_args(argv)

    docs = documents(args.folders)
    if not docs:
        parser.error("no .md files found")
    options = {"exact": args.exact, "cuts": args.cuts}
    jobs = [(name, text, 0, "uncut", options) for name, text in docs]
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    behaviours = {"mixed": ["mixed"], "isolated": list(ISOLATED), "both": ["mixed", *ISOLATED]}
    for behaviour in behaviours[args.mode]:
        if args.exact and behaviour in ("truncate", "truncate_heading"):
            continue
        jobs += [(name, text, seed, behaviour, options) for name, text in docs for seed in seeds]
    started = time.perf_counter()
    if args.jobs > 1:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            args.jobs, context, initializer=_init, initargs=(args.merge,)
        ) as pool:
            results = list(pool.map(run_case, jobs, chunksize=8))
    else:
        _init(args.merge)
        results = [run_case(job) for job in jobs]
    elapsed = time.perf_counter() - started
    summary = summarize(results)
    summary.update(
        merge=args.merge,
        folders=[str(f) for f in args.folders],
        seeds=list(seeds),
        mode=args.mode,
        exact_mode=args.exact,
        seconds=round(elapsed, 1),
        merge_seconds=round(sum(r.seconds for r in results), 2),
    )

    failing = [r for r in results if not r.passed]
    if args.save:
        for n, result in enumerate(failing):
            stem = re.sub(
                r"[^\w.-]+", "_", f"{n:04d}-{result.doc}-{result.behaviour}-{result.seed}"
            )
            for part in ("raw", "expected", "merged"):
                path = args.save / f"{stem}.{part}.md"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(getattr(result, part), encoding="utf-8")
    if args.json:
        cases = []
        for r in results:
            record = asdict(r)
            for part in ("raw", "expected", "merged"):
                record.pop(part)
            cases.append(record)
        payload = json.dumps({"summary": summary, "cases": cases}, ensure_ascii=False, indent=1)
        if args.json == "-":
            print(payload)
            return 0
        Path(args.json).write_text(payload, encoding="utf-8")

    print(f"merge: {args.merge}; {len(docs)} documents, {len(results)} cases in {elapsed:.1f}s")
    if failing:
        print(f"\nfailures ({len(failing)}; first {min(args.failures, len(failing))}):")
        for r in failing[: args.failures]:
            what = r.error or r.measure.first_diff
            print(f"  {r.doc} [{r.behaviour} seed {r.seed}]: {what}")
    rows = [
        ("all", summary["overall"]),
        ("uncut", summary["uncut"]),
        ("steady docs", summary["steady"]),
    ]
    rows += [(lang, figures) for lang, figures in summary["languages"].items()]
    print("\n" + table(rows))
    print(
        "\nuncut: each document merged as it is. steady docs: the cut cases of the documents"
        " that come back unchanged uncut."
    )
    print(f"documents exact under every seed: {summary['documents_all_exact']:.1%}")
    print("\nper behaviour (cases carrying the tag):\n")
    print(table(list(summary["behaviours"].items())))
    print("\ntargets (issue 10):")
    for label, ok in targets(summary["overall"]):
        print(f"  [{'x' if ok else ' '}] {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
