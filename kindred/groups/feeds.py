"""The member's private calendar (iCalendar, RFC 5545), built with ``icalendar``.

Events carry UTC times (calendars show them in the device's zone). Titles are neutral
("Online session") unless the member chose to show group names.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from kindred.groups.models import CalendarFeed, Session

NEUTRAL_TITLE = "Online session"


def calendar_for(feed: CalendarFeed, sessions: list[Session]) -> bytes:
    host = urlsplit(settings.SITE_URL).hostname or "kindred.invalid"
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Live groups//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "My sessions" if not feed.show_titles else "My Kindred groups")
    now = timezone.now()
    for session in sessions:
        event = icalendar.Event()
        event.add("uid", f"session-{session.pk}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("summary", session.group.title if feed.show_titles else NEUTRAL_TITLE)
        link = f"{settings.SITE_URL}{reverse('groups:session', args=[session.pk])}"
        event.add("url", link)
        event.add("description", f"Details and the link to join: {link}")
        event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
        event.add("sequence", 1 if session.is_moved else 0)
        calendar.add_component(event)
    return calendar.to_ical()


def feed_url(feed: CalendarFeed) -> str:
    return f"{settings.SITE_URL}{reverse('groups:feed', args=[feed.token])}"


def webcal_url(feed: CalendarFeed) -> str:
    return "webcal://" + feed_url(feed).split("://", 1)[1]
