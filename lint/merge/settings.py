"""The merge's settings: the linter's, so both call the same things repeats.

A project configures ``[tool.mystitch.lint]`` once; ``mystitch-lint``,
``mystitch-merge`` and the Sphinx extension all read it. The merge takes
from it what decides a repeat: the marker, the similarity at which a
paragraph is another attempt at one written elsewhere (DUP003's
near-duplicate), and the length at which a paragraph written again far from
its first place is a repeat rather than a coincidence (DUP001's ``min-chars``;
the merge counts a CJK character twice, as a Japanese sentence says in 20
characters what an English one says in 40).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import LintConfig
from ..document import DEFAULT_MARKER


@dataclass(frozen=True, slots=True)
class MergeSettings:
    marker: str = DEFAULT_MARKER
    similarity: float = 0.8  # another attempt at a block anywhere in the article
    min_chars: int = 20  # a paragraph this long (CJK) or twice as long (Latin) repeats

    @classmethod
    def from_lint(cls, config: LintConfig) -> MergeSettings:
        return cls(config.marker, config.similarity, config.min_chars)

    @property
    def far_weight(self) -> int:
        """Weight (CJK characters count twice) of text that repeats on its own."""
        return 2 * self.min_chars

    def repeat_weight(self, key: str) -> int:
        """The weight a paragraph needs to repeat on its own: twice as much for
        a lead-in ("The following settings are available:"), which documents
        write again before each list or block they introduce."""
        return 2 * self.far_weight if key.endswith((":", "：")) else self.far_weight
