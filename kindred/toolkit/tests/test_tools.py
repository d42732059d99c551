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

from kindred.testing.factories import helpline_block
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


def test_a_days_entry_sent_with_another_date_is_refused_not_a_500(
    alice_client: Client, alice
) -> None:  # type: ignore[no-untyped-def]
    """schemathesis found it: the autosave with the id of one day's entry and another date
    tried to create a second row under that id (a 500). A day's date cannot change."""
    day = today(alice) - dt.timedelta(days=3)
    entry = TrackerDay.objects.create(member=alice, day=day, used="no", note="")
    other = (day - dt.timedelta(days=1)).isoformat()
    response = alice_client.post(
        "/api/toolkit/autosave/tracker-day",
        json.dumps({"record_id": str(entry.pk), "fields": {"day": other, "used": "yes"}}),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "a day's date cannot change" in response.json()["error"]
    assert list(TrackerDay.objects.filter(member=alice).values_list("day", "used")) == [(day, "no")]


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
        SteppingBackItem.objects.create(member=member, stop_doing="x", flags=["driving"])
    SafetyPlan.objects.get_or_create(member=member, defaults={"safe_places": "x"})


@pytest.mark.parametrize("url", ["/toolkit/tracker/", "/toolkit/", "/my/"])
def test_query_counts_do_not_grow_with_data(
    alice_client: Client,
    alice,
    bob,
    url: str,
) -> None:  # type: ignore[no-untyped-def]
    from django.test.utils import CaptureQueriesContext

    alice_client.get(url)  # warm caches (site root paths, get-help settings)
    with CaptureQueriesContext(connection) as nothing:  # no records at all
        assert alice_client.get(url).status_code == 200
    _fill(alice, 2)
    with CaptureQueriesContext(connection) as few:
        assert alice_client.get(url).status_code == 200
    _fill(bob, 2)
    TrackerDay.objects.filter(member=alice).delete()
    _fill(alice, 365)  # a year of days, and more of every other record
    with CaptureQueriesContext(connection) as many:
        assert alice_client.get(url).status_code == 200
    assert len(nothing) == len(few) == len(many), [q["sql"] for q in many.captured_queries]


@pytest.mark.parametrize(
    ("words", "risk"),
    [
        ("leaving him to sleep off the heroin on the sofa", "opioids"),
        ("not checking on her after her oxycodone", "opioids"),
        ("letting him sleep after he took Xanax with wine", "benzodiazepines"),
        ("leaving her alone when she mixes benzodiazepines and beer", "benzodiazepines"),
        ("cleaning up after he's been drinking all night", "drinking"),
        ("not staying up when he comes home from a binge", "drinking"),
        ("giving him a ride home from the bar", "driving"),
        ("hiding the car keys", "driving"),
        ("calming him down when he starts breaking things", "violence"),
        ("stepping in when he is hitting the wall", "violence"),
        ("collecting the kids from school for her", "children"),
        ("minding the baby while he is out", "children"),
        ("checking on him when he says he does not want to live", "self_harm"),
    ],
)
def test_the_safety_check_flags_each_kind_of_danger(words: str, risk: str) -> None:
    from kindred.toolkit.services.stepping_back import safety_check

    assert risk in safety_check(words, "", [])
    assert risk in safety_check("covering for him", words, [])  # the consequence is checked too


@pytest.mark.parametrize(
    "words",
    [
        "telling him I encourage his excuses to his boss",
        "tidying the garage after his friends leave",
        "lending him the hitch for his trailer",
        "paying for the oxygen bar he likes",
        "checking the temperature of his dinner",
        "giving him money to spend it on beer",
        "paying his phone bill",
    ],
)
def test_the_safety_check_does_not_flag_everyday_words(words: str) -> None:
    from kindred.toolkit.services.stepping_back import safety_check

    assert safety_check(words, "he pays it himself", []) == []


def test_a_change_reruns_the_safety_check(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    record_id = str(uuid.uuid4())
    alice_client.post(
        "/toolkit/stepping-back/", {"record_id": record_id, "stop_doing": "paying his fines"}
    )
    item = SteppingBackItem.objects.get(member=alice)
    assert item.flags == []
    response = alice_client.post(
        f"/toolkit/stepping-back/{item.pk}/",
        {"record_id": record_id, "stop_doing": "paying his fines", "allow_instead": "he drives"},
    )
    assert response.status_code in (200, 302)
    assert SteppingBackItem.objects.get(pk=item.pk).flags == ["driving"]
    response = alice_client.post(
        "/api/toolkit/autosave/stepping-back",
        json.dumps(
            {
                "record_id": record_id,
                "fields": {"stop_doing": "paying his fines", "allow_instead": "", "risks": []},
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert SteppingBackItem.objects.get(pk=item.pk).flags == []
    page = alice_client.get(f"/toolkit/stepping-back/{item.pk}/")
    assert "data-safety-ok" in page.text


# --- Audit of issue 13 (added when its closing note was written) ------------------------------


@pytest.mark.parametrize(
    ("value", "note"),
    [
        ("nope", "could not read"),
        ("2026-13", "could not read"),
        ("2026-00", "could not read"),
        ("2026-11-05", "could not read"),
        ("99999-01", "could not read"),
        ("-2026-11", "could not read"),
        ("2026-11\x01", "could not read"),
        ("1899-12", "starts in January 1900"),
        ("0001-01", "starts in January 1900"),
        ("9999-12", "has not come yet"),
    ],
)
def test_a_bad_month_shows_this_month_with_a_message(
    alice_client: Client, alice, value: str, note: str
) -> None:  # type: ignore[no-untyped-def]
    day = today(alice)
    TrackerDay.objects.create(member=alice, day=day, used="no")
    response = alice_client.get("/toolkit/tracker/", {"month": value})
    assert response.status_code == 200
    assert response.context["first"] == day.replace(day=1)
    assert note in response.text and "data-month-note" in response.text
    assert "Days without use, week by week" in response.text  # the patterns are still there


def test_a_month_with_a_nul_is_refused_with_a_message(alice_client: Client) -> None:
    """A NUL is refused before any view (kindred.core.middleware.RefuseNulCharactersMiddleware)."""
    response = alice_client.get("/toolkit/tracker/", {"month": "2026-11\x00"})
    assert response.status_code == 400
    assert "NUL character" in response.text


def test_a_good_month_and_the_first_month_of_1900(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    response = alice_client.get("/toolkit/tracker/", {"month": "2025-02"})
    assert response.context["first"] == dt.date(2025, 2, 1)
    assert "data-month-note" not in response.text
    assert 'href="?month=2025-01"' in response.text and 'href="?month=2025-03"' in response.text
    response = alice_client.get("/toolkit/tracker/", {"month": "1900-01"})
    assert response.context["first"] == dt.date(1900, 1, 1)
    assert "?month=1899-12" not in response.text  # no link to a month the tracker refuses
    assert "data-month-note" not in response.text
    this_month = alice_client.get("/toolkit/tracker/")
    assert "data-month-note" not in this_month.text
    assert this_month.context["first"] == today(alice).replace(day=1)


def test_the_plans_show_the_numbers_staff_set(client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    from kindred.core.models import GetHelpSettings

    settings = GetHelpSettings.load()
    settings.emergency_number = "112"
    settings.helplines = [
        helpline_block("Samaritans", "116 123", hours="24/7", situations=("suicide",)),
        helpline_block("Refuge line", "0808 2000 247", situations=("violence",)),
    ]
    settings.save()
    blank = client.get("/get-help/safety-plan/").text  # a visitor, not signed in
    client.force_login(alice)
    for html in (blank, client.get("/toolkit/safety-plan/print/").text):
        assert "Call <strong>112</strong>" in html
        assert (
            "Samaritans</strong>: 116 123" in html and "Refuge line</strong>: 0808 2000 247" in html
        )
        assert "988" not in html and "1-800-799-7233" not in html  # the old defaults are gone
    edit = client.get("/toolkit/safety-plan/").text
    assert 'href="tel:112"' in edit
    assert 'href="tel:116123">116 123' in edit and 'href="tel:08082000247">0808 2000 247' in edit
    assert "988" not in edit
    assert "Refuge line ()" not in edit and "Samaritans ()" not in edit
    # The overdose steps are the staff's too, on the plan as on the print view.
    settings.overdose_steps = "Shout their name.\nCall 112 now."
    settings.helplines = [helpline_block("Poison line", situations=("overdose",))]
    settings.save()
    edit = client.get("/toolkit/safety-plan/").text
    assert "<li>Shout their name.</li><li>Call 112 now.</li>" in edit
    assert "You can call Poison line." in edit  # no empty brackets for a line without a number
    printed = client.get("/toolkit/safety-plan/print/").text
    assert "<li>Shout their name.</li><li>Call 112 now.</li>" in printed


def test_the_blank_plan_is_blank_and_printable(client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    SafetyPlan.objects.create(member=alice, safe_places="my sister's", person_1_name="Auntie Mabel")
    client.force_login(alice)  # even signed in, the blank plan holds nobody's words
    response = client.get("/get-help/safety-plan/")
    assert response.status_code == 200
    html = response.text
    assert "my sister" not in html and "Auntie Mabel" not in html
    assert html.count('class="blank-lines"') >= 6 and 'class="blank-line">1.' in html
    assert "data-print" in html and "toolkit/js/print.js" in html
    assert "toolkit/css/toolkit.css" in html  # the print CSS
    assert "site-nav" not in html  # no navigation on paper
    get_help = client.get("/get-help/").text
    assert '<a href="/get-help/safety-plan/">Print a blank safety plan</a>' in get_help


def test_download_my_data_and_deleting_the_account(client: Client, alice, bob) -> None:  # type: ignore[no-untyped-def]
    from kindred.testing.factories import TEST_PASSWORD

    records = make_records(alice)
    make_records(bob)
    records["given"].how_it_went = "he smiled"
    records["given"].save()
    TrackerDay.objects.filter(pk=records["day"].pk).update(tags=[str(records["tag"].pk)])
    client.force_login(alice)
    response = client.post("/my/account/export/")
    assert response.status_code == 200
    toolkit = json.loads(response.content)["toolkit"]
    assert toolkit["tracker"]["days"][0]["note"] == "quiet day"
    assert toolkit["tracker"]["days"][0]["tags"] == ["his cousin"]
    assert toolkit["tracker"]["own_tags"][0]["label"] == "his cousin"
    assert toolkit["safety_plan"]["safe_places"] == "my sister's"
    assert toolkit["rewards"]["rewards"][0]["what"] == "a walk together"
    assert "he smiled" in json.dumps(toolkit["rewards"])
    assert toolkit["functional_analysis"][0]["title"] == "Fridays"
    assert toolkit["stepping_back"][0]["stop_doing"] == "paying his fines"
    response = client.post("/my/account/delete/", {"password": TEST_PASSWORD})
    assert response.status_code == 302
    for model in (
        FunctionalAnalysis,
        Reward,
        RewardGiven,
        SteppingBackItem,
        SafetyPlan,
        TrackerDay,
        TrackerTag,
    ):
        assert not model.objects.filter(member_id=alice.pk).exists(), model
        assert model.objects.filter(member=bob).count() == 1, model


def test_every_free_text_field_of_the_part_one_tools_is_encrypted() -> None:
    """No plain CharField/TextField for words: only choices, and JSON lists of keys or ids."""
    from django.db import models as db

    from kindred.core.fields import EncryptedTextField

    for model in (
        FunctionalAnalysis,
        Reward,
        RewardGiven,
        SteppingBackItem,
        SafetyPlan,
        TrackerDay,
        TrackerTag,
    ):
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                continue
            if isinstance(field, db.CharField | db.TextField):
                assert field.choices, f"{model.__name__}.{field.name} is plain text"
    # The JSON lists hold keys checked against a fixed list, never typed words.
    assert SafetyPlan._meta.get_field("things_ready").get_internal_type() == "JSONField"


def test_json_lists_take_only_known_keys(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    response = alice_client.post(
        "/api/toolkit/autosave/safety-plan",
        json.dumps(
            {"record_id": str(uuid.uuid4()), "fields": {"things_ready": ["keys", "my secret"]}}
        ),
        content_type="application/json",
    )
    assert response.status_code == 422
    response = alice_client.post(
        "/toolkit/stepping-back/",
        {"record_id": str(uuid.uuid4()), "stop_doing": "x", "risks": ["my secret"]},
    )
    assert response.status_code == 422
    assert not SafetyPlan.objects.exists() and not SteppingBackItem.objects.exists()


def test_the_api_refuses_bad_days_and_notes(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    day = today(alice)

    def create(**values: Any) -> Any:
        return alice_client.post(
            "/api/toolkit/tracker/days",
            json.dumps({"day": day.isoformat(), "used": "no", **values}),
            content_type="application/json",
        )

    response = create(day="1899-12-31")
    assert response.status_code == 400 and "1900" in response.json()["error"]
    response = create(note="x" * 100_000)
    assert response.status_code == 400 and "100,000 characters" in response.json()["error"]
    response = create(used="maybe")
    assert response.status_code == 400
    response = create(between_us=9)
    assert response.status_code == 400
    response = create(day="not a date")
    assert response.status_code == 422  # ninja's own validation
    assert TrackerDay.objects.count() == 0
    created = create(note="kept")
    assert created.status_code == 201
    day_id = created.json()["day"]["id"]
    response = alice_client.put(
        f"/api/toolkit/tracker/days/{day_id}",
        json.dumps({"day": day.isoformat(), "used": "yes", "note": "y" * 100_000}),
        content_type="application/json",
    )
    assert response.status_code == 400
    other = (day - dt.timedelta(days=1)).isoformat()
    response = alice_client.put(
        f"/api/toolkit/tracker/days/{day_id}",
        json.dumps({"day": other, "used": "yes"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert TrackerDay.objects.get().note == "kept" and TrackerDay.objects.get().used == "no"


def test_the_tracker_api_is_in_the_openapi_schema(alice_client: Client) -> None:
    schema = alice_client.get("/api/openapi.json").json()
    days = schema["paths"]["/api/toolkit/tracker/days"]
    assert {"get", "post"} <= set(days)
    assert [p["name"] for p in days["get"]["parameters"]] == ["month"]
    one = schema["paths"]["/api/toolkit/tracker/days/{day_id}"]
    assert "put" in one
    assert {"201", "409"} <= set(days["post"]["responses"])
    assert "404" in one["put"]["responses"]


def test_a_form_day_other_than_the_pages_is_refused(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    day = today(alice)
    future = day + dt.timedelta(days=3)
    response = alice_client.post(
        f"/toolkit/tracker/{day.isoformat()}/", _day_form(future, note="kept words")
    )
    assert response.status_code == 422
    assert "has not happened yet" in response.text and "kept words" in response.text
    response = alice_client.post(
        f"/toolkit/tracker/{day.isoformat()}/", _day_form(dt.date(1850, 1, 1), note="kept")
    )
    assert response.status_code == 422 and "1900" in response.text
    assert TrackerDay.objects.count() == 0


@pytest.mark.parametrize("who", ["bob", "coach", "editor", "admin_user"])
def test_the_api_answers_the_same_for_a_record_that_is_not_theirs(
    client: Client, alice, who: str, request
) -> None:  # type: ignore[no-untyped-def]
    records = make_records(alice)
    client.force_login(request.getfixturevalue(who))
    body = json.dumps({"day": records["day"].day.isoformat(), "used": "yes"})
    theirs = client.put(
        f"/api/toolkit/tracker/days/{records['day'].pk}", body, content_type="application/json"
    )
    missing = client.put(
        f"/api/toolkit/tracker/days/{uuid.uuid4()}", body, content_type="application/json"
    )
    assert theirs.status_code == missing.status_code and theirs.json() == missing.json()
    listed = client.get(f"/api/toolkit/tracker/days?month={records['day'].day:%Y-%m}")
    assert "quiet day" not in listed.text
    for kind, record in (("reward", records["reward"]), ("analysis", records["analysis"])):
        payload = {"fields": {"what": "mine now", "kind": "using", "title": "mine now"}}
        theirs = client.post(
            f"/api/toolkit/autosave/{kind}",
            json.dumps({"record_id": str(record.pk), **payload}),
            content_type="application/json",
        )
        assert theirs.status_code in (403, 404)
    for pattern, pk in [
        ("/toolkit/rewards/log/{}/delete/", records["given"].pk),
        ("/toolkit/analysis/{}/delete/", records["analysis"].pk),
    ]:
        theirs = client.post(pattern.format(pk))
        nothing = client.post(pattern.format(uuid.uuid4()))
        assert theirs.status_code == nothing.status_code == 404
        assert same_page(theirs.text) == same_page(nothing.text)
    assert Reward.objects.get(pk=records["reward"].pk).what == "a walk together"
    assert FunctionalAnalysis.objects.get(pk=records["analysis"].pk).title == "Fridays"
    assert RewardGiven.objects.filter(pk=records["given"].pk).exists()


def test_a_reward_given_in_the_future_or_before_1900_is_refused(
    alice_client: Client, alice
) -> None:  # type: ignore[no-untyped-def]
    reward = Reward.objects.create(member=alice, what="tea together")
    for day, words in (
        (today(alice) + dt.timedelta(days=1), "has not happened yet"),
        (dt.date(1899, 12, 31), "1900"),
    ):
        response = alice_client.post(
            "/toolkit/rewards/log/",
            {
                "record_id": str(uuid.uuid4()),
                "reward": str(reward.pk),
                "given_on": day.isoformat(),
                "how_it_went": "kept words",
            },
        )
        assert response.status_code == 422
        assert words in response.text and "kept words" in response.text
    assert not RewardGiven.objects.exists()


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite's in-memory test database locks whole tables"
)
@pytest.mark.django_db(transaction=True)
def test_every_kind_of_double_submit_at_once_makes_one_row(alice) -> None:  # type: ignore[no-untyped-def]
    """The /my/ tap, the API's create, the reward log and a worksheet, each sent four times at
    the same moment: one row each, and no request fails with a server error."""
    day = today(alice)
    yesterday = (day - dt.timedelta(days=1)).isoformat()
    reward = Reward.objects.create(member=alice, what="tea")
    given_id, analysis_id = str(uuid.uuid4()), str(uuid.uuid4())
    barrier = threading.Barrier(4)
    statuses: list[int] = []
    lock = threading.Lock()

    def submit() -> None:
        client = Client()
        client.force_login(alice)
        barrier.wait()
        responses = [
            client.post("/toolkit/tracker/today/", {"used": "no"}),
            client.post(
                "/api/toolkit/tracker/days",
                json.dumps({"day": yesterday, "used": "yes"}),
                content_type="application/json",
            ),
            client.post(
                "/toolkit/rewards/log/",
                {"record_id": given_id, "reward": str(reward.pk), "given_on": day.isoformat()},
            ),
            client.post(
                "/toolkit/analysis/new/",
                {"record_id": analysis_id, "kind": "using", "title": "Fridays"},
            ),
        ]
        with lock:
            statuses.extend(r.status_code for r in responses)
        connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert TrackerDay.objects.filter(day=day).count() == 1
    assert TrackerDay.objects.filter(day=yesterday).count() == 1
    assert RewardGiven.objects.count() == 1
    assert FunctionalAnalysis.objects.count() == 1
    assert len(statuses) == 16 and max(statuses) < 500, statuses
    assert sorted(statuses[1::4]) == [201, 409, 409, 409]  # the API says which one was first


def test_the_autosave_and_the_tracker_run_the_crisis_check(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    words = "he said he wants to kill himself"
    response = alice_client.post(
        "/api/toolkit/autosave/stepping-back",
        json.dumps({"record_id": str(uuid.uuid4()), "fields": {"stop_doing": words}}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["saved"]
    assert "crisis-panel" in response.json()["crisis"]["html"]
    day = today(alice)
    response = alice_client.post(f"/toolkit/tracker/{day.isoformat()}/", _day_form(day, note=words))
    assert response.status_code == 200 and "crisis-panel" in response.text
    assert TrackerDay.objects.get(member=alice).note == words  # saved, and the panel shown


def test_toolkit_words_are_never_in_site_search(client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    """Searching for a word only the member's toolkit holds gives the same page as searching
    for a word that is nowhere."""
    secret, nowhere = "zanzibarquux", "qwertyzxcvb"
    records = make_records(alice)
    for key, field in (("plan", "safe_places"), ("day", "note"), ("reward", "what")):
        setattr(records[key], field, secret)
        records[key].save()
    client.force_login(alice)
    found = client.get("/search/", {"q": secret})
    control = client.get("/search/", {"q": nowhere})
    assert found.status_code == control.status_code == 200
    assert same_page(found.text.replace(secret, "Q")) == same_page(
        control.text.replace(nowhere, "Q")
    )


def test_the_tracker_page_with_no_days(alice_client: Client) -> None:
    response = alice_client.get("/toolkit/tracker/")
    assert response.status_code == 200
    assert "<svg" not in response.text
    assert response.text.count("data-chart-empty") == 3
    assert "Note a few days and your weeks will show here." in response.text


def test_the_tracker_page_with_a_year_of_days(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    _fill(alice, 365)
    TrackerDay.objects.filter(member=alice, day=today(alice)).update(used="yes")
    response = alice_client.get("/toolkit/tracker/")
    weekly, weekday, _ = response.context["charts"]
    assert sum(d.value for d in weekly.data) == 364
    assert sum(d.value for d in weekday.data) == 1
    assert response.text.count("<svg") == 3
    assert "364 of 365" not in response.text  # figures are per week and per weekday
    assert f"{weekday.data[today(alice).weekday()].display}" == (
        f"1 of {sum(1 for i in range(365) if (today(alice) - dt.timedelta(days=i)).weekday() == today(alice).weekday())} noted"
    )


def test_a_healthy_activity_worksheet_and_the_history(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    TrackerDay.objects.create(member=alice, day=today(alice), used="yes", tags=["trigger:payday"])
    page = alice_client.get("/toolkit/analysis/new/?kind=healthy")
    assert "Something healthy they enjoy" in page.text
    assert "data-suggestions" not in page.text  # triggers belong to the using worksheet
    alice_client.post(
        "/toolkit/analysis/new/",
        {"record_id": str(uuid.uuid4()), "kind": "healthy", "title": "Fishing with his dad"},
    )
    alice_client.post(
        "/toolkit/analysis/new/",
        {"record_id": str(uuid.uuid4()), "kind": "using", "title": "Friday nights"},
    )
    history = alice_client.get("/toolkit/analysis/").text
    assert "Fishing with his dad" in history and "Friday nights" in history
    assert "Something healthy your loved one enjoys" in history


def test_rewards_sit_next_to_the_trackers_non_using_days(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    day = today(alice)
    yesterday = day - dt.timedelta(days=1)
    TrackerDay.objects.create(member=alice, day=day, used="no")
    TrackerDay.objects.create(member=alice, day=yesterday, used="no")
    reward = Reward.objects.create(member=alice, what="a film night")
    RewardGiven.objects.create(member=alice, reward=reward, given_on=day)
    html = alice_client.get("/toolkit/rewards/").text
    assert "Day tracker that day: No use" in html
    days = html[html.index("data-non-using-days") :]
    days = days[: days.index("</ul>")]
    assert f"{day:%A} {day.day} {day:%B}: you gave a reward" in days
    assert f"{yesterday:%A} {yesterday.day} {yesterday:%B}: no reward noted" in days
    month = alice_client.get("/toolkit/tracker/").text
    assert "★" in month
