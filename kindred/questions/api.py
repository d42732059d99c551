"""POST /api/questions/drafts: the ask page saves the member's draft as they type."""

from __future__ import annotations

import uuid

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from ninja import Router, Schema, Status
from ninja.decorators import decorate_view

from kindred.content.selectors import category_list
from kindred.core.api import BODY_ERRORS, SIGNED_IN_ERRORS, ErrorOut, responses
from kindred.core.ratelimit import SLOW_DOWN, allow_member
from kindred.memberships.access import has_active_membership
from kindred.questions import selectors, services
from kindred.questions.forms import AskForm
from kindred.questions.models.private import Status as QuestionStatus

router = Router(tags=["ask a coach"])


class DraftIn(Schema):
    """The ask form's fields, as the page's script collects them (every one optional)."""

    id: str = ""
    title: str = ""
    body: str = ""
    context: str = ""
    relationship: str = ""
    substances: list[str] = []
    duration: str = ""
    category: str = ""
    publish: str = ""


class DraftSaved(Schema):
    id: str
    saved_at: str
    edit_url: str


class InvalidDraftOut(Schema):
    error: str
    fields: list[str] = []  # the ask form's fields it refused (none for a malformed body)


@router.post(
    "/drafts",
    response=responses(
        {
            200: DraftSaved,
            400: InvalidDraftOut,
            403: ErrorOut,
            404: ErrorOut,
            409: ErrorOut,
            429: ErrorOut,
        },
        SIGNED_IN_ERRORS,
        BODY_ERRORS,
    ),
    url_name="question_draft_save",
    summary="Save a question draft",
)
@decorate_view(never_cache)
def question_draft_autosave(request: HttpRequest, payload: DraftIn) -> Status[object]:
    """Create the member's draft (no `id`) or update it (`id` of their own draft).

    Only the member can see a draft until they send it; a question already sent is 409.
    """
    if not has_active_membership(request.user):
        return Status(403, {"error": "Asking a coach is part of Kindred's member program."})
    if not allow_member("question-autosave", request.user.pk, "KINDRED_AUTOSAVE_RATE_LIMIT"):
        return Status(429, {"error": SLOW_DOWN + " Your draft is still on this page."})
    draft = None
    if payload.id:
        try:
            question_id = uuid.UUID(payload.id)
        except ValueError:
            return Status(400, {"error": "invalid", "fields": ["id"]})
        draft = selectors.question_for_member(request.user, question_id)  # type: ignore[arg-type]
        if draft.status != QuestionStatus.DRAFT:
            return Status(409, {"error": "This question has been sent already."})
    form = AskForm(data=payload.dict(exclude={"id"}), categories=list(category_list()))
    if not form.is_valid():
        return Status(400, {"error": "invalid", "fields": list(form.errors)})
    saved = services.question_draft_save(
        member=request.user,  # type: ignore[arg-type]
        fields=form.question_fields(),
        question=draft,
    )
    return Status(
        200,
        {
            "id": str(saved.pk),
            "saved_at": timezone.localtime(saved.updated_at).isoformat(),
            "edit_url": reverse("questions:ask_draft", kwargs={"question_id": saved.pk}),
        },
    )
