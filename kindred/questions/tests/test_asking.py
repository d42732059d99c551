"""A member asks a coach: drafts (with and without JavaScript), sending, the crisis check."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.urls import reverse

from kindred.questions.models import Notification, Question
from kindred.questions.models.private import Status
from kindred.questions.tests.conftest import send

pytestmark = pytest.mark.django_db
ASK = "/questions/ask/"
AUTOSAVE = "/api/questions/drafts"


def test_save_draft_without_javascript_keeps_everything_and_lists_it(client, alice):
    client.force_login(alice)
    response = client.post(
        ASK,
        {
            "title": "Weekends",
            "body": "He drinks on Saturdays.",
            "publish": "anonymous",
            "save": "1",
        },
    )
    draft = Question.objects.get(member=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("questions:ask_draft", args=[draft.pk])
    assert draft.status == Status.DRAFT and draft.allow_publish and not draft.show_pseudonym
    page = client.get(response["Location"]).content.decode()
    assert "He drinks on Saturdays." in page
    listing = client.get("/my/questions/").content.decode()
    assert "Weekends" in listing and "Drafts" in listing


def test_autosave_creates_then_updates_one_draft(client, alice):
    client.force_login(alice)
    first = client.post(
        AUTOSAVE, json.dumps({"title": "T", "body": "one"}), content_type="application/json"
    )
    assert first.status_code == 200
    draft_id = first.json()["id"]
    second = client.post(
        AUTOSAVE,
        json.dumps({"id": draft_id, "title": "T", "body": "one two"}),
        content_type="application/json",
    )
    assert second.json()["id"] == draft_id
    assert Question.objects.get(pk=draft_id).body == "one two"
    assert Question.objects.count() == 1


def test_autosave_says_signed_out_instead_of_redirecting(client):
    response = client.post(AUTOSAVE, "{}", content_type="application/json")
    assert response.status_code == 401
    assert response.json()["signed_out"] is True


def test_autosave_refuses_someone_without_a_membership(client, carol):
    client.force_login(carol)
    assert client.post(AUTOSAVE, "{}", content_type="application/json").status_code == 403


def test_autosave_rejects_bad_json_and_other_members_drafts(client, alice, bob):
    client.force_login(bob)
    assert client.post(AUTOSAVE, "not json", content_type="application/json").status_code == 400
    assert client.post(AUTOSAVE, "[1]", content_type="application/json").status_code == 400
    assert (
        client.post(AUTOSAVE, '{"id": "nope"}', content_type="application/json").status_code == 400
    )
    client.force_login(alice)
    alices = client.post(AUTOSAVE, '{"body": "mine"}', content_type="application/json").json()["id"]
    client.force_login(bob)
    response = client.post(
        AUTOSAVE, json.dumps({"id": alices, "body": "hijack"}), content_type="application/json"
    )
    assert response.status_code == 404
    assert Question.objects.get(pk=alices).body == "mine"


def test_autosave_too_long_is_a_clear_error_not_a_500(client, alice):
    client.force_login(alice)
    response = client.post(
        AUTOSAVE, json.dumps({"title": "x" * 500}), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["fields"] == ["title"]


def test_sending_needs_a_title_and_a_question_and_keeps_what_was_typed(client, alice):
    client.force_login(alice)
    response = client.post(ASK, {"context": "Three years now", "send": "1"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Give your question a short title." in page
    assert "Write your question before sending it." in page
    assert "Three years now" in page
    assert 'aria-describedby="id_title_helptext id_title_error"' in page
    assert not Question.objects.exclude(status=Status.DRAFT).exists()


def test_sending_puts_the_question_in_the_queue_and_tells_the_coaches(
    client, alice, coach, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            ASK, {"title": "Weekends", "body": "He drinks on Saturdays.", "send": "1"}
        )
    question = Question.objects.get(member=alice)
    assert response["Location"] == reverse("questions:sent", args=[question.pk])
    assert question.status == Status.WAITING and question.submitted_at and question.waiting_since
    assert not question.urgent_reason
    assert Notification.objects.get(user=coach).kind == Notification.Kind.NEW_QUESTION
    [email] = mail.outbox
    assert email.to == [coach.email]
    assert email.subject == "A new question is waiting on Kindred"
    assert "Saturdays" not in email.body and "Weekends" not in email.body


def test_an_overdose_now_is_urgent_heads_the_queue_and_shows_help_first(
    client, alice, bob, coach, django_capture_on_commit_callbacks
):
    older = send(bob, title="An older question", body="How do I talk about money?")
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            ASK,
            {
                "title": "Please help",
                "body": "My son won't wake up and his lips are blue. I think he took too much.",
                "send": "1",
            },
            follow=True,
        )
    question = Question.objects.get(member=alice)
    assert question.urgent_reason == "overdose"
    page = response.content.decode()
    assert page.index('data-crisis-kind="overdose"') < page.index("<h1")
    assert "Call 911" in page
    assert mail.outbox[-1].subject == "An urgent question is waiting on Kindred"
    client.force_login(coach)
    queue = client.get("/coach/queue/").content.decode()
    assert queue.index("Please help") < queue.index("An older question")
    assert older.urgent_reason == ""


def test_a_sent_question_can_no_longer_be_edited_as_a_draft(client, alice):
    question = send(alice)
    client.force_login(alice)
    response = client.get(reverse("questions:ask_draft", args=[question.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("questions:my_question", args=[question.pk])


def test_deleting_a_draft(client, alice):
    client.force_login(alice)
    client.post(ASK, {"title": "x", "save": "1"})
    draft = Question.objects.get(member=alice)
    client.post(reverse("questions:draft_delete", args=[draft.pk]))
    assert not Question.objects.exists()


def test_the_member_replies_and_the_question_waits_for_a_coach_again(client, answered, alice):
    client.force_login(alice)
    url = reverse("questions:my_question", args=[answered.pk])
    assert client.post(url, {"text": ""}).status_code == 422
    client.post(url, {"text": "Thank you, one more thing."})
    answered.refresh_from_db()
    assert answered.status == Status.WAITING
    assert "one more thing" in client.get(url).content.decode()
