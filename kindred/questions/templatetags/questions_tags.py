from __future__ import annotations

import datetime as dt

from django import template
from django.utils.safestring import SafeString

from kindred.questions.rendering import render_reply

register = template.Library()


@register.filter
def reply_html(text: str) -> SafeString:
    """A coach's Markdown reply, cleaned by nh3."""
    return render_reply(text)


@register.filter
def duration_words(value: dt.timedelta | None) -> str:
    """A humanised length of time: "45 minutes", "5 hours", "3 days"."""
    if value is None:
        return "–"
    minutes = max(int(value.total_seconds() // 60), 0)
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    days = hours // 24
    return f"{days} days"


@register.simple_tag
def waited(since: dt.datetime | None, now: dt.datetime) -> str:
    return duration_words(now - since) if since else "–"
