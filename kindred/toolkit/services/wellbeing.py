"""Wellbeing check-ins: reads (the member's check-ins, the change since the first one, the
charts), the weekly reminder setting, and the reminder emails.

Every read is the member's own rows in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kindred.toolkit.charts import Chart, Datum
from kindred.toolkit.exports import exporter
from kindred.toolkit.models import CheckIn, WellbeingReminder
from kindred.toolkit.models.wellbeing import FEELINGS, LIFE_AREAS, SCORE_MAX, SCORES
from kindred.toolkit.services.records import ToolkitError

logger = logging.getLogger(__name__)

# Where a higher score is the better one (stress is the only exception).
LOWER_IS_BETTER = {"stress"}

REMINDER_SUBJECT = "Your weekly check-in"


def check_date(day: dt.date, today: dt.date) -> None:
    if day > today:
        raise ToolkitError("That date is in the future. Choose today or a day that has passed.")
    if day < dt.date(1900, 1, 1):
        raise ToolkitError("Please choose a date from 1900 onwards.")


def checkins_for(member: Any) -> list[CheckIn]:
    """The member's check-ins, oldest first (one query)."""
    return list(CheckIn.objects.filter(member=member).order_by("day", "created_at"))


# --- The change since the first check-in ------------------------------------------------------


@dataclass(frozen=True)
class Change:
    key: str
    first: float
    last: float
    sentence: str
    better: bool | None  # None when nothing changed

    @property
    def difference(self) -> float:
        return self.last - self.first


def _points(amount: float) -> str:
    shown = f"{amount:g}" if amount == int(amount) else f"{amount:.1f}"
    return f"{shown} point{'' if amount == 1 else 's'}"


def describe_change(key: str, name: str, first: float, last: float) -> Change:
    """One sentence: how a score now compares with the first check-in, with the direction
    words right for it (lower stress is better; higher mood, sleep and hope are)."""
    difference = round(last - first, 1)
    if difference == 0:
        return Change(key, first, last, f"Your {name} is the same as when you started.", None)
    direction = "lower" if difference < 0 else "higher"
    better = (difference < 0) == (key in LOWER_IS_BETTER)
    sentence = f"Your {name} is {_points(abs(difference))} {direction} than when you started."
    if better:
        sentence += " That is a change for the better."
    return Change(key, first, last, sentence, better)


def life_areas_average(checkin: CheckIn) -> float:
    return round(sum(getattr(checkin, key) for key, _ in LIFE_AREAS) / len(LIFE_AREAS), 1)


def changes(first: CheckIn | None, last: CheckIn | None) -> list[Change]:
    """The change from the first check-in to the last, one per feeling and one for the life
    areas together; empty until there are two check-ins."""
    if first is None or last is None or first.pk == last.pk:
        return []
    found = [
        describe_change(key, label.lower(), getattr(first, key), getattr(last, key))
        for key, label in FEELINGS
    ]
    found.append(
        describe_change(
            "life",
            "satisfaction with your life areas (on average)",
            life_areas_average(first),
            life_areas_average(last),
        )
    )
    return found


def progress_message(count: int) -> str:
    """What to say before there is anything to compare."""
    if count == 0:
        return (
            "Your first check-in will be your starting point. After the next one, you will "
            "see here how things have changed since."
        )
    if count == 1:
        return (
            "This is your starting point. Check in again next week and you will see here how "
            "things have changed since."
        )
    return ""


# --- Charts -----------------------------------------------------------------------------------


class ScoreChart(Chart):
    """A chart of 0-10 scores: the value axis always runs from 0 to 10."""

    @property
    def max_value(self) -> float:
        return SCORE_MAX

    def _scale_top(self) -> tuple[float, float]:
        return SCORE_MAX, 2


def charts(rows: list[CheckIn]) -> list[Chart]:
    """A line chart over time for each feeling, and the life areas at the last check-in."""
    found: list[Chart] = []
    for key, label in FEELINGS:
        better = "lower" if key in LOWER_IS_BETTER else "higher"
        found.append(
            ScoreChart(
                key=f"chart-{key}",
                title=f"{label} over time",
                summary=f"Your {label.lower()} at each check-in, from 0 to 10 ({better} is "
                "better).",
                category_label="Check-in",
                value_label=f"{label} (0 to 10)",
                kind="line",
                data=[
                    Datum(
                        label=f"{row.day:%-d %B %Y}",
                        value=getattr(row, key),
                        axis_label=f"{row.day:%-d %b}",
                    )
                    for row in rows
                ],
                empty_message="Your check-ins will show here.",
            )
        )
    last = rows[-1] if rows else None
    found.append(
        ScoreChart(
            key="chart-life-areas",
            title="Your life areas at your last check-in",
            summary="How satisfied you were with each area of your life, from 0 to 10.",
            category_label="Area",
            value_label="Satisfaction (0 to 10)",
            kind="hbar",
            data=[Datum(label=label, value=getattr(last, key)) for key, label in LIFE_AREAS]
            if last
            else [],
            empty_message="Your life areas will show here after your first check-in.",
        )
    )
    return found


# --- The weekly reminder ----------------------------------------------------------------------


def reminder_for(member: Any) -> WellbeingReminder | None:
    return WellbeingReminder.objects.filter(member=member).first()


def set_weekly_reminder(*, member: Any, weekly: bool) -> WellbeingReminder:
    """Turn the member's weekly reminder email on or off."""
    reminder, _ = WellbeingReminder.objects.update_or_create(
        member=member, defaults={"weekly": weekly}
    )
    return reminder


def iso_week(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def email_reminder(member: Any) -> None:
    """The reminder: discreet on purpose. It says nothing about why the member is here, so it
    is safe on a shared screen or a lock screen."""
    body = render_to_string(
        "toolkit/wellbeing/reminder_email.txt",
        {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "link": f"{settings.SITE_URL}{reverse('toolkit:wellbeing')}",
        },
    )
    EmailMessage(subject=REMINDER_SUBJECT, body=body, to=[member.email]).send()


def reminders_send_due(now: dt.datetime | None = None) -> int:
    """Email every member who turned the weekly reminder on, once per ISO week (UTC).

    Each reminder is claimed with a conditional UPDATE of ``last_sent_week`` before its email
    goes, so two workers, or the task run many times a week, never send two. If sending fails
    the claim is released for the next run. Members without an active membership, or whose
    account is closed, get nothing. Returns how many emails went out.
    """
    from kindred.memberships.access import has_active_membership

    week = iso_week((now or timezone.now()).astimezone(dt.UTC).date())
    due = (
        WellbeingReminder.objects.filter(weekly=True, member__is_active=True)
        .exclude(last_sent_week=week)
        .select_related("member")
    )
    sent = 0
    for reminder in due:
        member = reminder.member
        if not member.email or not has_active_membership(member):
            continue
        previous = reminder.last_sent_week
        claimed = (
            WellbeingReminder.objects.filter(pk=reminder.pk, weekly=True)
            .exclude(last_sent_week=week)
            .update(last_sent_week=week)
        )
        if not claimed:
            continue
        try:
            email_reminder(member)
        except Exception:
            logger.exception("Wellbeing reminder email failed; it will be tried again")
            WellbeingReminder.objects.filter(pk=reminder.pk).update(last_sent_week=previous)
            continue
        sent += 1
    return sent


# --- Export -----------------------------------------------------------------------------------


@exporter("wellbeing")
def export_wellbeing(member: Any) -> dict[str, Any]:
    reminder = reminder_for(member)
    return {
        "checkins": [
            {"day": row.day.isoformat(), **{key: getattr(row, key) for key, _ in SCORES}}
            for row in checkins_for(member)
        ],
        "weekly_reminder": bool(reminder and reminder.weekly),
    }
