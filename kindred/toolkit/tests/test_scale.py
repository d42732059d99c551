"""The toolkit's scale data (seed_scale's SCALE_DATA hook): tracker days in bulk."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db.models import Count
from django.utils import timezone
from wagtail import hooks

from kindred.accounts.models import User
from kindred.core.extensions import SCALE_DATA
from kindred.toolkit.exports import export_toolkit
from kindred.toolkit.models import TrackerDay, Used
from kindred.toolkit.scale import DEMO_MEMBER, seed_tracker_days
from kindred.toolkit.services import tracker

pytestmark = pytest.mark.django_db


def _members(count: int) -> list[int]:
    users = [
        User.objects.create(email=f"member{n}@scale.invalid", pseudonym=f"Scale{n}")
        for n in range(count)
    ]
    return [u.pk for u in users]


def test_the_toolkit_registers_its_scale_data():
    assert seed_tracker_days in [hook() for hook in hooks.get_hooks(SCALE_DATA)]


def test_days_are_shared_out_and_a_second_run_adds_nothing():
    demo = User.objects.create(email=DEMO_MEMBER, pseudonym="QuietHarbor")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    tracker.save_day(
        member=demo,
        values=tracker.DayValues(day=yesterday, used=Used.NO, tags=[], between_us=3, note="ok"),
    )
    members = _members(4)
    out = io.StringIO()
    seed_tracker_days(members, {"tracker_days": 1_103}, out)
    seed_tracker_days(members, {"tracker_days": 1_103}, out)  # adds nothing

    per_member = dict(
        TrackerDay.objects.values_list("member_id").annotate(n=Count("pk")).order_by()
    )
    # The demo member: three years of days beside their own one; the rest shared out.
    assert per_member[demo.pk] == 1 + 3 * 365
    assert sorted(per_member[m] for m in members) == [2, 2, 2, 2]
    assert "Tracker days: 1103 added over 5 members" in out.getvalue()
    assert "Tracker days: 0 added over 0 members" in out.getvalue()
    # The demo member's own day is kept as it was; the seeded days step around it.
    assert TrackerDay.objects.get(member=demo, day=yesterday).note == "ok"
    newest = TrackerDay.objects.filter(member_id=members[0]).order_by("-day").first()
    assert newest is not None and newest.day == yesterday
    # Seeded rows read like any other: valid answers, sealed notes that open (the export).
    assert newest.used in Used.values and newest.note == ""
    days = export_toolkit(demo)["tracker"]["days"]
    assert len(days) == 1 + 3 * 365 and {d["note"] for d in days} == {"", "ok"}
