"""Writes for live groups: schedules, RSVPs and the waiting list, moves and cancellations,
messages to attendees, calendar feeds, reminders.

Every RSVP change locks the session row (``select_for_update``) for the count and the write,
so concurrent RSVPs never put a session over capacity, and a freed place goes to the first
person waiting in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from kindred.groups import schedule
from kindred.groups.models import (
    CalendarFeed,
    GroupNotice,
    Rsvp,
    Session,
    SupportGroup,
    new_feed_token,
)
from kindred.memberships.access import has_active_membership

logger = logging.getLogger(__name__)
REMINDER_BEFORE = dt.timedelta(hours=1)


class RsvpRefused(Exception):
    """Why a member cannot take a place; the message is shown to them as it is."""


# --- Schedules --------------------------------------------------------------------------------


def schedule_extend(group: SupportGroup, now: dt.datetime | None = None) -> int:
    """Create the sessions of the next ``schedule.HORIZON`` that do not exist yet.

    Keyed on the occurrence (``scheduled_for``), so a moved or cancelled session is never
    recreated. Sessions that no longer fit an edited schedule and have not started: deleted when
    nobody RSVP'd, otherwise cancelled and the members told. Returns how many were created.
    """
    now = now or timezone.now()
    wanted = schedule.occurrences(group, now, now + schedule.HORIZON) if group.is_active else []
    wanted_starts = {start for start, _ in wanted}
    stale = Session.objects.filter(
        group=group, starts_at__gt=now, is_moved=False, status=Session.Status.SCHEDULED
    ).exclude(scheduled_for__in=wanted_starts)
    for session in stale:
        if session.rsvps.exists():
            session_cancel(session, by=None)
        else:
            session.delete()
    existing = set(
        Session.objects.filter(group=group, scheduled_for__in=wanted_starts).values_list(
            "scheduled_for", flat=True
        )
    )
    # Same occurrence, new duration: keep the end in step for sessions not moved by hand.
    Session.objects.filter(group=group, scheduled_for__in=existing, is_moved=False).exclude(
        ends_at=_end_expression(group)
    ).update(ends_at=_end_expression(group))
    new = [
        Session(group=group, scheduled_for=start, starts_at=start, ends_at=end)
        for start, end in wanted
        if start not in existing
    ]
    Session.objects.bulk_create(new, ignore_conflicts=True)
    for session in Session.objects.filter(group=group, starts_at__gt=now):
        waiting_promote(session)
    return len(new)


def _end_expression(group: SupportGroup) -> Any:
    from django.db.models import F

    return F("starts_at") + dt.timedelta(minutes=group.duration_minutes)


def schedule_extend_all(now: dt.datetime | None = None) -> int:
    """Extend every active group's schedule (run by ``groups_tick``)."""
    return sum(schedule_extend(group, now) for group in SupportGroup.objects.filter(is_active=True))


# --- RSVPs and the waiting list -----------------------------------------------------------------


def _locked(session_id: int) -> Session:
    # of=("self",): lock the session row only, not the joined group.
    return (
        Session.objects.select_for_update(of=("self",)).select_related("group").get(pk=session_id)
    )


def rsvp_create(
    *, session_id: int, member: Any, consent: bool = False, now: dt.datetime | None = None
) -> Rsvp:
    """Take a place in a session, or a place on its waiting list when it is full.

    Refused (``RsvpRefused``) without an active membership, for a cancelled or finished
    session, or for a recorded session without the member's consent. Asking twice returns the
    existing RSVP.
    """
    now = now or timezone.now()
    if not has_active_membership(member):
        raise RsvpRefused("Group sessions are for members.")
    with transaction.atomic():
        session = _locked(session_id)
        if session.is_cancelled or not session.group.is_active:
            raise RsvpRefused("This session was cancelled.")
        if session.ends_at <= now:
            raise RsvpRefused("This session has ended.")
        existing = Rsvp.objects.filter(session=session, member=member).first()
        if existing is not None:
            return existing
        if session.is_recorded and not consent:
            raise RsvpRefused(
                "This session is recorded. Please read the notice and tick the box to agree."
            )
        going = Rsvp.objects.filter(session=session, status=Rsvp.Status.GOING).count()
        status = Rsvp.Status.GOING if going < session.capacity else Rsvp.Status.WAITING
        try:
            with transaction.atomic():
                return Rsvp.objects.create(
                    session=session,
                    member=member,
                    status=status,
                    created_at=now,
                    consented_at=now if session.is_recorded else None,
                )
        except IntegrityError:  # the same member, twice at once
            return Rsvp.objects.get(session=session, member=member)


def rsvp_cancel(*, session_id: int, member: Any) -> bool:
    """Give up a place (or leave the waiting list); the first person waiting takes the place.
    Returns False when the member had no RSVP."""
    with transaction.atomic():
        session = _locked(session_id)
        deleted, _ = Rsvp.objects.filter(session=session, member=member).delete()
        if deleted:
            _promote(session)
    return bool(deleted)


def waiting_promote(session: Session) -> list[Rsvp]:
    """Fill free places from the waiting list (after a cancellation or a bigger capacity)."""
    if not Rsvp.objects.filter(session=session, status=Rsvp.Status.WAITING).exists():
        return []
    with transaction.atomic():
        return _promote(_locked(session.pk))


def _promote(session: Session) -> list[Rsvp]:
    # Called with the session row locked.
    if session.is_cancelled or session.starts_at <= timezone.now():
        return []
    going = Rsvp.objects.filter(session=session, status=Rsvp.Status.GOING).count()
    free = session.capacity - going
    if free <= 0:
        return []
    promoted = list(
        Rsvp.objects.filter(session=session, status=Rsvp.Status.WAITING).order_by(
            "created_at", "pk"
        )[:free]
    )
    for rsvp in promoted:
        rsvp.status = Rsvp.Status.GOING
        rsvp.save(update_fields=["status"])
    if promoted:
        _notify([r.member_id for r in promoted], session, GroupNotice.Kind.PROMOTED)
    return promoted


# --- Changes to one session -------------------------------------------------------------------


def session_cancel(session: Session, by: Any) -> None:
    """Cancel one session; everyone who RSVP'd (and waits) is told in the app and by email."""
    with transaction.atomic():
        locked = _locked(session.pk)
        locked.status = Session.Status.CANCELLED
        locked.save(update_fields=["status"])
        _notify(_all_rsvp_member_ids(locked), locked, GroupNotice.Kind.CANCELLED)
    session.status = Session.Status.CANCELLED


def session_move(session: Session, starts_at: dt.datetime, by: Any) -> None:
    """Move one session (same length); members are told, and get a fresh reminder."""
    with transaction.atomic():
        locked = _locked(session.pk)
        length = locked.ends_at - locked.starts_at
        locked.starts_at = starts_at
        locked.ends_at = starts_at + length
        locked.is_moved = True
        locked.save(update_fields=["starts_at", "ends_at", "is_moved"])
        Rsvp.objects.filter(session=locked).update(reminder_sent_at=None)
        _notify(_all_rsvp_member_ids(locked), locked, GroupNotice.Kind.MOVED)
    session.starts_at, session.ends_at, session.is_moved = locked.starts_at, locked.ends_at, True


def attendees_message(session: Session, text: str, by: Any) -> int:
    """A facilitator's message about a change to everyone going and waiting. The email only
    says there is a message; the text is read in the app. Returns how many were told."""
    member_ids = _all_rsvp_member_ids(session)
    _notify(member_ids, session, GroupNotice.Kind.MESSAGE, text=text.strip())
    return len(member_ids)


def _all_rsvp_member_ids(session: Session) -> list[int]:
    return list(Rsvp.objects.filter(session=session).values_list("member_id", flat=True))


def _notify(member_ids: list[int], session: Session, kind: str, text: str = "") -> None:
    from kindred.groups.tasks import send_notice_email

    notices = GroupNotice.objects.bulk_create(
        [GroupNotice(member_id=pk, session=session, kind=kind, text=text) for pk in member_ids]
    )
    for notice in notices:
        transaction.on_commit(partial(send_notice_email.enqueue, notice.pk))


def notices_mark_read(member: Any) -> None:
    GroupNotice.objects.filter(member=member, read_at__isnull=True).update(read_at=timezone.now())


# --- Calendar feed ----------------------------------------------------------------------------


def feed_get_or_create(member: Any) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(member=member)
    return feed


def feed_reset(member: Any) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed = feed_get_or_create(member)
    feed.token = new_feed_token()
    feed.reset_at = timezone.now()
    feed.save(update_fields=["token", "reset_at"])
    return feed


def feed_set_show_titles(member: Any, show: bool) -> CalendarFeed:
    feed = feed_get_or_create(member)
    feed.show_titles = show
    feed.save(update_fields=["show_titles"])
    return feed


# --- Reminders --------------------------------------------------------------------------------


def reminders_send_due(now: dt.datetime | None = None) -> int:
    """Email everyone going to a session that starts within the hour, once.

    Each RSVP is claimed with a conditional UPDATE (``reminder_sent_at`` still empty) before
    its email goes, so two workers, or a task run twice, never send it twice. If sending fails
    the claim is released for the next run. Returns how many emails went out.
    """
    from kindred.groups.notify import email_reminder

    now = now or timezone.now()
    due = Rsvp.objects.filter(
        status=Rsvp.Status.GOING,
        reminder_sent_at__isnull=True,
        session__status=Session.Status.SCHEDULED,
        session__starts_at__gt=now,
        session__starts_at__lte=now + REMINDER_BEFORE,
    ).select_related("session", "member")
    sent = 0
    for rsvp in due:
        if not rsvp.member.is_active or not has_active_membership(rsvp.member):
            continue
        claimed = Rsvp.objects.filter(pk=rsvp.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        if not claimed:
            continue
        try:
            email_reminder(rsvp)
        except Exception:
            logger.exception("Reminder email failed; it will be tried again")
            Rsvp.objects.filter(pk=rsvp.pk).update(reminder_sent_at=None)
            continue
        sent += 1
    return sent
