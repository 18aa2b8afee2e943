"""Site builds: our extension against plain myst-parser, ABlog and sphinx-tags.

    python benchmarks/bench_site.py                          # N = 500, three runs each
    python benchmarks/bench_site.py --sizes 100,500,1000 --json site.json
    python benchmarks/bench_site.py --only myst,parallel --repeat 5

One corpus of ``--articles`` raw articles is written by ``corpus.py`` into a
temporary folder outside the repository, and every tool builds HTML from it
with ``python -m sphinx -q -b html SRC OUT`` in a fresh process:

- ours: the raw articles, ``extensions = ["mystitch"]`` and ``html_baseurl``
  (so the feeds and the sharing tags are written, as on a published site);
- ours, no workers: the same with ``-D mystitch_merge_workers=0``, each
  article merged in the reading process (what merging ahead saves);
- myst: the same articles merged beforehand by ``mystitch.lint.merge.merge_text``
  (outside the timing), ``extensions = ["myst_parser"]``. Every page is
  marked orphan and the root page links nothing: our extension does the
  same for articles, and a toctree of every article would make every page
  carry the whole site (see docs/site.md);
- ablog and sphinx-tags: the merged articles with the front matter or the
  directive each one needs, in a venv of their own with the pinned versions
  below and the same Sphinx, myst-parser and docutils as here.

All builds of a round go one after the other (every tool once, then again),
so a noisy moment hits all tools rather than one. Each build is timed inside
a small wrapper process, so that its peak memory is its own: wall seconds
(``time.perf_counter`` around the build), CPU seconds and the peak RSS of the
largest process of the build (``RUSAGE_CHILDREN``). Documents read are the
doctrees written, pages the HTML files written.

Then ``-j 2`` against ``-j 1`` for ours, a rebuild after appending one
sentence to one article and after adding one tag to it (documents re-read
and pages rewritten, counted by their modification times), and our build at
every size of ``--sizes``: time per article against the smallest size.
Absolute times on shared machines are noisy; compare ratios.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from corpus import generate  # noqa: E402

from mystitch.lint.merge import merge_text  # noqa: E402

# Pinned peer versions: change them here, and the cache venv is rebuilt on
# the next run. Sphinx, myst-parser and docutils are pinned to the versions
# of this environment, so that every tool runs on the same Sphinx.
PEER_PINS = ("ablog==0.11.13", "sphinx-tags==0.4")
SHARED = ("sphinx", "myst-parser", "docutils")
INSTALL_TIMEOUT = 900  # seconds
BUILD_TIMEOUT = 3600  # seconds for one build
NEW_TAG = "incremental-benchmark"
STEPS = ("ours", "no-workers", "myst", "ablog", "sphinx-tags", "parallel", "incremental", "sizes")


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mystitch-bench"


# ---------------------------------------------------------------------------
# The peers' venv


def peer_pins() -> list[str]:
    shared = [f"{name}=={importlib.metadata.version(name)}" for name in SHARED]
    return [*PEER_PINS, *shared]


def peers_python(cache: Path) -> tuple[Path | None, str]:
    """The peers' interpreter, installed if needed; (None, reason) when it cannot be."""
    venv = cache / "site-peers-venv"
    python = venv / "bin" / "python"
    stamp = venv / "pinned.txt"  # written only after a successful install
    pins = "\n".join(peer_pins())
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == pins:
        return python, "installed"
    steps = (
        [sys.executable, "-m", "venv", "--clear", str(venv)],
        [str(python), "-m", "pip", "install", "--quiet", *peer_pins()],
    )
    for argv in steps:
        try:
            subprocess.run(
                argv, check=True, capture_output=True, text=True, timeout=INSTALL_TIMEOUT
            )
        except (OSError, subprocess.SubprocessError) as exc:
            lines = str(getattr(exc, "stderr", "") or exc).strip().splitlines()
            return None, f"not installed: {lines[-1] if lines else exc}"
    stamp.write_text(pins, encoding="utf-8")
    return python, "installed"


# ---------------------------------------------------------------------------
# Sources for each tool (written outside the timing)


def _conf(folder: Path, text: str) -> None:
    (folder / "conf.py").write_text(text, encoding="utf-8")


def raw_articles(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.suffix == ".md")


def source_ours(corpus: Path, folder: Path) -> None:
    folder.mkdir(parents=True)
    for path in raw_articles(corpus):
        shutil.copy2(path, folder / path.name)
    _conf(folder, 'extensions = ["mystitch"]\nhtml_baseurl = "https://bench.example/"\n')


def split_page(text: str) -> tuple[dict, str]:
    """Front matter and body of a merged page (merge_text writes both)."""
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front) or {}, body


def page(front: dict, body: str) -> str:
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n{body}"


def merged_pages(corpus: Path) -> dict[str, tuple[dict, str]]:
    pages = {}
    for path in raw_articles(corpus):
        merged = merge_text(path.read_text(encoding="utf-8"), str(path)).text
        pages[path.name] = split_page(merged)
    return pages


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value or ()]


def _day(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value)[:10]


def for_myst(front: dict, body: str) -> str:
    return page({**front, "orphan": True}, body)


def for_ablog(front: dict, body: str) -> str:
    # ABlog's own keys; no author, so that it builds no author pages we lack.
    post = {
        "blogpost": True,
        "date": _day(front.get("date", "")),
        "tags": ", ".join(_names(front.get("tags"))),
        "category": ", ".join(_names(front.get("categories"))),
    }
    return page(post, body)


def for_sphinx_tags(front: dict, body: str) -> str:
    # sphinx-tags reads a {tags} directive, which goes under the title.
    title, _, rest = body.lstrip("\n").partition("\n")
    tags = "```{tags} " + ", ".join(_names(front.get("tags"))) + "\n```\n"
    return page({**front, "orphan": True}, f"\n{title}\n\n{tags}{rest}")


PEER_CONF = {
    "myst": ('extensions = ["myst_parser"]\n', "# Articles\n"),
    "ablog": (
        'extensions = ["myst_parser", "ablog"]\nblog_title = "Articles"\n',
        "# Articles\n\n```{postlist} 10\n:excerpts:\n```\n",
    ),
    "sphinx-tags": (
        'extensions = ["myst_parser", "sphinx_tags"]\n'
        'tags_create_tags = True\ntags_extension = ["md"]\n',
        "# Articles\n\n```{toctree}\n_tags/tagsindex\n```\n",
    ),
}
CONVERT: dict[str, Callable[[dict, str], str]] = {
    "myst": for_myst,
    "ablog": for_ablog,
    "sphinx-tags": for_sphinx_tags,
}


def source_peer(tool: str, pages: dict[str, tuple[dict, str]], folder: Path) -> None:
    """The merged articles as ``tool`` needs them, with a root page and conf.py."""
    folder.mkdir(parents=True)
    for name, (front, body) in pages.items():
        (folder / name).write_text(CONVERT[tool](front, body), encoding="utf-8")
    conf, index = PEER_CONF[tool]
    _conf(folder, conf)
    (folder / "index.md").write_text(index, encoding="utf-8")


# ---------------------------------------------------------------------------
# One timed build


def time_one(log: Path, argv: list[str]) -> dict[str, object]:
    """Run one build and time it; this process has no other child."""
    with log.open("wb") as out:
        start = time.perf_counter()
        returncode = subprocess.run(
            argv, stdout=out, stderr=subprocess.STDOUT, timeout=BUILD_TIMEOUT
        ).returncode
        seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "max_proc_mb": usage.ru_maxrss / 1024,  # KiB on Linux
        "returncode": returncode,
    }


def files(folder: Path, suffix: str) -> dict[str, int]:
    """Modification times of the files with ``suffix`` under ``folder``."""
    if not folder.is_dir():
        return {}
    return {str(p): p.stat().st_mtime_ns for p in folder.rglob(f"*{suffix}")}


@dataclass
class Build:
    name: str  # row label
    python: Path | None
    src: Path
    out: Path
    jobs: int = 1
    articles: int = 0
    fresh_src: Path | None = None  # copied to src before every run (sphinx-tags)
    defines: tuple[str, ...] = ()  # -D settings
    status: str = "ok"
    runs: list[dict] = field(default_factory=list)

    def argv(self) -> list[str]:
        assert self.python is not None
        options = ["-q", "-j", str(self.jobs), "-b", "html"]
        for setting in self.defines:
            options += ["-D", setting]
        return [str(self.python), "-m", "sphinx", *options, str(self.src), str(self.out)]


def run_build(build: Build, log: Path, before: tuple[dict, dict] | None = None) -> dict:
    """One build in a wrapper process; counts what it read and wrote.

    ``before`` holds the doctree and page times of an earlier build: then
    only the files it rewrote are counted.
    """
    wrapper = [sys.executable, __file__, "--time-one", str(log), "--"]
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    done = subprocess.run(
        [*wrapper, *build.argv()],
        env={**os.environ, "PYTHONPATH": path},
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(done.stdout)
    doctrees = files(build.out / ".doctrees", ".doctree")
    pages = files(build.out, ".html")
    old_doctrees, old_pages = before or ({}, {})
    result["read"] = sum(1 for p, t in doctrees.items() if old_doctrees.get(p) != t)
    result["written"] = sum(1 for p, t in pages.items() if old_pages.get(p) != t)
    result["warnings"] = log.read_text(encoding="utf-8", errors="replace").count("WARNING:")
    if result["returncode"]:
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        result["error_tail"] = " | ".join(tail)
    return result


def fresh_run(build: Build, log: Path) -> None:
    shutil.rmtree(build.out, ignore_errors=True)
    if build.fresh_src is not None:
        # sphinx-tags writes its pages into the source folder: a new copy each run.
        shutil.rmtree(build.src, ignore_errors=True)
        shutil.copytree(build.fresh_src, build.src)
    result = run_build(build, log)
    build.runs.append(result)
    if result["returncode"]:
        build.status = f"failed: {result.get('error_tail', '')}"[:200]


# ---------------------------------------------------------------------------
# Incremental rebuilds


def pick_article(src: Path) -> Path:
    """An article in the middle of the corpus, not a copy saved again."""
    candidates = [p for p in sorted(src.glob("*.md")) if "saved-again" not in p.name]
    return candidates[len(candidates) // 2]


def append_sentence(path: Path) -> None:
    japanese = "-ja-" in path.name
    sentence = (
        "追記：この記事は公開後に更新しました。"
        if japanese
        else "Update: this article was revised."
    )
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")


def add_tag(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(r"^tags: \[", f'tags: ["{NEW_TAG}", ', text, count=1, flags=re.M)
    if not count:
        raise ValueError(f"{path.name} has no 'tags: [...]' line")
    path.write_text(new, encoding="utf-8")


EDITS = {"append a sentence": append_sentence, "add one tag": add_tag}


def incremental(build: Build, repeat: int, tmp: Path) -> list[dict]:
    """A fresh build kept as a snapshot; each run restores it, edits, rebuilds."""
    work = build.src.parent
    snapshot = tmp / "snapshot"
    fresh_run(build, tmp / "incremental.log")
    shutil.copytree(work, snapshot)  # copy2 keeps the times Sphinx compares
    before = (files(build.out / ".doctrees", ".doctree"), files(build.out, ".html"))
    target = pick_article(build.src)
    rows = []
    for label, edit in EDITS.items():
        runs = []
        for _ in range(repeat):
            shutil.rmtree(work)
            shutil.copytree(snapshot, work)
            edit(target)
            runs.append(run_build(build, tmp / "incremental.log", before))
        rows.append({"edit": label, "article": target.name, "runs": runs})
    shutil.rmtree(snapshot)
    return [{"edit": "none (fresh build)", "article": "", "runs": build.runs}, *rows]


# ---------------------------------------------------------------------------
# Summaries


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def summary(build: Build) -> dict:
    row = {"name": build.name, "articles": build.articles, "jobs": build.jobs}
    row["status"] = build.status
    if build.status != "ok" or not build.runs:
        return row
    runs = build.runs
    row.update(
        seconds=median(runs, "seconds"),
        best_seconds=min(r["seconds"] for r in runs),
        cpu_seconds=median(runs, "cpu_seconds"),
        max_proc_mb=max(r["max_proc_mb"] for r in runs),
        read=runs[-1]["read"],
        written=runs[-1]["written"],
        warnings=runs[-1]["warnings"],
        runs=runs,
    )
    return row


def ratio(a: dict, b: dict, key: str, per: str | None = None) -> float | None:
    if a.get("status") != "ok" or b.get("status") != "ok":
        return None
    left = a[key] / a[per] if per else a[key]
    right = b[key] / b[per] if per else b[key]
    return left / right


def _fmt(value: object, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def print_builds(rows: list[dict], ours: dict) -> None:
    head = (
        f"{'build':<18} {'N':>5} {'-j':>2} {'read':>5} {'pages':>5} {'median s':>9} "
        f"{'best s':>7} {'CPU s':>7} {'MB':>5} {'x ours':>6} {'x ours CPU':>10} "
        f"{'x ours/doc':>10} {'x ours/page':>11}"
    )
    print(head)
    for row in rows:
        if row["status"] != "ok":
            print(f"{row['name']:<18} {row['articles']:>5} {row['jobs']:>2}  {row['status']}")
            continue
        print(
            f"{row['name']:<18} {row['articles']:>5} {row['jobs']:>2} {row['read']:>5} "
            f"{row['written']:>5} {row['seconds']:>9.2f} {row['best_seconds']:>7.2f} "
            f"{row['cpu_seconds']:>7.2f} {row['max_proc_mb']:>5.0f} "
            f"{_fmt(ratio(row, ours, 'seconds'), '.2f'):>6} "
            f"{_fmt(ratio(row, ours, 'cpu_seconds'), '.2f'):>10} "
            f"{_fmt(ratio(row, ours, 'seconds', 'read'), '.2f'):>10} "
            f"{_fmt(ratio(row, ours, 'seconds', 'written'), '.2f'):>11}"
        )


def print_incremental(rows: list[dict]) -> None:
    fresh = median(rows[0]["runs"], "seconds")
    print(f"{'rebuild after':<20} {'read':>5} {'pages':>5} {'median s':>9} {'x fresh':>8}")
    for row in rows:
        seconds = median(row["runs"], "seconds")
        last = row["runs"][-1]
        print(
            f"{row['edit']:<20} {last['read']:>5} {last['written']:>5} "
            f"{seconds:>9.2f} {seconds / fresh:>8.2f}"
        )


def print_sizes(rows: list[dict]) -> None:
    base = rows[0]["seconds"] / rows[0]["articles"]
    base_doc = rows[0]["seconds"] / rows[0]["read"]
    print(f"{'N':>5} {'read':>5} {'median s':>9} {'s/article':>9} {'ratio':>6} {'s/doc ratio':>11}")
    for row in rows:
        per = row["seconds"] / row["articles"]
        per_doc = row["seconds"] / row["read"] / base_doc
        print(
            f"{row['articles']:>5} {row['read']:>5} {row['seconds']:>9.2f} "
            f"{per:>9.3f} {per / base:>6.2f} {per_doc:>11.2f}"
        )


# ---------------------------------------------------------------------------
# The whole run


def plan(args: argparse.Namespace, tmp: Path, cache: Path) -> tuple[dict[str, list[Build]], dict]:
    """Corpora, sources and the builds of each step (only the merge is timed)."""
    only = set(args.only.split(",")) if args.only else set(STEPS)
    notes: dict[str, float] = {}
    sizes = sorted({args.articles, *(int(s) for s in args.sizes.split(",") if s.strip())})
    corpora = {}
    for n in sizes if "sizes" in only else [args.articles]:
        corpora[n] = tmp / f"corpus{n}"
        generate(corpora[n], n, args.seed)
    n = args.articles
    here = Path(sys.executable)

    def ours(size: int, jobs: int, name: str, *defines: str) -> Build:
        src = tmp / f"{name}-src" / "src"
        source_ours(corpora[size], src)
        return Build(name, here, src, src.parent / "out", jobs, size, defines=defines)

    steps: dict[str, list[Build]] = {"ours": [ours(n, 1, "ours")]}
    if "no-workers" in only:
        # The merge in the reading process: what merging ahead saves.
        steps["no-workers"] = [ours(n, 1, "ours, no workers", "mystitch_merge_workers=0")]
    peers = [t for t in ("myst", "ablog", "sphinx-tags") if t in only]
    if peers:
        # Timed because plain myst is spared it: part of our overhead is this.
        start = time.process_time()
        pages = merged_pages(corpora[n])
        notes["merge_cpu_seconds"] = time.process_time() - start
        python, status = peers_python(cache) if {"ablog", "sphinx-tags"} & only else (None, "")
        for tool in peers:
            src = tmp / tool / ("fresh" if tool == "sphinx-tags" else "src")
            source_peer(tool, pages, src)
            build = Build(tool, here if tool == "myst" else python, src, tmp / tool / "out")
            build.articles = n
            if tool == "sphinx-tags":
                build.fresh_src, build.src = src, tmp / tool / "src"
            if build.python is None:
                build.status = status
            steps.setdefault("peers", []).append(build)
    if "parallel" in only:
        steps["parallel"] = [ours(n, 2, "ours -j 2")]
        myst = next((b for b in steps.get("peers", []) if b.name == "myst"), None)
        if myst is not None:
            # The yardstick: what -j 2 gains plain myst-parser here.
            steps["parallel"].append(
                Build("myst -j 2", here, myst.src, tmp / "myst-j2" / "out", 2, n)
            )
    if "sizes" in only:
        steps["sizes"] = [ours(size, 1, f"ours N={size}") for size in sizes if size != n]
    if "incremental" in only:
        steps["incremental"] = [ours(n, 1, "ours incremental")]
    return steps, notes


def run(args: argparse.Namespace, tmp: Path) -> dict[str, object]:
    steps, notes = plan(args, tmp, cache_root())
    timed = [
        b
        for key in ("ours", "no-workers", "peers", "parallel", "sizes")
        for b in steps.get(key, [])
    ]
    for round_ in range(args.repeat):
        for build in timed:
            if build.status == "ok":
                print(f"round {round_ + 1}: {build.name}", file=sys.stderr, flush=True)
                fresh_run(build, tmp / f"{build.name.replace(' ', '_')}.log")
    results: dict[str, object] = {"builds": [summary(b) for b in timed]}
    ours = results["builds"][0]
    print()
    print_builds(results["builds"], ours)
    myst = next((r for r in results["builds"] if r["name"] == "myst"), None)
    if myst and myst["status"] == "ok":
        results["overhead"] = overhead(ours, myst)
        print("\nours / plain myst: " + _ratios(results["overhead"]))
        alone = next((r for r in results["builds"] if r["name"] == "ours, no workers"), None)
        if alone:
            results["overhead_no_workers"] = overhead(alone, myst)
            print("ours, no workers / plain myst: " + _ratios(results["overhead_no_workers"]))
        merge = results["merge_cpu_seconds"] = notes["merge_cpu_seconds"]
        extra = ours["cpu_seconds"] - myst["cpu_seconds"]
        print(
            f"merge_text on the {args.articles} articles, one process, outside Sphinx: "
            f"{merge:.2f} CPU s; ours took {extra:.2f} CPU s more than plain myst"
        )
    if "parallel" in steps:
        speedup = ours["seconds"] / summary(steps["parallel"][0])["seconds"]
        results["parallel_speedup"] = speedup
        line = f"-j 2 speed-up (-j 1 s / -j 2 s): ours {speedup:.2f}"
        if myst and myst["status"] == "ok" and len(steps["parallel"]) > 1:
            theirs = myst["seconds"] / summary(steps["parallel"][1])["seconds"]
            results["parallel_speedup_myst"] = theirs
            line += f", plain myst {theirs:.2f}"
        print(line)
    if "incremental" in steps:
        print("\nincremental rebuild, ours, N =", args.articles)
        print("round 1..: incremental", file=sys.stderr, flush=True)
        rows = incremental(steps["incremental"][0], args.repeat, tmp)
        results["incremental"] = rows
        print_incremental(rows)
    if "sizes" in steps:
        sized = sorted([ours, *map(summary, steps["sizes"])], key=lambda r: r["articles"])
        results["sizes"] = sized
        print("\nlinearity, ours -j 1")
        print_sizes(sized)
    return results


def overhead(build: dict, myst: dict) -> dict[str, float | None]:
    """A build's cost against plain myst-parser's: whole, and per document and page."""
    return {
        "wall": ratio(build, myst, "seconds"),
        "cpu": ratio(build, myst, "cpu_seconds"),
        "per_doc_read": ratio(build, myst, "seconds", "read"),
        "per_page_written": ratio(build, myst, "seconds", "written"),
    }


def _ratios(values: dict[str, float | None]) -> str:
    return ", ".join(f"{k.replace('_', ' ')} {_fmt(v, '.2f')}" for k, v in values.items())


def header(args: argparse.Namespace) -> str:
    versions = ", ".join(f"{n} {importlib.metadata.version(n)}" for n in SHARED)
    return (
        f"site builds, {os.cpu_count()} cores, Python {platform.python_version()}, {versions}; "
        f"peers {', '.join(PEER_PINS)}; median of {args.repeat} runs, seed {args.seed}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500, help="articles for the comparison")
    parser.add_argument("--sizes", default="100,500", help="sizes for the linearity check")
    parser.add_argument("--repeat", type=int, default=3, help="runs per build (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--only", help=f"comma-separated steps among {','.join(STEPS)}")
    parser.add_argument("--time-one", type=Path, help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args(argv)

    if args.time_one:
        print(json.dumps(time_one(args.time_one, rest[1:] if rest[:1] == ["--"] else rest)))
        return
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    unknown = set(args.only.split(",")) - set(STEPS) if args.only else set()
    if unknown:
        parser.error(f"--only: unknown steps {', '.join(sorted(unknown))}")
    sys.stdout.reconfigure(line_buffering=True)  # tables and progress in order
    print(header(args))
    with tempfile.TemporaryDirectory(prefix="mystitch-site-") as name:
        results = run(args, Path(name))
    results.update(
        python=platform.python_version(), cores=os.cpu_count(), date=time.strftime("%Y-%m-%d")
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
