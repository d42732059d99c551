"""The journal and the self-care plan: encryption, search, bad input, the crisis check, the
done / not yet log and the suggestions from module 7."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from kindred.toolkit.models import JournalEntry, SelfCareGoal, SelfCareLog
from kindred.toolkit.services.tracker import member_today

pytestmark = pytest.mark.django_db


def new_entry(member: Any, text: str, days_ago: int = 0, mood: int | None = 3) -> JournalEntry:
    return JournalEntry.objects.create(
        member=member,
        day=member_today(member) - dt.timedelta(days=days_ago),
        mood=mood,
        text=text,
    )


def entry_post(member: Any, text: str, **extra: Any) -> dict[str, Any]:
    data = {
        "record_id": str(uuid.uuid4()),
        "day": member_today(member).isoformat(),
        "mood": "4",
        "text": text,
    }
    data.update(extra)
    return data


# --- Journal ----------------------------------------------------------------------------------


def test_an_entry_is_written_changed_and_deleted(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    response = alice_client.post("/toolkit/journal/", entry_post(alice, "A quiet walk today."))
    assert response.status_code == 302
    entry = JournalEntry.objects.get(member=alice)
    assert entry.text == "A quiet walk today." and entry.mood == 4
    page = alice_client.get("/toolkit/journal/")
    assert "A quiet walk today." in page.text and "Good" in page.text
    edit = alice_client.post(
        f"/toolkit/journal/{entry.pk}/", {**entry_post(alice, "A long walk today."), "mood": ""}
    )
    assert edit.status_code == 302
    entry.refresh_from_db()
    assert entry.text == "A long walk today." and entry.mood is None
    assert JournalEntry.objects.count() == 1
    assert alice_client.post(f"/toolkit/journal/{entry.pk}/delete/").status_code == 302
    assert not JournalEntry.objects.exists()


def test_the_journal_text_is_not_plaintext_in_the_database(alice) -> None:  # type: ignore[no-untyped-def]
    secret = "SECRET-WORDS-" + uuid.uuid4().hex
    entry = new_entry(alice, secret)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT text FROM {JournalEntry._meta.db_table} WHERE id = %s",  # noqa: S608
            [entry.pk.hex if connection.vendor == "sqlite" else entry.pk],
        )
        (raw,) = cursor.fetchone()
    assert raw and secret not in str(raw) and "SECRET" not in str(raw)
    assert JournalEntry.objects.get(pk=entry.pk).text == secret


def test_a_100000_character_entry_is_refused_and_kept(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    text = "word " * 20_000
    assert len(text) == 100_000
    response = alice_client.post("/toolkit/journal/", entry_post(alice, text))
    assert response.status_code == 422
    assert "This is 100,000 characters long" in response.text
    assert "your text is still here" in response.text
    assert text in response.text  # every character is back in the box
    assert not JournalEntry.objects.exists()
    autosave = alice_client.post(
        "/api/toolkit/autosave/journal",
        json.dumps(
            {
                "record_id": str(uuid.uuid4()),
                "fields": {"day": member_today(alice).isoformat(), "text": text},
            }
        ),
        content_type="application/json",
    )
    assert autosave.status_code == 422
    assert "100,000 characters" in autosave.json()["errors"]["text"][0]


def test_an_empty_or_future_entry_is_refused_with_a_clear_message(
    alice_client: Client,
    alice,  # type: ignore[no-untyped-def]
) -> None:
    response = alice_client.post("/toolkit/journal/", entry_post(alice, "   "))
    assert response.status_code == 422
    assert "Write something before saving" in response.text
    tomorrow = (member_today(alice) + dt.timedelta(days=1)).isoformat()
    response = alice_client.post("/toolkit/journal/", entry_post(alice, "later", day=tomorrow))
    assert response.status_code == 422
    assert "That date is in the future" in response.text
    assert "later</textarea>" in response.text
    response = alice_client.post("/toolkit/journal/", entry_post(alice, "x", mood="9"))
    assert response.status_code == 422
    assert "Choose one of the moods" in response.text


def test_search_finds_only_the_members_own_entries(alice_client: Client, alice, bob) -> None:  # type: ignore[no-untyped-def]
    new_entry(alice, "We walked by the river.", days_ago=2)
    new_entry(alice, "Long day at work.", days_ago=1)
    new_entry(bob, "The river again, with Bob's brother.")
    page = alice_client.get("/toolkit/journal/", {"q": "RIVER"})
    assert page.status_code == 200
    assert "We walked by the river." in page.text
    assert "Long day at work." not in page.text
    assert "Bob&#x27;s brother" not in page.text and "Bob's brother" not in page.text
    assert "1 entry with “RIVER”." in page.text
    none = alice_client.get("/toolkit/journal/", {"q": "brother"})
    assert "0 entries with “brother”." in none.text
    assert "Bob" not in none.text.split('id="entries"')[1]


def test_crisis_words_in_the_journal_show_the_crisis_panel_first_and_are_saved(
    alice_client: Client,
    alice,  # type: ignore[no-untyped-def]
) -> None:
    words = "Some nights I want to kill myself."
    response = alice_client.post("/toolkit/journal/", entry_post(alice, words))
    assert response.status_code == 200
    html = response.text
    main = html.index("<main")
    assert main < html.index("crisis-panel") < html.index("<form", main)
    assert JournalEntry.objects.get(member=alice).text == words


def test_autosave_writes_the_same_entry_as_the_final_submit(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    data = entry_post(alice, "First lines")
    response = alice_client.post(
        "/api/toolkit/autosave/journal",
        json.dumps({"record_id": data["record_id"], "fields": {"day": data["day"], "text": "Fi"}}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert alice_client.post("/toolkit/journal/", data).status_code == 302
    assert JournalEntry.objects.get().text == "First lines"


# --- Self-care --------------------------------------------------------------------------------


def test_a_goal_and_its_done_not_yet_log(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    response = alice_client.post(
        "/toolkit/self-care/",
        {"record_id": str(uuid.uuid4()), "goal": "Walk on Monday, Wednesday and Friday"},
    )
    assert response.status_code == 302
    goal = SelfCareGoal.objects.get(member=alice)
    today = member_today(alice)
    log_url = f"/toolkit/self-care/{goal.pk}/log/"
    assert alice_client.post(log_url, {"day": today.isoformat(), "done": "no"}).status_code == 302
    assert alice_client.post(log_url, {"day": today.isoformat(), "done": "yes"}).status_code == 302
    yesterday = today - dt.timedelta(days=1)
    alice_client.post(log_url, {"day": yesterday.isoformat(), "done": "no"})
    assert dict(SelfCareLog.objects.values_list("day", "done")) == {today: True, yesterday: False}
    page = alice_client.get("/toolkit/self-care/").text
    assert "done on 1 day." in page and "done ✓" in page and "not yet" in page
    future = (today + dt.timedelta(days=1)).isoformat()
    response = alice_client.post(log_url, {"day": future, "done": "yes"}, follow=True)
    assert "That date is in the future" in response.text
    assert SelfCareLog.objects.count() == 2


def test_an_empty_goal_is_refused_and_a_long_one_kept(alice_client: Client) -> None:
    response = alice_client.post("/toolkit/self-care/", {"record_id": str(uuid.uuid4())})
    assert response.status_code == 422
    assert "Write your goal in a few words." in response.text
    text = "x" * 10_001
    response = alice_client.post(
        "/toolkit/self-care/", {"record_id": str(uuid.uuid4()), "goal": text}
    )
    assert response.status_code == 422
    assert text in response.text
    assert not SelfCareGoal.objects.exists()


def test_suggestions_link_to_module_7_lessons(alice_client: Client, home_page) -> None:  # type: ignore[no-untyped-def]
    from kindred.learning.demo_loader import load_learning
    from kindred.toolkit.services.self_care import LESSON_SLUGS

    load_learning(home_page)
    page = alice_client.get("/toolkit/self-care/").text
    for slug in LESSON_SLUGS:
        assert f"/taking-care-of-yourself/{slug}/" in page
    assert "Building your support" in page


def test_the_goal_text_is_encrypted(alice) -> None:  # type: ignore[no-untyped-def]
    goal = SelfCareGoal.objects.create(member=alice, goal="SECRET-GOAL")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT goal FROM {SelfCareGoal._meta.db_table} WHERE id = %s",  # noqa: S608
            [goal.pk.hex if connection.vendor == "sqlite" else goal.pk],
        )
        (raw,) = cursor.fetchone()
    assert "SECRET" not in str(raw)
