"""``mystitch-lint``: the command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from typing import TextIO

from . import __version__
from .config import ConfigError, LintConfig, load_config
from .engine import INTERNAL_ERROR, lint_source
from .files import HEAD_BYTES, ReadProblem, Source, decode_source, describe_exception, read_stdin
from .fix import Fix, fix_file, fixable, merged, styled
from .formats import FIXABLE, FORMATS, STATISTICS, statistics_text
from .merge import MergeSettings
from .output import AtomicFile, Tally, Writer
from .progress import Progress
from .project import Run, check_paths, project_root
from .rules import FAMILIES, RULES
from .show import show_settings
from .signatures import ENV_DIR, SignatureCache
from .walk import Finder

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
# As ruff does: 2 also means the linter failed, so a file it could not check
# never passes for one with findings (1), whatever --exit-zero says.
EXIT_ERROR = 2


def _list(value: str) -> list[str]:
    return [part for part in value.replace(" ", ",").split(",") if part]


def _code_list(value: str) -> list[str]:
    # Codes are case-insensitive everywhere, as in the configuration file.
    return [code.upper() for code in _list(value)]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mystitch-lint",
        description="Find what a fragmenting generator left in Markdown articles: repeated "
        "paragraphs, cut sentences, missing front matter, leftover markers.",
        epilog="Exit status: 0 clean, 1 findings, 2 usage or configuration error, or an "
        "internal error (IO003) that kept a file from being checked.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders (default: .); - reads standard input",
    )
    parser.add_argument(
        "--output-format",
        "--format",
        dest="format",
        choices=sorted(FORMATS),
        default="text",
        help="format of the findings, on standard output or in --output-file (default: text)",
    )
    parser.add_argument(
        "--output-file",
        "-o",
        metavar="PATH",
        help="write the findings in --output-format to PATH (whole or not at all); standard "
        "output then shows them as text",
    )
    parser.add_argument(
        "--statistics",
        action="store_true",
        help="print how many findings each rule has instead of the findings (text or json)",
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="merge the fragments of every article with a marker left in it (FRG001), in "
        "place, then lint what was written",
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="print what --fix would change, as a unified diff, and write nothing",
    )
    parser.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="read the article from standard input and call it NAME in findings and for "
        "per-file-ignores and exclude (as with the path -)",
    )
    parser.add_argument(
        "--show-settings",
        action="store_true",
        help="print the configuration in use, the file it came from, and what it means for "
        "each PATH, then exit",
    )
    parser.add_argument(
        "--select",
        type=_code_list,
        help="codes or prefixes to report (replaces the configured list)",
    )
    parser.add_argument(
        "--extend-select",
        type=_code_list,
        metavar="CODES",
        help="codes or prefixes to report as well (added to the configured list)",
    )
    parser.add_argument(
        "--ignore",
        type=_code_list,
        help="codes or prefixes not to report (added to the configured list)",
    )
    parser.add_argument(
        "--extend-exclude",
        type=_list,
        metavar="GLOBS",
        help="globs of files and folders to skip as well (added to 'exclude')",
    )
    parser.add_argument(
        "--force-exclude",
        action="store_true",
        default=None,
        help="lint a file named on the command line only if a folder search would pick it "
        "(exclude, .gitignore, build folders, .txt without front matter); the hook's setting",
    )
    parser.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="skip what .gitignore ignores when searching folders (default: on)",
    )
    parser.add_argument(
        "--project-duplicates",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="compare each file with every article of the project for DUP005 and DUP006, "
        "whichever files are named (default: on); off, the files of the run only",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help=f"neither read nor write the signature cache in the user's cache folder "
        f"(${ENV_DIR} chooses the folder)",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="read options from FILE instead of the nearest pyproject.toml",
    )
    parser.add_argument(
        "--marker", metavar="REGEX", help="regular expression of a fragment marker line"
    )
    parser.add_argument(
        "--required-fields",
        type=_list,
        metavar="FIELDS",
        help="front-matter fields that must be present",
    )
    parser.add_argument(
        "--similarity", type=float, metavar="RATIO", help="near-duplicate threshold in (0, 1]"
    )
    parser.add_argument(
        "--jobs", "-j", type=int, metavar="N", help="processes for large runs (0: one per core)"
    )
    parser.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when there are findings"
    )
    parser.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="no summary, progress or fix report on standard error",
    )
    parser.add_argument(
        "--list-rules", action="store_true", help="print every rule code and what it finds"
    )
    parser.add_argument("--version", action="version", version=f"mystitch-lint {__version__}")
    return parser


def _list_rules() -> str:
    lines = []
    for family, title in FAMILIES.items():
        lines.append(f"{family}: {title}")
        for code in sorted(c for c in RULES if RULES[c].family == family):
            rule = RULES[code]
            lines.append(f"  {code}  {rule.name:<22} {rule.summary}")
    return "\n".join(lines) + "\n"


def _usage_problem(args: argparse.Namespace) -> str:
    """What is wrong with a combination of options, or ""."""
    if "-" in args.paths and len(args.paths) > 1:
        return "- (standard input) cannot be linted together with other paths"
    if args.stdin_filename and args.paths not in ([], ["-"]):
        return "--stdin-filename names standard input: give it no paths, or -"
    if args.statistics and not args.output_file and args.format not in STATISTICS:
        return f"--statistics prints text or json, not {args.format} (use --output-file)"
    if args.diff and (args.output_file or args.statistics):
        return "--diff prints the changes only: it takes no --output-file or --statistics"
    return ""


# Command-line options and the settings they override.
_OVERRIDES = {
    "select": "select",
    "extend_select": "select",
    "ignore": "ignore",
    "extend_exclude": "exclude",
    "marker": "marker",
    "required_fields": "required_fields",
    "similarity": "similarity",
    "jobs": "jobs",
    "force_exclude": "force_exclude",
    "respect_gitignore": "respect_gitignore",
}


def _configure(args: argparse.Namespace) -> tuple[LintConfig, set[str]]:
    """The configuration of the run, and the settings the command line changed."""
    config = load_config(args.config)
    config = config.with_overrides(
        select=args.select,
        marker=args.marker,
        required_fields=args.required_fields,
        similarity=args.similarity,
        jobs=args.jobs,
        force_exclude=args.force_exclude,
        respect_gitignore=args.respect_gitignore,
    )
    config = config.with_overrides(
        select=[*config.select, *args.extend_select] if args.extend_select else None,
        ignore=[*config.ignore, *args.ignore] if args.ignore else None,
        exclude=[*config.exclude, *args.extend_exclude] if args.extend_exclude else None,
    )
    return config, {name for flag, name in _OVERRIDES.items() if getattr(args, flag)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    if args.list_rules:
        sys.stdout.write(_list_rules())
        return EXIT_CLEAN
    problem = _usage_problem(args)
    if problem:
        print(f"mystitch-lint: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        config, overridden = _configure(args)
    except ConfigError as exc:
        print(f"mystitch-lint: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    unknown = [
        c
        for c in (args.select or []) + (args.extend_select or []) + (args.ignore or [])
        if not any(r.startswith(c) for r in RULES)
    ]
    if unknown:
        print(f"mystitch-lint: unknown rule code or prefix: {', '.join(unknown)}", file=sys.stderr)
        return EXIT_USAGE
    stdin = args.paths == ["-"] or bool(args.stdin_filename)
    if args.show_settings:
        named = [args.stdin_filename] if args.stdin_filename else args.paths or ["."]
        sys.stdout.write(show_settings(config, [p for p in named if p != "-"], overridden))
        return EXIT_CLEAN
    try:
        if stdin:
            return _lint_stdin(args, config)
        return _lint_files(args, config)
    except Exception as exc:
        # Each file is guarded on its own; this is whatever is left (the walk).
        what = describe_exception(exc, "mystitch-lint")
        print(f"mystitch-lint: internal error: {what} (please report it)", file=sys.stderr)
        return EXIT_ERROR


def _lint_files(args: argparse.Namespace, config: LintConfig) -> int:
    paths = args.paths or ["."]
    progress = None
    if not args.quiet and args.format == "text":
        progress = Progress.on_terminal(sys.stderr)
    project = project_root(config) if args.project_duplicates else None

    def lint() -> Run:
        cache = None
        if project is not None and not args.no_cache:
            cache = SignatureCache.open(project, config)
        return check_paths(paths, config, progress, project=project, cache=cache)

    try:
        run = lint()
        fixes: list[Fix] = []
        if args.fix or args.diff:
            settings = MergeSettings.from_lint(config)
            for path in fixable(run.report().findings):
                fixes.append(fix_file(path, settings, write=not args.diff))
            if fixes and not args.diff and any(fix.changed for fix in fixes):
                run.close()
                run = lint()  # what the fix left
    finally:
        if progress is not None:
            progress.close()
    try:
        if args.diff:
            return _show_diffs(args, fixes)
        return _finish(args, run, fixes, sys.stdout)
    finally:
        run.close()


def _lint_stdin(args: argparse.Namespace, config: LintConfig) -> int:
    """Lint standard input as the file --stdin-filename names (``-`` without it).

    With --fix, standard output is the article (merged, or as it came) and
    the findings go to standard error, as with ruff; --diff prints the diff.
    """
    name = args.stdin_filename or "-"
    data = read_stdin()
    source = Source(name, None, (data,)) if isinstance(data, ReadProblem) else None
    if source is None:
        assert isinstance(data, bytes)
        head = data[:HEAD_BYTES]
        if config.force_exclude and Finder(config).named_file_skipped(name, head) is not None:
            if args.fix:
                sys.stdout.buffer.write(data)  # passed over: given back untouched
            return EXIT_CLEAN
        source = decode_source(name, data)
    findings = sorted(lint_source(source, config).findings)
    fixes: list[Fix] = []
    text = source.text
    if (args.fix or args.diff) and fixable(findings) and text is not None and not source.problems:
        fix = merged(name, text, MergeSettings.from_lint(config))
        fixes.append(fix)
        if fix.changed and not args.diff:
            text = fix.after
            findings = sorted(lint_source(Source(name, text), config).findings)
    if args.diff:
        return _show_diffs(args, fixes)
    console = sys.stdout
    if args.fix:
        if isinstance(data, bytes) and not any(fix.changed for fix in fixes):
            sys.stdout.buffer.write(data)
        elif text is not None and isinstance(data, bytes):
            sys.stdout.write(styled(text, data))
        sys.stdout.flush()
        console = sys.stderr
    report = Run(1, _problems=findings)
    return _finish(args, report, fixes, console, {name: text or ""})


def _show_diffs(args: argparse.Namespace, fixes: list[Fix]) -> int:
    for fix in fixes:
        sys.stdout.write(fix.diff())
        if fix.problem:
            print(f"mystitch-lint: {fix.path}: not fixed: {fix.problem}", file=sys.stderr)
    changed = sum(fix.changed for fix in fixes)
    if not args.quiet:
        files = "file" if changed == 1 else "files"
        print(
            f"mystitch-lint: --fix would merge the fragments of {changed} {files}", file=sys.stderr
        )
    if any(fix.crashed for fix in fixes):
        return EXIT_ERROR
    return EXIT_FINDINGS if changed and not args.exit_zero else EXIT_CLEAN


def _tell_fixes(args: argparse.Namespace, fixes: list[Fix]) -> None:
    for fix in fixes:
        for event in fix.events if fix.changed else ():
            if event.warning:  # text the merge removed or could not place: always said
                print(f"{fix.path}:{event.line}: warning: {event.warning_text}", file=sys.stderr)
        if fix.problem:
            print(f"mystitch-lint: {fix.path}: not fixed: {fix.problem}", file=sys.stderr)
        elif fix.changed and not args.quiet:
            print(f"mystitch-lint: fixed {fix.path} ({fix.summary()})", file=sys.stderr)


def _finish(
    args: argparse.Namespace,
    run: Run,
    fixes: list[Fix],
    console: TextIO,
    texts: Mapping[str, str] | None = None,
) -> int:
    """Write the findings where they go, one at a time, say what happened, and
    the exit status."""
    tally = Tally()
    failed_output = False
    report: AtomicFile | None = None
    to_file: Writer | None = None
    if args.output_file:
        try:
            report = AtomicFile(args.output_file)
        except OSError as exc:
            _cannot_write(args.output_file, exc)
            failed_output = True
        else:
            to_file = Writer(args.format, report.handle, texts)
        shown = None if args.statistics else Writer("text", console)
    else:
        shown = None if args.statistics else Writer(args.format, console, texts)
    for finding in run.findings():
        tally.add(finding, INTERNAL_ERROR, FIXABLE)
        if shown is not None:
            shown.write(finding)
        if to_file is not None and report is not None:
            try:
                to_file.write(finding)
            except OSError as exc:
                report.abandon()
                _cannot_write(args.output_file, exc)
                failed_output, to_file, report = True, None, None
    if shown is not None:
        shown.close()
    elif args.output_file:
        console.write(statistics_text(tally.stand_ins()))
    else:
        console.write(STATISTICS[args.format](tally.stand_ins()))
    if to_file is not None and report is not None:
        try:
            to_file.close()
            report.commit()
        except OSError as exc:
            report.abandon()
            _cannot_write(args.output_file, exc)
            failed_output = True
    console.flush()
    for line in run.notes + run.errors:
        print(f"mystitch-lint: {line}", file=sys.stderr)
    _tell_fixes(args, fixes)
    if not args.quiet:
        _summary(args, run, tally)
    if run.errors or tally.crashed or failed_output or any(fix.crashed for fix in fixes):
        return EXIT_ERROR
    if tally.count and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _cannot_write(path: str, exc: OSError) -> None:
    reason = exc.strerror or describe_exception(exc, path)
    print(f"mystitch-lint: {path}: cannot write: {reason}", file=sys.stderr)


def _summary(args: argparse.Namespace, run: Run, tally: Tally) -> None:
    count = tally.count
    noun = "finding" if count == 1 else "findings"
    files = "file" if run.files == 1 else "files"
    print(f"mystitch-lint: {count} {noun} in {run.files} {files}", file=sys.stderr)
    crashed = len(tally.crashed)
    if crashed:
        print(
            f"mystitch-lint: {crashed} {'file was' if crashed == 1 else 'files were'} not "
            f"checked because of an internal error ({INTERNAL_ERROR}); please report it",
            file=sys.stderr,
        )
    unmerged = len(tally.fixable)
    if unmerged and not args.fix:
        has = "file has" if unmerged == 1 else "files have"
        print(
            f"mystitch-lint: {unmerged} {has} fragment markers: --fix merges the fragments "
            "(--diff shows the changes first)",
            file=sys.stderr,
        )


def run() -> None:
    sys.exit(main())
