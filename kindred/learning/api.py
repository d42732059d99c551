"""POST /api/learning/lessons/{lesson_id}/reflections: a reflection saved as the member types."""

from __future__ import annotations

from django.http import HttpRequest
from django.views.decorators.cache import never_cache
from ninja import Path, Router, Schema, Status
from ninja.decorators import decorate_view

from kindred.coach.schemas import CrisisPanelOut, crisis_panel_payload
from kindred.core.api import BODY_ERRORS, SIGNED_IN_ERRORS, ErrorOut, responses
from kindred.core.ratelimit import SLOW_DOWN, allow_member
from kindred.learning import services
from kindred.learning.models import MAX_REFLECTION_CHARACTERS, LessonPage
from kindred.memberships.access import has_active_membership

router = Router(tags=["learning"])

MAX_ID = 2**31 - 1  # larger ids exist nowhere, and some databases refuse them


class ReflectionIn(Schema):
    prompt: str
    text: str


class ReflectionSaved(Schema):
    saved: bool
    crisis: CrisisPanelOut | None


@router.post(
    "/lessons/{lesson_id}/reflections",
    response=responses(
        {200: ReflectionSaved, 403: ErrorOut, 404: ErrorOut, 413: ErrorOut, 429: ErrorOut},
        SIGNED_IN_ERRORS,
        BODY_ERRORS,  # and a lesson id that is not a whole number from 1 to 2**31 - 1: 422
    ),
    url_name="reflection_autosave",
    summary="Save a reflection",
)
@decorate_view(never_cache)
def reflection_autosave(
    request: HttpRequest, payload: ReflectionIn, lesson_id: int = Path(..., ge=1, le=MAX_ID)
) -> Status[object]:
    """Save the member's answer to one reflection prompt of a lesson (encrypted at rest).

    When the answer suggests danger, `crisis` carries the matching help, to show first.
    """
    if not has_active_membership(request.user):
        return Status(403, {"error": "The program is for members."})
    if not allow_member("reflection-autosave", request.user.pk, "KINDRED_AUTOSAVE_RATE_LIMIT"):
        return Status(429, {"error": SLOW_DOWN + " Your answer is still on this page."})
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None:
        return Status(404, {"error": "We could not find that lesson."})
    try:
        _, crisis = services.reflection_save(
            member=request.user, lesson=lesson, prompt_id=payload.prompt, text=payload.text
        )
    except services.LearningError as error:
        status = 413 if len(payload.text) > MAX_REFLECTION_CHARACTERS else 400
        return Status(status, {"error": str(error)})
    return Status(200, {"saved": True, "crisis": crisis_panel_payload(crisis)})
