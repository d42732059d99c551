"""POST /api/coach/analyze: the coach's reading of a draft, as JSON (members only)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema, Status

from kindred.coach.analysis import MAX_CHARACTERS, coach_message
from kindred.core.api import BODY_ERRORS, SIGNED_IN_ERRORS, ErrorOut, responses
from kindred.core.ratelimit import allow
from kindred.memberships.access import has_active_membership

router = Router(tags=["communication coach"])


class AnalyzeIn(Schema):
    text: str


class PitfallOut(Schema):
    kind: str
    start: int
    end: int
    excerpt: str
    why: str
    try_instead: str


class StrengthOut(Schema):
    kind: str
    start: int
    end: int
    excerpt: str


class ResourceOut(Schema):
    name: str
    description: str
    phone: str
    sms_number: str
    sms_body: str
    hours: str
    tel: str
    sms: str


class CrisisOut(Schema):
    kind: str
    possible: bool
    resources: list[ResourceOut]


class PiusOut(Schema):
    positive: bool
    i_statement: bool
    understanding: bool
    shared_responsibility: bool
    offer_help: bool


class AnalysisOut(Schema):
    may_hurt: bool
    score: int
    pius: PiusOut
    pitfalls: list[PitfallOut]
    strengths: list[StrengthOut]
    crisis: CrisisOut | None


@router.post(
    "/analyze",
    response=responses(
        {200: AnalysisOut, 403: ErrorOut, 413: ErrorOut, 429: ErrorOut},
        SIGNED_IN_ERRORS,
        BODY_ERRORS,
    ),
    url_name="coach_analyze",
    summary="Read a draft message",
)
def analyze_draft(request: HttpRequest, payload: AnalyzeIn) -> Status[object]:
    """Find what will help and what may hurt in a draft, with a 0–100 score, the PIUS
    checklist and, when the text suggests danger, the matching crisis help.

    `may_hurt` is the message-level decision (true when any pitfall was found; every pitfall
    points at words and offers an alternative). `crisis.possible` is true for a
    low-confidence signal: danger words the coach could not confirm, shown calmly.

    Offsets are Python string indices (Unicode code points) into `text`. Nothing is stored
    or logged. At most 5,000 characters; rate-limited per member.
    """
    user = request.user
    if not has_active_membership(user):
        return Status(403, {"error": "The coach is part of Kindred's member program."})
    limit, window = settings.KINDRED_COACH_RATE_LIMIT
    if not allow("coach-analyze", str(user.pk), limit, window):
        return Status(429, {"error": "You are going a little fast. Wait a moment and try again."})
    if len(payload.text) > MAX_CHARACTERS:
        return Status(
            413,
            {
                "error": f"The coach reads up to {MAX_CHARACTERS:,} characters; this draft has "
                f"{len(payload.text):,}. Try splitting it into shorter messages."
            },
        )
    return Status(200, coach_message(payload.text).as_payload())
