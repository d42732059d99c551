"""The journal: the member's entries, newest first, and search.

The text is encrypted in the database, so the database cannot search it: search decrypts the
member's OWN entries (never anyone else's) and keeps those whose text contains the words.
"""

from __future__ import annotations

from typing import Any

from kindred.toolkit.exports import exporter
from kindred.toolkit.models import JournalEntry

MAX_QUERY = 200


def entries_for(member: Any) -> list[JournalEntry]:
    return list(JournalEntry.objects.filter(member=member).order_by("-day", "-created_at"))


def search(member: Any, query: str) -> list[JournalEntry]:
    """The member's entries whose text contains every word of ``query`` (any case)."""
    words = query.casefold().split()[:20]
    entries = entries_for(member)
    if not words:
        return entries
    return [entry for entry in entries if all(word in entry.text.casefold() for word in words)]


def delete_entry(*, member: Any, entry: JournalEntry) -> None:
    if entry.member_id != member.pk:
        raise PermissionError("a member can only delete their own entries")
    entry.delete()


@exporter("journal")
def export_journal(member: Any) -> list[dict[str, Any]]:
    return [
        {
            "day": entry.day.isoformat(),
            "mood": entry.get_mood_display() if entry.mood else "",
            "text": entry.text,
        }
        for entry in reversed(entries_for(member))
    ]
