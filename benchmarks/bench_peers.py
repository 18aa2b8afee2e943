"""mystitch-lint against peer Markdown linters, side by side on the same corpus.

    python benchmarks/bench_peers.py                         # N = 100 and 1,000, three runs
    python benchmarks/bench_peers.py --sizes 100,1000,5000 --timeout 900 --json peers.json
    python benchmarks/bench_peers.py --only mystitch-lint,markdownlint-cli2 --skip-install

For each size one corpus is written by ``corpus.py`` into a temporary folder
outside the repository, and every tool lints the same ``*.md`` files as a
whole command in a subprocess: start-up, file discovery and output count for
all of them alike. Runs go round-robin (every tool once, then again), so
a noisy moment hits all tools rather than one.

The peers are installed on demand, at the versions pinned below, into
``${XDG_CACHE_HOME:-~/.cache}/mystitch-bench/`` (an npm prefix for the Node
tools, a venv for pymarkdown); nothing is installed into the repository or
the current environment. A peer that cannot be installed is reported as such
and the others go on. Their configuration files are in ``benchmarks/peers/``.

Each run is timed inside a small wrapper process of its own, so that the
memory figures are that run's alone:

- wall-clock seconds (median and best of the runs), files/s, MB/s;
- CPU seconds of the whole process tree (user + system, ``RUSAGE_CHILDREN``);
  our linter uses a pool of one process per core, the peers one process;
- "max proc MB": the peak RSS of the largest single process of the tree
  (``RUSAGE_CHILDREN.ru_maxrss``, exact, but not a sum);
- "tree MB": the largest sum of the RSS of every process of the tree,
  sampled from ``/proc`` five times a second (Linux only; can miss a peak
  shorter than the interval);
- findings: output lines that look like a finding, counted after the run.

Ratios: each tool's median against ours at the same size ("x ours", above
1.0 means slower than us), and each tool's time per file against its own at
the smallest size (near 1.0 means linear). Peers exit non-zero when they
find something; that is expected and not an error.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PEERS = HERE / "peers"
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402

# Pinned peer versions: change them here, and the cache is brought in line
# on the next run.
NPM_PINS = {
    "markdownlint-cli2": {"markdownlint-cli2": "0.24.1"},
    "textlint": {"textlint": "15.8.0", "textlint-rule-preset-ja-technical-writing": "12.0.2"},
}
PIP_PINS = {"pymarkdown": "pymarkdownlnt==0.9.41"}

INSTALL_TIMEOUT = 900  # seconds for one npm or pip install
SAMPLE_EVERY = 0.2  # seconds between /proc samples of the process tree
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20 if hasattr(os, "sysconf") else 4096 / 2**20


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mystitch-bench"


# ---------------------------------------------------------------------------
# Installing the peers


def _run_install(argv: list[str]) -> str | None:
    """Run an install command; None when it worked, else a one-line reason."""
    try:
        subprocess.run(argv, check=True, capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
    except FileNotFoundError:
        return f"{argv[0]} not found"
    except subprocess.TimeoutExpired:
        return f"install timed out after {INSTALL_TIMEOUT} s"
    except subprocess.CalledProcessError as exc:
        lines = [line for line in (exc.stderr or exc.stdout or "").splitlines() if line.strip()]
        return f"install failed: {lines[-1] if lines else f'exit {exc.returncode}'}"
    return None


def _npm_version(prefix: Path, package: str) -> str | None:
    manifest = prefix / "node_modules" / package / "package.json"
    try:
        return json.loads(manifest.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def npm_ready(tool: str, cache: Path, install: bool) -> str | None:
    """The tool's pinned npm packages are in the cache prefix (installed if allowed)."""
    prefix = cache / "npm"
    pins = NPM_PINS[tool]
    if all(_npm_version(prefix, name) == version for name, version in pins.items()):
        return None
    if not install:
        return "not installed (--skip-install)"
    if shutil.which("npm") is None:
        return "npm not found"
    prefix.mkdir(parents=True, exist_ok=True)
    specs = [f"{name}@{version}" for name, version in pins.items()]
    flags = ["--no-audit", "--no-fund", "--save-exact", "--loglevel=error"]
    return _run_install(["npm", "install", "--prefix", str(prefix), *flags, *specs])


def pip_ready(tool: str, cache: Path, install: bool) -> str | None:
    """The tool's pinned PyPI package is in its own venv in the cache."""
    venv = cache / f"{tool}-venv"
    stamp = venv / "pinned.txt"  # written only after a successful install
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == PIP_PINS[tool]:
        return None
    if not install:
        return "not installed (--skip-install)"
    error = _run_install([sys.executable, "-m", "venv", "--clear", str(venv)])
    error = error or _run_install(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", PIP_PINS[tool]]
    )
    if error is None:
        stamp.write_text(PIP_PINS[tool], encoding="utf-8")
    return error


# ---------------------------------------------------------------------------
# The tools. Each command runs with the corpus folder as working directory.


@dataclass(frozen=True)
class Tool:
    name: str
    version: str
    checks: str  # one line for the table's legend
    finding: re.Pattern[str]  # an output line that is one finding, or the total
    ready: Callable[[Path, bool], str | None]  # None, or why the tool cannot run
    command: Callable[[Path], list[str]]  # argv, given the cache root


def _ours_command(cache: Path) -> list[str]:
    # The work tree's linter, whatever is installed: -m lint with the
    # repository first on the path. --quiet drops the summary line only.
    return [sys.executable, "-m", "mystitch.lint", "--quiet", "."]


def _markdownlint_command(cache: Path) -> list[str]:
    binary = cache / "npm" / "node_modules" / ".bin" / "markdownlint-cli2"
    return [str(binary), "--config", str(PEERS / ".markdownlint-cli2.jsonc"), "*.md"]


def _textlint_command(cache: Path) -> list[str]:
    modules = cache / "npm" / "node_modules"
    return [
        str(modules / ".bin" / "textlint"),
        "--config",
        str(PEERS / ".textlintrc.yml"),
        "--rules-base-directory",
        str(modules),  # the preset lives in the cache, not beside the files
        "--format",
        "unix",  # one line per finding
        "*.md",
    ]


def _pymarkdown_command(cache: Path) -> list[str]:
    binary = cache / "pymarkdown-venv" / "bin" / "pymarkdown"
    return [str(binary), "--config", str(PEERS / "pymarkdown.yml"), "scan", "."]


def _ours_version() -> str:
    from mystitch.lint import __version__

    return __version__


TOOLS = (
    Tool(
        "mystitch-lint",
        _ours_version(),
        "fragment leftovers: markers, cut sentences, repeats within and across files, front matter",
        re.compile(r"^\S.*:\d+:\d+: [A-Z]+\d{3} "),
        lambda cache, install: None,
        _ours_command,
    ),
    Tool(
        "markdownlint-cli2",
        NPM_PINS["markdownlint-cli2"]["markdownlint-cli2"],
        "Markdown syntax and style, default rules (MD001-MD059)",
        re.compile(r"^\S.*:\d+(?::\d+)? .*\bMD\d{3}/"),
        functools.partial(npm_ready, "markdownlint-cli2"),
        _markdownlint_command,
    ),
    Tool(
        "textlint",
        NPM_PINS["textlint"]["textlint"],
        "Japanese prose style: preset-ja-technical-writing "
        + NPM_PINS["textlint"]["textlint-rule-preset-ja-technical-writing"],
        # Its messages can span lines: count its own total ("374 problems").
        re.compile(r"^(\d+) problems?\b"),
        functools.partial(npm_ready, "textlint"),
        _textlint_command,
    ),
    Tool(
        "pymarkdown",
        PIP_PINS["pymarkdown"].split("==")[1],
        "Markdown syntax and style, default rules, front-matter extension on",
        re.compile(r"^\S.*:\d+:\d+: MD\d{3}"),
        functools.partial(pip_ready, "pymarkdown"),
        _pymarkdown_command,
    ),
)
OURS = TOOLS[0].name


# ---------------------------------------------------------------------------
# One timed run, in a wrapper process of its own (see --time-one)


def _process_table() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, RSS pages) of every process, from /proc."""
    table: dict[int, tuple[int, int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone since the scan began
        table[int(entry.name)] = (int(fields[1]), int(fields[21]))  # ppid, rss
    return table


def tree_rss_mb(root: int) -> float:
    table = _process_table()
    tree, grown = {root}, True
    while grown:  # children can be listed before their parents
        before = len(tree)
        tree.update(pid for pid, (ppid, _) in table.items() if ppid in tree)
        grown = len(tree) > before
    return sum(table[pid][1] for pid in tree if pid in table) * PAGE_MB


class TreeSampler(threading.Thread):
    """Largest summed RSS of a process tree, sampled until stopped."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.peak, self.done = root, 0.0, threading.Event()
        self.enabled = os.path.isdir("/proc")

    def run(self) -> None:
        while self.enabled and not self.done.wait(SAMPLE_EVERY):
            self.peak = max(self.peak, tree_rss_mb(self.root))


def time_one(argv: list[str], timeout: float, output: Path) -> dict[str, object]:
    """Run ``argv`` once with its output in ``output``; time, CPU and memory."""
    with output.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        sampler = TreeSampler(process.pid)
        sampler.start()
        timed_out = False
        try:
            returncode = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the whole tool, workers included
            returncode, timed_out = process.wait(), True
        seconds = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "max_proc_mb": usage.ru_maxrss / 1024,  # KiB on Linux
        "tree_mb": sampler.peak if sampler.enabled else None,
        "returncode": returncode,
        "timed_out": timed_out,
    }


def run_timed(tool: Tool, cache: Path, folder: Path, timeout: float) -> dict[str, object]:
    """``time_one`` in a fresh interpreter, then count the findings it wrote."""
    with tempfile.NamedTemporaryFile(prefix="mystitch-peer-", suffix=".out") as out:
        wrapper = [sys.executable, __file__, "--time-one", out.name, "--timeout", str(timeout)]
        path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
        done = subprocess.run(
            [*wrapper, "--", *tool.command(cache)],
            cwd=folder,
            env={**os.environ, "PYTHONPATH": path},
            check=True,
            capture_output=True,
            text=True,
        )
        result = json.loads(done.stdout)
        result["findings"] = count_findings(Path(out.name), tool.finding)
        if result["returncode"] not in (0, 1) and not result["timed_out"]:
            result["error_tail"] = _tail(Path(out.name))
    return result


def count_findings(output: Path, pattern: re.Pattern[str]) -> int:
    """Lines that match, or the number a total line gives (a pattern with a group)."""
    count = 0
    with output.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            match = pattern.match(line)
            if match:
                count = int(match[1]) if pattern.groups else count + 1
    return count


def _tail(output: Path, lines: int = 3) -> str:
    text = output.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return " | ".join(text[-lines:])


# ---------------------------------------------------------------------------
# Sizes, tools, runs


def corpus_stats(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.iterdir() if p.suffix == ".md"]
    return len(files), sum(p.stat().st_size for p in files)


def measure_size(
    tools: list[Tool], cache: Path, folder: Path, repeat: int, timeout: float, once_over: float
) -> dict[str, list[dict]]:
    """Every tool ``repeat`` times, round-robin.

    A tool that times out stops; one whose first run took more than
    ``once_over`` seconds runs once, so a slow peer cannot take the hour.
    """
    runs: dict[str, list[dict]] = {tool.name: [] for tool in tools}
    for round_ in range(repeat):
        for tool in tools:
            done = runs[tool.name]
            if done and (done[-1]["timed_out"] or done[0]["seconds"] > once_over):
                continue
            print(f"  {tool.name} at {folder.name}, run {round_ + 1}", file=sys.stderr, flush=True)
            done.append(run_timed(tool, cache, folder, timeout))
    return runs


def summarise(tool: Tool, n: int, files: int, size: int, runs: list[dict]) -> dict:
    row: dict[str, object] = {"tool": tool.name, "version": tool.version, "n": n}
    row.update(files=files, mb=size / 1e6, runs=runs)
    if any(r["timed_out"] for r in runs):
        return {**row, "status": "timed out"}
    if any("error_tail" in r for r in runs):
        failed = next(r for r in runs if "error_tail" in r)
        return {**row, "status": f"failed (exit {failed['returncode']}): {failed['error_tail']}"}
    seconds = statistics.median(r["seconds"] for r in runs)
    trees = [r["tree_mb"] for r in runs if r["tree_mb"] is not None]
    return {
        **row,
        "status": "ok",
        "run_count": len(runs),
        "seconds": seconds,
        "best_seconds": min(r["seconds"] for r in runs),
        "cpu_seconds": statistics.median(r["cpu_seconds"] for r in runs),
        "files_per_s": files / seconds,
        "mb_per_s": size / 1e6 / seconds,
        "findings": runs[-1]["findings"],
        "max_proc_mb": max(r["max_proc_mb"] for r in runs),
        "tree_mb": max(trees) if trees else None,
    }


def add_ratios(rows: list[dict]) -> None:
    """Against ours at the same size, and against the tool's own smallest size."""
    ok = [r for r in rows if r["status"] == "ok"]
    ours = {r["n"]: r for r in ok if r["tool"] == OURS}
    first: dict[str, dict] = {}
    for row in sorted(ok, key=lambda r: r["n"]):
        base = first.setdefault(row["tool"], row)
        row["per_file_ratio"] = (row["seconds"] / row["files"]) / (base["seconds"] / base["files"])
        if row["n"] in ours:
            row["x_ours"] = row["seconds"] / ours[row["n"]]["seconds"]
            row["x_ours_cpu"] = row["cpu_seconds"] / ours[row["n"]]["cpu_seconds"]


def run_all(
    tools: list[Tool], cache: Path, sizes: list[int], args: argparse.Namespace
) -> list[dict]:
    rows: list[dict] = []
    stopped: set[str] = set()  # timed out at a smaller size: larger ones would too
    with tempfile.TemporaryDirectory(prefix="mystitch-peers-") as tmp:
        for n in sizes:
            folder = Path(tmp) / f"n{n}"
            generate(folder, n, args.seed)
            files, size = corpus_stats(folder)
            active = [t for t in tools if t.name not in stopped]
            runs = measure_size(active, cache, folder, args.repeat, args.timeout, args.once_over)
            for tool in tools:
                if tool.name in stopped:
                    rows.append({"tool": tool.name, "version": tool.version, "n": n,
                                 "files": files, "mb": size / 1e6,
                                 "status": "skipped (timed out at a smaller size)"})  # fmt: skip
                    continue
                row = summarise(tool, n, files, size, runs[tool.name])
                if row["status"] == "timed out":
                    stopped.add(tool.name)
                rows.append(row)
            shutil.rmtree(folder)  # 5,000 files are 130 MB
    add_ratios(rows)
    return rows


# ---------------------------------------------------------------------------
# Output

COLUMNS = (
    ("runs", "run_count", "d"),
    ("median s", "seconds", ".2f"),
    ("best s", "best_seconds", ".2f"),
    ("files/s", "files_per_s", ",.0f"),
    ("MB/s", "mb_per_s", ".2f"),
    ("CPU s", "cpu_seconds", ".2f"),
    ("findings", "findings", ",d"),
    ("max proc MB", "max_proc_mb", ".0f"),
    ("tree MB", "tree_mb", ".0f"),
    ("x ours", "x_ours", ".2f"),
    ("x ours CPU", "x_ours_cpu", ".2f"),
    ("s/file ratio", "per_file_ratio", ".2f"),
)


def _cell(row: dict, key: str, fmt: str) -> str:
    value = row.get(key)
    return "-" if value is None else format(value, fmt)


def print_table(rows: list[dict], args: argparse.Namespace) -> None:
    print(
        f"{os.cpu_count()} cores, Python {platform.python_version()}, seed {args.seed}, "
        f"median of {args.repeat} runs (one if the first took over {args.once_over:g} s), "
        f"timeout {args.timeout:g} s per run"
    )
    header = ["tool", "N", "MB", *(title for title, _, _ in COLUMNS)]
    lines = [header]
    notes = []
    for row in rows:
        cells = [row["tool"], f"{row['n']:,}", f"{row['mb']:.1f}"]
        if row["status"] == "ok":
            cells += [_cell(row, key, fmt) for _, key, fmt in COLUMNS]
        else:
            cells += [row["status"].split(":")[0]] + [""] * (len(COLUMNS) - 1)
            notes.append(f"{row['tool']} at N={row['n']}: {row['status']}")
        lines.append(cells)
    print("| " + " | ".join(header) + " |")
    print("| --- | " + " | ".join("---:" for _ in header[1:]) + " |")
    for cells in lines[1:]:
        print("| " + " | ".join(cells) + " |")
    for note in notes:
        print(note)


def print_legend(tools: list[Tool]) -> None:
    for tool in tools:
        print(f"{tool.name} {tool.version}: {tool.checks}")


def select_tools(only: str | None) -> list[Tool]:
    if not only:
        return list(TOOLS)
    names = [name.strip() for name in only.split(",") if name.strip()]
    unknown = sorted(set(names) - {t.name for t in TOOLS})
    if unknown:
        raise SystemExit(f"unknown tool(s): {', '.join(unknown)}; known: "
                         + ", ".join(t.name for t in TOOLS))  # fmt: skip
    # Ours always runs: every ratio is against it.
    return [t for t in TOOLS if t.name in names or t.name == OURS]


def prepare(tools: list[Tool], cache: Path, install: bool) -> tuple[list[Tool], list[dict]]:
    """Install what is missing; the tools that can run, and rows for those that cannot."""
    ready, missing = [], []
    for tool in tools:
        print(f"checking {tool.name} {tool.version} ...", file=sys.stderr, flush=True)
        reason = tool.ready(cache, install)
        if reason is None:
            ready.append(tool)
        else:
            missing.append({"tool": tool.name, "version": tool.version, "status": reason})
    return ready, missing


def missing_rows(missing: list[dict], rows: list[dict]) -> list[dict]:
    """One row per size for each tool that could not be installed."""
    sizes = {r["n"]: (r["files"], r["mb"]) for r in rows if r["tool"] == OURS}
    return [
        {**row, "n": n, "files": files, "mb": mb}
        for row in missing
        for n, (files, mb) in sizes.items()
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated corpus sizes")
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool and size (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", help="comma-separated tools (ours always runs)")
    parser.add_argument("--skip-install", action="store_true", help="use only what is cached")
    parser.add_argument(
        "--timeout", type=float, default=900, help="seconds before one run is stopped"
    )
    parser.add_argument(
        "--once-over",
        type=float,
        default=120,
        help="a tool whose first run at a size takes longer than this runs once there",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--time-one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("command", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.time_one:
        print(json.dumps(time_one(args.command, args.timeout, args.time_one)))
        return
    cache = cache_root()
    tools, missing = prepare(select_tools(args.only), cache, not args.skip_install)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows = run_all(tools, cache, sizes, args)
    rows += missing_rows(missing, rows)
    order = {tool.name: k for k, tool in enumerate(TOOLS)}
    rows.sort(key=lambda r: (r["n"], order[r["tool"]]))
    print_legend(tools)
    print_table(rows, args)
    if args.json:
        results = {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "repeat": args.repeat,
            "seed": args.seed,
            "timeout": args.timeout,
            "once_over": args.once_over,
            "cache": "${XDG_CACHE_HOME:-~/.cache}/mystitch-bench",
            "rows": rows,
        }
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
