"""Chapter markers and transcripts of group recordings: plain text in, structure out."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CHAPTER = re.compile(r"^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})\s+(.+)$")
_SPEAKER = re.compile(r"^([^:\n]{1,40}):\s+(.+)$", re.DOTALL)


class ChapterError(ValueError):
    pass


@dataclass(frozen=True)
class Chapter:
    seconds: int
    title: str

    @property
    def label(self) -> str:
        hours, rest = divmod(self.seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


@dataclass(frozen=True)
class Turn:
    speaker: str
    text: str


def parse_chapters(text: str) -> list[Chapter]:
    """'12:30 Title' or '1:02:03 Title', one a line, in order. Raises ChapterError."""
    chapters: list[Chapter] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _CHAPTER.match(line)
        if match is None:
            raise ChapterError(f'Line {number}: start with a time, like "12:30 Welcome".')
        hours, minutes, seconds, title = match.groups()
        if int(seconds) > 59 or (hours and int(minutes) > 59):
            raise ChapterError(f"Line {number}: that time does not exist.")
        total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
        if chapters and total <= chapters[-1].seconds:
            raise ChapterError(f"Line {number}: chapters must be in order.")
        chapters.append(Chapter(total, title.strip()))
    return chapters


def transcript_turns(text: str) -> list[Turn]:
    """Blank-line-separated paragraphs; "Name: words" becomes a speaker's turn."""
    turns = []
    for block in re.split(r"\n\s*\n", text.strip()):
        block = " ".join(block.split())
        if not block:
            continue
        match = _SPEAKER.match(block)
        turns.append(Turn(match.group(1), match.group(2)) if match else Turn("", block))
    return turns
