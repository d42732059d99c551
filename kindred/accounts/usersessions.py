"""allauth's record of signed-in devices, refreshed at most once a minute per session.

allauth's own middleware (``allauth.usersessions.middleware.UserSessionsMiddleware``) writes
the session's record (last seen, IP address, browser) in a transaction on every request: 13-18%
of the time of a signed-in page, and on SQLite a lock on the whole database each time. The
"Signed-in devices" page only needs it to the minute.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.usersessions.internal import usersessionkit
from django.http import HttpRequest, HttpResponse

TRACKED_AT = "kindred_usersession_tracked_at"
EVERY_SECONDS = 60


class UserSessionsMiddleware:
    """Drop-in for allauth's middleware (same place in MIDDLEWARE), throttled per session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is not None and user.is_authenticated and session is not None:
            now = time.time()
            tracked_at = session.get(TRACKED_AT)
            if tracked_at is None or now - tracked_at >= EVERY_SECONDS:
                usersessionkit.track_activity(request, user=user, session=session)
                session[TRACKED_AT] = now
        return self.get_response(request)
