"""Wellbeing check-ins: the form, the change in words, the charts, the API and the weekly
reminder."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from kindred.toolkit.models import CheckIn, WellbeingReminder
from kindred.toolkit.models.wellbeing import SCORES
from kindred.toolkit.services import wellbeing
from kindred.toolkit.services.tracker import member_today

pytestmark = pytest.mark.django_db

FORBIDDEN = (
    "drug",
    "drugs",
    "alcohol",
    "substance",
    "substances",
    "addiction",
    "overdose",
    "use",
    "using",
    "recovery",
    "treatment",
    "loved one",
)


def scores(**changed: int) -> dict[str, int]:
    values = dict.fromkeys((key for key, _ in SCORES), 5)
    values.update(changed)
    return values


def make_checkin(member: Any, day: dt.date, **changed: int) -> CheckIn:
    return CheckIn.objects.create(member=member, day=day, **scores(**changed))


def post_data(day: dt.date, **changed: Any) -> dict[str, Any]:
    import uuid

    data: dict[str, Any] = {"record_id": str(uuid.uuid4()), "day": day.isoformat()}
    data.update(scores())
    data.update(changed)
    return data


# --- The page ---------------------------------------------------------------------------------


def test_a_check_in_is_saved_and_the_page_is_private(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    page = alice_client.get("/toolkit/wellbeing/")
    assert page.status_code == 200
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    # Every score is a labelled group of radio buttons from 0 to 10 (no JavaScript needed).
    assert page.text.count('type="radio"') == 11 * len(SCORES) + 2  # + the reminder on/off
    assert "How stressed have you felt lately?" in page.text
    assert f'value="{member_today(alice).isoformat()}"' in page.text  # today, member's zone
    response = alice_client.post("/toolkit/wellbeing/", post_data(member_today(alice), stress=7))
    assert response.status_code == 302
    row = CheckIn.objects.get(member=alice)
    assert row.stress == 7 and row.mood == 5


def test_scores_outside_0_to_10_are_refused_and_the_answers_kept(
    alice_client: Client,
    alice,  # type: ignore[no-untyped-def]
) -> None:
    response = alice_client.post(
        "/toolkit/wellbeing/", post_data(member_today(alice), stress=11, mood=-1, hope=7)
    )
    assert response.status_code == 422
    assert "Choose a number from 0 to 10 for “How stressed have you felt lately”." in (
        response.content.decode()
    )
    assert "How has your mood been" in response.content.decode()
    assert not CheckIn.objects.exists()
    # What was chosen is still chosen.
    assert re.search(r'name="hope" value="7"[^>]*checked', response.text)


def test_a_check_in_dated_in_the_future_is_refused(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    tomorrow = member_today(alice) + dt.timedelta(days=1)
    response = alice_client.post("/toolkit/wellbeing/", post_data(tomorrow, sleep=8))
    assert response.status_code == 422
    assert "That date is in the future" in response.text
    assert f'value="{tomorrow.isoformat()}"' in response.text  # the date typed is kept
    assert re.search(r'name="sleep" value="8"[^>]*checked', response.text)
    assert not CheckIn.objects.exists()


def test_the_change_in_words_for_0_1_and_2_check_ins(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    today = member_today(alice)
    assert "Your first check-in will be your starting point" in (
        alice_client.get("/toolkit/wellbeing/").text
    )
    make_checkin(alice, today - dt.timedelta(days=14), stress=8, mood=3, hope=6, sleep=4)
    page = alice_client.get("/toolkit/wellbeing/").text
    assert "This is your starting point" in page
    make_checkin(alice, today, stress=5, mood=4, hope=4, sleep=4)
    page = alice_client.get("/toolkit/wellbeing/").text
    assert "Your stress is 3 points lower than when you started. That is a change for the " in page
    assert "Your mood is 1 point higher than when you started. That is a change for the " in page
    assert "Your hope is 2 points lower than when you started." in page
    assert "Your sleep is the same as when you started." in page


@pytest.mark.parametrize(
    ("key", "first", "last", "words", "better"),
    [
        ("stress", 8, 5, "3 points lower", True),
        ("stress", 2, 6, "4 points higher", False),
        ("mood", 3, 7, "4 points higher", True),
        ("hope", 6, 5, "1 point lower", False),
        ("sleep", 5, 5, "the same", None),
    ],
)
def test_direction_words(key: str, first: int, last: int, words: str, better: Any) -> None:
    change = wellbeing.describe_change(key, key, first, last)
    assert words in change.sentence
    assert change.better is better
    assert ("change for the better" in change.sentence) is bool(better)


def test_a_check_in_can_be_deleted_by_its_owner_only(client: Client, alice, bob) -> None:  # type: ignore[no-untyped-def]
    row = make_checkin(alice, member_today(alice))
    client.force_login(bob)
    assert client.post(f"/toolkit/wellbeing/{row.pk}/delete/").status_code == 404
    client.force_login(alice)
    assert client.post(f"/toolkit/wellbeing/{row.pk}/delete/").status_code == 302
    assert not CheckIn.objects.exists()


# --- Charts -----------------------------------------------------------------------------------


def test_charts_with_no_check_ins_are_empty() -> None:
    charts = wellbeing.charts([])
    assert [c.key for c in charts] == [
        "chart-stress",
        "chart-mood",
        "chart-sleep",
        "chart-hope",
        "chart-life-areas",
    ]
    assert all(c.is_empty and c.points() == [] and c.bars() == [] for c in charts)


def test_charts_with_one_check_in(alice) -> None:  # type: ignore[no-untyped-def]
    row = make_checkin(alice, dt.date(2026, 11, 2), stress=10, mood=0, family=4)
    stress, mood, _sleep, _hope, areas = wellbeing.charts([row])
    (point,) = stress.points()
    assert point.y == pytest.approx(14)  # the top of the plot: 10 is the top of the scale
    assert mood.points()[0].y == pytest.approx(stress.plot_bottom)  # 0 sits on the axis
    assert [t.label for t in stress.ticks()] == ["0", "2", "4", "6", "8", "10"]
    assert areas.data[0].label == "Family"
    assert areas.bars()[0].width == pytest.approx(areas.bars()[1].width * 4 / 5)


def test_charts_with_two_years_of_weekly_check_ins(alice) -> None:  # type: ignore[no-untyped-def]
    start = dt.date(2024, 12, 2)
    CheckIn.objects.bulk_create(
        CheckIn(member=alice, day=start + dt.timedelta(weeks=i), **scores(stress=i % 11))
        for i in range(104)
    )
    rows = wellbeing.checkins_for(alice)
    stress = wellbeing.charts(rows)[0]
    points = stress.points()
    assert len(points) == len(stress.data) == 104
    assert sum(p.show_label for p in points) <= 12  # axis labels thinned; the table has all
    xs = [p.x for p in points]
    assert xs == sorted(xs) and xs[-1] <= stress.plot_right
    assert [p.datum.value for p in points[:12]] == [float(i % 11) for i in range(12)]


def test_the_page_shows_the_charts_with_their_tables(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    today = member_today(alice)
    make_checkin(alice, today - dt.timedelta(days=7), stress=8)
    make_checkin(alice, today, stress=6)
    page = alice_client.get("/toolkit/wellbeing/").text
    assert page.count("<svg") == 5
    assert page.count('class="toolkit-table"') == 5
    assert "<polyline" in page


# --- The API ----------------------------------------------------------------------------------


def api_post(client: Client, body: Any) -> Any:
    return client.post(
        "/api/toolkit/wellbeing/checkins", json.dumps(body), content_type="application/json"
    )


def test_the_api_lists_and_creates_the_members_own_check_ins(
    alice_client: Client,
    alice,
    bob,  # type: ignore[no-untyped-def]
) -> None:
    make_checkin(bob, member_today(bob), stress=9)
    response = api_post(alice_client, {"day": member_today(alice).isoformat(), **scores(mood=8)})
    assert response.status_code == 201, response.content
    assert response.json()["mood"] == 8
    listed = alice_client.get("/api/toolkit/wellbeing/checkins").json()
    assert [row["mood"] for row in listed["checkins"]] == [8]  # not bob's
    assert listed["changes"] == [wellbeing.progress_message(1)]
    schema = alice_client.get("/api/openapi.json").json()
    assert {"get", "post"} <= set(schema["paths"]["/api/toolkit/wellbeing/checkins"])


@pytest.mark.parametrize(
    ("changed", "field"),
    [({"stress": 11}, "stress"), ({"mood": -1}, "mood"), ({"hope": 10**30}, "hope")],
)
def test_the_api_refuses_scores_outside_0_to_10(
    alice_client: Client,
    alice,
    changed: dict[str, int],
    field: str,  # type: ignore[no-untyped-def]
) -> None:
    response = api_post(alice_client, {"day": member_today(alice).isoformat(), **scores(**changed)})
    assert response.status_code == 422
    assert "0 to 10" in response.json()["errors"][field][0]
    assert not CheckIn.objects.exists()


def test_the_api_refuses_a_future_date_and_bad_types(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    tomorrow = (member_today(alice) + dt.timedelta(days=1)).isoformat()
    response = api_post(alice_client, {"day": tomorrow, **scores()})
    assert response.status_code == 422
    assert "future" in response.json()["errors"]["day"][0]
    assert api_post(alice_client, {"day": "soon", **scores()}).status_code == 422
    assert api_post(alice_client, {"day": tomorrow, "stress": "x"}).status_code == 422
    assert not CheckIn.objects.exists()


def test_the_api_is_for_members(client: Client, carol) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/toolkit/wellbeing/checkins").status_code == 401
    client.force_login(carol)
    assert client.get("/api/toolkit/wellbeing/checkins").status_code == 403
    response = api_post(client, {"day": "2026-01-01", **scores()})
    assert response.status_code == 403


# --- The weekly reminder ----------------------------------------------------------------------


def test_the_reminder_setting_turns_on_and_off(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    alice_client.post("/toolkit/wellbeing/reminder/", {"weekly": "on"})
    assert WellbeingReminder.objects.get(member=alice).weekly is True
    assert "Reminders are on" in alice_client.get("/toolkit/wellbeing/").text
    alice_client.post("/toolkit/wellbeing/reminder/", {"weekly": "off"})
    assert WellbeingReminder.objects.get(member=alice).weekly is False
    response = alice_client.post("/toolkit/wellbeing/reminder/", {"weekly": "maybe"})
    assert response.status_code == 302
    assert WellbeingReminder.objects.get(member=alice).weekly is False


def test_one_reminder_per_opted_in_member_per_week(  # type: ignore[no-untyped-def]
    alice, bob, carol, coach, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    from django.utils import timezone

    wellbeing.set_weekly_reminder(member=alice, weekly=True)
    wellbeing.set_weekly_reminder(member=bob, weekly=False)  # turned it off
    wellbeing.set_weekly_reminder(member=carol, weekly=True)  # no active membership
    # coach never chose a reminder
    monday = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    for hours in (0, 1, 30, 100):  # the same ISO week, many runs
        monkeypatch.setattr(timezone, "now", lambda h=hours: monday + dt.timedelta(hours=h))
        with django_capture_on_commit_callbacks(execute=True):
            call_command("toolkit_tick")
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]
    assert WellbeingReminder.objects.get(member=alice).last_sent_week == "2026-W49"
    next_week = monday + dt.timedelta(days=7)
    assert wellbeing.reminders_send_due(next_week) == 1
    assert wellbeing.reminders_send_due(next_week + dt.timedelta(days=2)) == 0
    assert len(mail.outbox) == 2


def test_the_reminder_says_nothing_about_why_the_member_is_here(alice) -> None:  # type: ignore[no-untyped-def]
    wellbeing.set_weekly_reminder(member=alice, weekly=True)
    assert wellbeing.reminders_send_due() == 1
    (message,) = mail.outbox
    assert "/toolkit/wellbeing/" in message.body
    for text in (message.subject, message.body):
        lowered = text.lower()
        for word in FORBIDDEN:
            assert not re.search(rf"\b{word}\b", lowered), (word, text)
    assert "alice" not in message.body.lower()


def test_a_failed_reminder_is_tried_again(alice, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    wellbeing.set_weekly_reminder(member=alice, weekly=True)

    def broken(member: Any) -> None:
        raise OSError("SMTP down")

    monkeypatch.setattr(wellbeing, "email_reminder", broken)
    assert wellbeing.reminders_send_due() == 0
    assert WellbeingReminder.objects.get(member=alice).last_sent_week == ""
    monkeypatch.undo()
    assert wellbeing.reminders_send_due() == 1


def test_a_lapsed_membership_gets_no_reminder(alice) -> None:  # type: ignore[no-untyped-def]
    from kindred.memberships.models import Membership

    wellbeing.set_weekly_reminder(member=alice, weekly=True)
    Membership.objects.filter(user=alice).delete()
    assert wellbeing.reminders_send_due() == 0
    assert mail.outbox == []
