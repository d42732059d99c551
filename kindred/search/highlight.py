"""Search terms: cleaned from what a visitor typed, and highlighted in results safely."""

from __future__ import annotations

import html
import re

from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(raw_query: str) -> list[str]:
    """The words to search for: letters and digits only, lower-case, at most 12.

    Quotes, operators (AND, OR, NOT, -, *, :, parentheses) and anything else a search engine
    might read as syntax are dropped, so no query can raise an error in any backend.
    """
    words = _WORD.findall(raw_query[:MAX_QUERY_CHARS].lower())
    seen: list[str] = []
    for word in words:
        if word not in seen and word.replace("_", ""):
            seen.append(word.replace("_", ""))
    return seen[:MAX_TERMS]


def _pattern(terms: list[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    # Longest first, so "parent" does not win over "parenting"; words may continue
    # ("confront" marks "confrontation"), as stemming search backends also match them.
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE | re.UNICODE)


def highlight(text: str, terms: list[str]) -> SafeString:
    """``text`` escaped, with each matching word wrapped in <mark>.

    The text is split around the matches first and each piece escaped on its own, so markup
    in the text (or the query) can never become HTML, and entities are never split.
    """
    pattern = _pattern(terms)
    if pattern is None:
        return mark_safe(html.escape(text))  # noqa: S308  # nosec B308 B703  # escaped just now
    pieces: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(html.escape(text[position : match.start()]))
        pieces.append(f"<mark>{html.escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(html.escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308  # nosec B308 B703  # every piece escaped above


def excerpt(text: str, terms: list[str], length: int = 240) -> str:
    """About ``length`` characters of ``text`` around the first matching word."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    pattern = _pattern(terms)
    match = pattern.search(text) if pattern else None
    start = max(0, (match.start() if match else 0) - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = start + length
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")
