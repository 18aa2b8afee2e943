"""Which files to lint: what a folder search picks, and what it passes over.

Folders are searched recursively without following links to folders, so a
link loop cannot trap the walk. Below a folder named on the command line,
the search passes over:

* tool folders (``.git``, ``node_modules``, ``_build``…) and hidden folders;
* build folders: any folder holding Sphinx's ``.buildinfo``, such as the
  ``public/`` of ``sphinx-build articles/ public/``, whose ``_sources``
  holds a copy of every article;
* what ``exclude`` matches, and what git ignores (``respect-gitignore``);
* files with other endings, and ``.txt`` files that do not start with front
  matter (``requirements.txt``, a licence), as the Sphinx extension does.

A file named on the command line is linted whatever it is, unless
``force-exclude`` is set: then it is linted only when a search of its folder
would have picked it, so that the pre-commit hook, which names files, and
``mystitch-lint .`` agree. A FIFO, socket or device is never opened.
"""

from __future__ import annotations

import os

from .config import ALWAYS_EXCLUDED, LintConfig
from .files import ReadProblem, read_head, regular_or_problem, starts_with_front_matter
from .gitignore import GitIgnore

BUILD_MARKER = ".buildinfo"  # Sphinx writes it at the top of every HTML output


class Finder:
    """The search rules of one run, with what it learned about folders."""

    def __init__(self, config: LintConfig) -> None:
        self.config = config
        self.gitignore = GitIgnore() if config.respect_gitignore else None
        self.suffixes = tuple(s.lower() for s in config.extensions)
        self.sniffed = tuple(s.lower() for s in config.text_extensions)
        self._folders: dict[str, str | None] = {}

    # Why something is passed over (None: it is not) ---------------------

    def folder_skipped(self, path: str, gitignore: bool = True) -> str | None:
        name = os.path.basename(path)
        if name in ALWAYS_EXCLUDED:
            return f"'{name}' is a tool or build folder"
        if name.startswith("."):
            return "a hidden folder"
        glob = self.config.excluded_by(path)
        if glob is not None:
            return f"excluded by '{glob}'"
        if gitignore and self.gitignore is not None and self.gitignore.ignored(path, True):
            return "ignored by git"
        if os.path.lexists(os.path.join(path, BUILD_MARKER)):
            return f"a build folder (it holds {BUILD_MARKER})"
        return None

    def file_skipped(
        self, path: str, gitignore: bool = True, head: bytes | None = None
    ) -> str | None:
        """Why a search would pass over the file ``path``; None if it lints it.

        Only a ``.txt`` file is opened, to read its first line (unless its
        ``head`` is given), and only if it is a regular file (a FIFO is left
        to the reader, which reports it).
        """
        lower = os.path.basename(path).lower()
        if not lower.endswith(self.suffixes + self.sniffed):
            return "not a Markdown file (extensions, text-extensions)"
        glob = self.config.excluded_by(path)
        if glob is not None:
            return f"excluded by '{glob}'"
        if gitignore and self.gitignore is not None and self.gitignore.ignored(path):
            return "ignored by git"
        if lower.endswith(self.suffixes):
            return None
        if head is None:
            if regular_or_problem(path) is not None:
                return None
            head = read_head(path)
        if head is not None and not starts_with_front_matter(head):
            return "a text file without front matter, so not an article"
        return None

    def named_file_skipped(self, path: str, head: bytes | None = None) -> str | None:
        """With ``force-exclude``: why a file named on the command line is passed over."""
        for folder in _folders_of(path):
            why = self._cached_folder(folder)
            if why is not None:
                return f"in {folder}: {why}"
        return self.file_skipped(path, head=head)

    def _cached_folder(self, folder: str) -> str | None:
        key = os.path.abspath(folder)
        if key not in self._folders:
            self._folders[key] = self.folder_skipped(folder)
        return self._folders[key]

    # The search ---------------------------------------------------------

    def walk(self, top: str) -> tuple[list[str], list[tuple[str, ReadProblem]]]:
        """Files to lint under the folder ``top``, and those that cannot be read.

        ``top`` itself is searched even if it is a build folder, excluded or
        ignored by git: it was asked for. Then git's rules, which would match
        everything under an ignored folder, are left out for the whole search.
        """
        gitignore = not self._ignored_by_git(top)
        files: list[str] = []
        problems: list[tuple[str, ReadProblem]] = []
        for folder, dirs, names in os.walk(top):
            dirs[:] = sorted(
                d for d in dirs if self.folder_skipped(os.path.join(folder, d), gitignore) is None
            )
            for name in sorted(names):
                full = os.path.join(folder, name)
                if self.file_skipped(full, gitignore) is not None:
                    continue
                problem = regular_or_problem(full)
                if problem is not None:
                    problems.append((full, problem))
                else:
                    files.append(full)
        return files, problems

    def _ignored_by_git(self, top: str) -> bool:
        """Whether git ignores ``top`` or a folder above it in its repository."""
        if self.gitignore is None:
            return False
        folder = os.path.abspath(top)
        root = self.gitignore.root(folder)
        while root is not None and folder != root:
            if self.gitignore.ignored(folder, True):
                return True
            folder = os.path.dirname(folder)
        return False


def _folders_of(path: str) -> list[str]:
    """The folders above ``path`` that a search from the working directory
    would pass through, outermost first.

    Folders above the working directory are nobody's choice to search, so
    only a path below it has any; a path elsewhere is judged by itself.
    """
    try:
        relative = os.path.relpath(os.path.abspath(path))
    except ValueError:  # another drive (Windows): not below the working directory
        return []
    if relative == os.curdir or relative.startswith(os.pardir):
        return []
    parts = relative.split(os.sep)[:-1]
    return [os.path.join(*parts[: n + 1]) for n in range(len(parts))]


def discover(
    paths: list[str], config: LintConfig
) -> tuple[list[str], list[tuple[str, ReadProblem]]]:
    """Files to lint under ``paths``, sorted, and problems with the arguments."""
    finder = Finder(config)
    found: dict[str, str] = {}
    # Keyed like ``found``: a path met twice (in a folder and by name) is told once.
    problems: dict[tuple[str, ReadProblem], str] = {}
    for raw in paths:
        if os.path.isdir(raw):
            files, trouble = finder.walk(raw)
            for full in files:
                found.setdefault(os.path.normpath(full), full)
            for full, problem in trouble:
                problems.setdefault((os.path.normpath(full), problem), full)
        elif os.path.lexists(raw):
            if config.force_exclude and finder.named_file_skipped(raw) is not None:
                continue
            not_regular = regular_or_problem(raw)
            if not_regular is not None:
                problems.setdefault((os.path.normpath(raw), not_regular), raw)
            else:
                found.setdefault(os.path.normpath(raw), raw)
        else:
            missing = ReadProblem("IO001", 1, 1, "no such file or folder")
            problems.setdefault((os.path.normpath(raw), missing), raw)
    return sorted(found), [(path, problem) for (_, problem), path in problems.items()]
