"""One-time submission keys (kindred/core/submissions.py), one request after another; the
parallel proof is tests/test_concurrent_submissions.py (PostgreSQL)."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client

from kindred.core.models import FormSubmission
from kindred.questions.models import Question
from kindred.resources.importing import resource_index
from kindred.resources.models import ProblemReport
from kindred.resources.tests.factories import make_resource

pytestmark = pytest.mark.django_db
ASK = "/questions/ask/"
KEY = re.compile(r'name="submission_key" value="([0-9a-f-]{36})"')


def _key(html: str) -> str:
    match = KEY.search(html)
    assert match, "the form has no submission key"
    return match.group(1)


def test_the_same_question_sent_twice_is_sent_once(client: Client, alice) -> None:
    client.force_login(alice)
    key = _key(client.get(ASK).content.decode())
    data = {"title": "Weekends", "body": "He drinks on Saturdays.", "send": "1"}
    first = client.post(ASK, {**data, "submission_key": key})
    again = client.post(ASK, {**data, "submission_key": key})
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert Question.objects.filter(member=alice).count() == 1
    # A new page has a new key: a second question is a second question.
    fresh = _key(client.get(ASK).content.decode())
    assert fresh != key
    client.post(ASK, {**data, "submission_key": fresh})
    assert Question.objects.filter(member=alice).count() == 2


def test_a_form_with_errors_keeps_the_text_and_its_key_for_the_corrected_send(
    client: Client, alice
) -> None:
    client.force_login(alice)
    key = _key(client.get(ASK).content.decode())
    refused = client.post(
        ASK, {"body": "He drinks on Saturdays.", "send": "1", "submission_key": key}
    )
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "He drinks on Saturdays." in page
    assert _key(page) == key  # the same form, still unsent
    assert not FormSubmission.objects.exists()  # nothing done, the key is free again
    sent = client.post(
        ASK,
        {
            "title": "Weekends",
            "body": "He drinks on Saturdays.",
            "send": "1",
            "submission_key": key,
        },
    )
    assert sent.status_code == 302
    assert Question.objects.filter(member=alice).exclude(status="draft").count() == 1


def test_a_problem_report_sent_twice_is_stored_once(client: Client, home_page) -> None:
    resource_index()
    entry = make_resource("Riverside Family Group", kind="family-support", for_whom="family")
    path = f"/resources/report/{entry.pk}/"
    page = client.get(path)
    assert "no-store" in page["Cache-Control"]  # a cached page would share its key
    data = {"problem": "phone", "details": "It rings out.", "submission_key": _key(page.text)}
    first, again = client.post(path, data), client.post(path, data)
    assert first.status_code == again.status_code == 200
    assert "<h1>Thank you</h1>" in again.text
    assert ProblemReport.objects.filter(resource=entry).count() == 1


def test_a_post_without_a_key_works_as_before(client: Client, alice) -> None:
    client.force_login(alice)
    data = {"title": "Weekends", "body": "He drinks on Saturdays.", "send": "1"}
    assert client.post(ASK, data).status_code == 302
    assert client.post(ASK, {**data, "submission_key": "not-a-key"}).status_code == 302
    assert client.post(ASK, {**data, "submission_key": str(uuid.uuid4())}).status_code == 302
    assert Question.objects.filter(member=alice).count() == 3
