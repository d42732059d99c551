"""Plain text out of StreamField data: for reading time, search excerpts and feeds."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

WORDS_PER_MINUTE = 200
_TAG = re.compile(r"<[^>]+>")
# Tags that end a block of text become a space; inline tags (<b>, <a>) simply disappear, so
# "call <b>911</b>, give" reads "call 911, give".
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|ul|ol|blockquote|div)>|<br\s*/?>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
# Keys that hold references or settings rather than words a reader reads.
_NOT_TEXT_KEYS = {"type", "id", "level", "image", "video", "captions", "url", "start"}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_TEXT_KEYS:
                yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def stream_text(stream_value: Any) -> str:
    """The words of a StreamField value as one plain string (tags stripped, entities decoded).

    Reads the stored JSON (``raw_data``) rather than rendering blocks: no queries, no templates.
    """
    raw = getattr(stream_value, "raw_data", stream_value) or []
    parts = (html.unescape(_TAG.sub("", _BLOCK_END.sub(" ", text))) for text in _strings(list(raw)))
    return _SPACE.sub(" ", " ".join(parts)).strip()


def reading_minutes(text: str) -> int:
    """Estimated minutes to read ``text`` at about 200 words a minute (at least 1)."""
    words = len(text.split())
    return max(1, round(words / WORDS_PER_MINUTE))
