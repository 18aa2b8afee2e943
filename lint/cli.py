"""``mystitch-lint``: the command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .config import ConfigError, load_config
from .engine import INTERNAL_ERROR, lint_paths
from .files import describe_exception
from .formats import FORMATS
from .rules import FAMILIES, RULES

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
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format")
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
        "--quiet", "-q", action="store_true", help="no summary line on standard error"
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    if args.list_rules:
        sys.stdout.write(_list_rules())
        return EXIT_CLEAN
    try:
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
    try:
        report = lint_paths(args.paths or ["."], config)
    except Exception as exc:
        # Each file is guarded on its own; this is whatever is left (the walk).
        what = describe_exception(exc, "mystitch-lint")
        print(f"mystitch-lint: internal error: {what} (please report it)", file=sys.stderr)
        return EXIT_ERROR
    sys.stdout.write(FORMATS[args.format](report.findings))
    for line in report.notes + report.errors:
        print(f"mystitch-lint: {line}", file=sys.stderr)
    if not args.quiet:
        count = len(report.findings)
        noun = "finding" if count == 1 else "findings"
        files = "file" if report.files == 1 else "files"
        print(f"mystitch-lint: {count} {noun} in {report.files} {files}", file=sys.stderr)
        crashed = len({f.path for f in report.findings if f.code == INTERNAL_ERROR})
        if crashed:
            print(
                f"mystitch-lint: {crashed} {'file was' if crashed == 1 else 'files were'} not "
                f"checked because of an internal error ({INTERNAL_ERROR}); please report it",
                file=sys.stderr,
            )
    if report.crashed:
        return EXIT_ERROR
    if report.failed and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def run() -> None:
    sys.exit(main())
