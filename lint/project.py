"""A lint run that compares every checked file with the whole project.

DUP005 and DUP006 look for the same paragraph or article in another file.
If "another file" meant "another file on the command line", the answer
would depend on what is staged and on how pre-commit splits a long list of
files into runs. So each checked file is compared with every article of
its *project*, whichever files are checked:

* the project is the folder of the configuration file that was read (a
  ``pyproject.toml`` with a ``[tool.mystitch]`` table), else the top of the
  git repository around the working folder; outside both there is none, and
  the files of the run are compared with each other only;
* its articles are what ``mystitch-lint`` finds in that folder: the same
  search, with ``exclude``, ``.gitignore`` and build folders;
* their digests come from the signature cache (lint.signatures), and a file
  the cache does not know is read once, in the worker processes.

Findings are reported for the checked files only, and of a pair the file
later in path order is reported (lint.corpus), so a file's findings are the
same whether it is checked alone, in half of a split list, or with the
whole tree.

The run also holds little in memory: findings are written to an anonymous
temporary file as each file's result comes in and read back, file by file,
in order, when they are printed; digests are compact arrays.
"""

from __future__ import annotations

import heapq
import marshal
import os
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import IO

from . import workers
from .config import LintConfig
from .corpus import Digest, cross_file_hits
from .document import parse_document
from .engine import (
    PARALLEL_MIN_FILES,
    FileResult,
    Report,
    _problem_finding,
    cross_file_finding_list,
    job_count,
    lint_source,
    signature,
)
from .files import Source, describe_exception, internal_error, read_source
from .findings import Finding
from .signatures import RACY_NS, SignatureCache, Stamp, stamp_of, text_hash
from .suppress import Suppressions
from .walk import discover

Progress = Callable[[int, int], None]


def project_root(config: LintConfig, start: str | None = None) -> str | None:
    """The folder whose articles every checked file is compared with, or None."""
    if config.source:
        return os.path.dirname(os.path.abspath(config.source))
    folder = os.path.abspath(start or os.getcwd())
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def shown(path: str) -> str:
    """How a file found by the project search is named in a message: from the
    working folder, as a run over its folder would name it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return path
    return path if relative.startswith(os.pardir) else relative


# --- the work of one file, in a worker process ------------------------------------


@dataclass(slots=True)
class Checked:
    """What a worker sends back for a file: findings only for a checked file."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    digest: Digest | None = None
    suppressions: Suppressions | None = None
    stamp: Stamp | None = None


def _read(path: str) -> tuple[Source, Stamp | None]:
    before = stamp_of(path)
    source = read_source(path)
    if before is None or source.text is None:
        return source, None
    return source, Stamp(before[0], before[1], text_hash(source.text))


def check_file(path: str, config: LintConfig) -> Checked:
    """Lint ``path`` (every per-file rule) and take its digest."""
    try:
        source, stamp = _read(path)
        result: FileResult = lint_source(source, config)
    except Exception as exc:
        return Checked(path, [_problem_finding(path, internal_error(path, exc))])
    return Checked(path, result.findings, result.digest, result.suppressions or None, stamp)


def sign_file(path: str, config: LintConfig) -> Checked:
    """The digest of a project file that is not checked (no findings)."""
    try:
        source, stamp = _read(path)
        if source.text is None:
            return Checked(path)
        # Parsed, not linted: its findings are nobody's concern in this run.
        document = parse_document(path, source.text, config.marker)
        return Checked(path, digest=signature(document, config), stamp=stamp)
    except Exception:
        return Checked(path)  # not ours to report: it is checked when it is named


_CONFIG: LintConfig | None = None


def _init(config: LintConfig) -> None:
    global _CONFIG
    _CONFIG = config


def _work(job: tuple[bool, str]) -> Checked:
    assert _CONFIG is not None
    check, path = job
    return check_file(path, _CONFIG) if check else sign_file(path, _CONFIG)


def _run_jobs(
    jobs: list[tuple[bool, str]],
    config: LintConfig,
    notes: list[str],
    progress: Progress | None,
) -> Iterator[Checked]:
    """Each job's result, in order, from worker processes when there are many.

    A pool that breaks (a worker killed for memory) or cannot start leaves
    the jobs without a result to this process, and ``notes`` says so.
    """
    processes = job_count(config, len(jobs)) if len(jobs) >= PARALLEL_MIN_FILES else 1
    done = 0
    if processes > 1:
        try:
            with ProcessPoolExecutor(processes, **workers.initializer(_init, config)) as pool:
                chunk = max(1, min(32, len(jobs) // (processes * 8)))
                try:
                    for result in pool.map(_work, jobs, chunksize=chunk):
                        done += 1
                        if progress is not None:
                            progress(done, len(jobs))
                        yield result
                except Exception:
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise
        except Exception as exc:
            left = len(jobs) - done
            notes.append(
                f"worker processes failed ({describe_exception(exc, 'worker pool')}); "
                f"the other {left} {'file was' if left == 1 else 'files were'} linted in "
                "one process"
            )
    for check, path in jobs[done:]:
        yield check_file(path, config) if check else sign_file(path, config)
        done += 1
        if progress is not None:
            progress(done, len(jobs))


# --- findings, held on disk until they are printed -----------------------------------


class _Spool:
    """Each checked file's findings, written as they come and read back in order."""

    def __init__(self) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile(prefix="mystitch-lint-")  # noqa: SIM115
        self.where: dict[str, tuple[int, int]] = {}

    def put(self, path: str, findings: list[Finding]) -> None:
        if not findings:
            return
        data = marshal.dumps(
            [(f.line, f.column, f.code, f.message, f.end_line, f.severity) for f in findings]
        )
        self.file.seek(0, os.SEEK_END)
        self.where[path] = (self.file.tell(), len(data))
        self.file.write(data)

    def get(self, path: str) -> list[Finding]:
        place = self.where.get(path)
        if place is None:
            return []
        self.file.seek(place[0])
        rows = marshal.loads(self.file.read(place[1]))
        return [Finding(path, *row) for row in rows]

    def close(self) -> None:
        self.file.close()


@dataclass
class Run:
    """A finished lint run whose findings are read, in order, when wanted."""

    files: int
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _problems: list[Finding] = field(default_factory=list)
    _order: list[str] = field(default_factory=list)
    _spool: _Spool | None = None
    _cross: dict[str, list[Finding]] = field(default_factory=dict)

    def findings(self) -> Iterator[Finding]:
        """Every finding, sorted as ``lint_paths`` sorts them; may be read again."""
        return heapq.merge(self._problems, self._by_file())

    def _by_file(self) -> Iterator[Finding]:
        for path in self._order:
            own = self._spool.get(path) if self._spool is not None else []
            cross = self._cross.get(path, [])
            if own or cross:
                yield from sorted(own + cross)

    def report(self) -> Report:
        """Everything in memory, as ``lint_paths`` gives it."""
        return Report(list(self.findings()), self.files, self.errors, self.notes)

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None


def check_paths(
    paths: list[str],
    config: LintConfig,
    progress: Progress | None = None,
    *,
    project: str | None = None,
    cache: SignatureCache | None = None,
) -> Run:
    """Lint files and folders; DUP005/DUP006 against every article under
    ``project`` as well (None: the files of the run only), with digests from
    ``cache`` when given."""
    files, problems = discover(paths, config)
    run = Run(len(files))
    run._problems = sorted(
        _problem_finding(path, p) for path, p in problems if config.enabled(p.code, path)
    )
    run._order = files
    run._spool = _Spool()
    try:
        _check(run, files, config, progress, project, cache)
    except BaseException:
        run.close()
        raise
    finally:
        if cache is not None:
            cache.close()
    return run


def _project_files(project: str, checked: set[str], config: LintConfig) -> list[str]:
    found, _ = discover([project], config)
    return [path for path in found if os.path.abspath(path) not in checked]


def _check(
    run: Run,
    files: list[str],
    config: LintConfig,
    progress: Progress | None,
    project: str | None,
    cache: SignatureCache | None,
) -> None:
    assert run._spool is not None
    keys = {os.path.abspath(path): path for path in files}
    others: list[str] = []
    if project is not None:
        try:
            others = _project_files(project, set(keys), config)
        except Exception as exc:
            # The search is guarded like each file: the named files are still linted.
            run.errors.append(
                f"internal error in the search of the project {project}: "
                f"{describe_exception(exc, 'project')}; duplicates across files were looked "
                "for among the named files only (please report it)"
            )
            project = None
    root = os.path.abspath(project) if project is not None else ""

    def cache_key(path: str) -> str | None:
        full = os.path.abspath(path)
        if not root or not full.startswith(root + os.sep):
            return None
        return full[len(root) + 1 :].replace(os.sep, "/")

    universe: dict[str, Digest] = {}  # absolute path: digest
    to_sign: list[str] = []
    known = cache.entries() if cache is not None and others else {}
    for path in others:
        key = cache_key(path)
        entry = known.get(key) if key is not None else None
        now = stamp_of(path)
        if cache is not None and key is not None and entry is not None and now is not None:
            mtime, size, written, text = entry
            try:
                if (mtime, size) == now and mtime + RACY_NS < written:
                    found = cache.digest(key, shown(path))
                elif _same_text(path, text):
                    found = cache.digest(key, shown(path))
                    cache.touch(key, Stamp(now[0], now[1], text))
                else:
                    raise KeyError(key)
            except KeyError:
                to_sign.append(path)
                continue
            if found is not None:
                universe[os.path.abspath(path)] = found
        else:
            to_sign.append(path)
    del known

    suppressions: dict[str, Suppressions] = {}
    jobs = [(True, path) for path in files] + [(False, path) for path in to_sign]
    for result in _run_jobs(jobs, config, run.notes, progress):
        full = os.path.abspath(result.path)
        if full in keys:
            run._spool.put(result.path, result.findings)
            if result.suppressions:
                suppressions[result.path] = result.suppressions
        else:
            result.digest = result.digest and _renamed(result.digest, shown(result.path))
        if result.digest is not None:
            universe[full] = result.digest
        key = cache_key(result.path)
        if cache is not None and key is not None and result.stamp is not None:
            cache.put(key, result.stamp, result.digest)
    if cache is not None and project is not None:
        cache.flush()
        stale = set(cache.entries()) - {
            k for k in (cache_key(p) for p in [*files, *others]) if k is not None
        }
        cache.forget(stale)

    try:
        run._cross = _cross_findings(universe, keys, config, suppressions)
    except Exception as exc:
        run.errors.append(
            f"internal error in the cross-file check: {describe_exception(exc, 'cross-file')}; "
            "duplicates across files were not looked for (please report it)"
        )


def _same_text(path: str, expected: bytes) -> bool:
    source = read_source(path)
    return source.text is not None and text_hash(source.text) == expected


def _renamed(found: Digest, path: str) -> Digest:
    found.path = path
    return found


def _cross_findings(
    universe: dict[str, Digest],
    checked: dict[str, str],
    config: LintConfig,
    suppressions: dict[str, Suppressions],
) -> dict[str, list[Finding]]:
    order = sorted(universe)
    digests = [universe[key] for key in order]
    is_checked = [key in checked for key in order]
    out: dict[str, list[Finding]] = {}
    for index, hits in cross_file_hits(digests, is_checked.__getitem__):
        path = checked[order[index]]
        found = cross_file_finding_list(path, hits, config, suppressions.get(path))
        if found:
            out.setdefault(path, []).extend(found)
    return out
