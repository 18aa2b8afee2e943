"""Reading time: counted from the merged text, shown in bylines and in lists.

The text decides. A front matter ``reading_time`` is shown only when it is
close to what the text gives (within a quarter, and always within a minute):
generators write it before the article, or copy it from a template, and the
seeds say 「約8分」 for 10,594 characters. Further off, the counted time is
shown and a ``mystitch.reading_time`` warning names the line of the key.

Japanese text is counted in characters (``mystitch_chars_per_minute``),
other text in words (``mystitch_words_per_minute``); docs/site.md cites the
studies behind the defaults.

No Sphinx in here: the merge-ahead workers count too (article_page.py).
Lists show the times through list_times.py.
"""

from __future__ import annotations

import math
import re

from mystitch.lint.text import comparison_key, is_mostly_cjk

TOLERANCE = 0.25  # how far, as a share of the counted time, a given time may be
_WORD = re.compile(r"\w+")
_GIVEN = re.compile(r"\s*(\d{1,4})\s*(?:min(?:ute)?s?|分)?\s*", re.IGNORECASE)


def counted_minutes(body: str, chars_per_minute: int, words_per_minute: int) -> tuple[int, str]:
    """Minutes to read a merged body, and what was counted (for messages)."""
    if is_mostly_cjk(body):
        size = len(comparison_key(body))
        return max(1, math.ceil(size / chars_per_minute)), (
            f"{size:,} characters at {chars_per_minute} a minute"
        )
    words = len(_WORD.findall(body))
    return max(1, math.ceil(words / words_per_minute)), (
        f"{words:,} words at {words_per_minute} a minute"
    )


def given_minutes(value: object) -> int | None:
    """A front matter ``reading_time`` as minutes: ``8``, ``"8"``, ``"8 min"``, ``"8分"``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 1 else None
    if isinstance(value, str) and (match := _GIVEN.fullmatch(value)):
        minutes = int(match.group(1))
        return minutes if minutes >= 1 else None
    return None


def reading_time(
    given: object, body: str, chars_per_minute: int, words_per_minute: int
) -> tuple[int, str | None]:
    """The minutes to show, and why the front matter's value was not used (if it was not)."""
    counted, basis = counted_minutes(body, chars_per_minute, words_per_minute)
    if given is None:
        return counted, None
    minutes = given_minutes(given)
    if minutes is None:
        shown_value = str(given)[:40]
        return counted, (
            f"reading_time: {shown_value!r} is not a number of minutes; the text reads in "
            f"about {counted} ({basis}), which is shown"
        )
    if abs(minutes - counted) <= max(1, round(counted * TOLERANCE)):
        return minutes, None
    return counted, (
        f"reading_time: {minutes} minutes, but the text reads in about {counted} ({basis}); "
        f"{counted} is shown"
    )
