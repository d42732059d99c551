"""Member text is escaped everywhere, encrypted at rest, exported, and deleted with the
account; notifications and email say nothing about it."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kindred.questions import services
from kindred.questions.models import Message, Notification, Question
from kindred.questions.models.pages import QuestionPage
from kindred.questions.notify import unsubscribe_token
from kindred.questions.tests.conftest import publish, send

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_member_html_is_escaped_for_the_member_the_coach_and_the_public(
    client, index, alice, coach, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = send(
            alice,
            title=f"Title {SCRIPT}",
            body=f"Body {SCRIPT}",
            context=f"Context {SCRIPT}",
            allow_publish=True,
        )
        services.member_reply(member=alice, question=question, text=f"Reply {SCRIPT}")
        services.coach_reply(
            coach=coach,
            question=question,
            text=f'Coach **ok** {SCRIPT} <a href="javascript:alert(1)">x</a>',
        )
    pages = []
    client.force_login(alice)
    pages.append(client.get(reverse("questions:my_question", args=[question.pk])).content.decode())
    pages.append(client.get("/my/questions/").content.decode())
    client.force_login(coach)
    pages.append(
        client.get(reverse("questions:coach_question", args=[question.pk])).content.decode()
    )
    pages.append(client.get("/coach/queue/?state=all").content.decode())
    page = publish(
        question,
        coach,
        title=f"Public {SCRIPT}",
        question=f"Public body {SCRIPT}",
        answer=f"Answer {SCRIPT}",
    )
    client.logout()
    pages.append(client.get(page.url).content.decode())
    pages.append(client.get("/questions/").content.decode())
    for html in pages:
        assert '<script>alert("x")' not in html
        assert "<img src=x" not in html
        assert "javascript:alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in pages[0]
    assert "<strong>ok</strong>" in pages[0]  # the coach's Markdown still works
    for email in mail.outbox:
        assert "script" not in email.body and "Title" not in email.subject


def test_question_context_and_thread_are_encrypted_at_rest(alice, coach):
    question = send(alice, title="Secret title", body="Secret body", context="Secret context")
    services.coach_reply(coach=coach, question=question, text="Secret answer")
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, body, context FROM questions_question")
        row = cursor.fetchone()
        cursor.execute("SELECT body FROM questions_message")
        message_row = cursor.fetchone()
    assert all(value.startswith("kv1$") and "Secret" not in value for value in row)
    assert message_row[0].startswith("kv1$")


def test_download_my_data_has_questions_thread_and_notifications(client, answered, alice):
    client.force_login(alice)
    response = client.post("/my/account/export/")
    data = json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    mine = data["questions"]
    assert mine["questions"][0]["question"].startswith("My son Marcus")
    assert mine["questions"][0]["messages"][0]["text"] == "**Try** an I-statement."
    assert mine["notifications"][0]["text"] == "A coach answered your question"


def test_deleting_the_account_deletes_questions_thread_and_notifications(
    rf, client, answered, alice, coach, index
):
    from kindred.accounts.services import account_delete

    page = publish(answered, coach)
    services.access_record_write(staff=coach, question=answered)
    request = rf.post("/my/account/delete/")
    request.user = alice
    from django.contrib.sessions.backends.cache import SessionStore

    request.session = SessionStore()
    page_url = page.url
    account_delete(request, alice)
    assert not Question.objects.exists()
    assert not Message.objects.exists()
    assert not Notification.objects.filter(user_id=alice.pk).exists()
    # The public version made from her question goes too: it was hers, anonymised or not.
    assert not QuestionPage.objects.filter(pk=page.pk).exists()
    assert client.get(page_url).status_code == 404


def test_deleting_a_coach_keeps_their_answer(answered, coach):
    coach.delete()
    message = Message.objects.get()
    assert message.author is None and message.body == "**Try** an I-statement."


def test_unsubscribe_works_without_signing_in_and_honours_post(
    client, alice, coach, django_capture_on_commit_callbacks
):
    url = reverse("questions:unsubscribe", args=[unsubscribe_token(alice)])
    assert "Stop these emails" in client.get(url).content.decode()
    from kindred.questions.selectors import email_on

    assert email_on(alice)  # a GET (a link scanner) changes nothing
    assert client.post(url).status_code == 200  # one-click POST, no CSRF token, no session
    assert not email_on(alice)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        question = send(alice)
        services.coach_reply(coach=coach, question=question, text="Hello")
    assert [m.to for m in mail.outbox] == [[coach.email]]  # the coach's email, not alice's
    assert Notification.objects.filter(user=alice).exists()  # in-app still works


def test_a_tampered_unsubscribe_token_is_refused(client, alice):
    token = unsubscribe_token(alice)
    assert client.post(f"/email/unsubscribe/{token}x/").status_code == 404


def test_the_email_setting_on_my_questions(client, alice):
    from kindred.questions.selectors import email_on

    client.force_login(alice)
    client.post(reverse("questions:email_preference"), {"email_on": "0"})
    assert not email_on(alice)
    assert "Turn emails on" in client.get("/my/questions/").content.decode()
    client.post(reverse("questions:email_preference"), {"email_on": "1"})
    assert email_on(alice)


def test_the_unread_count_and_the_list_that_marks_them_read(client, answered, alice):
    client.force_login(alice)
    home = client.get("/questions/").content.decode()
    assert '<span class="badge">1<span class="visually-hidden"> unread</span></span>' in home
    listing = client.get("/my/notifications/").content.decode()
    assert "A coach answered your question" in listing
    assert not Notification.objects.filter(user=alice, read_at__isnull=True).exists()
    assert 'class="badge"' not in client.get("/questions/").content.decode()


def test_the_header_count_costs_one_query_for_members_and_none_for_visitors(rf, alice):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    from kindred.questions.context_processors import notifications

    request = rf.get("/")
    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as anonymous:
        assert notifications(request) == {}
    request.user = alice
    with CaptureQueriesContext(connection) as member:
        context = notifications(request)
        render_to_string(
            "core/includes/nav_items.html", {**context, "user": alice, "request": request}
        )
        str(context["unread_notifications"])
    assert len(anonymous) == 0
    assert len(member) == 1
