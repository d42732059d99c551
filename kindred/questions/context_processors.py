"""The unread-notification count in the header: one query for a signed-in person, and only
if the page shows it; none for anonymous visitors."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def notifications(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        from kindred.questions.selectors import unread_notification_count

        return unread_notification_count(user)  # type: ignore[arg-type]

    return {"unread_notifications": SimpleLazyObject(count)}
