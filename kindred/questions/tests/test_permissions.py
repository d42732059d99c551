"""Who sees what: one test per rule, for anonymous, alice, bob, carol, coach, editor, admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kindred.questions.models import AccessRecord
from kindred.questions.tests.conftest import publish, send

pytestmark = pytest.mark.django_db
PEOPLE = ["anonymous", "alice", "bob", "carol", "coach", "editor", "admin_user"]


def _as(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    return client


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("alice", 200),
        ("bob", 200),
        ("carol", 302),
        ("coach", 200),
        ("editor", 200),
        ("admin_user", 200),
    ],
)
def test_only_active_members_may_ask(client, request, who, expected):
    response = _as(client, request, who).get("/questions/ask/")
    assert response.status_code == expected
    if who == "carol":
        assert response["Location"] == reverse("memberships:join")


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("alice", 200),
        ("bob", 404),
        ("carol", 302),
        ("coach", 404),
        ("editor", 404),
        ("admin_user", 404),
    ],
)
def test_a_members_question_page_is_theirs_alone(client, request, alice, who, expected):
    question = send(alice)
    response = _as(client, request, who).get(reverse("questions:my_question", args=[question.pk]))
    assert response.status_code == expected


def test_my_questions_lists_only_my_own(client, alice, bob):
    send(alice, title="Alice asks")
    send(bob, title="Bob asks")
    client.force_login(bob)
    page = client.get("/my/questions/").content.decode()
    assert "Bob asks" in page and "Alice asks" not in page


def test_a_member_cannot_withdraw_someone_elses_question(client, answered, bob):
    client.force_login(bob)
    assert client.post(reverse("questions:withdraw", args=[answered.pk])).status_code == 404


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("alice", 403),
        ("bob", 403),
        ("carol", 403),
        ("coach", 200),
        ("editor", 403),
        ("admin_user", 200),
    ],
)
def test_only_coaches_and_organisation_admins_see_the_queue(client, request, who, expected):
    assert _as(client, request, who).get("/coach/queue/").status_code == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("alice", 403),
        ("bob", 403),
        ("carol", 403),
        ("coach", 200),
        ("editor", 403),
        ("admin_user", 200),
    ],
)
def test_only_coaches_and_organisation_admins_open_a_question(client, request, bob, who, expected):
    question = send(bob)
    response = _as(client, request, who).get(
        reverse("questions:coach_question", args=[question.pk])
    )
    assert response.status_code == expected
    assert AccessRecord.objects.count() == (1 if expected == 200 else 0)


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("alice", 403), ("coach", 403), ("editor", 403), ("admin_user", 200)],
)
def test_only_organisation_admins_read_the_access_log(client, request, who, expected):
    assert _as(client, request, who).get("/coach/access-log/").status_code == expected


def test_coaches_never_see_a_members_draft(client, alice, coach):
    client.force_login(alice)
    client.post("/questions/ask/", {"title": "Not yet", "body": "thinking", "save": "1"})
    from kindred.questions.models import Question

    draft = Question.objects.get(member=alice)
    client.force_login(coach)
    assert client.get(reverse("questions:coach_question", args=[draft.pk])).status_code == 404
    assert "Not yet" not in client.get("/coach/queue/?state=all").content.decode()


@pytest.mark.parametrize("who", PEOPLE)
def test_everyone_sees_the_published_version_and_nobody_the_original(
    client, request, index, answered, coach, who
):
    page = publish(answered, coach)
    response = _as(client, request, who).get(page.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "My adult son drinks most nights." in body
    assert "Marcus" not in body and "Elmwood" not in body


def test_the_member_text_is_not_in_the_wagtail_admin(client, admin_user, answered):
    """Questions are not snippets: the admin has no generic view of them."""
    from wagtail.snippets.models import get_snippet_models

    from kindred.questions.models import Question, ReplyTemplate

    assert Question not in get_snippet_models()
    assert ReplyTemplate in get_snippet_models()
    client.force_login(admin_user)
    assert client.get("/admin/snippets/questions/question/").status_code == 404


# Wagtail sends someone without the permission back to the admin's home page (302).
@pytest.mark.parametrize(
    ("who", "expected"), [("coach", 200), ("editor", 302), ("admin_user", 200)]
)
def test_reply_templates_are_editable_by_coaches_in_the_admin(client, request, who, expected):
    client = _as(client, request, who)
    assert client.get("/admin/snippets/questions/replytemplate/").status_code == expected


@pytest.mark.parametrize(
    ("who", "expected"), [("coach", 403), ("editor", 403), ("admin_user", 403)]
)
def test_staff_cannot_publish_a_question_the_member_kept_private(
    client, request, bob, coach, who, expected, index, django_capture_on_commit_callbacks
):
    from kindred.questions import services

    with django_capture_on_commit_callbacks(execute=True):
        question = send(bob)  # private
        services.coach_reply(coach=coach, question=question, text="An answer")
    response = _as(client, request, who).get(reverse("questions:publish", args=[question.pk]))
    assert response.status_code == expected


def test_the_coach_area_asks_for_two_factor_when_required(client, coach, settings):
    settings.KINDRED_STAFF_MFA_REQUIRED = True
    client.force_login(coach)
    response = client.get("/coach/queue/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
