"""Part 2 (wellbeing, self-care, journal): who may see what, the "Week at a glance" card on
/my/ and its query count, the toolkit home, export and deletion, the demo."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import uuid
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kindred.toolkit.models import (
    CheckIn,
    JournalEntry,
    OpportunityWindow,
    Reward,
    RewardGiven,
    SelfCareGoal,
    SelfCareLog,
    TrackerDay,
    WellbeingReminder,
)
from kindred.toolkit.models.wellbeing import SCORES
from kindred.toolkit.services.tracker import member_today

pytestmark = pytest.mark.django_db

OTHERS = ["bob", "coach", "editor", "admin_user"]


def same_page(html: str) -> str:
    html = re.sub(r'nonce="[^"]*"', "", html)
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", html)


def scores(**changed: int) -> dict[str, int]:
    values = dict.fromkeys((key for key, _ in SCORES), 5)
    values.update(changed)
    return values


def make_records(member: Any) -> dict[str, Any]:
    today = member_today(member)
    goal = SelfCareGoal.objects.create(member=member, goal="a bath on Sunday")
    return {
        "checkin": CheckIn.objects.create(member=member, day=today, **scores(stress=2)),
        "entry": JournalEntry.objects.create(member=member, day=today, text="my private words"),
        "goal": goal,
        "log": SelfCareLog.objects.create(member=member, goal=goal, day=today, done=True),
    }


def record_urls(records: dict[str, Any]) -> dict[str, list[str]]:
    return {
        "get": [
            f"/toolkit/journal/{records['entry'].pk}/",
            f"/toolkit/self-care/{records['goal'].pk}/",
        ],
        "post": [
            f"/toolkit/journal/{records['entry'].pk}/",
            f"/toolkit/journal/{records['entry'].pk}/delete/",
            f"/toolkit/self-care/{records['goal'].pk}/",
            f"/toolkit/self-care/{records['goal'].pk}/delete/",
            f"/toolkit/self-care/{records['goal'].pk}/log/",
            f"/toolkit/wellbeing/{records['checkin'].pk}/delete/",
        ],
    }


PAGES = ["/toolkit/wellbeing/", "/toolkit/self-care/", "/toolkit/journal/"]
POSTS = ["/toolkit/wellbeing/", "/toolkit/wellbeing/reminder/", "/toolkit/self-care/"]


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    urls = record_urls(make_records(alice))
    for url in PAGES + urls["get"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    for url in POSTS + urls["post"] + ["/toolkit/journal/"]:
        response = client.post(url, {"text": "x", "goal": "x"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert JournalEntry.objects.get(member=alice).text == "my private words"
    assert CheckIn.objects.count() == 1 and SelfCareGoal.objects.count() == 1


def test_a_verified_person_without_membership_is_sent_to_join(client: Client, carol) -> None:  # type: ignore[no-untyped-def]
    client.force_login(carol)
    for url in PAGES:
        assert client.get(url)["Location"] == "/my/join/"


def test_the_owner_sees_and_changes_every_record(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    records = make_records(alice)
    for url in PAGES + record_urls(records)["get"]:
        response = alice_client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "my private words" in alice_client.get("/toolkit/journal/").text
    assert "a bath on Sunday" in alice_client.get("/toolkit/self-care/").text
    today = member_today(alice).isoformat()
    log = alice_client.post(
        f"/toolkit/self-care/{records['goal'].pk}/log/", {"day": today, "done": "no"}
    )
    assert log.status_code == 302
    for url in [
        f"/toolkit/journal/{records['entry'].pk}/delete/",
        f"/toolkit/self-care/{records['goal'].pk}/delete/",
        f"/toolkit/wellbeing/{records['checkin'].pk}/delete/",
    ]:
        assert alice_client.post(url).status_code == 302
    assert not JournalEntry.objects.exists() and not SelfCareGoal.objects.exists()
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("who", OTHERS)
def test_nobody_else_can_see_or_change_a_record(client: Client, alice, who, request) -> None:  # type: ignore[no-untyped-def]
    records = make_records(alice)
    client.force_login(request.getfixturevalue(who))
    missing = uuid.uuid4()
    urls = record_urls(records)
    for url in urls["get"]:
        theirs = client.get(url)
        nothing = client.get(
            url.replace(str(records["entry"].pk), str(missing)).replace(
                str(records["goal"].pk), str(missing)
            )
        )
        assert theirs.status_code == nothing.status_code == 404
        assert same_page(theirs.text) == same_page(nothing.text)
    today = member_today(alice).isoformat()
    for url in urls["post"]:
        response = client.post(
            url, {"text": "mine now", "goal": "mine now", "day": today, "done": "no"}
        )
        assert response.status_code == 404, url
    for url in PAGES:
        page = client.get(url)
        assert page.status_code == 200
        assert "my private words" not in page.text and "a bath on Sunday" not in page.text
    assert "my private words" not in client.get("/toolkit/journal/", {"q": "private"}).text
    # Through the API: no list of hers, no takeover of her entry or goal by autosave.
    listed = client.get("/api/toolkit/wellbeing/checkins").json()
    assert listed["checkins"] == []
    for kind, record, field in [("journal", "entry", "text"), ("self-care-goal", "goal", "goal")]:
        response = client.post(
            f"/api/toolkit/autosave/{kind}",
            json.dumps(
                {"record_id": str(records[record].pk), "fields": {field: "mine", "day": today}}
            ),
            content_type="application/json",
        )
        assert response.status_code == 404
    entry = JournalEntry.objects.get(pk=records["entry"].pk)
    assert entry.text == "my private words"
    assert SelfCareGoal.objects.get(pk=records["goal"].pk).goal == "a bath on Sunday"
    assert SelfCareLog.objects.get(pk=records["log"].pk).done is True
    assert CheckIn.objects.filter(pk=records["checkin"].pk).exists()


# --- The toolkit home and /my/ ----------------------------------------------------------------


def test_the_toolkit_home_lists_the_new_tools_with_last_activity(
    alice_client: Client,
    alice,  # type: ignore[no-untyped-def]
) -> None:
    page = alice_client.get("/toolkit/").text
    for title in ("Wellbeing check-in", "Self-care plan", "Journal"):
        assert title in page
    make_records(alice)
    page = alice_client.get("/toolkit/").text
    for what in ("You last checked in.", "You last noted a goal.", "You last wrote an entry."):
        assert what in page


def fill(member: Any, n: int) -> None:
    today = member_today(member)
    TrackerDay.objects.bulk_create(
        TrackerDay(member=member, day=today - dt.timedelta(days=i), used="no") for i in range(n)
    )
    CheckIn.objects.bulk_create(
        CheckIn(member=member, day=today - dt.timedelta(weeks=i), **scores(stress=i % 11))
        for i in range(n)
    )
    rewards = Reward.objects.bulk_create(Reward(member=member, what=f"walk {i}") for i in range(n))
    RewardGiven.objects.bulk_create(
        RewardGiven(member=member, reward=reward, given_on=today) for reward in rewards
    )
    JournalEntry.objects.bulk_create(
        JournalEntry(member=member, day=today, text="x") for _ in range(n)
    )
    now = timezone.now()
    OpportunityWindow.objects.bulk_create(
        OpportunityWindow(member=member, what_happened="x", happened_at=now - dt.timedelta(hours=i))
        for i in range(n)
    )


def test_the_week_card_query_count_does_not_grow(alice_client: Client, alice, bob) -> None:  # type: ignore[no-untyped-def]
    fill(alice, 1)
    alice_client.get("/my/")  # warm caches (site root paths, settings)
    with CaptureQueriesContext(connection) as few:
        assert alice_client.get("/my/").status_code == 200
    fill(bob, 5)
    for model in (TrackerDay, CheckIn, RewardGiven, Reward, JournalEntry, OpportunityWindow):
        model.objects.filter(member=alice).delete()
    fill(alice, 30)
    with CaptureQueriesContext(connection) as many:
        response = alice_client.get("/my/")
    assert response.status_code == 200
    assert "data-week-card" in response.text
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_week_card_tells_the_week(alice_client: Client, alice, bob) -> None:  # type: ignore[no-untyped-def]
    today = member_today(alice)
    monday = today - dt.timedelta(days=today.weekday())
    card = alice_client.get("/my/").text.split("data-week-card")[1].split("</li>\n</li>")[0]
    assert "0 of" in card and "A one-minute check-in" in card and "Choose a reward" in card
    for offset in range(today.weekday() + 1):
        TrackerDay.objects.create(
            member=alice, day=monday + dt.timedelta(days=offset), used="no" if offset else "yes"
        )
    TrackerDay.objects.create(member=alice, day=monday - dt.timedelta(days=1), used="no")
    TrackerDay.objects.create(member=bob, day=today, used="no")
    CheckIn.objects.create(member=alice, day=today - dt.timedelta(days=7), **scores(stress=8))
    CheckIn.objects.create(member=alice, day=today, **scores(stress=6, mood=7))
    given = Reward.objects.create(member=alice, what="Sunday walk")
    RewardGiven.objects.create(member=alice, reward=given, given_on=today)
    Reward.objects.create(member=alice, what="Curry night")
    Reward.objects.create(member=bob, what="Bob's reward")
    card = alice_client.get("/my/").text.split("data-week-card")[1]
    days = today.weekday() + 1
    assert f"{days - 1} of {days} day{'' if days == 1 else 's'} so far" in card
    assert "Your stress is 2 points lower than when you started." in card
    assert "Your mood is 2 points higher than when you started." in card
    assert "Curry night (not given yet)" in card  # the one never given comes first
    assert "Bob" not in card
    assert "window of opportunity</a> noted in the last 14 days" in card


def test_the_week_card_counts_the_windows_of_the_last_two_weeks(
    alice_client: Client,
    alice,  # type: ignore[no-untyped-def]
    bob,  # type: ignore[no-untyped-def]
) -> None:
    now = timezone.now()
    for days_ago in (1, 13, 15):  # the third is too old to count
        OpportunityWindow.objects.create(
            member=alice,
            what_happened="he said he was tired of it",
            happened_at=now - dt.timedelta(days=days_ago),
        )
    OpportunityWindow.objects.create(member=bob, what_happened="bob's", happened_at=now)
    card = alice_client.get("/my/").text.split("data-week-card")[1].split("</ul>")[0]
    assert "Windows of opportunity</a> in the last 14 days: 2, the latest on" in card
    assert "tired of it" not in card  # the member's words stay on the planner's pages


def test_the_week_card_is_for_members_only(client: Client, carol) -> None:  # type: ignore[no-untyped-def]
    client.force_login(carol)
    response = client.get("/my/")
    assert "data-week-card" not in response.text


# --- Export, deletion, demo -------------------------------------------------------------------


def test_export_and_deletion(alice, bob) -> None:  # type: ignore[no-untyped-def]
    from kindred.toolkit.exports import export_toolkit
    from kindred.toolkit.services.wellbeing import set_weekly_reminder

    make_records(alice)
    make_records(bob)
    set_weekly_reminder(member=alice, weekly=True)
    data = export_toolkit(alice)
    assert data["journal"][0]["text"] == "my private words"
    assert data["self_care"]["goals"][0]["goal"] == "a bath on Sunday"
    assert data["self_care"]["goals"][0]["log"][0]["done"] is True
    assert data["wellbeing"]["checkins"][0]["stress"] == 2
    assert data["wellbeing"]["weekly_reminder"] is True
    json.dumps(data)
    alice.delete()
    for model in (CheckIn, JournalEntry, SelfCareGoal, SelfCareLog):
        assert model.objects.count() == 1  # bob's
    assert not WellbeingReminder.objects.exists()


def test_the_demo_member_gets_check_ins_a_journal_and_goals(db) -> None:  # type: ignore[no-untyped-def]
    from kindred.accounts import demo as accounts_demo
    from kindred.toolkit import demo
    from kindred.toolkit.services import wellbeing

    accounts_demo.load()
    member = accounts_demo.demo_member()
    demo.load_wellbeing_demo()
    demo.load_wellbeing_demo()  # idempotent
    rows = wellbeing.checkins_for(member)
    assert len(rows) == 8
    assert {(b.day - a.day).days for a, b in itertools.pairwise(rows)} == {7}
    assert rows[-1].day == member_today(member)
    changes = {c.key: c for c in wellbeing.changes(rows[0], rows[-1])}
    assert all(change.better for change in changes.values())  # a believable improvement
    assert any(b.stress > a.stress for a, b in itertools.pairwise(rows))  # not a line
    assert JournalEntry.objects.filter(member=member).count() == 3
    assert SelfCareGoal.objects.filter(member=member).count() == 2
    assert SelfCareLog.objects.filter(member=member).count() >= 6
    assert demo.wellbeing_demo_loaded()
