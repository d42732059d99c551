"""The demo Q&A: loaded once, private originals encrypted and never public."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

from kindred.questions.models import Message, Question, QuestionPage, ReplyTemplate

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_the_demo_loads_published_waiting_and_templates_once(client):
    call_command("load_demo")
    call_command("load_demo", "--force")
    assert QuestionPage.objects.live().count() == 10
    assert Question.objects.filter(status="waiting").count() == 3
    assert Question.objects.filter(publication="published").count() == 10
    assert ReplyTemplate.objects.count() == 9
    urgent = Question.objects.exclude(urgent_reason="").get()
    assert urgent.urgent_reason == "overdose"
    assert Message.objects.filter(author__email="coach@example.com").count() == 10
    public = client.get("/questions/drinking-again-after-seven-months/").content.decode()
    assert "seven months" in public
    assert "Kelsey" not in public and "Brookside" not in public
    assert (
        "Kelsey" in Question.objects.get(public_page__slug="drinking-again-after-seven-months").body
    )
    listing = client.get("/questions/").content.decode()
    assert "Asked by PorchLightMom" in listing and "Asked by A member" in listing
