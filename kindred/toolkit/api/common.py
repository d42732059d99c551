"""What the toolkit's API operations share."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from ninja import Router, Schema

from kindred.coach.crisis import CrisisAlert
from kindred.memberships.access import has_active_membership

router = Router(tags=["toolkit"])

NOT_A_MEMBER = "The toolkit is part of Kindred's member program."


class ToolkitErrorOut(Schema):
    error: str
    errors: dict[str, list[str]] = {}


class ToolkitCrisisOut(Schema):
    kind: str
    heading: str
    html: str  # the crisis panel, rendered by the server (no member text in it)


def is_member(request: HttpRequest) -> bool:
    return has_active_membership(request.user)


def crisis_out(alert: CrisisAlert | None, request: HttpRequest) -> dict[str, Any] | None:
    if alert is None:
        return None
    html = render_to_string("coach/includes/crisis_panel.html", {"crisis": alert}, request)
    return {"kind": alert.kind, "heading": alert.heading, "html": html}
