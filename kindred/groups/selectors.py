"""Reads for live groups, with the member's own time zone and the access rules.

Every time a member sees is rendered in their zone (``Profile.time_zone``, else the
organisation's); ``link_visible`` is the one rule for showing a meeting link.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from kindred.groups.models import CalendarFeed, GroupNotice, Recording, Rsvp, Session, SupportGroup
from kindred.memberships.access import has_active_membership

UPCOMING = dt.timedelta(weeks=8)
LINK_OPENS_BEFORE = dt.timedelta(minutes=15)


def zone_for(user: Any) -> zoneinfo.ZoneInfo:
    """The person's own time zone, from their profile; the organisation's otherwise."""
    from kindred.accounts.models import Profile

    name = ""
    if getattr(user, "is_authenticated", False):
        name = Profile.objects.filter(user=user).values_list("time_zone", flat=True).first() or ""
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _with_counts(sessions: QuerySet[Session], member: Any) -> QuerySet[Session]:
    mine = Rsvp.objects.filter(session=OuterRef("pk"), member=member).values("status")[:1]
    return sessions.select_related("group", "group__facilitator").annotate(
        going_count=Count("rsvps", filter=Q(rsvps__status=Rsvp.Status.GOING)),
        waiting_count=Count("rsvps", filter=Q(rsvps__status=Rsvp.Status.WAITING)),
        my_status=Subquery(mine),
    )


def upcoming_sessions(member: Any, now: dt.datetime | None = None) -> list[Session]:
    """Sessions of active groups that have not ended, for the next eight weeks, with the
    member's own RSVP status (``my_status``) and the counts."""
    now = now or timezone.now()
    sessions = Session.objects.filter(
        group__is_active=True, ends_at__gt=now, starts_at__lt=now + UPCOMING
    )
    return list(_with_counts(sessions, member).order_by("starts_at"))


def group_for_member(slug: str) -> SupportGroup:
    group = (
        SupportGroup.objects.select_related("facilitator").filter(slug=slug, is_active=True).first()
    )
    if group is None:
        raise Http404
    return group


def group_sessions(
    group: SupportGroup, member: Any, now: dt.datetime | None = None
) -> list[Session]:
    now = now or timezone.now()
    sessions = Session.objects.filter(group=group, ends_at__gt=now, starts_at__lt=now + UPCOMING)
    return list(_with_counts(sessions, member).order_by("starts_at"))


def session_for_member(session_id: int, member: Any) -> Session:
    """A session of an active group (404 otherwise), with the member's status and counts."""
    session = _with_counts(
        Session.objects.filter(pk=session_id, group__is_active=True), member
    ).first()
    if session is None:
        raise Http404
    return session


def rsvp_of(session: Session, member: Any) -> Rsvp | None:
    return Rsvp.objects.filter(session=session, member=member).first()


def waiting_position(session: Session, member: Any) -> int | None:
    """1 for the first person waiting; None when the member is not waiting."""
    rsvp = rsvp_of(session, member)
    if rsvp is None or rsvp.status != Rsvp.Status.WAITING:
        return None
    ahead = Rsvp.objects.filter(session=session, status=Rsvp.Status.WAITING).filter(
        Q(created_at__lt=rsvp.created_at) | Q(created_at=rsvp.created_at, pk__lt=rsvp.pk)
    )
    return ahead.count() + 1


def link_window(session: Session) -> tuple[dt.datetime, dt.datetime]:
    return session.starts_at - LINK_OPENS_BEFORE, session.ends_at


def link_visible(session: Session, user: Any, now: dt.datetime | None = None) -> bool:
    """The meeting link shows only to an active member who is going (not waiting), for a
    session that is not cancelled, from 15 minutes before the start to the end."""
    now = now or timezone.now()
    opens, closes = link_window(session)
    if session.is_cancelled or not (opens <= now < closes):
        return False
    if not getattr(user, "is_authenticated", False) or not has_active_membership(user):
        return False
    return Rsvp.objects.filter(session=session, member=user, status=Rsvp.Status.GOING).exists()


def my_sessions(member: Any, now: dt.datetime | None = None) -> list[Session]:
    """Sessions the member is going to or waiting for, not yet ended."""
    now = now or timezone.now()
    sessions = Session.objects.filter(rsvps__member=member, ends_at__gt=now)
    return list(_with_counts(sessions, member).order_by("starts_at"))


def next_session_for(member: Any, now: dt.datetime | None = None) -> Session | None:
    """The member's next session (going, not cancelled), for the /my/ card."""
    now = now or timezone.now()
    return (
        Session.objects.filter(
            rsvps__member=member,
            rsvps__status=Rsvp.Status.GOING,
            status=Session.Status.SCHEDULED,
            ends_at__gt=now,
        )
        .select_related("group")
        .order_by("starts_at")
        .first()
    )


def notices_for(member: Any, limit: int = 20) -> list[GroupNotice]:
    return list(
        GroupNotice.objects.filter(member=member)
        .select_related("session", "session__group")
        .order_by("-created_at")[:limit]
    )


def recordings_for_members(group: SupportGroup | None = None) -> list[Recording]:
    recordings = Recording.objects.filter(session__group__is_active=True).select_related(
        "session", "session__group"
    )
    if group is not None:
        recordings = recordings.filter(session__group=group)
    return list(recordings.order_by("-session__starts_at"))


def recording_for_member(recording_id: int) -> Recording:
    recording = (
        Recording.objects.filter(pk=recording_id, session__group__is_active=True)
        .select_related("session", "session__group", "video_file", "captions_file")
        .first()
    )
    if recording is None:
        raise Http404
    return recording


def is_recording_file(document_id: int) -> bool:
    """Is this Wagtail document a group recording's video or captions (members only)?"""
    return Recording.objects.filter(
        Q(video_file_id=document_id) | Q(captions_file_id=document_id)
    ).exists()


# --- Calendar feed ----------------------------------------------------------------------------


def feed_by_token(token: str) -> CalendarFeed | None:
    if not token or len(token) > 64:
        return None
    return CalendarFeed.objects.select_related("member").filter(token=token).first()


def feed_sessions(member: Any, now: dt.datetime | None = None) -> list[Session]:
    """Sessions the member is going to, from a month back; cancelled ones stay in the feed
    (marked cancelled) so calendars remove them."""
    now = now or timezone.now()
    return list(
        Session.objects.filter(
            rsvps__member=member,
            rsvps__status=Rsvp.Status.GOING,
            ends_at__gt=now - dt.timedelta(days=30),
        )
        .select_related("group")
        .order_by("starts_at")
    )


# --- Facilitators -----------------------------------------------------------------------------


def groups_run_by(user: Any) -> QuerySet[SupportGroup]:
    from kindred.accounts.roles import is_organisation_admin

    groups = SupportGroup.objects.all()
    return groups if is_organisation_admin(user) else groups.filter(facilitator=user)


def sessions_run_by(user: Any, now: dt.datetime | None = None) -> list[Session]:
    now = now or timezone.now()
    sessions = Session.objects.filter(
        group__in=groups_run_by(user),
        ends_at__gt=now - dt.timedelta(days=1),
        starts_at__lt=now + UPCOMING,
    )
    return list(_with_counts(sessions, user).order_by("starts_at"))


def session_for_facilitator(session_id: int, user: Any) -> Session:
    """A session of a group this person runs; 404 for any other (no hint that it exists)."""
    session = (
        Session.objects.filter(pk=session_id, group__in=groups_run_by(user))
        .select_related("group", "group__facilitator")
        .first()
    )
    if session is None:
        raise Http404
    return session


@dataclass(frozen=True)
class Roster:
    going: list[Rsvp]
    waiting: list[Rsvp]


def roster(session: Session) -> Roster:
    """Who is going and who waits, in order, by pseudonym (select_related: one query)."""
    rsvps = list(
        Rsvp.objects.filter(session=session).select_related("member").order_by("created_at", "pk")
    )
    return Roster(
        going=[r for r in rsvps if r.status == Rsvp.Status.GOING],
        waiting=[r for r in rsvps if r.status == Rsvp.Status.WAITING],
    )


# --- Export -----------------------------------------------------------------------------------


def export_groups(member: Any) -> dict[str, Any]:
    """What live groups store about a member, for "Download my data"."""
    feed = CalendarFeed.objects.filter(member=member).first()
    return {
        "rsvps": [
            {
                "group": r.session.group.title,
                "starts_at": r.session.starts_at.isoformat(),
                "status": r.status,
                "signed_up_at": r.created_at.isoformat(),
                "consented_to_recording_at": r.consented_at.isoformat() if r.consented_at else None,
                "reminder_sent_at": r.reminder_sent_at.isoformat() if r.reminder_sent_at else None,
            }
            for r in Rsvp.objects.filter(member=member).select_related("session__group")
        ],
        "calendar_feed": (
            {"created_at": feed.created_at.isoformat(), "show_titles": feed.show_titles}
            if feed
            else None
        ),
        "notices": [
            {"kind": n.kind, "text": n.text, "created_at": n.created_at.isoformat()}
            for n in GroupNotice.objects.filter(member=member)
        ],
    }
