"""Lint throughput on generated corpora: files/s, MB/s, and whether cost stays linear.

    python benchmarks/bench_lint.py                       # N = 100 and 1,000
    python benchmarks/bench_lint.py --sizes 100,1000,5000 --repeat 3
    python benchmarks/bench_lint.py --profile             # where the time goes

Corpora come from ``corpus.py`` (deterministic for a seed) and are written to
a temporary folder outside the repository. Each size is linted ``--repeat``
times and the median is reported, with the cost per file relative to the
smallest size: a linear linter keeps that ratio near 1.0. Absolute times on
shared machines are noisy; compare ratios.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import io
import json
import os
import pstats
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import generate  # noqa: E402

from lint import LintConfig, lint_paths  # noqa: E402


def peak_rss_mb() -> float:
    """Peak resident memory of this process and its finished workers, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # ru_maxrss is in KiB on Linux


def measure(folder: Path, config: LintConfig, repeat: int) -> dict[str, float]:
    files = sorted(folder.glob("*.md"))
    size = sum(p.stat().st_size for p in files)
    times = []
    findings = 0
    for _ in range(repeat):
        start = time.perf_counter()
        report = lint_paths([str(folder)], config)
        times.append(time.perf_counter() - start)
        findings = len(report.findings)
    seconds = statistics.median(times)
    return {
        "files": len(files),
        "mb": size / 1e6,
        "seconds": seconds,
        "files_per_s": len(files) / seconds,
        "mb_per_s": size / 1e6 / seconds,
        "findings": findings,
        "peak_rss_mb": peak_rss_mb(),
    }


def profile(folder: Path) -> str:
    config = dataclasses.replace(LintConfig(), jobs=1)
    profiler = cProfile.Profile()
    profiler.enable()
    lint_paths([str(folder)], config)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated corpus sizes")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=0, help="processes (0: one per core)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--profile", action="store_true", help="profile one process on 200 files")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mystitch-bench-") as tmp:
        if args.profile:
            folder = Path(tmp, "profile")
            generate(folder, 200, args.seed)
            print(profile(folder))
            return
        config = dataclasses.replace(LintConfig(), jobs=args.jobs)
        rows = []
        for n in (int(s) for s in args.sizes.split(",")):
            folder = Path(tmp, f"n{n}")
            generate(folder, n, args.seed)
            row = {"n": n, **measure(folder, config, args.repeat)}
            rows.append(row)
        base = rows[0]["seconds"] / rows[0]["files"]
        print(f"mystitch-lint on {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
              f"median of {args.repeat}")
        header = f"{'N':>6} {'MB':>7} {'seconds':>8} {'files/s':>8} {'MB/s':>6} {'findings':>9} {'peak MB':>8} {'cost/file':>9}"
        print(header)
        for row in rows:
            ratio = row["seconds"] / row["files"] / base
            row["cost_ratio"] = ratio
            print(
                f"{row['n']:>6} {row['mb']:>7.1f} {row['seconds']:>8.2f} {row['files_per_s']:>8.0f} "
                f"{row['mb_per_s']:>6.2f} {row['findings']:>9} {row['peak_rss_mb']:>8.0f} {ratio:>9.2f}"
            )
        if args.json:
            args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
