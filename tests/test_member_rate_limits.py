"""Rate limits on sending questions and on every autosave endpoint (issue 11, finding 7).

Over the limit: the JSON API answers 429 with a clear message and saves nothing; the ask
page answers 429 with the form, and everything the member typed, still filled in.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from kindred.learning.demo_loader import load_module, load_program
from kindred.learning.models import LessonPage, Reflection
from kindred.learning.tests.builders import module_data
from kindred.questions.models import Question
from kindred.toolkit.models import FunctionalAnalysis

pytestmark = pytest.mark.django_db

LIMIT = (2, 60)


@pytest.fixture(autouse=True)
def _small_limits(settings: Any) -> None:
    settings.KINDRED_QUESTION_SEND_LIMIT = LIMIT
    settings.KINDRED_AUTOSAVE_RATE_LIMIT = LIMIT


def post_json(client: Any, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, body, content_type="application/json")


def test_question_draft_autosave_is_limited(client: Any, alice: Any) -> None:
    client.force_login(alice)
    statuses = [
        post_json(client, "/api/questions/drafts", {"title": f"Draft {n}"}).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]
    refused = post_json(client, "/api/questions/drafts", {"title": "One more"})
    assert refused.status_code == 429
    assert "a little fast" in refused.json()["error"]
    assert Question.objects.filter(member=alice).count() == 2


def test_the_limit_is_per_member(client: Any, alice: Any, bob: Any) -> None:
    client.force_login(alice)
    for n in range(3):
        post_json(client, "/api/questions/drafts", {"title": f"Draft {n}"})
    client.force_login(bob)
    assert post_json(client, "/api/questions/drafts", {"title": "Bob's"}).status_code == 200


def test_reflection_autosave_is_limited(client: Any, alice: Any, home_page: Any) -> None:
    load_module(load_program(home_page), module_data("basics", 1))
    lesson = next(page for page in LessonPage.objects.live() if page.prompts())
    prompt = lesson.prompts()[0][0]
    client.force_login(alice)
    path = f"/api/learning/lessons/{lesson.pk}/reflections"
    statuses = [
        post_json(client, path, {"prompt": prompt, "text": f"Try {n}"}).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert (
        "still on this page"
        in post_json(client, path, {"prompt": prompt, "text": "x"}).json()["error"]
    )
    assert Reflection.objects.get(member=alice).text == "Try 1"


def test_toolkit_autosave_is_limited(client: Any, alice: Any) -> None:
    client.force_login(alice)
    record = str(uuid.uuid4())
    statuses = [
        post_json(
            client,
            "/api/toolkit/autosave/analysis",
            {"record_id": record, "fields": {"kind": "using", "title": f"Evening {n}"}},
        ).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert FunctionalAnalysis.objects.get(pk=record).title == "Evening 1"


def test_sending_questions_is_limited_and_the_form_keeps_the_text(client: Any, alice: Any) -> None:
    client.force_login(alice)
    for n in range(2):
        response = client.post(
            "/questions/ask/", {"title": f"Question {n}", "body": "Body", "send": "1"}
        )
        assert response.status_code == 302
    words = "My brother's evenings, in my own words"
    response = client.post("/questions/ask/", {"title": "Third", "body": words, "send": "1"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "a little fast" in page
    assert words.replace("'", "&#x27;") in page  # still in the form, nothing lost
    assert Question.objects.filter(member=alice).exclude(status="draft").count() == 2
