"""The treatment-invitation planner: reads (the plan, options, answers, windows), the copy of
a directory entry into a treatment option, deletions and the member's export.

Every read filters by the member; a record that is not theirs is "not found" (see
``records.owned_or_404``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from kindred.coach.analysis import MAX_CHARACTERS as COACH_MAX_CHARACTERS
from kindred.coach.analysis import CoachResult, coach_message
from kindred.toolkit.exports import exporter
from kindred.toolkit.models import (
    InvitationPlan,
    OpportunityWindow,
    OptionKind,
    PreparedAnswer,
    TreatmentOption,
)

# A window noted more than this far ahead of the server clock is refused (clocks drift).
FUTURE_SLACK = dt.timedelta(minutes=2)
EARLIEST_WINDOW = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class UsualReply:
    """A reply families often hear, the plan field for the member's answer, and a hint."""

    field: str
    reply: str
    hint: str


# The hints are CRAFT in our own words: stay warm, don't argue the point, tie it to what
# they want, offer a small step, accept a no and keep the door open.
USUAL_REPLIES: tuple[UsualReply, ...] = (
    UsualReply(
        field="answer_no_problem",
        reply="“I don’t have a problem.”",
        hint="Don’t argue about the word “problem”. Say what you have seen and how it made "
        "you feel, then link the invitation to something they want (sleep, their job, the "
        "kids): “You said you’re tired of feeling this way. Would you talk to someone about "
        "that, just once?”",
    ),
    UsualReply(
        field="answer_cut_down",
        reply="“I’ll cut down on my own.”",
        hint="Welcome the wish to change: it is one. Then offer support alongside it rather "
        "than instead of it: “I’d love that. Would you also see someone with me, so you "
        "have help if it gets hard?” You can agree on a time to check in together.",
    ),
    UsualReply(
        field="answer_your_problem",
        reply="“You’re the problem.” / “You’re the one who needs help.”",
        hint="Take a share, without taking the bait: “Maybe I’ve made things harder "
        "sometimes. I’m getting help for me too. Would you come with me?” If voices rise, "
        "stop kindly and try another day.",
    ),
)

TIMING_RULE = (
    "Not when your loved one has been using, is in withdrawal or is angry. Choose a calm, "
    "private moment, as soon as you can after a window opens."
)


# --- Reads ------------------------------------------------------------------------------


def plan_for(member: Any) -> InvitationPlan | None:
    return InvitationPlan.objects.filter(member=member).first()


def options_for(member: Any) -> list[TreatmentOption]:
    return list(
        TreatmentOption.objects.filter(member=member)
        .select_related("resource")
        .order_by("created_at")
    )


def answers_for(member: Any) -> list[PreparedAnswer]:
    return list(PreparedAnswer.objects.filter(member=member).order_by("created_at"))


def windows_for(member: Any, limit: int | None = None) -> list[OpportunityWindow]:
    rows = OpportunityWindow.objects.filter(member=member).order_by("-happened_at", "-created_at")
    return list(rows[:limit] if limit else rows)


def open_windows_for(member: Any, since_days: int = 14) -> list[OpportunityWindow]:
    """The member's windows of opportunity of the last ``since_days`` days, newest first
    (one query), for cards that remind them a moment may be near."""
    since = timezone.now() - dt.timedelta(days=since_days)
    return list(
        OpportunityWindow.objects.filter(member=member, happened_at__gte=since).order_by(
            "-happened_at", "-created_at"
        )
    )


def reading_for(words: str) -> CoachResult | None:
    """The communication coach's reading of the invitation (None when there are no words or
    more than the coach reads). Nothing is stored or logged."""
    if not words.strip() or len(words) > COACH_MAX_CHARACTERS:
        return None
    return coach_message(words)


# --- Checks the forms share ---------------------------------------------------------------

PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ().\-/]+((ext\.?|x|#)\s*[0-9]{1,6})?$", re.IGNORECASE)
URL_CHECK = URLValidator(schemes=["http", "https"])


def check_phone(value: str) -> str:
    """A phone number as typed (trimmed), or ValidationError with a clear message."""
    value = value.strip()
    if not value:
        return ""
    digits = re.sub(r"\D", "", re.split(r"(?i)ext|x|#", value)[0])
    if not PHONE_CHARACTERS.match(value) or not 3 <= len(digits) <= 15:
        raise ValidationError(
            "This doesn’t look like a phone number. Use digits, spaces, dashes or brackets, "
            "like 1-800-662-4357 or (555) 014-2000; you can add “ext 12”. Your text is still "
            "here.",
            code="phone",
        )
    return value


def check_website(value: str) -> str:
    """A web address (https:// added when the member left it out), or ValidationError."""
    value = value.strip()
    if not value:
        return ""
    candidate = value if re.match(r"(?i)^https?://", value) else f"https://{value}"
    try:
        URL_CHECK(candidate)
    except ValidationError:
        raise ValidationError(
            "This doesn’t look like a web address. Try one like https://www.example.org or "
            "example.org/contact; your text is still here.",
            code="website",
        ) from None
    return candidate


def check_window_time(value: dt.datetime) -> dt.datetime:
    if value > timezone.now() + FUTURE_SLACK:
        raise ValidationError(
            "That time is in the future. Note a window once it has happened (now, or earlier).",
            code="future",
        )
    if value < EARLIEST_WINDOW:
        raise ValidationError("Please check the date: it is too long ago.", code="too_early")
    return value


# --- Writes -----------------------------------------------------------------------------

RESOURCE_KINDS = {
    "treatment-provider": OptionKind.PROGRAMME,
    "treatment-locator": OptionKind.HELPLINE,
    "helpline": OptionKind.HELPLINE,
    "crisis-line": OptionKind.HELPLINE,
    "peer-recovery-centre": OptionKind.PEER,
    "fellowship": OptionKind.PEER,
    "online-meetings": OptionKind.PEER,
}


def option_from_resource(*, member: Any, resource: Any) -> TreatmentOption:
    """A new treatment option for the member with a directory entry's details copied (and
    linked), ready for them to add their notes."""
    place = ", ".join(
        part
        for part in (resource.address, resource.city, f"{resource.state} {resource.zip_code}")
        if part and part.strip()
    ).strip()
    costs = ", ".join(facet.label for facet in resource.costs.all())
    return TreatmentOption.objects.create(
        member=member,
        name=resource.title,
        kind=RESOURCE_KINDS.get(resource.kind, OptionKind.OTHER),
        phone=resource.phone,
        website=resource.website,
        address=place,
        hours=resource.hours,
        cost_notes=costs,
        notes=f"Text: {resource.text_contact}" if resource.text_contact else "",
        resource=resource,
    )


def delete_option(*, member: Any, option: TreatmentOption) -> None:
    if option.member_id != member.pk:
        raise PermissionError("a member can only delete their own options")
    option.delete()


def delete_answer(*, member: Any, answer: PreparedAnswer) -> None:
    if answer.member_id != member.pk:
        raise PermissionError("a member can only delete their own answers")
    answer.delete()


def delete_window(*, member: Any, window: OpportunityWindow) -> None:
    if window.member_id != member.pk:
        raise PermissionError("a member can only delete their own windows")
    window.delete()


# --- Export -----------------------------------------------------------------------------

PLAN_FIELDS = (
    "words",
    "answer_no_problem",
    "answer_cut_down",
    "answer_your_problem",
    "helper_drive",
    "helper_children",
    "helper_other",
    "plan_b_try_again",
    "plan_b_smaller_step",
    "plan_b_other",
)


@exporter("invitation")
def export_invitation(member: Any) -> dict[str, Any]:
    plan = plan_for(member)
    return {
        "plan": {name: getattr(plan, name) for name in PLAN_FIELDS} if plan else None,
        "prepared_answers": [
            {"their_reply": row.their_reply, "answer": row.answer} for row in answers_for(member)
        ],
        "treatment_options": [
            {
                "name": row.name,
                "kind": row.kind,
                "phone": row.phone,
                "website": row.website,
                "address": row.address,
                "hours": row.hours,
                "cost_notes": row.cost_notes,
                "starts_soon": row.starts_soon,
                "notes": row.notes,
                "from_directory": row.resource_id is not None,
            }
            for row in options_for(member)
        ],
        "windows": [
            {
                "kind": row.kind,
                "what_happened": row.what_happened,
                "happened_at": row.happened_at.isoformat(),
            }
            for row in windows_for(member)
        ],
    }
