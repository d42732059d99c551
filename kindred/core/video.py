"""External videos (YouTube, Vimeo): recognise a link and build its privacy-friendly player.

Used by recordings and lessons. Only these two hosts are allowed, and a page that shows such a
video widens its content security policy to exactly their player hosts
(``EXTERNAL_VIDEO_FRAME_SOURCES``), on that page only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

EXTERNAL_VIDEO_FRAME_SOURCES = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^[0-9]{6,12}$")


@dataclass(frozen=True)
class ExternalVideo:
    provider: str  # "YouTube" or "Vimeo", shown to the visitor
    watch_url: str  # the plain link for visitors without JavaScript
    embed_url: str  # loaded into an iframe only after the visitor clicks


def parse_external_video(url: str) -> ExternalVideo | None:
    """The video behind a YouTube or Vimeo link, or None if it is not one we can play."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme != "https":
        return None
    host = (parts.hostname or "").lower()
    video_id = ""
    if host in {"youtube.com", "www.youtube.com", "m.youtube.com"}:
        if parts.path == "/watch":
            video_id = parse_qs(parts.query).get("v", [""])[0]
        elif parts.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parts.path.split("/")[2]
        if _YOUTUBE_ID.match(video_id):
            return ExternalVideo(
                "YouTube",
                f"https://www.youtube.com/watch?v={video_id}",
                f"https://www.youtube-nocookie.com/embed/{video_id}",
            )
    elif host == "youtu.be":
        video_id = parts.path.lstrip("/").split("/")[0]
        if _YOUTUBE_ID.match(video_id):
            return ExternalVideo(
                "YouTube",
                f"https://www.youtube.com/watch?v={video_id}",
                f"https://www.youtube-nocookie.com/embed/{video_id}",
            )
    elif host in {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}:
        video_id = parts.path.rstrip("/").split("/")[-1]
        if _VIMEO_ID.match(video_id):
            return ExternalVideo(
                "Vimeo",
                f"https://vimeo.com/{video_id}",
                f"https://player.vimeo.com/video/{video_id}?dnt=1",
            )
    return None
