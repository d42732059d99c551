"""POST /api/toolkit/autosave/{kind}: save one toolkit form as the member types.

The one endpoint every tool's autosave uses (``toolkit/js/autosave.js``): the body is the
form's fields as JSON, validated by the same form class the page posts to (registered with
``forms.base.autosave``), saved by the record id the page chose, so the autosave and the
final submit write the same row.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.http import Http404, HttpRequest, QueryDict
from django.utils import timezone
from ninja import Schema, Status

from kindred.core.api import BODY_ERRORS, SIGNED_IN_ERRORS, responses
from kindred.core.ratelimit import SLOW_DOWN, allow_member
from kindred.toolkit.api.common import (
    NOT_A_MEMBER,
    ToolkitCrisisOut,
    ToolkitErrorOut,
    crisis_out,
    is_member,
    router,
)
from kindred.toolkit.forms import AUTOSAVE_FORMS
from kindred.toolkit.services.records import ToolkitError


class AutosaveIn(Schema):
    record_id: uuid.UUID
    fields: dict[str, str | list[str] | None] = {}


class AutosaveOut(Schema):
    saved: bool
    record_id: uuid.UUID
    saved_at: datetime
    crisis: ToolkitCrisisOut | None = None


@router.post(
    "/autosave/{kind}",
    response=responses(
        {
            200: AutosaveOut,
            403: ToolkitErrorOut,
            404: ToolkitErrorOut,
            409: ToolkitErrorOut,
            422: ToolkitErrorOut,
            429: ToolkitErrorOut,
        },
        SIGNED_IN_ERRORS,
        BODY_ERRORS,
    ),
    url_name="toolkit_autosave",
    summary="Save a toolkit form as the member types",
)
def autosave(request: HttpRequest, kind: str, payload: AutosaveIn) -> Status[object]:
    """Create or update the member's record ``record_id`` from the form's fields.

    422 with ``errors`` (by field) when the form refuses a value; nothing is saved then.
    """
    if not is_member(request):
        return Status(403, {"error": NOT_A_MEMBER})
    if not allow_member("toolkit-autosave", request.user.pk, "KINDRED_AUTOSAVE_RATE_LIMIT"):
        return Status(429, {"error": SLOW_DOWN + " What you typed is still on this page."})
    form_class = AUTOSAVE_FORMS.get(kind)
    if form_class is None:
        return Status(404, {"error": "There is no such tool."})
    model = form_class.model_class()
    if model.objects.filter(pk=payload.record_id).exclude(member=request.user).exists():
        return Status(404, {"error": "We could not find that."})  # the same as a missing one
    data = QueryDict(mutable=True)
    for name, value in payload.fields.items():
        if isinstance(value, list):
            data.setlist(name, value)
        elif value is not None:
            data[name] = value
    data["record_id"] = str(payload.record_id)
    try:
        form = form_class.bound_for(request.user, data)
        if not form.is_valid():
            return Status(
                422,
                {
                    "error": "Not saved yet: " + form.first_error(),
                    "errors": form.error_messages_flat(),
                },
            )
        saved = form.save_for(request.user)
    except Http404:
        return Status(404, {"error": "We could not find that."})
    except ToolkitError as error:
        return Status(409, {"error": str(error)})
    return Status(
        200,
        {
            "saved": True,
            "record_id": saved.record.pk,
            "saved_at": timezone.now(),
            "crisis": crisis_out(saved.crisis, request),
        },
    )
