"""Fault proof (issue 11): the same form submission sent 10 times at once gives one row.

For each member write path where a double submit could duplicate, the form page is fetched
once, as a browser would, and the identical POST (the form's hidden fields included) is then
sent by 10 threads at the same moment, each with its own database connection. One row must
come of it, and every one of the 10 answers must be a normal answer (no 500).

PostgreSQL only: SQLite's test database lives in memory and serialises every writer anyway
(``IMMEDIATE`` transactions; docs/security.md, "SQLite"), so parallel requests there prove
nothing about races. Run with ``DATABASE_URL=postgres://…`` (CI's second run).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from kindred.groups.models import Rsvp
from kindred.groups.tests.conftest import facilitator, make_group, make_session  # noqa: F401
from kindred.learning.models import Reflection
from kindred.learning.tests.builders import prompt_field
from kindred.learning.tests.conftest import basics, lesson, program  # noqa: F401
from kindred.questions.models import Question
from kindred.resources.importing import resource_index
from kindred.resources.models import ProblemReport
from kindred.resources.tests.factories import make_resource
from kindred.toolkit.models import JournalEntry, TrackerDay
from kindred.toolkit.services.tracker import member_today

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="parallel requests need PostgreSQL (SQLite's in-memory test database)",
    ),
]

TIMES = 10
FORM = re.compile(r"<form\b.*?</form>", re.S)
HIDDEN = re.compile(r"<input\b[^>]*\btype=\"hidden\"[^>]*>")
ATTR = re.compile(r'\b(name|value)="([^"]*)"')


def browser_post(client: Client, path: str, marker: str, typed: dict[str, str]) -> dict[str, str]:
    """What a browser posts from the form on ``path`` that contains ``marker``: its hidden
    fields as the page rendered them, and what the member typed."""
    page = client.get(path)
    assert page.status_code == 200, (path, page.status_code)
    forms = [f for f in FORM.findall(page.content.decode()) if marker in f]
    assert forms, f"no form with {marker} on {path}"
    fields: dict[str, str] = {}
    for tag in HIDDEN.findall(forms[0]):
        attrs = dict(ATTR.findall(tag))
        if "name" in attrs:
            fields[attrs["name"]] = html.unescape(attrs.get("value", ""))
    fields.pop("csrfmiddlewaretoken", None)  # the test client does not check CSRF
    return {**fields, **typed}


def at_once(
    make_client: Callable[[], Client],
    path: str,
    data: dict[str, str] | Callable[[], dict[str, str]],
) -> list[int]:
    """POST ``data`` to ``path`` from TIMES threads released together; their status codes.
    ``data`` may be a function giving each thread its own (ten pages of one form)."""
    clients = [(make_client(), data() if callable(data) else data) for _ in range(TIMES)]
    barrier = threading.Barrier(TIMES)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def send(client: Client, posted: dict[str, str]) -> None:
        try:
            barrier.wait(timeout=30)
            statuses.append(client.post(path, posted).status_code)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return statuses


@pytest.fixture
def signed_in(alice: Any) -> Callable[[], Client]:
    def make() -> Client:
        client = Client(raise_request_exception=False)
        client.force_login(alice)
        return client

    return make


def test_a_question_sent_10_times_at_once_is_one_question(signed_in, alice):
    data = browser_post(
        signed_in(),
        "/questions/ask/",
        'name="title"',
        {"title": "Weekends", "body": "He drinks on Saturdays.", "send": "1"},
    )
    statuses = at_once(signed_in, "/questions/ask/", data)
    assert sorted(statuses) == [302] * TIMES
    assert Question.objects.filter(member=alice).count() == 1


def test_a_draft_sent_from_10_tabs_at_once_is_sent_once(signed_in, alice, coach):
    """Ten pages of the same draft (ten different keys), each sent at the same moment."""
    from kindred.questions.models import Notification
    from kindred.questions.services import QuestionFields, question_draft_save

    draft = question_draft_save(
        member=alice, fields=QuestionFields(title="Weekends", body="He drinks on Saturdays.")
    )
    path = f"/questions/ask/{draft.pk}/"
    typed = {"title": "Weekends", "body": "He drinks on Saturdays.", "send": "1"}
    pages = [browser_post(signed_in(), path, 'name="title"', typed) for _ in range(TIMES)]
    assert len({page["submission_key"] for page in pages}) == TIMES
    clients = iter(pages)
    statuses = at_once(signed_in, path, lambda: next(clients))
    assert sorted(statuses) == [302] * TIMES
    assert Question.objects.filter(member=alice).count() == 1
    assert Notification.objects.filter(user=coach).count() == 1


def test_a_journal_entry_saved_10_times_at_once_is_one_entry(signed_in, alice):
    data = browser_post(
        signed_in(),
        "/toolkit/journal/",
        'name="text"',
        {"day": member_today(alice).isoformat(), "mood": "4", "text": "A quiet walk today."},
    )
    statuses = at_once(signed_in, "/toolkit/journal/", data)
    assert sorted(statuses) == [302] * TIMES
    assert JournalEntry.objects.filter(member=alice).count() == 1


def test_a_tracker_day_saved_10_times_at_once_is_one_day(signed_in, alice):
    day = member_today(alice) - dt.timedelta(days=1)
    path = f"/toolkit/tracker/{day.isoformat()}/"
    data = browser_post(signed_in(), path, 'name="used"', {"used": "no"})
    statuses = at_once(signed_in, path, data)
    assert sorted(statuses) == [302] * TIMES
    assert TrackerDay.objects.filter(member=alice).count() == 1


def test_an_rsvp_sent_10_times_at_once_is_one_place(signed_in, alice, facilitator):  # noqa: F811
    start = (timezone.now() + dt.timedelta(days=2)).replace(microsecond=0)
    session = make_session(make_group(facilitator), start)
    path = f"/groups/sessions/{session.pk}/rsvp/"
    data = browser_post(signed_in(), f"/groups/sessions/{session.pk}/", path, {})
    statuses = at_once(signed_in, path, data)
    assert sorted(statuses) == [302] * TIMES
    assert Rsvp.objects.filter(member=alice).count() == 1


def test_a_reflection_saved_10_times_at_once_is_one_reflection(signed_in, alice, lesson):  # noqa: F811
    field = prompt_field(lesson, 0)
    data = browser_post(signed_in(), lesson.url, f'name="{field}"', {field: "My own words"})
    statuses = at_once(signed_in, lesson.url, data)
    assert sorted(statuses) == [302] * TIMES
    assert Reflection.objects.filter(member=alice).count() == 1


def test_a_problem_report_sent_10_times_at_once_is_one_report(signed_in, home_page, settings):
    # Its per-address limit (5 an hour) would cap the copies, not stop them.
    settings.KINDRED_RESOURCE_REPORT_LIMIT = (100, 3600)
    resource_index()
    entry = make_resource("Riverside Family Group", kind="family-support", for_whom="family")
    path = f"/resources/report/{entry.pk}/"
    data = browser_post(
        signed_in(), path, 'name="details"', {"problem": "phone", "details": "It rings out."}
    )
    statuses = at_once(signed_in, path, data)
    assert sorted(statuses) == [200] * TIMES
    assert ProblemReport.objects.filter(resource=entry).count() == 1
