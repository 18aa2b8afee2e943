"""Merge an article's pieces into the page an editor would publish.

The editorial policy (``../shared/gold/README.md`` in the project's
workspace; docs/merging.md for users): paragraphs stay whole; a cut is read
through; a retried passage is published once, as its latest attempt, and
where that attempt stops short the article goes on with the earlier
attempt's continuation; a repeat of an earlier section followed by new
sections is a continuation; dangling headings, repeated title lines, stray
``**`` and markers go. Everything else is kept exactly as written.

The stages, one module each:

``units``
    each piece as a list of units (blocks, with the key they compare by);
``joins``
    a cut read through into the piece that follows it (the only place a
    sentence leaves a paragraph);
``article``
    the article being built, in order, and how a unit relates to its blocks;
``mapper``
    each piece mapped onto the article: where it resumes, what it repeats,
    rewrites or adds, and where new text goes;
``finish``
    cuts nothing continued, dangling headings, lone ``**``, the page.

Everything is decided for whole blocks; the result is deterministic, and
merging a merged page changes nothing.
"""

from __future__ import annotations

import bisect

from ..document import Document, parse_document
from .events import Action, Event, MergeResult
from .finish import (
    close_cut_blocks,
    drop_dangling_headings,
    render,
    repair_markup,
    settle_cuts,
    trim_first_word,
    trim_list_tail,
)
from .mapper import Merger
from .sentences import Sentence, source_key, split_source
from .settings import MergeSettings

__all__ = [
    "Action",
    "Event",
    "MergeResult",
    "MergeSettings",
    "Sentence",
    "merge_document",
    "merge_text",
    "raw_line",
    "source_key",
    "split_source",
]


def merge_document(
    document: Document, front_matter: bool = True, settings: MergeSettings | None = None
) -> MergeResult:
    """Merge a document's pieces into one page.

    With ``front_matter=False`` the page is the body alone (the Sphinx
    extension writes front matter of its own). ``settings`` come from the
    project's linter configuration (``MergeSettings.from_lint``); the
    document was parsed with its marker already.
    """
    front = document.front_matter
    if not front.closed:
        # Where the fields end and the body begins is anyone's guess: merging
        # a guess could lose the article, so it is written back untouched.
        event = Event(
            Action.COPIED,
            1,
            f"{front.error.message if front.error else 'front matter is never closed'} "
            "(FM002); nothing merged, the file is copied as written",
            warning=True,
        )
        return MergeResult(document.text.rstrip("\n") + "\n", [event])
    merger = Merger(document, settings)
    article = merger.run()
    events = merger.events
    if front.error is not None:
        events.append(
            Event(
                Action.COPIED,
                front.error.line,
                f"{front.error.message} (FM002); front matter copied as written",
                warning=True,
            )
        )
    settle_cuts(article, events)
    if document.has_markers:
        trim_first_word(article, events)
        drop_dangling_headings(document, article, events)
        close_cut_blocks(document, article, events)
        trim_list_tail(article, events)
    repair_markup(article, events)
    _kept_as_written(document, article, events)
    if not front_matter:
        stripped = Document(
            document.path,
            document.text,
            document.lines,
            _absent(),
            document.fragments,
            document.markers,
            document.code_markers,
            document.literal_markers,
        )
        return render(stripped, article, events)
    return render(document, article, events)


def _absent():  # front matter the page leaves out
    from ..metadata import FrontMatter

    return FrontMatter(present=False)


def _kept_as_written(document: Document, article: object, events: list[Event]) -> None:
    last = len(document.fragments) - 1
    for fragment in document.fragments:
        for block in fragment.blocks:
            if block.unclosed and block.fragment == last:
                # Inside a fragment the marker ends the fence; in the last one no
                # line does, and the rest of the article is shown as code.
                events.append(
                    Event(
                        Action.KEPT,
                        block.line,
                        "code fence is never closed: the rest of the article is code",
                        warning=True,
                    )
                )
    for line in document.code_markers:
        events.append(
            Event(
                Action.KEPT,
                line,
                "fragment marker inside a code block is kept as code",
                warning=True,
            )
        )


def raw_line(lines: list[tuple[int, int]], line: int) -> int:
    """The raw file's line for a line of a merged page, by its line map."""
    at = bisect.bisect_right(lines, (line, 1 << 62)) - 1
    if at < 0:
        return line
    page, raw = lines[at]
    return raw + (line - page)


def merge_text(
    text: str,
    path: str = "<text>",
    marker: str | None = None,
    settings: MergeSettings | None = None,
) -> MergeResult:
    marker = marker or (settings.marker if settings else None)
    document = parse_document(path, text, marker) if marker else parse_document(path, text)
    return merge_document(document, settings=settings)
