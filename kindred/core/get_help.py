"""Reads the crisis help content: numbers, overdose steps and helplines by situation.

The page and the crisis panels read a cached, plain copy, so showing help costs no query.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import DatabaseError

from kindred.core.models import GET_HELP_CACHE_KEY, GetHelpSettings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Helpline:
    name: str
    description: str
    phone: str
    sms_number: str
    sms_body: str
    hours: str
    situations: tuple[str, ...]

    @property
    def tel_href(self) -> str:
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone) if self.phone else ""

    @property
    def sms_href(self) -> str:
        if not self.sms_number:
            return ""
        number = re.sub(r"[^0-9+]", "", self.sms_number)
        return f"sms:{number}?&body={self.sms_body}" if self.sms_body else f"sms:{number}"

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "description": self.description,
            "phone": self.phone,
            "sms_number": self.sms_number,
            "sms_body": self.sms_body,
            "hours": self.hours,
            "tel": self.tel_href,
            "sms": self.sms_href,
        }


@dataclass(frozen=True)
class GetHelpContent:
    heading: str
    introduction: str
    emergency_number: str
    overdose_steps: tuple[str, ...]
    helplines: tuple[Helpline, ...] = field(default_factory=tuple)

    @property
    def emergency_href(self) -> str:
        return "tel:" + re.sub(r"[^0-9+]", "", self.emergency_number)

    def helplines_for(self, situation: str) -> tuple[Helpline, ...]:
        """The helplines for one situation (overdose, suicide, violence, general)."""
        return tuple(line for line in self.helplines if situation in line.situations)


# The last content this process read from the database: what /get-help/ and the error pages
# show while the database is unavailable (the built-in defaults before any was read).
_last_read: GetHelpContent | None = None


def _build() -> GetHelpContent:
    """The content from the database (the staff-edited settings)."""
    global _last_read
    content = _from_settings(GetHelpSettings.load())
    _last_read = content
    return content


def _from_settings(settings: GetHelpSettings) -> GetHelpContent:
    helplines = tuple(
        Helpline(
            name=block.value["name"],
            description=block.value.get("description") or "",
            phone=block.value.get("phone") or "",
            sms_number=block.value.get("sms_number") or "",
            sms_body=block.value.get("sms_body") or "",
            hours=block.value.get("hours") or "",
            situations=tuple(block.value.get("situations") or ()),
        )
        for block in settings.helplines
        if block.block_type == "helpline"
    )
    steps = tuple(line.strip() for line in settings.overdose_steps.splitlines() if line.strip())
    return GetHelpContent(
        heading=settings.heading,
        introduction=settings.introduction,
        emergency_number=settings.emergency_number,
        overdose_steps=steps,
        helplines=helplines,
    )


def content_without_database() -> GetHelpContent:
    """The last content this process read, or the built-in defaults: never a query."""
    return _last_read or _from_settings(GetHelpSettings())


def _build_or_fall_back() -> tuple[GetHelpContent, bool]:
    """(content, True) from the database, or (the fallback, False) when it is unavailable."""
    try:
        return _build(), True
    except DatabaseError:
        logger.error("Get help: the database is unavailable; showing the help last read")
        return content_without_database(), False


def get_help_content() -> GetHelpContent:
    """The crisis content, from the cache when it is there (one query otherwise).

    The crisis page must answer with the cache down and with the database down: then it shows
    the content this process last read (or the built-in defaults), never an error.
    """
    try:
        content = cache.get(GET_HELP_CACHE_KEY)
    except Exception:  # the crisis page must answer even with the cache down
        logger.warning("Get help: the cache is unavailable; reading the database")
        return _build_or_fall_back()[0]
    if content is None:
        content, from_database = _build_or_fall_back()
        if not from_database:
            return content  # not cached: the staff's own content comes back with the database
        try:
            cache.set(GET_HELP_CACHE_KEY, content, timeout=60 * 60)
        except Exception:
            logger.warning("Get help: the cache is unavailable; the content was not cached")
    return content
