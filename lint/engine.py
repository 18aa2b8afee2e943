"""Running the rules over files: one file, or a whole corpus in parallel."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from .config import LintConfig
from .corpus import Digest, cross_file, digest
from .document import Document, parse_document
from .files import Source, discover, read_source
from .findings import Finding
from .repeats import Analysis, analyse
from .rules import RULES, file_rules
from .suppress import Suppressions, collect

PARALLEL_MIN_FILES = 48  # below this, starting processes costs more than it saves


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

    @property
    def failed(self) -> bool:
        return bool(self.findings)


def analyse_document(document: Document, config: LintConfig) -> Analysis:
    return analyse(
        document,
        min_chars=config.min_chars,
        near_min_chars=config.near_min_chars,
        similarity=config.similarity,
    )


def lint_document(document: Document, config: LintConfig) -> FileResult:
    """Run every enabled per-file rule over a parsed document."""
    analysis = analyse_document(document, config)
    suppressions = collect(document)
    result = FileResult(document.path, suppressions=suppressions)
    for rule in file_rules():
        if not config.enabled(rule.code, document.path):
            continue
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
    result.digest = digest(document, config.min_chars)
    return result


def lint_source(source: Source, config: LintConfig) -> FileResult:
    problems = [
        Finding(source.path, p.line, p.column, p.code, p.message, p.line, RULES[p.code].severity)
        for p in source.problems
        if config.enabled(p.code, source.path)
    ]
    if source.text is None:
        return FileResult(source.path, problems)
    result = lint_document(parse_document(source.path, source.text, config.marker), config)
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
    except RecursionError:
        # markdown-it recurses per nesting level; absurd nesting must not
        # take the other files down with it.
        return FileResult(
            path,
            [
                Finding(
                    path, 1, 1, "IO001", "cannot lint: the Markdown nests too deeply", 1, "error"
                )
            ],
        )


def job_count(config: LintConfig, files: int) -> int:
    cores = config.jobs or os.cpu_count() or 1
    return max(1, min(cores, files // (PARALLEL_MIN_FILES // 2) or 1))


def lint_paths(paths: list[str], config: LintConfig) -> Report:
    """Lint files and folders, cross-file duplicates included."""
    files, problems = discover(paths, config)
    findings = [
        Finding(path, p.line, p.column, p.code, p.message, p.line, RULES[p.code].severity)
        for path, p in problems
        if config.enabled(p.code, path)
    ]
    jobs = job_count(config, len(files)) if len(files) >= PARALLEL_MIN_FILES else 1
    if jobs > 1:
        with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(config,)) as pool:
            # Small batches: workers stay busy and hold little at a time.
            chunk = max(1, min(32, len(files) // (jobs * 8)))
            results = list(pool.map(_lint_path, files, chunksize=chunk))
    else:
        results = [lint_path(path, config) for path in files]
    for result in results:
        findings.extend(result.findings)
    findings.extend(_cross_file_findings(results, config))
    return Report(sorted(findings), len(files))


def _cross_file_findings(results: list[FileResult], config: LintConfig) -> list[Finding]:
    digests = [r.digest for r in results if r.digest is not None]
    suppressions = {r.path: r.suppressions for r in results}
    out: list[Finding] = []
    for path, hits in cross_file(digests).items():
        quiet = suppressions.get(path)
        for code, hit in hits:
            if not config.enabled(code, path) or (quiet and quiet.suppressed(code, hit.line)):
                continue
            out.append(
                Finding(
                    path,
                    hit.line,
                    hit.column,
                    code,
                    hit.message,
                    hit.end_line or hit.line,
                    RULES[code].severity,
                )
            )
    return out
