"""Running the rules over files: one file, or a whole corpus in parallel."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from .articles import Standing, markup_paragraphs, standing
from .config import LintConfig
from .corpus import Digest, cross_file, digest
from .document import Document, parse_document
from .files import ReadProblem, Source, describe_exception, internal_error, read_source
from .findings import Finding
from .repeats import Analysis, analyse
from .rules import RULES, file_rules
from .suppress import Suppressions, collect
from .walk import discover

PARALLEL_MIN_FILES = 48  # below this, starting processes costs more than it saves
INTERNAL_ERROR = "IO003"  # a bug met on one file; always reported, whatever is selected


@dataclass(slots=True)
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    digest: Digest | None = None
    suppressions: Suppressions | None = None


@dataclass(slots=True)
class Report:
    findings: list[Finding]
    files: int
    # Internal errors that belong to no one file (the cross-file check).
    errors: list[str] = field(default_factory=list)
    # What went wrong and was made good, such as a worker process that died.
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.findings)

    @property
    def crashed(self) -> bool:
        """Whether an internal error kept anything from being checked."""
        return bool(self.errors) or any(f.code == INTERNAL_ERROR for f in self.findings)


def analyse_document(document: Document, config: LintConfig, *, article: bool = False) -> Analysis:
    return analyse(
        document,
        min_chars=config.min_chars,
        near_min_chars=config.near_min_chars,
        similarity=config.similarity,
        standing=Standing.GENERATED if article else standing(document, config),
        markup=markup_paragraphs(document),
    )


def lint_document(document: Document, config: LintConfig, *, article: bool = False) -> FileResult:
    """Run every enabled per-file rule over a parsed document.

    ``article``: the caller knows the document is an article, as the Sphinx
    extension does of what it publishes under ``mystitch_articles``; every
    rule applies in full. Otherwise the linter decides (lint.articles).
    """
    analysis = analyse_document(document, config, article=article)
    suppressions = collect(document)
    result = FileResult(document.path, suppressions=suppressions)
    for rule in file_rules():
        if not config.enabled(rule.code, document.path):
            continue
        assert rule.check is not None  # file rules are checkers
        for hit in rule.check(document, analysis, config):
            if suppressions and suppressions.suppressed(rule.code, hit.line):
                continue
            result.findings.append(
                Finding(
                    document.path,
                    hit.line,
                    hit.column,
                    rule.code,
                    hit.message,
                    hit.end_line or hit.line,
                    rule.severity,
                )
            )
    result.digest = signature(document, config, analysis.by_hand)
    return result


def signature(document: Document, config: LintConfig, by_hand: bool | None = None) -> Digest | None:
    """What duplicates across files need of ``document`` (lint.corpus), without
    the per-file rules: how the project's other articles are read.

    Duplicates across files are looked for among articles: a hand-written
    page may share a licence line or a whole translated page with another,
    and the posts of a blog a paragraph about the project. ``by_hand``: what
    the analysis said, when there is one.
    """
    if by_hand is None:
        by_hand = standing(document, config).by_hand
    return None if by_hand else digest(document, config.min_chars)


def _problem_finding(path: str, problem: ReadProblem) -> Finding:
    return Finding(
        path,
        problem.line,
        problem.column,
        problem.code,
        problem.message,
        problem.line,
        RULES[problem.code].severity,
    )


def lint_source(source: Source, config: LintConfig) -> FileResult:
    problems = [
        _problem_finding(source.path, p)
        for p in source.problems
        if config.enabled(p.code, source.path)
    ]
    if source.text is None:
        return FileResult(source.path, problems)
    try:
        result = lint_document(parse_document(source.path, source.text, config.marker), config)
    except RecursionError:
        # markdown-it recurses per nesting level; absurd nesting must not
        # take the other files down with it.
        problems.append(
            Finding(
                source.path,
                1,
                1,
                "IO001",
                "cannot lint: the Markdown nests too deeply",
                1,
                "error",
            )
        )
        return FileResult(source.path, problems)
    except Exception as exc:
        # A bug in a rule or in a parser plugin costs this file only. It is
        # reported whatever is selected: a file nobody checked must not pass.
        problems.append(_problem_finding(source.path, internal_error(source.path, exc)))
        return FileResult(source.path, problems)
    result.findings[:0] = problems
    return result


def lint_text(text: str, config: LintConfig | None = None, path: str = "<text>") -> list[Finding]:
    """Lint one text in memory (no cross-file rules)."""
    config = config or LintConfig()
    return sorted(lint_source(Source(path, text.replace("\r\n", "\n")), config).findings)


_WORKER_CONFIG: LintConfig | None = None


def _init_worker(config: LintConfig) -> None:
    global _WORKER_CONFIG
    _WORKER_CONFIG = config


def _lint_path(path: str) -> FileResult:
    assert _WORKER_CONFIG is not None
    return lint_path(path, _WORKER_CONFIG)


def lint_path(path: str, config: LintConfig) -> FileResult:
    try:
        return lint_source(read_source(path), config)
    except Exception as exc:
        # read_source is built never to raise; should it, one file pays.
        return FileResult(path, [_problem_finding(path, internal_error(path, exc))])


def job_count(config: LintConfig, files: int) -> int:
    cores = config.jobs or os.cpu_count() or 1
    return max(1, min(cores, files // (PARALLEL_MIN_FILES // 2) or 1))


Progress = Callable[[int, int], None]  # (files done, files in all), as results come in


def _lint_in_pool(
    files: list[str],
    config: LintConfig,
    jobs: int,
    notes: list[str],
    progress: Progress | None = None,
) -> list[FileResult]:
    """Every file's result, in order, from ``jobs`` processes.

    A worker that dies (killed for memory, a crash in C code) breaks the
    whole pool, and a pool may fail to start at all. Then the files without
    a result yet are linted here, one after another, and ``notes`` says so.
    """
    results: list[FileResult] = []
    try:
        with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(config,)) as pool:
            # Small batches: workers stay busy and hold little at a time.
            chunk = max(1, min(32, len(files) // (jobs * 8)))
            try:
                for result in pool.map(_lint_path, files, chunksize=chunk):
                    results.append(result)
                    if progress is not None:
                        progress(len(results), len(files))
            except Exception:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    except Exception as exc:
        # pool.map gives results in order: the first len(results) files are done.
        left = len(files) - len(results)
        notes.append(
            f"worker processes failed ({describe_exception(exc, 'worker pool')}); "
            f"the other {left} {'file was' if left == 1 else 'files were'} linted in one process"
        )
        results.extend(lint_path(path, config) for path in files[len(results) :])
    return results


def lint_paths(paths: list[str], config: LintConfig, progress: Progress | None = None) -> Report:
    """Lint files and folders, cross-file duplicates included; ``progress`` is
    told as each file's result comes in."""
    files, problems = discover(paths, config)
    findings = [_problem_finding(path, p) for path, p in problems if config.enabled(p.code, path)]
    report = Report(findings, len(files))
    jobs = job_count(config, len(files)) if len(files) >= PARALLEL_MIN_FILES else 1
    if jobs > 1:
        results = _lint_in_pool(files, config, jobs, report.notes, progress)
    else:
        results = []
        for path in files:
            results.append(lint_path(path, config))
            if progress is not None:
                progress(len(results), len(files))
    for result in results:
        findings.extend(result.findings)
    try:
        findings.extend(_cross_file_findings(results, config))
    except Exception as exc:
        report.errors.append(
            f"internal error in the cross-file check: {describe_exception(exc, 'cross-file')}; "
            "duplicates across files were not looked for (please report it)"
        )
    findings.sort()
    return report


def _cross_file_findings(results: list[FileResult], config: LintConfig) -> list[Finding]:
    digests = [r.digest for r in results if r.digest is not None]
    suppressions = {r.path: r.suppressions for r in results}
    out: list[Finding] = []
    for path, hits in cross_file(digests).items():
        out.extend(cross_file_finding_list(path, hits, config, suppressions.get(path)))
    return out


def cross_file_finding_list(
    path: str, hits: Iterable[tuple[str, Any]], config: LintConfig, quiet: Suppressions | None
) -> list[Finding]:
    """A file's cross-file hits as findings: those its configuration and its
    suppression comments leave (one place for the folder run and the project scan)."""
    return [
        Finding(
            path,
            hit.line,
            hit.column,
            code,
            hit.message,
            hit.end_line or hit.line,
            RULES[code].severity,
        )
        for code, hit in hits
        if config.enabled(code, path) and not (quiet and quiet.suppressed(code, hit.line))
    ]
