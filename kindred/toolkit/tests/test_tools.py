"""The five tools: privacy, encryption, charts, bad input, query counts, export."""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import uuid
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from kindred.toolkit.models import (
    FunctionalAnalysis,
    Reward,
    RewardGiven,
    SafetyPlan,
    SteppingBackItem,
    TrackerDay,
    TrackerTag,
)
from kindred.toolkit.services import tracker
from kindred.toolkit.tags import BUILT_IN_BY_ID

pytestmark = pytest.mark.django_db


def same_page(html: str) -> str:
    """The page without what differs on every response (the CSP nonce, the CSRF token)."""
    html = re.sub(r'nonce="[^"]*"', "", html)
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", html)


def today(user: Any) -> dt.date:
    return tracker.member_today(user)


def make_records(member: Any) -> dict[str, Any]:
    day = TrackerDay.objects.create(member=member, day=today(member), used="no", note="quiet day")
    reward = Reward.objects.create(member=member, what="a walk together")
    return {
        "day": day,
        "analysis": FunctionalAnalysis.objects.create(
            member=member, kind="using", title="Fridays", outer_triggers="payday"
        ),
        "reward": reward,
        "given": RewardGiven.objects.create(member=member, reward=reward, given_on=day.day),
        "item": SteppingBackItem.objects.create(member=member, stop_doing="paying his fines"),
        "plan": SafetyPlan.objects.create(member=member, safe_places="my sister's"),
        "tag": TrackerTag.objects.create(member=member, kind="trigger", label="his cousin"),
    }


# --- Privacy ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["bob", "coach", "editor", "admin_user"])
def test_nobody_else_can_read_or_change_a_record(client: Client, alice, who, request) -> None:  # type: ignore[no-untyped-def]
    records = make_records(alice)
    client.force_login(request.getfixturevalue(who))
    missing = uuid.uuid4()
    urls = [
        ("/toolkit/analysis/{}/", records["analysis"].pk),
        ("/toolkit/rewards/{}/", records["reward"].pk),
        ("/toolkit/stepping-back/{}/", records["item"].pk),
    ]
    for pattern, pk in urls:
        theirs = client.get(pattern.format(pk))
        nothing = client.get(pattern.format(missing))
        assert theirs.status_code == nothing.status_code == 404
        assert same_page(theirs.text) == same_page(nothing.text)
        assert client.post(pattern.format(pk), {"what": "x"}).status_code == 404
    for pattern, pk in [
        ("/toolkit/analysis/{}/delete/", records["analysis"].pk),
        ("/toolkit/rewards/{}/delete/", records["reward"].pk),
        ("/toolkit/rewards/log/{}/delete/", records["given"].pk),
        ("/toolkit/stepping-back/{}/delete/", records["item"].pk),
    ]:
        assert client.post(pattern.format(pk)).status_code == 404
    # The day, the plan and the tags are read per member: they see their own (empty) ones.
    page = client.get(f"/toolkit/tracker/{records['day'].day.isoformat()}/")
    if page.status_code == 200:
        assert "quiet day" not in page.text
    plan = client.get("/toolkit/safety-plan/")
    assert "my sister" not in plan.text
    # Through the API: the autosave cannot take over the record, the day cannot be updated.
    response = client.post(
        "/api/toolkit/autosave/reward",
        json.dumps({"record_id": str(records["reward"].pk), "fields": {"what": "mine now"}}),
        content_type="application/json",
    )
    assert response.status_code in (403, 404)
    response = client.put(
        f"/api/toolkit/tracker/days/{records['day'].pk}",
        json.dumps({"day": records["day"].day.isoformat(), "used": "yes"}),
        content_type="application/json",
    )
    assert response.status_code in (403, 404)
    assert Reward.objects.get(pk=records["reward"].pk).what == "a walk together"
    assert TrackerDay.objects.get(pk=records["day"].pk).used == "no"


def test_the_toolkit_is_in_no_admin() -> None:
    from django.contrib import admin
    from wagtail.snippets.models import get_snippet_models

    from kindred.toolkit import models

    for name in models.__all__:
        model = getattr(models, name)
        if isinstance(model, type) and hasattr(model, "_meta"):
            assert model not in admin.site._registry
            assert model not in get_snippet_models()


def test_every_free_text_field_is_encrypted_in_the_database(alice) -> None:  # type: ignore[no-untyped-def]
    make_records(alice)
    secret = "SECRET-WORDS-" + uuid.uuid4().hex
    for model in (
        FunctionalAnalysis,
        Reward,
        RewardGiven,
        SteppingBackItem,
        SafetyPlan,
        TrackerDay,
        TrackerTag,
    ):
        from kindred.core.fields import EncryptedTextField

        fields = [f for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)]
        assert fields, model
        row: Any = model.objects.filter(member=alice).first()
        for field in fields:
            setattr(row, field.attname, secret)
        row.save()
        with connection.cursor() as cursor:
            columns = ", ".join(str(f.column) for f in fields)
            cursor.execute(f"SELECT {columns} FROM {model._meta.db_table}")  # noqa: S608
            for values in cursor.fetchall():
                for value in values:
                    assert secret not in str(value or "")
        assert getattr(model.objects.get(pk=row.pk), fields[0].attname) == secret


def test_pages_are_never_cached(alice_client: Client) -> None:
    for url in [
        "/toolkit/",
        "/toolkit/tracker/",
        "/toolkit/safety-plan/",
        "/toolkit/safety-plan/print/",
        "/toolkit/analysis/",
        "/toolkit/analysis/new/",
        "/toolkit/rewards/",
        "/toolkit/stepping-back/",
        "/toolkit/tracker/today/",
    ]:
        response = alice_client.get(url)
        if response.status_code == 405:  # POST only
            continue
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_export_and_deletion(alice, bob) -> None:  # type: ignore[no-untyped-def]
    from kindred.toolkit.exports import export_toolkit

    make_records(alice)
    make_records(bob)
    data = export_toolkit(alice)
    assert data["tracker"]["days"][0]["note"] == "quiet day"
    assert data["safety_plan"]["safe_places"] == "my sister's"
    assert data["rewards"]["rewards"][0]["what"] == "a walk together"
    assert data["functional_analysis"][0]["title"] == "Fridays"
    assert data["stepping_back"][0]["stop_doing"] == "paying his fines"
    json.dumps(data)
    alice.delete()
    for model in (
        FunctionalAnalysis,
        Reward,
        RewardGiven,
        SteppingBackItem,
        SafetyPlan,
        TrackerDay,
        TrackerTag,
    ):
        assert model.objects.count() == 1  # bob's


# --- Charts -----------------------------------------------------------------------------------


def _rows(n: int, start: dt.date) -> list[tracker.PatternRow]:
    return [
        tracker.PatternRow(
            start + dt.timedelta(days=i),
            "yes" if i % 7 in (4, 5) else "no",
            ["trigger:payday"]
            if i % 7 == 4
            else (["trigger:stress"] if i % 7 == 5 and i % 2 else []),
        )
        for i in range(n)
    ]


def test_charts_with_no_days_are_empty() -> None:
    charts = tracker.charts([], BUILT_IN_BY_ID)
    assert [chart.is_empty for chart in charts] == [True, True, True]


def test_charts_with_one_day() -> None:
    monday = dt.date(2026, 11, 2)
    weekly, weekday, triggers = tracker.charts(
        [tracker.PatternRow(monday, "no", ["trigger:stress"])], BUILT_IN_BY_ID
    )
    assert [(d.label, d.value) for d in weekly.data] == [("Week of 2 Nov 2026", 1)]
    assert [d.value for d in weekday.data] == [0, 0, 0, 0, 0, 0, 0]
    assert [(d.label, d.value) for d in triggers.data] == [("Stress", 1)]
    assert len(weekly.bars()) == 1


def test_charts_with_a_year_of_days() -> None:
    start = dt.date(2025, 12, 1)  # a Monday
    rows = _rows(365, start)
    weekly, weekday, triggers = tracker.charts(rows, BUILT_IN_BY_ID)
    assert len(weekly.data) == 53
    assert sum(d.value for d in weekly.data) == sum(1 for r in rows if r.used == "no")
    assert weekly.data[0].value == 5  # Mon–Thu and Sun without use
    assert [d.value for d in weekday.data] == [0, 0, 0, 0, 52, 52, 0]
    assert triggers.data[0].label == "Payday or money" and triggers.data[0].value == 52
    assert triggers.data[1].label == "Stress" and triggers.data[1].value == 26
    assert len(weekly.points()) == 53
    top = max(p.y for p in weekly.points())
    assert top <= weekly.plot_bottom


def test_tracker_page_shows_the_charts_and_their_tables(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    TrackerDay.objects.create(member=alice, day=today(alice), used="yes", tags=["trigger:payday"])
    response = alice_client.get("/toolkit/tracker/")
    assert response.text.count("<svg") == 3
    assert "Payday or money" in response.text
    assert response.text.count("<table") >= 4  # the calendar and one per chart


# --- Bad input --------------------------------------------------------------------------------


def _day_form(day: dt.date, **extra: Any) -> dict[str, Any]:
    return {"record_id": str(uuid.uuid4()), "day": day.isoformat(), "used": "no", **extra}


def test_a_future_day_and_a_day_before_1900_are_refused(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    future = today(alice) + dt.timedelta(days=1)
    response = alice_client.get(f"/toolkit/tracker/{future.isoformat()}/")
    assert response.status_code == 400
    assert "has not happened yet" in response.text
    response = alice_client.get("/toolkit/tracker/1899-12-31/")
    assert response.status_code == 400 and "1900" in response.text
    response = alice_client.post(
        "/api/toolkit/tracker/days",
        json.dumps({"day": future.isoformat(), "used": "no"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert TrackerDay.objects.count() == 0


def test_a_very_long_note_is_refused_and_kept(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    day = today(alice)
    note = "x" * 100_000
    response = alice_client.post(f"/toolkit/tracker/{day.isoformat()}/", _day_form(day, note=note))
    assert response.status_code == 422
    assert "100,000 characters" in response.text
    assert note in response.text  # nothing lost
    assert TrackerDay.objects.count() == 0
    response = alice_client.post(
        "/api/toolkit/autosave/analysis",
        json.dumps(
            {"record_id": str(uuid.uuid4()), "fields": {"kind": "using", "behaviour": note}}
        ),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "behaviour" in response.json()["errors"]


def test_a_duplicate_day_is_refused_with_a_clear_message(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    day = today(alice)
    TrackerDay.objects.create(member=alice, day=day, used="yes")
    response = alice_client.post(
        f"/toolkit/tracker/{day.isoformat()}/", _day_form(day, note="my words")
    )
    assert response.status_code == 409
    assert "already noted" in response.text and "my words" in response.text
    response = alice_client.post(
        "/api/toolkit/tracker/days",
        json.dumps({"day": day.isoformat(), "used": "no"}),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert TrackerDay.objects.get().used == "yes"


def test_an_unknown_tag_is_refused(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    day = today(alice)
    response = alice_client.post(
        f"/toolkit/tracker/{day.isoformat()}/", _day_form(day, tags=["trigger:nope"], note="kept")
    )
    assert response.status_code == 422
    assert "no longer exists" in response.text and "kept" in response.text
    response = alice_client.post(
        "/api/toolkit/tracker/days",
        json.dumps({"day": day.isoformat(), "used": "no", "tags": [str(uuid.uuid4())]}),
        content_type="application/json",
    )
    assert response.status_code == 400 and "no longer exists" in response.json()["error"]
    assert TrackerDay.objects.count() == 0


def test_the_same_form_twice_makes_one_row(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    record_id = str(uuid.uuid4())
    data = {"record_id": record_id, "what": "a film night", "effort": "low", "cost": "free"}
    assert alice_client.post("/toolkit/rewards/", data).status_code == 302
    assert alice_client.post("/toolkit/rewards/", data).status_code == 302
    assert Reward.objects.filter(member=alice).count() == 1


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite's in-memory test database locks whole tables"
)
@pytest.mark.django_db(transaction=True)
def test_two_submits_at_the_same_moment_make_one_row(alice) -> None:  # type: ignore[no-untyped-def]
    record_id = str(uuid.uuid4())
    day = today(alice)
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def submit() -> None:
        client = Client()
        client.force_login(alice)
        barrier.wait()
        statuses.append(
            client.post(
                "/toolkit/stepping-back/",
                {"record_id": record_id, "stop_doing": "making excuses to his boss"},
            ).status_code
        )
        client.post(f"/toolkit/tracker/{day.isoformat()}/", _day_form(day))
        connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert SteppingBackItem.objects.count() == 1
    assert TrackerDay.objects.count() == 1
    assert statuses == [302, 302]


def test_a_cash_reward_is_refused(alice_client: Client) -> None:
    response = alice_client.post(
        "/toolkit/rewards/",
        {"record_id": str(uuid.uuid4()), "what": "$20 cash", "effort": "low", "cost": "free"},
    )
    assert response.status_code == 422 and "Cash" in response.text
    assert Reward.objects.count() == 0


# --- The tools ------------------------------------------------------------------------------


def test_the_safety_check_flags_danger(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    alice_client.post(
        "/toolkit/stepping-back/",
        {
            "record_id": str(uuid.uuid4()),
            "stop_doing": "checking on him when he sleeps it off after pills",
        },
    )
    alice_client.post(
        "/toolkit/stepping-back/",
        {"record_id": str(uuid.uuid4()), "stop_doing": "calling his work", "risks": ["children"]},
    )
    alice_client.post(
        "/toolkit/stepping-back/",
        {"record_id": str(uuid.uuid4()), "stop_doing": "paying his phone bill"},
    )
    flags = {item.stop_doing: item.flags for item in SteppingBackItem.objects.all()}
    assert "opioids" in flags["checking on him when he sleeps it off after pills"]
    assert flags["calling his work"] == ["children"]
    assert flags["paying his phone bill"] == []
    page = alice_client.get("/toolkit/stepping-back/")
    assert page.text.count("data-safety-flag") == 2
    assert "never about danger" in page.text


def test_analysis_suggests_the_trackers_frequent_triggers(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    for i in range(3):
        TrackerDay.objects.create(
            member=alice,
            day=today(alice) - dt.timedelta(days=i),
            used="yes",
            tags=["trigger:payday"],
        )
    response = alice_client.get("/toolkit/analysis/new/?kind=using")
    assert "Payday or money" in response.text
    assert response.context["form"].initial["outer_triggers"].startswith("Payday or money")


def test_crisis_words_show_the_crisis_panel_first_and_are_saved(alice_client: Client) -> None:
    response = alice_client.post(
        "/toolkit/analysis/new/",
        {
            "record_id": str(uuid.uuid4()),
            "kind": "using",
            "behaviour": "he said he wants to kill himself",
        },
    )
    assert response.status_code == 200
    assert "crisis-panel" in response.text
    main = response.text.index("<main")
    assert main < response.text.index("crisis-panel") < response.text.index("<form", main)
    assert FunctionalAnalysis.objects.count() == 1


def test_autosave_saves_and_announces(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    record_id = str(uuid.uuid4())
    for text in ("first", "second"):
        response = alice_client.post(
            "/api/toolkit/autosave/safety-plan",
            json.dumps(
                {"record_id": record_id, "fields": {"safe_places": text, "things_ready": ["keys"]}}
            ),
            content_type="application/json",
        )
        assert response.status_code == 200 and response.json()["saved"]
    plan = SafetyPlan.objects.get(member=alice)
    assert plan.safe_places == "second" and plan.things_ready == ["keys"]


def test_autosave_needs_the_csrf_token(alice) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(
        "/api/toolkit/autosave/reward",
        json.dumps({"record_id": str(uuid.uuid4()), "fields": {"what": "x"}}),
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    assert Reward.objects.count() == 0


def test_a_form_posted_after_the_session_ended_comes_back(client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        "/toolkit/safety-plan/", {"record_id": str(uuid.uuid4()), "safe_places": "the library"}
    )
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(alice)
    response = client.get("/toolkit/safety-plan/")
    assert "the library" in response.text


def test_today_in_two_taps_from_my(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    home = alice_client.get("/my/")
    assert 'action="/toolkit/tracker/today/"' in home.text
    response = alice_client.post("/toolkit/tracker/today/", {"used": "no"})
    assert response.status_code == 302
    assert TrackerDay.objects.get(member=alice).day == today(alice)
    alice_client.post("/toolkit/tracker/today/", {"used": "yes"})
    assert TrackerDay.objects.get(member=alice).used == "no"  # not overwritten by a second tap


def test_the_tracker_api(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    day = today(alice)
    created = alice_client.post(
        "/api/toolkit/tracker/days",
        json.dumps(
            {"day": day.isoformat(), "used": "no", "tags": ["trigger:stress"], "note": "ok"}
        ),
        content_type="application/json",
    )
    assert created.status_code == 201
    day_id = created.json()["day"]["id"]
    updated = alice_client.put(
        f"/api/toolkit/tracker/days/{day_id}",
        json.dumps({"day": day.isoformat(), "used": "yes", "between_us": 2}),
        content_type="application/json",
    )
    assert updated.status_code == 200
    listed = alice_client.get(f"/api/toolkit/tracker/days?month={day:%Y-%m}").json()
    assert [(d["used"], d["between_us"]) for d in listed["days"]] == [("yes", 2)]
    assert alice_client.get("/api/toolkit/tracker/days?month=nope").status_code == 400
    schema = alice_client.get("/api/openapi.json").json()
    assert "/api/toolkit/tracker/days" in schema["paths"]


def test_the_blank_plan_is_for_everyone(client: Client) -> None:
    assert "/get-help/safety-plan/" in client.get("/get-help/").text
    response = client.get("/get-help/safety-plan/")
    assert response.status_code == 200 and "A plan for hard days" in response.text


def test_the_print_view_has_the_plan_and_the_numbers(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    SafetyPlan.objects.create(member=alice, person_1_name="Sis", person_1_phone="555-0100")
    response = alice_client.get("/toolkit/safety-plan/print/")
    assert "Sis: 555-0100" in response.text
    assert "site-nav" not in response.text
    assert "<title>My plan</title>" in response.text


# --- Query counts -----------------------------------------------------------------------------


def _fill(member: Any, n: int) -> None:
    start = today(member) - dt.timedelta(days=n - 1)
    TrackerDay.objects.bulk_create(
        TrackerDay(
            member=member, day=start + dt.timedelta(days=i), used="no", tags=["trigger:stress"]
        )
        for i in range(n)
    )
    reward = Reward.objects.create(member=member, what="tea")
    for i in range(min(n, 20)):
        RewardGiven.objects.create(
            member=member, reward=reward, given_on=start + dt.timedelta(days=i)
        )
    for _ in range(min(n, 10)):
        TrackerTag.objects.create(member=member, kind="trigger", label="x")
        FunctionalAnalysis.objects.create(member=member, kind="using")


@pytest.mark.parametrize("url", ["/toolkit/tracker/", "/toolkit/", "/my/"])
def test_query_counts_do_not_grow_with_data(
    alice_client: Client,
    alice,
    bob,
    url: str,
    django_assert_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    _fill(alice, 2)
    alice_client.get(url)  # warm caches (site root paths, get-help settings)
    with connection.execute_wrapper(lambda *a: a[0](*a[1:])):
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            assert alice_client.get(url).status_code == 200
    _fill(bob, 2)
    TrackerDay.objects.filter(member=alice).delete()
    _fill(alice, 365)
    with CaptureQueriesContext(connection) as many:
        assert alice_client.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
