"""Whole numbers from URLs and query strings, bounded so that the database never overflows.

Django's `<int:…>` accepts any number of digits; a value beyond a 64-bit integer makes the
database driver raise (a 500). Use `<id:…>` in URL patterns and `parse_id()` for query
parameters: a number out of range is a 404 or "no value", never an error.
"""

from __future__ import annotations

MAX_ID = 2**63 - 1


def parse_id(raw: str | None) -> int | None:
    """A positive database id from text, or None for anything else (too long, not digits)."""
    if not raw or len(raw) > 19 or not raw.isascii() or not raw.isdigit():
        return None
    value = int(raw)
    return value if 0 < value <= MAX_ID else None


class IdConverter:
    """`<id:name>`: a positive 64-bit database id."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        parsed = parse_id(value)
        if parsed is None:
            raise ValueError(value)  # Django treats it as "no match": a 404
        return parsed

    def to_url(self, value: int) -> str:
        return str(value)
