"""The toolkit's part of "Download my data", and its card on the member home (/my/).

Each tool adds its export in ``EXPORTERS`` (key → function of the member); the records are
decrypted, since the member is reading their own words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kindred.memberships.access import has_active_membership

EXPORTERS: dict[str, Callable[[Any], Any]] = {}


def exporter(key: str) -> Callable[[Callable[[Any], Any]], Callable[[Any], Any]]:
    def register(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
        EXPORTERS[key] = function
        return function

    return register


def export_toolkit(user: Any) -> dict[str, Any]:
    from kindred.toolkit import services  # noqa: F401  (the tools register their exporters)
    from kindred.toolkit.services import all_tools  # noqa: F401

    return {key: EXPORTERS[key](user) for key in sorted(EXPORTERS)}


def home_card_visible(request: HttpRequest) -> bool:
    return has_active_membership(request.user)


def home_card_context(request: HttpRequest) -> dict[str, Any]:
    from kindred.toolkit.models import TrackerDay
    from kindred.toolkit.services.tracker import member_today

    member: Any = request.user
    today = member_today(member)
    return {
        "today": today,
        "today_entry": TrackerDay.objects.filter(member=member, day=today)
        .only("id", "used", "day")
        .first(),
        "now": timezone.now(),
    }
