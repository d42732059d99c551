"""The treatment-invitation planner: who may see what, bad input, the coach's reading, the
directory copy, windows from /my/, encryption, export, demo and query counts."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
import zoneinfo
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kindred.core.fields import EncryptedTextField
from kindred.resources.tests.factories import make_resource
from kindred.toolkit.models import (
    InvitationPlan,
    OpportunityWindow,
    PreparedAnswer,
    TreatmentOption,
)
from kindred.toolkit.services import invitation
from kindred.toolkit.tools import tools

pytestmark = pytest.mark.django_db

HURTFUL = "You always ruin everything. You're a drunk and you need to get help or I'm leaving."
KIND = (
    "I love you and I've been worried about you. I know work has been hard. Would you come "
    "to one appointment with me? I'll drive."
)


def same_page(html: str) -> str:
    html = re.sub(r'nonce="[^"]*"', "", html)
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", html)


def make_plan(member: Any) -> dict[str, Any]:
    return {
        "plan": InvitationPlan.objects.create(
            member=member, words="SECRET plan words", plan_b_try_again="next week"
        ),
        "answer": PreparedAnswer.objects.create(
            member=member, their_reply="We can't afford it", answer="the helpline knows"
        ),
        "option": TreatmentOption.objects.create(
            member=member, name="Riverside Counselling", phone="555-0100"
        ),
        "window": OpportunityWindow.objects.create(
            member=member,
            kind="dip",
            what_happened="he said he can't keep doing this",
            happened_at=timezone.now() - dt.timedelta(days=1),
        ),
    }


def new_id() -> str:
    return str(uuid.uuid4())


# --- Who may see what -----------------------------------------------------------------------

PAGES = [
    "/toolkit/invitation/",
    "/toolkit/invitation/windows/",
    "/toolkit/invitation/options/new/",
    "/toolkit/invitation/options/directory/",
]


def test_signed_out_and_non_members_are_refused_everywhere(client: Client, alice, carol) -> None:  # type: ignore[no-untyped-def]
    records = make_plan(alice)
    record_pages = [
        f"/toolkit/invitation/options/{records['option'].pk}/",
        f"/toolkit/invitation/answers/{records['answer'].pk}/",
    ]
    posts = [
        "/toolkit/invitation/answers/",
        f"/toolkit/invitation/options/{records['option'].pk}/delete/",
        f"/toolkit/invitation/answers/{records['answer'].pk}/delete/",
        f"/toolkit/invitation/windows/{records['window'].pk}/delete/",
    ]
    for url in PAGES + record_pages:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        assert "no-store" in response["Cache-Control"]
    client.force_login(carol)
    for url in PAGES + record_pages:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/my/join/", url
    for url in posts:
        assert client.post(url, {"their_reply": "x"}).status_code == 302, url
    assert TreatmentOption.objects.count() == PreparedAnswer.objects.count() == 1
    assert OpportunityWindow.objects.count() == 1


def test_the_owner_sees_every_page_privately(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    records = make_plan(alice)
    for url in [
        *PAGES,
        f"/toolkit/invitation/options/{records['option'].pk}/",
        f"/toolkit/invitation/answers/{records['answer'].pk}/",
    ]:
        response = alice_client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    planner = alice_client.get("/toolkit/invitation/").text
    assert "SECRET plan words" in planner and "Riverside Counselling" in planner
    assert "he said he can&#x27;t keep doing this" in planner


@pytest.mark.parametrize("who", ["bob", "coach", "editor", "admin_user"])
def test_nobody_else_can_read_or_change_a_record(client: Client, alice, who, request) -> None:  # type: ignore[no-untyped-def]
    records = make_plan(alice)
    client.force_login(request.getfixturevalue(who))
    missing = uuid.uuid4()
    for pattern, pk in [
        ("/toolkit/invitation/options/{}/", records["option"].pk),
        ("/toolkit/invitation/answers/{}/", records["answer"].pk),
    ]:
        theirs = client.get(pattern.format(pk))
        nothing = client.get(pattern.format(missing))
        assert theirs.status_code == nothing.status_code == 404
        assert same_page(theirs.text) == same_page(nothing.text)
        assert client.post(pattern.format(pk), {"name": "x", "their_reply": "x"}).status_code == 404
    for pattern, pk in [
        ("/toolkit/invitation/options/{}/delete/", records["option"].pk),
        ("/toolkit/invitation/answers/{}/delete/", records["answer"].pk),
        ("/toolkit/invitation/windows/{}/delete/", records["window"].pk),
    ]:
        theirs = client.post(pattern.format(pk))
        nothing = client.post(pattern.format(missing))
        assert theirs.status_code == nothing.status_code == 404
        assert same_page(theirs.text) == same_page(nothing.text)
    # Their own planner is empty: nothing of alice's shows.
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200
        assert "SECRET plan words" not in response.text and "Riverside" not in response.text
        assert "keep doing this" not in response.text
    # A posted plan with alice's record id, or an autosave into it, is refused.
    response = client.post(
        "/toolkit/invitation/options/new/",
        {"record_id": str(records["option"].pk), "name": "x", "kind": "other"},
    )
    assert response.status_code == 404
    response = client.post(
        "/api/toolkit/autosave/treatment-option",
        json.dumps({"record_id": str(records["option"].pk), "fields": {"name": "x"}}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert TreatmentOption.objects.get(pk=records["option"].pk).name == "Riverside Counselling"
    assert InvitationPlan.objects.get(member=alice).words == "SECRET plan words"


# --- Bad input: a clear message, the text kept ----------------------------------------------


def test_a_malformed_phone_is_refused_and_kept(alice_client: Client) -> None:
    response = alice_client.post(
        "/toolkit/invitation/options/new/",
        {"record_id": new_id(), "name": "Hope House", "phone": "call me maybe", "kind": "other"},
    )
    assert response.status_code == 422
    assert "doesn’t look like a phone number" in response.text
    assert 'value="call me maybe"' in response.text and 'value="Hope House"' in response.text
    assert TreatmentOption.objects.count() == 0


@pytest.mark.parametrize("phone", ["1-800-662-4357", "(555) 014-2000 ext 12", "+44 20 7946 0958"])
def test_real_phone_numbers_are_accepted(alice_client: Client, alice, phone: str) -> None:  # type: ignore[no-untyped-def]
    response = alice_client.post(
        "/toolkit/invitation/options/new/",
        {"record_id": new_id(), "name": "Line", "phone": phone, "kind": "helpline"},
    )
    assert response.status_code == 302
    assert TreatmentOption.objects.get(member=alice).phone == phone


def test_a_malformed_website_is_refused_and_kept(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    response = alice_client.post(
        "/toolkit/invitation/options/new/",
        {
            "record_id": new_id(),
            "name": "Hope House",
            "website": "not a web address",
            "kind": "other",
        },
    )
    assert response.status_code == 422
    assert "doesn’t look like a web address" in response.text
    assert 'value="not a web address"' in response.text
    response = alice_client.post(
        "/toolkit/invitation/options/new/",
        {
            "record_id": new_id(),
            "name": "Hope House",
            "website": "hope.example.org/start",
            "kind": "other",
        },
    )
    assert response.status_code == 302
    assert TreatmentOption.objects.get(member=alice).website == "https://hope.example.org/start"


def test_a_window_in_the_future_is_refused_and_kept(alice_client: Client) -> None:
    later = timezone.localtime() + dt.timedelta(days=1)
    response = alice_client.post(
        "/toolkit/invitation/windows/",
        {
            "record_id": new_id(),
            "kind": "wish",
            "what_happened": "He asked about my group",
            "happened_at": later.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 422
    assert "That time is in the future" in response.text
    assert "He asked about my group" in response.text
    assert OpportunityWindow.objects.count() == 0


def test_a_malformed_window_time_from_my_is_kept(alice_client: Client) -> None:
    response = alice_client.post(
        "/toolkit/invitation/windows/",
        {
            "from": "my",
            "record_id": new_id(),
            "kind": "dip",
            "what_happened": "words",
            "happened_at": "yesterday-ish",
        },
    )
    assert response.status_code == 422
    assert "Enter a date and time" in response.text and "words" in response.text


@pytest.mark.parametrize(
    ("url", "field", "extra"),
    [
        ("/toolkit/invitation/", "words", {}),
        ("/toolkit/invitation/", "plan_b_smaller_step", {}),
        ("/toolkit/invitation/options/new/", "notes", {"name": "Hope House", "kind": "other"}),
        ("/toolkit/invitation/answers/", "answer", {"their_reply": "no"}),
        ("/toolkit/invitation/windows/", "what_happened", {"kind": "dip"}),
    ],
)
def test_a_100000_character_box_is_refused_and_kept(
    alice_client: Client, url: str, field: str, extra: dict[str, str]
) -> None:
    long_text = "word " * 20_000
    data = {"record_id": new_id(), field: long_text, **extra}
    if "windows" in url:
        data["happened_at"] = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = alice_client.post(url, data)
    assert response.status_code == 422
    assert "This is 100,000 characters long" in response.text
    assert long_text in response.text
    for model in (InvitationPlan, TreatmentOption, PreparedAnswer, OpportunityWindow):
        assert model.objects.count() == 0


def test_an_option_needs_a_name(alice_client: Client) -> None:
    response = alice_client.post(
        "/toolkit/invitation/options/new/",
        {"record_id": new_id(), "phone": "555-0100", "kind": "other"},
    )
    assert response.status_code == 422 and "Give this option a name." in response.text
    assert 'value="555-0100"' in response.text


# --- The directory ----------------------------------------------------------------------------


def test_picking_a_directory_entry_copies_its_details(
    alice_client: Client, alice, home_page
) -> None:  # type: ignore[no-untyped-def]
    entry = make_resource(
        "Harbor Recovery Center",
        kind="treatment-provider",
        phone="(614) 555-0142",
        website="https://harbor.example.org/",
        address="12 High St",
        city="Columbus",
        state="OH",
        zip_code="43215",
        hours="Mon-Fri 8-6",
        coverage="national",
        facets={"cost": ["sliding-scale"]},
    )
    make_resource("A Fellowship", kind="fellowship")  # not a treatment option
    page = alice_client.get("/toolkit/invitation/options/directory/")
    assert "Harbor Recovery Center" in page.text and "A Fellowship" not in page.text
    response = alice_client.post("/toolkit/invitation/options/directory/", {"resource": entry.pk})
    option = TreatmentOption.objects.get(member=alice)
    assert response.status_code == 302
    assert response["Location"] == f"/toolkit/invitation/options/{option.pk}/"
    assert option.name == "Harbor Recovery Center"
    assert option.phone == "(614) 555-0142"
    assert option.website == "https://harbor.example.org/"
    assert option.address == "12 High St, Columbus, OH 43215"
    assert option.hours == "Mon-Fri 8-6"
    assert option.kind == "programme"
    assert option.resource_id == entry.pk
    assert "Sliding" in option.cost_notes or "sliding" in option.cost_notes.lower()
    edit = alice_client.get(response["Location"])
    assert "Copied from the" in edit.text and 'value="(614) 555-0142"' in edit.text


def test_picking_a_missing_entry_says_so(alice_client: Client) -> None:
    response = alice_client.post("/toolkit/invitation/options/directory/", {"resource": "999999"})
    assert response.status_code == 302
    followed = alice_client.get(response["Location"])
    assert "no longer in the directory" in followed.text
    # Not a number, too large for the database (CI's form fuzzing found a 500), zero, negative.
    for raw in ("x", "9" * 30, "18446744073709551616", "0", "-1", ""):
        response = alice_client.post("/toolkit/invitation/options/directory/", {"resource": raw})
        assert response.status_code == 302, raw
        assert "no longer in the directory" in alice_client.get(response["Location"]).text
    assert TreatmentOption.objects.count() == 0


# --- The words and the coach's reading ------------------------------------------------------


def test_the_coach_reading_appears_for_hurtful_words(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    response = alice_client.post("/toolkit/invitation/", {"record_id": new_id(), "words": HURTFUL})
    assert response.status_code == 302 and response["Location"].startswith("/toolkit/invitation/")
    assert InvitationPlan.objects.get(member=alice).words == HURTFUL
    page = alice_client.get(response["Location"]).text
    reading = page[page.index("data-invitation-reading") :]
    assert 'data-may-hurt="true"' in reading
    assert "Try instead:" in reading
    # may_hurt comes first, then the pitfalls, then the strengths.
    assert (
        reading.index("data-may-hurt")
        < reading.index("What may hurt")
        < reading.index("What will help")
    )


def test_no_warning_for_kind_words(alice_client: Client) -> None:
    alice_client.post("/toolkit/invitation/", {"record_id": new_id(), "words": KIND})
    page = alice_client.get("/toolkit/invitation/").text
    reading = page[page.index("data-invitation-reading") :]
    assert 'data-may-hurt="false"' in reading and 'data-may-hurt="true"' not in reading
    assert "coach-finding--strength" in reading


def test_one_plan_per_member_whatever_the_form_says(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    alice_client.post("/toolkit/invitation/", {"record_id": new_id(), "words": "first"})
    alice_client.post(
        "/toolkit/invitation/",
        {"record_id": new_id(), "plan_b_try_again": "in June", "words": "second"},
    )
    plan = InvitationPlan.objects.get(member=alice)
    assert plan.words == "second" and plan.plan_b_try_again == "in June"


def test_the_timing_rule_is_where_the_member_plans(alice_client: Client) -> None:
    for url in ("/toolkit/invitation/", "/toolkit/invitation/windows/"):
        text = alice_client.get(url).text
        assert "in withdrawal or is angry" in text and "calm" in text


def test_crisis_words_show_the_crisis_panel_first_and_are_saved(
    alice_client: Client, alice
) -> None:  # type: ignore[no-untyped-def]
    response = alice_client.post(
        "/toolkit/invitation/",
        {"record_id": new_id(), "plan_b_other": "he said he wants to kill himself"},
    )
    assert response.status_code == 200
    main = response.text.index("<main")
    assert main < response.text.index("crisis-panel") < response.text.index("<form", main)
    assert InvitationPlan.objects.get(member=alice).plan_b_other.endswith("kill himself")


def test_autosave_saves_the_plan(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    record_id = new_id()
    for words in ("first", "second"):
        response = alice_client.post(
            "/api/toolkit/autosave/invitation-plan",
            json.dumps({"record_id": record_id, "fields": {"words": words}}),
            content_type="application/json",
        )
        assert response.status_code == 200 and response.json()["saved"]
    assert InvitationPlan.objects.get(member=alice).words == "second"
    response = alice_client.post(
        "/api/toolkit/autosave/treatment-option",
        json.dumps({"record_id": new_id(), "fields": {"name": "X", "phone": "nope"}}),
        content_type="application/json",
    )
    assert response.status_code == 422 and "phone" in response.json()["errors"]


def test_prepared_answers_of_your_own(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    response = alice_client.post(
        "/toolkit/invitation/answers/",
        {"record_id": new_id(), "their_reply": "Not now", "answer": "OK, the offer stands."},
    )
    assert response.status_code == 302
    answer = PreparedAnswer.objects.get(member=alice)
    page = alice_client.get("/toolkit/invitation/").text
    assert "Not now" in page and "OK, the offer stands." in page
    for usual in invitation.USUAL_REPLIES:  # each usual reply with its hint
        assert usual.reply in page and usual.hint in page
    edit = f"/toolkit/invitation/answers/{answer.pk}/"
    assert "OK, the offer stands." in alice_client.get(edit).text
    response = alice_client.post(
        edit, {"their_reply": "Not now", "answer": "That's fine, the offer stands."}
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.answer == "That's fine, the offer stands."
    assert PreparedAnswer.objects.count() == 1
    alice_client.post(f"/toolkit/invitation/answers/{answer.pk}/delete/")
    assert PreparedAnswer.objects.count() == 0


# --- Windows of opportunity -------------------------------------------------------------------


def test_a_window_from_my_returns_to_my_with_a_confirmation(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    from kindred.accounts.models import Profile

    Profile.objects.update_or_create(user=alice, defaults={"time_zone": "Pacific/Kiritimati"})
    home = alice_client.get("/my/")
    assert "data-invitation-card" in home.text
    assert 'action="/toolkit/invitation/windows/"' in home.text
    now_there = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo("Pacific/Kiritimati"))
    assert now_there.strftime("%Y-%m-%dT") in home.text  # "now", in her own time zone
    record_id = re.search(
        r'name="record_id" value="([0-9a-f-]+)"[^>]*id="my-window-record_id"', home.text
    )
    response = alice_client.post(
        "/toolkit/invitation/windows/",
        {
            "from": "my",
            "record_id": record_id.group(1) if record_id else new_id(),
            "kind": "dip",
            "what_happened": "I can't keep living like this",
            "happened_at": now_there.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302 and response["Location"].startswith("/my/")
    followed = alice_client.get(response["Location"])
    assert "A window like this can pass quickly" in followed.text
    assert "1 window in the last two weeks" in followed.text
    window = OpportunityWindow.objects.get(member=alice)
    assert window.what_happened == "I can't keep living like this"
    assert abs(window.happened_at - timezone.now()) < dt.timedelta(minutes=2)


def test_open_windows_are_the_recent_ones(alice, bob) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    for days in (1, 13, 15, 40):
        OpportunityWindow.objects.create(
            member=alice, what_happened=f"{days}", happened_at=now - dt.timedelta(days=days)
        )
    OpportunityWindow.objects.create(member=bob, what_happened="bob's", happened_at=now)
    assert [w.what_happened for w in invitation.open_windows_for(alice)] == ["1", "13"]
    assert len(invitation.open_windows_for(alice, since_days=30)) == 3


def test_past_windows_are_listed_and_deletable(alice_client: Client, alice) -> None:  # type: ignore[no-untyped-def]
    records = make_plan(alice)
    page = alice_client.get("/toolkit/invitation/windows/")
    assert "he said he can&#x27;t keep doing this" in page.text
    alice_client.post(f"/toolkit/invitation/windows/{records['window'].pk}/delete/")
    assert OpportunityWindow.objects.count() == 0


# --- Storage, export, the toolkit home, the demo ------------------------------------------------


def test_every_free_text_field_is_encrypted_in_the_database(alice) -> None:  # type: ignore[no-untyped-def]
    make_plan(alice)
    secret = "SECRET-WORDS-" + uuid.uuid4().hex
    for model in (InvitationPlan, PreparedAnswer, TreatmentOption, OpportunityWindow):
        fields = [f for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)]
        assert fields, model
        row: Any = model.objects.get(member=alice)
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


def test_export_and_deletion(alice, bob) -> None:  # type: ignore[no-untyped-def]
    from kindred.toolkit.exports import export_toolkit

    make_plan(alice)
    make_plan(bob)
    data = export_toolkit(alice)["invitation"]
    assert data["plan"]["words"] == "SECRET plan words"
    assert data["prepared_answers"][0]["their_reply"] == "We can't afford it"
    assert data["treatment_options"][0]["phone"] == "555-0100"
    assert data["windows"][0]["what_happened"] == "he said he can't keep doing this"
    json.dumps(data)
    alice.delete()
    for model in (InvitationPlan, PreparedAnswer, TreatmentOption, OpportunityWindow):
        assert model.objects.count() == 1  # bob's


def test_the_tool_is_on_the_toolkit_home_with_its_last_activity(
    alice_client: Client, alice, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    tool = next(t for t in tools() if t.key == "invitation")
    assert tool.url == "/toolkit/invitation/"
    with django_assert_num_queries(1):
        assert tool.last_activity(alice) is None  # type: ignore[misc]
    make_plan(alice)
    OpportunityWindow.objects.filter(member=alice).update(
        updated_at=timezone.now() + dt.timedelta(seconds=5)
    )
    with django_assert_num_queries(1):
        activity = tool.last_activity(alice)  # type: ignore[misc]
    assert activity is not None and activity.what == "You last noted a window of opportunity."
    page = alice_client.get("/toolkit/")
    assert "/toolkit/invitation/" in page.text and "You last noted a window" in page.text


def _fill(member: Any, n: int) -> None:
    now = timezone.now()
    InvitationPlan.objects.get_or_create(member=member, defaults={"words": KIND})
    resource = make_resource(f"Entry {n} {uuid.uuid4().hex[:6]}", kind="treatment-provider")
    for i in range(n):
        TreatmentOption.objects.create(
            member=member,
            name=f"Option {i}",
            phone="555-0100",
            resource=resource if i % 2 else None,
        )
        PreparedAnswer.objects.create(member=member, their_reply=f"reply {i}", answer="answer")
        OpportunityWindow.objects.create(
            member=member, what_happened=f"w {i}", happened_at=now - dt.timedelta(hours=i)
        )


@pytest.mark.parametrize(
    "url", ["/toolkit/invitation/", "/toolkit/invitation/windows/", "/my/", "/toolkit/"]
)
def test_query_counts_do_not_grow_with_options_and_windows(
    alice_client: Client, alice, home_page, url: str
) -> None:  # type: ignore[no-untyped-def]
    _fill(alice, 2)
    alice_client.get(url)  # warm caches (site root paths, get-help settings)
    with CaptureQueriesContext(connection) as few:
        assert alice_client.get(url).status_code == 200
    _fill(alice, 40)
    with CaptureQueriesContext(connection) as many:
        assert alice_client.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_demo_has_a_plan_options_and_windows(home_page) -> None:  # type: ignore[no-untyped-def]
    from kindred.accounts import demo as accounts_demo
    from kindred.resources import demo_loader
    from kindred.toolkit import demo

    accounts_demo.load()
    demo_loader.load()
    demo.load_invitation_demo()
    demo.load_invitation_demo()  # idempotent
    member = accounts_demo.demo_member()
    plan = InvitationPlan.objects.get(member=member)
    assert plan.words and plan.helper_drive and plan.plan_b_try_again and plan.answer_cut_down
    options = list(TreatmentOption.objects.filter(member=member))
    assert len(options) == 2
    assert sum(option.resource_id is not None for option in options) == 1
    assert OpportunityWindow.objects.filter(member=member).count() == 2
    assert len(invitation.open_windows_for(member)) == 2
