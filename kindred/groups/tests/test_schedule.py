"""Recurrences expanded in the facilitator's zone: right across daylight-saving changes, in
the facilitator's zone and in the member's."""

import datetime as dt
import zoneinfo

import pytest

from kindred.groups import schedule, services
from kindred.groups.models import Session

from .conftest import make_group, make_session

UTC = dt.UTC
NY = zoneinfo.ZoneInfo("America/New_York")
LA = zoneinfo.ZoneInfo("America/Los_Angeles")
MADRID = zoneinfo.ZoneInfo("Europe/Madrid")


def _starts(group, after, before):
    return [start for start, _ in schedule.occurrences(group, after, before)]


def test_weekly_new_york_keeps_7pm_across_the_spring_change(db):
    group = make_group(None)  # Thursdays 19:00 New York; DST starts Sunday March 8, 2026
    starts = _starts(
        group, dt.datetime(2026, 3, 1, tzinfo=UTC), dt.datetime(2026, 3, 14, tzinfo=UTC)
    )
    assert starts == [
        dt.datetime(2026, 3, 6, 0, 0, tzinfo=UTC),  # Thu Mar 5, 19:00 EST (UTC-5)
        dt.datetime(2026, 3, 12, 23, 0, tzinfo=UTC),  # Thu Mar 12, 19:00 EDT (UTC-4)
    ]
    assert {s.astimezone(NY).time() for s in starts} == {dt.time(19, 0)}
    # A member in Los Angeles sees 4 p.m. both weeks: both zones changed on the same day.
    assert {s.astimezone(LA).time() for s in starts} == {dt.time(16, 0)}


def test_weekly_new_york_across_the_autumn_change(db):
    group = make_group(None)  # DST ends Sunday November 1, 2026
    starts = _starts(
        group, dt.datetime(2026, 10, 25, tzinfo=UTC), dt.datetime(2026, 11, 7, tzinfo=UTC)
    )
    assert starts == [
        dt.datetime(2026, 10, 29, 23, 0, tzinfo=UTC),
        dt.datetime(2026, 11, 6, 0, 0, tzinfo=UTC),
    ]


def test_madrid_group_seen_from_los_angeles_while_only_one_zone_has_changed(db):
    # Madrid changes on March 29, Los Angeles on March 8: for three weeks the gap is 8 hours,
    # not 9, and the member's local time moves while the facilitator's stays 19:00.
    group = make_group(None, time_zone="Europe/Madrid", weekday=1, slug="es")  # Tuesdays
    starts = _starts(
        group, dt.datetime(2026, 3, 1, tzinfo=UTC), dt.datetime(2026, 4, 5, tzinfo=UTC)
    )
    assert [s.astimezone(MADRID).time() for s in starts] == [dt.time(19, 0)] * 5
    assert [s.astimezone(LA).strftime("%m-%d %H:%M") for s in starts] == [
        "03-03 10:00",  # both on winter time: 9 hours apart
        "03-10 11:00",  # Los Angeles on summer time, Madrid not yet
        "03-17 11:00",
        "03-24 11:00",
        "03-31 10:00",  # both on summer time
    ]


def test_fortnightly_keeps_its_phase_from_the_first_day(db):
    group = make_group(None, frequency="fortnightly", starts_on=dt.date(2026, 1, 1))
    starts = _starts(
        group, dt.datetime(2026, 1, 1, tzinfo=UTC), dt.datetime(2026, 2, 1, tzinfo=UTC)
    )
    assert [s.astimezone(NY).date() for s in starts] == [
        dt.date(2026, 1, 1),
        dt.date(2026, 1, 15),
        dt.date(2026, 1, 29),
    ]


@pytest.mark.parametrize(("week", "expected"), [(2, [10, 14, 14]), (-1, [31, 28, 28])])
def test_monthly_on_the_nth_weekday(db, week, expected):
    group = make_group(None, frequency="monthly", weekday=5, week_of_month=week)  # Saturday
    starts = _starts(
        group, dt.datetime(2026, 1, 1, tzinfo=UTC), dt.datetime(2026, 4, 1, tzinfo=UTC)
    )
    assert [s.astimezone(NY).day for s in starts] == expected


def test_ends_on_stops_the_schedule(db):
    group = make_group(None, ends_on=dt.date(2026, 1, 15))
    starts = _starts(
        group, dt.datetime(2026, 1, 1, tzinfo=UTC), dt.datetime(2026, 3, 1, tzinfo=UTC)
    )
    assert len(starts) == 3


def test_extending_is_idempotent_and_never_recreates_a_moved_or_cancelled_session(db):
    now = dt.datetime(2026, 3, 1, 12, tzinfo=UTC)
    group = make_group(None)
    created = services.schedule_extend(group, now)
    assert created == 12
    assert services.schedule_extend(group, now) == 0
    first, second = Session.objects.filter(group=group).order_by("starts_at")[:2]
    services.session_cancel(first, by=None)
    services.session_move(second, second.starts_at + dt.timedelta(hours=2), by=None)
    assert services.schedule_extend(group, now) == 0
    assert Session.objects.filter(group=group).count() == 12
    first.refresh_from_db()
    assert first.is_cancelled


def test_editing_the_schedule_replaces_empty_sessions_and_cancels_booked_ones(db, alice):
    now = dt.datetime(2026, 3, 1, 12, tzinfo=UTC)
    group = make_group(None, capacity=5)
    services.schedule_extend(group, now)
    booked = Session.objects.filter(group=group).order_by("starts_at")[0]
    services.rsvp_create(session_id=booked.pk, member=alice, now=now)
    group.start_time = dt.time(18, 0)
    group.save()
    services.schedule_extend(group, now)
    booked.refresh_from_db()
    assert booked.is_cancelled
    assert alice.group_notices.filter(kind="cancelled").count() == 1
    live = Session.objects.filter(group=group, status="scheduled")
    assert live.count() == 12
    assert {s.starts_at.astimezone(NY).time() for s in live} == {dt.time(18, 0)}


def test_a_session_shows_its_own_wall_clock_time(db):
    group = make_group(None)
    session = make_session(group, dt.datetime(2026, 3, 12, 23, 0, tzinfo=UTC))
    assert "2026-03-12 19:00" in str(session)
