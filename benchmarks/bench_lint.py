"""Lint throughput on generated corpora: files/s, MB/s, memory, and whether cost stays linear.

    python benchmarks/bench_lint.py                          # N = 100 and 1,000
    python benchmarks/bench_lint.py --sizes 100,1000,5000 --repeat 3 --json out.json
    python benchmarks/bench_lint.py --sizes 1000,5000,20000 --repeat 1   # peak memory
    python benchmarks/bench_lint.py --profile                # where one process spends its time
    python benchmarks/bench_lint.py --detect 200             # planted defects vs findings

Corpora come from ``corpus.py`` (deterministic for a seed) and are written to
a temporary folder outside the repository. Each size is linted ``--repeat``
times in a fresh Python process, so that its peak memory is its own, the way
``mystitch-lint`` lints a project: the corpus folder is the project, its
signature cache goes to a temporary folder (the first run fills it), and the
findings are written as text to the null device one at a time. The median
time is reported, with the time per file relative to the smallest size. A
linear linter keeps that ratio near 1.0. ``main MB`` is the peak resident
memory of the main process, ``RSS MB`` adds one peak per worker. Absolute
times on shared machines are noisy; compare ratios. ``--api lint_paths``
measures the library call that keeps every finding in a list instead.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import io
import json
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import generate  # noqa: E402

from mystitch.lint import LintConfig, lint_paths  # noqa: E402
from mystitch.lint.engine import PARALLEL_MIN_FILES, job_count  # noqa: E402
from mystitch.lint.output import Tally, Writer  # noqa: E402
from mystitch.lint.project import check_paths  # noqa: E402
from mystitch.lint.signatures import SignatureCache  # noqa: E402


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def _own_peak_mb() -> float:
    """This process's peak resident memory since it started its program.

    Not ``ru_maxrss``: Linux carries it over ``exec``, so a measuring process
    started by a parent that holds a 20,000-file corpus in memory would report
    the parent's size. ``VmHWM`` belongs to the program's own memory map.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return _rss_mb(resource.RUSAGE_SELF)


def _lint_as_the_command_does(folder: Path, config: LintConfig, cache: Path) -> Counter[str]:
    """A run over the project ``folder``, its text output streamed to the null device."""
    signatures = SignatureCache.open(str(folder), config, cache)
    run = check_paths([str(folder)], config, project=str(folder), cache=signatures)
    tally = Tally()
    try:
        with open(os.devnull, "w", encoding="utf-8") as null:
            writer = Writer("text", null)
            for finding in run.findings():
                tally.add(finding, "IO003", "FRG001")
                writer.write(finding)
            writer.close()
    finally:
        run.close()
    return tally.codes


def measure_here(folder: Path, jobs: int, repeat: int, api: str = "command") -> dict[str, object]:
    """Lint ``folder`` ``repeat`` times in this process; times and peak memory."""
    config = dataclasses.replace(LintConfig(), jobs=jobs)
    files = sorted(p for p in folder.iterdir() if p.suffix == ".md")
    size = sum(p.stat().st_size for p in files)
    times: list[float] = []
    findings: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="mystitch-bench-cache-") as cache:
        for _ in range(repeat):
            start = time.perf_counter()
            if api == "lint_paths":
                report = lint_paths([str(folder)], config)
                findings = Counter(f.code for f in report.findings)
                del report
            else:
                findings = _lint_as_the_command_does(folder, config, Path(cache))
            times.append(time.perf_counter() - start)
    workers = job_count(config, len(files)) if len(files) >= PARALLEL_MIN_FILES else 1
    rss_main = _own_peak_mb()
    rss_worker = _rss_mb(resource.RUSAGE_CHILDREN) if workers > 1 else 0.0
    return {
        "files": len(files),
        "bytes": size,
        "times": times,
        "workers": workers,
        "findings": sum(findings.values()),
        "findings_by_code": dict(sorted(findings.items())),
        "rss_main_mb": rss_main,
        "rss_worker_mb": rss_worker,
        # RUSAGE_CHILDREN holds the largest finished worker, not their sum.
        "rss_tree_mb": rss_main + workers * rss_worker if workers > 1 else rss_main,
    }


def measure(folder: Path, jobs: int, repeat: int, api: str = "command") -> dict[str, object]:
    """``measure_here`` in a fresh interpreter, so memory peaks do not carry over."""
    command = [sys.executable, __file__, "--measure-one", str(folder), "--api", api]
    out = subprocess.run(
        [*command, "--jobs", str(jobs), "--repeat", str(repeat)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def run_sizes(
    sizes: list[int], repeat: int, jobs: int, seed: int, tmp: Path, api: str = "command"
) -> list[dict]:
    rows: list[dict] = []
    for n in sizes:
        folder = tmp / f"n{n}"
        generate(folder, n, seed)
        result = measure(folder, jobs, repeat, api)
        seconds = statistics.median(result["times"])
        rows.append(
            {
                "n": n,
                **result,
                "mb": result["bytes"] / 1e6,
                "seconds": seconds,
                "best_seconds": min(result["times"]),
                "files_per_s": result["files"] / seconds,
                "mb_per_s": result["bytes"] / 1e6 / seconds,
                "kb_main_per_file": result["rss_main_mb"] * 1024 / max(1, result["files"]),
            }
        )
    base = rows[0]["seconds"] / rows[0]["files"]
    best = rows[0]["best_seconds"] / rows[0]["files"]
    for row in rows:
        row["per_file_ratio"] = row["seconds"] / row["files"] / base
        row["best_per_file_ratio"] = row["best_seconds"] / row["files"] / best
    return rows


def print_table(rows: list[dict], repeat: int) -> None:
    print(
        f"mystitch-lint, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"median of {repeat} runs"
    )
    columns = (
        ("N", 6, "n", "d"),
        ("files", 6, "files", "d"),
        ("MB", 6, "mb", ".1f"),
        ("seconds", 8, "seconds", ".2f"),
        ("best s", 7, "best_seconds", ".2f"),
        ("files/s", 8, "files_per_s", ".0f"),
        ("MB/s", 6, "mb_per_s", ".2f"),
        ("findings", 9, "findings", "d"),
        ("workers", 7, "workers", "d"),
        ("main MB", 7, "rss_main_mb", ".0f"),
        ("RSS MB", 7, "rss_tree_mb", ".0f"),
        ("s/file ratio", 12, "per_file_ratio", ".2f"),
        ("(best)", 6, "best_per_file_ratio", ".2f"),
    )
    print(" ".join(f"{title:>{width}}" for title, width, _, _ in columns))
    for row in rows:
        print(" ".join(f"{row[key]:>{width}{fmt}}" for _, width, key, fmt in columns))


def profile(n: int, seed: int, tmp: Path, sort: str, top: int) -> str:
    """cProfile of one process (jobs=1) linting ``n`` generated files."""
    folder = tmp / f"profile{n}"
    generate(folder, n, seed)
    config = dataclasses.replace(LintConfig(), jobs=1)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    lint_paths([str(folder)], config)
    profiler.disable()
    elapsed = time.perf_counter() - start
    out = io.StringIO()
    print(f"{n} files, one process, {elapsed:.2f} s under cProfile", file=out)
    pstats.Stats(profiler, stream=out).sort_stats(sort).print_stats(top)
    return out.getvalue()


def detect(n: int, seed: int, tmp: Path) -> list[dict]:
    """Planted defects (from the corpus manifest) against what the linter finds."""
    folder = tmp / f"detect{n}"
    generate(folder, n, seed)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    report = lint_paths([str(folder)], LintConfig())
    found: dict[str, Counter[str]] = {}
    for finding in report.findings:
        code = "DUP002+DUP003" if finding.code in ("DUP002", "DUP003") else finding.code
        found.setdefault(os.path.basename(finding.path), Counter())[code] += 1
    by_code = Counter(f.code for f in report.findings)
    planted = manifest["expected"]
    codes = sorted(set(planted) | set(by_code) | {"DUP005", "TRN002"})
    rows = []
    for code in codes:
        if code in ("DUP002", "DUP003"):
            continue
        agree = sum(
            1
            for name, info in manifest["files"].items()
            if info["expected"].get(code, 0) == found.get(name, Counter())[code]
        )
        total_found = (
            by_code["DUP002"] + by_code["DUP003"] if code == "DUP002+DUP003" else by_code[code]
        )
        rows.append(
            {
                "code": code,
                "planted": planted.get(code, 0),
                "found": total_found,
                "files_agreeing": agree,
                "files": len(manifest["files"]),
            }
        )
    print(f"{n} generated files (seed {seed}): planted defects against findings")
    print(f"{'code':<14} {'planted':>8} {'found':>8} {'files agreeing':>15}")
    for row in rows:
        extra = ""
        if row["code"] == "DUP002+DUP003":
            extra = f"   (DUP002 {by_code['DUP002']}, DUP003 {by_code['DUP003']})"
        print(
            f"{row['code']:<14} {row['planted']:>8} {row['found']:>8} "
            f"{row['files_agreeing']:>8} of {row['files']}{extra}"
        )
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated corpus sizes")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (median)")
    parser.add_argument("--jobs", type=int, default=0, help="processes (0: one per core)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--profile", action="store_true", help="profile one process (jobs=1) on 200 files"
    )
    parser.add_argument("--profile-n", type=int, default=200, help="files for --profile")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key for --profile")
    parser.add_argument("--top", type=int, default=25, help="functions shown by --profile")
    parser.add_argument(
        "--detect", type=int, metavar="N", help="compare planted defects with findings on N files"
    )
    parser.add_argument(
        "--api",
        choices=("command", "lint_paths"),
        default="command",
        help="what is measured: a run as mystitch-lint makes it (default), or lint_paths",
    )
    parser.add_argument("--measure-one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.measure_one:
        print(json.dumps(measure_here(args.measure_one, args.jobs, args.repeat, args.api)))
        return
    results: dict[str, object] = {
        "python": platform.python_version(),
        "cores": os.cpu_count(),
        "date": time.strftime("%Y-%m-%d"),
        "seed": args.seed,
    }
    with tempfile.TemporaryDirectory(prefix="mystitch-bench-") as name:
        tmp = Path(name)
        if args.profile:
            text = profile(args.profile_n, args.seed, tmp, args.sort, args.top)
            print(text)
            results["profile"] = text
        elif args.detect:
            results["detection"] = detect(args.detect, args.seed, tmp)
        else:
            sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
            rows = run_sizes(sizes, args.repeat, args.jobs, args.seed, tmp, args.api)
            print_table(rows, args.repeat)
            results["rows"] = rows
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
