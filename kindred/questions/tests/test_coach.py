"""The coaches' queue and a question: ordering, filters, replies, notes, templates, the log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kindred.questions import services
from kindred.questions.models import AccessRecord, Notification, Question, ReplyTemplate
from kindred.questions.models.private import Status
from kindred.questions.selectors import median_first_answer
from kindred.questions.tests.conftest import send
from kindred.testing.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db


def _age(question: Question, hours: int) -> None:
    Question.objects.filter(pk=question.pk).update(
        waiting_since=timezone.now() - dt.timedelta(hours=hours)
    )


def test_the_queue_puts_urgent_first_then_the_longest_waiting(client, alice, bob, carol, coach):
    new = send(alice, title="Newest")
    old = send(bob, title="Oldest")
    urgent = send(carol, title="Right now", body="He is not breathing and I can't wake him up")
    _age(new, 1)
    _age(old, 80)
    _age(urgent, 0)
    assert urgent.urgent_reason
    client.force_login(coach)
    page = client.get("/coach/queue/").content.decode()
    assert page.index("Right now") < page.index("Oldest") < page.index("Newest")
    assert "3 days" in page and "1 hour" in page


def test_queue_filters_use_metadata(client, alice, bob, coach, tree_category):
    a = send(alice, title="Filed", category_id=tree_category.pk)
    b = send(bob, title="Old unfiled")
    _age(b, 30)
    services.question_assign(coach=coach, question=a, assignee=coach)
    client.force_login(coach)

    def titles(query: str) -> list[str]:
        page = client.get(f"/coach/queue/?{query}").content.decode()
        return [t for t in ("Filed", "Old unfiled") if f">{t}</a>" in page]

    assert titles(f"category={tree_category.pk}") == ["Filed"]
    assert titles("assigned=me") == ["Filed"]
    assert titles("assigned=none") == ["Old unfiled"]
    assert titles(f"assigned={coach.pk}") == ["Filed"]
    assert titles("age=24h") == ["Old unfiled"]
    assert titles("age=72h") == []
    assert titles("state=answered") == []
    # Nonsense filters are ignored, never an error.
    assert client.get("/coach/queue/?state=x&category=abc&age=9&assigned=<b>").status_code == 200


@pytest.fixture
def tree_category(db):
    from kindred.content.models import Category

    return Category.objects.create(name="Safety", slug="safety")


def test_assign_to_myself_and_release(client, alice, coach):
    question = send(alice)
    client.force_login(coach)
    url = reverse("questions:coach_question", args=[question.pk])
    client.post(url, {"action": "assign"})
    question.refresh_from_db()
    assert question.assigned_to == coach
    client.post(url, {"action": "release"})
    question.refresh_from_db()
    assert question.assigned_to is None


def test_a_reply_tells_the_member_in_app_and_by_a_discreet_email(
    client, alice, coach, django_capture_on_commit_callbacks
):
    question = send(alice)
    mail.outbox.clear()
    client.force_login(coach)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("questions:coach_question", args=[question.pk]),
            {"action": "reply", "text": "Try **one** calm sentence."},
        )
    question.refresh_from_db()
    assert question.status == Status.ANSWERED and question.first_answered_at
    assert question.assigned_to == coach
    assert Notification.objects.get(user=alice).kind == Notification.Kind.REPLY
    [email] = mail.outbox
    assert email.to == [alice.email]
    assert email.subject == "You have a new message on Kindred"
    assert "/my/questions/" in email.body
    assert "calm sentence" not in email.body and "Evenings" not in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/email/unsubscribe/" in email.extra_headers["List-Unsubscribe"]
    client.force_login(alice)
    page = client.get(reverse("questions:my_question", args=[question.pk])).content.decode()
    assert "<strong>one</strong> calm sentence" in page


def test_asking_for_more_detail_waits_for_the_member(
    client, alice, coach, django_capture_on_commit_callbacks
):
    question = send(alice)
    client.force_login(coach)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("questions:coach_question", args=[question.pk]),
            {"action": "reply", "text": "How old is he?", "asks_for_detail": "on"},
        )
    question.refresh_from_db()
    assert question.status == Status.WAITING_MEMBER
    assert question.first_answered_at is None
    assert Notification.objects.get(user=alice).kind == Notification.Kind.DETAIL
    client.force_login(alice)
    page = client.get(reverse("questions:my_question", args=[question.pk])).content.decode()
    assert "Asks for more detail" in page and "Waiting for you" in page


def test_an_empty_reply_is_a_form_error(client, alice, coach):
    question = send(alice)
    client.force_login(coach)
    response = client.post(
        reverse("questions:coach_question", args=[question.pk]), {"action": "reply", "text": ""}
    )
    assert response.status_code == 422
    assert "Write a reply before sending it." in response.content.decode()


def test_internal_notes_are_never_shown_to_the_member(client, alice, coach):
    question = send(alice)
    client.force_login(coach)
    client.post(
        reverse("questions:coach_question", args=[question.pk]),
        {"action": "note", "note": "Check in Friday"},
    )
    assert (
        "Check in Friday"
        in client.get(reverse("questions:coach_question", args=[question.pk])).content.decode()
    )
    client.force_login(alice)
    assert (
        "Check in Friday"
        not in client.get(reverse("questions:my_question", args=[question.pk])).content.decode()
    )
    from kindred.questions.selectors import export_questions

    assert "Check in Friday" not in str(export_questions(alice))


def test_insert_a_template_without_javascript_keeps_the_draft_reply(client, alice, coach):
    ReplyTemplate.objects.create(
        slug="moment", title="Choosing your moment", body="Timing matters."
    )
    question = send(alice)
    client.force_login(coach)
    response = client.post(
        reverse("questions:coach_question", args=[question.pk]),
        {"text": "Hello.", "template": "moment", "insert_template": "1"},
    )
    assert response.status_code == 200
    assert "Hello.\n\nTiming matters.</textarea>" in response.content.decode()
    assert not question.messages.exists()


def test_insert_template_without_a_reply_or_a_known_template_is_not_a_server_error(
    client, alice, coach
):
    """Found by tests/test_form_fuzz.py: no "text" and no such template raised KeyError (500)."""
    question = send(alice)
    client.force_login(coach)
    response = client.post(
        reverse("questions:coach_question", args=[question.pk]),
        {"template": "no-such-template", "insert_template": "1"},
    )
    assert response.status_code == 200
    assert not question.messages.exists()


def test_suggested_articles_are_links_under_the_reply(
    client, alice, coach, home_page, django_capture_on_commit_callbacks
):
    from kindred.content.models import ArticleIndexPage, ArticlePage

    articles = ArticleIndexPage(title="Articles", slug="articles")
    home_page.add_child(instance=articles)
    article = ArticlePage(title="Why tough love backfires", slug="tough-love", summary="s", body=[])
    articles.add_child(instance=article)
    hidden = ArticlePage(
        title="Members corner", slug="members", summary="s", body=[], members_only=True
    )
    articles.add_child(instance=hidden)
    question = send(alice)
    client.force_login(coach)
    url = reverse("questions:coach_question", args=[question.pk])
    form = client.get(url).content.decode()
    assert "Why tough love backfires" in form and "Members corner" not in form
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "reply", "text": "Read this.", "suggested": [article.pk]})
    client.force_login(alice)
    page = client.get(reverse("questions:my_question", args=[question.pk])).content.decode()
    assert f'href="{article.url}"' in page


def test_every_opening_is_logged_and_the_log_cannot_be_changed(client, alice, coach, admin_user):
    question = send(alice)
    client.force_login(coach)
    client.get(reverse("questions:coach_question", args=[question.pk]))
    client.get(reverse("questions:coach_question", args=[question.pk]))
    records = list(AccessRecord.objects.all())
    assert len(records) == 2 and {r.staff for r in records} == {coach}
    record = records[0]
    record.staff_pseudonym = "someone else"
    with pytest.raises(PermissionError):
        record.save()
    client.force_login(admin_user)
    log = client.get("/coach/access-log/").content.decode()
    assert coach.pseudonym in log and str(question.pk) in log


def test_the_log_survives_the_staff_members_account(alice, coach):
    question = send(alice)
    services.access_record_write(staff=coach, question=question)
    coach.delete()
    record = AccessRecord.objects.get()
    assert record.staff is None and record.staff_pseudonym == "CoachCasey"


def test_median_time_to_first_answer_this_month(alice, bob, carol):
    now = timezone.now()
    for member, hours in ((alice, 2), (bob, 4), (carol, 30)):
        question = send(member)
        Question.objects.filter(pk=question.pk).update(
            submitted_at=now - dt.timedelta(hours=hours), first_answered_at=now
        )
    assert median_first_answer(now) == dt.timedelta(hours=4)


def test_the_queue_costs_the_same_queries_for_3_or_15_rows(
    client, coach, django_assert_num_queries
):
    def members(n: int) -> None:
        for _ in range(n):
            member = VerifiedUserFactory.create()
            question = send(member)
            services.question_assign(coach=coach, question=question, assignee=coach)

    client.force_login(coach)
    members(3)
    client.get("/coach/queue/")  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get("/coach/queue/").status_code == 200
    members(12)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/coach/queue/").content.decode()
    assert page.count("<tr>") + page.count("<tr class") == 16
    assert len(many) == len(few)
