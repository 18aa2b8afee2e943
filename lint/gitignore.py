"""What a repository's .gitignore files say about a path, as git reads them.

The rules are git's: every .gitignore from the repository's root down to a
path's folder counts, a deeper file wins over a shallower one, within a file
the last matching pattern wins (``!`` re-includes), and .git/info/exclude
counts below them all. Patterns are matched by pathspec's ``GitIgnoreSpec``,
which follows git's own matching, edge cases included. The user's global
excludes file is not read, so that every machine lints the same files.

Outside a git repository (no ``.git`` above the path) nothing is ignored,
as with git itself. Ignore files are read without ever blocking on a FIFO
and without following a link loop; one that cannot be read counts as empty.
"""

from __future__ import annotations

import os

from pathspec import GitIgnoreSpec

from .files import ReadProblem, read_bytes

_MAX_IGNORE_BYTES = 1024 * 1024  # a .gitignore is a few hundred bytes


def _spec(path: str) -> GitIgnoreSpec | None:
    if not os.path.isfile(path):
        return None
    data = read_bytes(path)
    if isinstance(data, ReadProblem) or not data:
        return None
    lines = data[:_MAX_IGNORE_BYTES].decode("utf-8", errors="replace").splitlines()
    try:
        return GitIgnoreSpec.from_lines(lines)
    except Exception:  # a pattern pathspec refuses: keep the others
        return GitIgnoreSpec.from_lines([line for line in lines if _valid(line)])


def _valid(line: str) -> bool:
    try:
        GitIgnoreSpec.from_lines([line])
    except Exception:
        return False
    return True


class GitIgnore:
    """Answers "does git ignore this?" for paths in any number of repositories."""

    def __init__(self) -> None:
        self._roots: dict[str, str | None] = {}
        # Per folder: (base folder, spec) of every ignore file that applies, deepest first.
        self._chains: dict[str, tuple[tuple[str, GitIgnoreSpec], ...]] = {}

    def root(self, folder: str) -> str | None:
        """The repository ``folder`` (absolute) is in, or None."""
        if folder in self._roots:
            return self._roots[folder]
        if os.path.lexists(os.path.join(folder, ".git")):
            found: str | None = folder
        else:
            parent = os.path.dirname(folder)
            found = None if parent == folder else self.root(parent)
        self._roots[folder] = found
        return found

    def _chain(self, folder: str, root: str) -> tuple[tuple[str, GitIgnoreSpec], ...]:
        if folder in self._chains:
            return self._chains[folder]
        if folder == root:
            below: tuple[tuple[str, GitIgnoreSpec], ...] = ()
            exclude = _spec(os.path.join(root, ".git", "info", "exclude"))
            if exclude is not None:
                below = ((root, exclude),)
        else:
            below = self._chain(os.path.dirname(folder), root)
        own = _spec(os.path.join(folder, ".gitignore"))
        chain = ((folder, own), *below) if own is not None else below
        self._chains[folder] = chain
        return chain

    def ignored(self, path: str, is_dir: bool = False) -> bool:
        """Whether git ignores ``path`` itself (its folders are the caller's to check)."""
        path = os.path.abspath(path)
        folder = os.path.dirname(path)
        root = self.root(folder)
        if root is None:
            return False
        for base, spec in self._chain(folder, root):
            # ``base`` is a folder above ``path``: cut it off (relpath costs 10x more).
            relative = path[len(base.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
            result = spec.check_file(relative + "/" if is_dir else relative)
            if result.include is not None:
                return bool(result.include)
        return False
