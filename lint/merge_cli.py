"""``mystitch-merge``: merge articles' fragments into clean MyST pages."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from . import __version__
from .config import ConfigError, load_config
from .document import parse_document
from .engine import INTERNAL_ERROR, PARALLEL_MIN_FILES, job_count
from .files import ReadProblem, describe_exception, internal_error, read_source
from .merge import MergeResult, MergeSettings, merge_document
from .merge.review import review_html

EXIT_CLEAN, EXIT_UNRECOVERED, EXIT_USAGE = 0, 1, 2
REPORTS = ("text", "html")
EXIT_ERROR = 2  # an internal error kept a file from being merged, as in mystitch-lint


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mystitch-merge",
        description="Merge the fragments of generated Markdown articles into clean MyST pages.",
        epilog="Exit status: 0 clean, 1 something could not be recovered, read or written (the "
        "best result is still written), 2 usage error, or an internal error (IO003) that "
        "kept a file from being merged.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="raw articles")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="DIR", help="write each merged page into DIR")
    where.add_argument("--in-place", action="store_true", help="rewrite the source files")
    parser.add_argument(
        "--report",
        nargs="?",
        const="text",
        choices=REPORTS,
        help="say what was done and where: as text (the default), or as a page to look at, "
        "NAME.review.html beside each merged page (in the current folder when the page goes "
        "to standard output): the raw pieces beside the page, every span marked",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="format of the report"
    )
    parser.add_argument("--marker", metavar="REGEX", help="regular expression of a marker line")
    parser.add_argument(
        "--jobs", "-j", type=int, metavar="N", help="processes for large runs (0: one per core)"
    )
    parser.add_argument("--version", action="version", version=f"mystitch-merge {__version__}")
    return parser


def _report_text(path: str, result: MergeResult) -> str:
    lines = []
    for event in result.events:
        text = f"{path}:{event.line}: {event.action.value}: {event.message}"
        if event.removed:
            text += f" (removed: {event.removed!r})"
        lines.append(text)
    return "".join(line + "\n" for line in lines)


def _report_json(path: str, result: MergeResult) -> dict[str, object]:
    return {
        "path": path,
        "clean": result.clean,
        "events": [
            {
                "line": e.line,
                "action": e.action.value,
                "message": e.message,
                "removed": e.removed,
                "warning": e.warning,
            }
            for e in result.events
        ],
    }


def merge_file(
    name: str, settings: MergeSettings, review: bool = False
) -> tuple[list[ReadProblem], MergeResult | None, str]:
    """Read and merge one file: what could not be read, the merge, and with
    ``review`` its review page (made here, where the parsed article is).

    Never raises: whatever goes wrong costs this file only.
    """
    problems: list[ReadProblem] = []
    try:
        source = read_source(name)
        problems.extend(source.problems)
        if source.text is None:
            return problems, None, ""
        document = parse_document(name, source.text, settings.marker)
        result = merge_document(document, settings=settings)
    except RecursionError:
        # markdown-it recurses per nesting level: absurd nesting costs this file only.
        nested = ReadProblem("IO001", 1, 1, "the Markdown nests too deeply", "not {verb}")
        return [nested], None, ""
    except Exception as exc:
        # A bug in the merge or a parser plugin: a located message, not a traceback.
        return [*problems, internal_error(name, exc)], None, ""
    if not review:
        return problems, result, ""
    try:
        return problems, result, review_html(document, result, name)
    except Exception as exc:  # a bug in the review costs the review, not the page
        return [*problems, internal_error(name, exc)], result, ""


def _merged(
    names: list[str], settings: MergeSettings, jobs: int, review: bool = False
) -> Iterator[tuple[list[ReadProblem], MergeResult | None, str]]:
    """Every file's merge, in the order given; in a pool of processes for many files.

    A pool that breaks (a worker killed, or no processes to be had) loses
    nothing: the files it gave no result for are merged here, in order.
    """
    work = partial(merge_file, settings=settings, review=review)
    done = 0
    if jobs > 1:
        try:
            with ProcessPoolExecutor(jobs) as pool:
                # Small batches keep the workers busy; results come back in order.
                chunk = max(1, min(16, len(names) // (jobs * 8)))
                try:
                    for merged in pool.map(work, names, chunksize=chunk):
                        yield merged
                        done += 1
                except Exception:
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise
        except Exception as exc:
            left = len(names) - done
            print(
                f"mystitch-merge: worker processes failed "
                f"({describe_exception(exc, 'worker pool')}); the other {left} "
                f"{'file is' if left == 1 else 'files are'} merged in one process",
                file=sys.stderr,
            )
    yield from map(work, names[done:])


def _umask() -> int:
    mask = os.umask(0o022)  # reading it means setting it; put it straight back
    os.umask(mask)
    return mask


def _write_fully(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_atomically(target: Path, text: str, mode: int) -> None:
    """Replace ``target`` with ``text``, whole or not at all.

    The page is written to a temporary file beside the target, synced to
    disk, then renamed over it: a full disk or a crash leaves the old file
    (or none), never a truncated page. The temporary file never outlives a
    failure.
    """
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        try:
            _write_fully(fd, text.encode("utf-8"))
            os.fsync(fd)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            else:  # Windows
                os.chmod(temporary, mode)
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _target_mode(target: Path, default: int) -> int:
    """The permission bits ``target`` has now, or ``default`` for a new file."""
    try:
        st = os.stat(target)
    except OSError:
        return default
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else default


def review_target(name: str, args: argparse.Namespace) -> Path:
    """Where ``--report html`` writes a file's review page: beside its merged page."""
    page = Path(name).stem + ".review.html"
    if args.output:
        return Path(args.output) / page
    return Path(name).parent / page if args.in_place else Path(page)


def _put(
    name: str,
    result: MergeResult,
    args: argparse.Namespace,
    new_file_mode: int,
    reports: list[dict[str, object]],
    review: str = "",
) -> int:
    """Warn, write and report one merged file; the exit status it earns."""
    status = EXIT_CLEAN if result.clean else EXIT_UNRECOVERED
    for event in [] if args.report == "text" else result.warnings:
        print(f"{name}:{event.line}: warning: {event.warning_text}", file=sys.stderr)
    if args.output or args.in_place:
        if args.output:
            shown = target = Path(args.output) / (Path(name).stem + ".md")
        else:
            # Through a link to the file it names: the link stays a link.
            shown, target = Path(name), Path(os.path.realpath(name))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, result.text, _target_mode(target, new_file_mode))
        except OSError as exc:
            reason = exc.strerror or describe_exception(exc, str(shown))
            print(f"mystitch-merge: {shown}: cannot write: {reason}", file=sys.stderr)
            status = EXIT_UNRECOVERED
    else:
        sys.stdout.write(result.text)
    if review:
        target = review_target(name, args)
        try:
            write_atomically(target, review, _target_mode(target, new_file_mode))
        except OSError as exc:
            reason = exc.strerror or describe_exception(exc, str(target))
            print(f"mystitch-merge: {target}: cannot write: {reason}", file=sys.stderr)
            status = EXIT_UNRECOVERED
    if args.report == "text":
        if args.format == "json":
            reports.append(_report_json(name, result))
        else:
            stream = sys.stderr if not (args.output or args.in_place) else sys.stdout
            stream.write(_report_text(name, result))
    return status


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(_report_flag(sys.argv[1:] if argv is None else list(argv)))
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    if args.report == "html" and args.format == "json":
        print("mystitch-merge: --format is for --report text", file=sys.stderr)
        return EXIT_USAGE
    if len(args.files) > 1 and not (args.output or args.in_place):
        print("mystitch-merge: several files need -o DIR or --in-place", file=sys.stderr)
        return EXIT_USAGE
    try:
        # The project's [tool.mystitch.lint]: the marker and what a repeat is.
        config = load_config()
        if args.marker or args.jobs is not None:
            config = config.with_overrides(marker=args.marker, jobs=args.jobs)
        settings = MergeSettings.from_lint(config)
    except ConfigError as exc:
        print(f"mystitch-merge: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    targets: dict[Path, str] = {}
    if args.output:
        for name in args.files:
            target = Path(args.output) / (Path(name).stem + ".md")
            if target in targets:
                print(
                    f"mystitch-merge: {name} and {targets[target]} would both be written to "
                    f"{target}",
                    file=sys.stderr,
                )
                return EXIT_USAGE
            targets[target] = name
    reviews: dict[Path, str] = {}
    for name in args.files if args.report == "html" else ():
        target = review_target(name, args)
        if target in reviews:
            print(
                f"mystitch-merge: the reviews of {name} and {reviews[target]} would both be "
                f"written to {target}",
                file=sys.stderr,
            )
            return EXIT_USAGE
        reviews[target] = name
    status = EXIT_CLEAN
    reports: list[dict[str, object]] = []
    names = list(args.files)
    jobs = job_count(config, len(names)) if len(names) >= PARALLEL_MIN_FILES else 1
    new_file_mode = 0o666 & ~_umask()  # what open() would have given a new page
    merged = _merged(names, settings, jobs, review=args.report == "html")
    for name, (problems, result, review) in zip(names, merged, strict=True):
        for problem in problems:
            print(
                f"{name}:{problem.line}:{problem.column}: {problem.code} "
                f"{problem.worded('merged')}",
                file=sys.stderr,
            )
            if problem.code == INTERNAL_ERROR:
                status = max(status, EXIT_ERROR)
        if result is None or problems:
            status = max(status, EXIT_UNRECOVERED)
        if result is None:
            continue
        try:
            status = max(status, _put(name, result, args, new_file_mode, reports, review))
        except Exception as exc:
            # Writing a page out is per file too: a bug here costs this file only.
            problem = internal_error(name, exc)
            print(f"{name}:1:1: {problem.code} {problem.fact} (please report it)", file=sys.stderr)
            status = max(status, EXIT_ERROR)
    if args.report == "text" and args.format == "json":
        stream = sys.stderr if not (args.output or args.in_place) else sys.stdout
        stream.write(json.dumps(reports, ensure_ascii=False, indent=2) + "\n")
    return status


def _report_flag(argv: list[str]) -> list[str]:
    """``--report`` alone is the text report, whatever follows it.

    It takes a value (``--report html``), and argparse would read the file
    after a bare ``--report`` as one: ``mystitch-merge --report a.md``
    keeps meaning what it meant before the value existed.
    """
    out = list(argv)
    for at, arg in enumerate(out):
        if arg == "--":
            break
        if arg == "--report" and (at + 1 == len(out) or out[at + 1] not in REPORTS):
            out[at] = "--report=text"
    return out


def run() -> None:
    sys.exit(main())
