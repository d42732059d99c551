"""Helpers for the Ask-a-coach tests: sent questions, an answered one, the public index."""

from __future__ import annotations

from typing import Any

import pytest

from kindred.accounts.models import User
from kindred.questions import services
from kindred.questions.models import Question
from kindred.questions.publishing import PublicVersion, ensure_question_index, question_publish

ORIGINAL = "My son Marcus drinks every night at the Elmwood bar on Fifth Street."


def send(
    member: User, *, title: str = "Evenings at home", body: str = ORIGINAL, **extra: Any
) -> Question:
    question, _alert = services.question_submit(
        member=member, fields=services.QuestionFields(title=title, body=body, **extra)
    )
    return question


@pytest.fixture
def index(home_page: Any) -> Any:
    return ensure_question_index()


@pytest.fixture
def answered(alice: User, coach: User, django_capture_on_commit_callbacks: Any) -> Question:
    """Alice's question, answered by the coach; she allowed publication under "A member"."""
    with django_capture_on_commit_callbacks(execute=True):
        question = send(alice, allow_publish=True)
        services.coach_reply(coach=coach, question=question, text="**Try** an I-statement.")
    question.refresh_from_db()
    return question


def publish(source: Question, coach: User, **overrides: Any) -> Any:
    version = {
        "title": "Evenings at home",
        "question": "My adult son drinks most nights. How do I talk to him?",
        "answer": "Start with *one* calm moment.",
        "tags": ("evenings",),
        **overrides,
    }
    return question_publish(coach=coach, question=source, version=PublicVersion(**version))
