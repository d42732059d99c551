"""Publishing the anonymised version, withdrawing it, and the public Q&A around it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kindred.content.models import Category
from kindred.questions.models import QuestionPage
from kindred.questions.models.private import Publication
from kindred.questions.publishing import PublishNotAllowed
from kindred.questions.tests.conftest import publish, send
from kindred.testing.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db


def test_publishing_refuses_when_the_member_did_not_allow_it(
    index, bob, coach, django_capture_on_commit_callbacks
):
    from kindred.questions import services

    with django_capture_on_commit_callbacks(execute=True):
        question = send(bob)  # allow_publish defaults to False: private
        services.coach_reply(coach=coach, question=question, text="An answer")
    with pytest.raises(PublishNotAllowed):
        publish(question, coach)
    assert not QuestionPage.objects.exists()


def test_publishing_refuses_before_an_answer(index, alice, coach):
    question = send(alice, allow_publish=True)
    with pytest.raises(PublishNotAllowed):
        publish(question, coach)


def test_the_coach_publishes_from_the_form_as_a_member(client, index, answered, coach):
    client.force_login(coach)
    url = reverse("questions:publish", args=[answered.pk])
    form = client.get(url).content.decode()
    assert "**Try** an I-statement." in form  # the answer is prefilled from the reply
    response = client.post(
        url, {"title": "Evenings", "question": "My son drinks at night.", "answer": "Try this."}
    )
    assert response.status_code == 422  # the "I have anonymised it" box is required
    assert "My son drinks at night." in response.content.decode()
    response = client.post(
        url,
        {
            "title": "Evenings",
            "question": "My son drinks at night.",
            "answer": "Try **this**.",
            "anonymised": "on",
            "tags": "Evenings, nights",
        },
    )
    page = QuestionPage.objects.get()
    assert response["Location"] == page.url == "/questions/evenings/"
    assert page.live and page.asker_name == "A member" and page.answered_by == coach.pseudonym
    assert sorted(t.name for t in page.tags.all()) == ["evenings", "nights"]
    answered.refresh_from_db()
    assert answered.publication == Publication.PUBLISHED and answered.public_page == page
    public = client.get(page.url).content.decode()
    assert "Try <b>this</b>." in public and "Asked by A member" in public


def test_under_the_pseudonym_when_the_member_chose_it(
    index, alice, coach, django_capture_on_commit_callbacks
):
    from kindred.questions import services

    with django_capture_on_commit_callbacks(execute=True):
        question = send(alice, allow_publish=True, show_pseudonym=True)
        services.coach_reply(coach=coach, question=question, text="An answer")
    assert publish(question, coach).asker_name == "Alice"


def test_the_member_sees_it_and_withdraws_it_at_once(client, index, answered, coach, alice):
    page = publish(answered, coach)
    client.force_login(alice)
    mine = client.get(reverse("questions:my_question", args=[answered.pk])).content.decode()
    assert f'href="{page.url}"' in mine
    client.post(reverse("questions:withdraw", args=[answered.pk]))
    page.refresh_from_db()
    answered.refresh_from_db()
    assert not page.live
    assert answered.publication == Publication.WITHDRAWN and not answered.allow_publish
    client.logout()
    assert client.get(page.url).status_code == 404
    assert page.title not in client.get("/questions/").content.decode()
    with pytest.raises(PublishNotAllowed):
        publish(answered, coach)


def test_the_slug_never_shadows_the_ask_page(index, answered, coach):
    assert publish(answered, coach, title="Ask").slug == "ask-question"


def test_the_listing_filters_by_category_and_never_fails_on_a_bad_page(
    client, index, coach, django_capture_on_commit_callbacks
):
    from kindred.questions import services

    safety = Category.objects.create(name="Safety", slug="safety")
    for n in range(14):
        with django_capture_on_commit_callbacks(execute=True):
            question = send(VerifiedUserFactory.create(), allow_publish=True)
            services.coach_reply(coach=coach, question=question, text="An answer")
        publish(
            question,
            coach,
            title=f"Question number {n}",
            category_ids=(safety.pk,) if n < 2 else (),
        )
    listing = client.get("/questions/").content.decode()
    assert "Page 1 of 2" in listing
    assert client.get("/questions/?page=abc").status_code == 200
    assert "Page 2 of 2" in client.get("/questions/?page=999").content.decode()
    filtered = client.get("/questions/?category=safety").content.decode()
    assert "Question number 0" in filtered and "Question number 5" not in filtered
    assert client.get("/questions/?category=nope").status_code == 200


def test_related_questions_same_category_first_then_shared_tags(
    client, index, coach, django_capture_on_commit_callbacks
):
    from kindred.questions import services

    safety = Category.objects.create(name="Safety", slug="safety")
    pages = {}
    for title, cats, tags in [
        ("Main", (safety.pk,), ("money",)),
        ("Same category", (safety.pk,), ()),
        ("Shared tag", (), ("money",)),
        ("Unrelated", (), ("other",)),
    ]:
        with django_capture_on_commit_callbacks(execute=True):
            question = send(VerifiedUserFactory.create(), allow_publish=True)
            services.coach_reply(coach=coach, question=question, text="An answer")
        pages[title] = publish(question, coach, title=title, category_ids=cats, tags=tags)
    body = client.get(pages["Main"].url).content.decode()
    related = body[body.index("Related questions") :]
    assert related.index("Same category") < related.index("Shared tag")
    assert "Unrelated" not in related


def test_published_questions_are_in_search_the_feed_and_the_sitemap(client, index, answered, coach):
    page = publish(answered, coach, question="How do I talk to my adult son about nights out?")
    results = client.get("/search/?q=nights").content.decode()
    assert page.url in results
    assert client.get("/search/?q=Marcus").content.decode().count(page.url) == 0
    feed = client.get("/questions/feed/").content.decode()
    assert page.title in feed and "Marcus" not in feed
    assert '/questions/feed/"' in client.get("/questions/").content.decode()
    assert page.url in client.get("/sitemap.xml").content.decode()


def test_the_listing_costs_the_same_queries_for_3_or_15_questions(
    client, index, coach, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kindred.questions import services

    safety = Category.objects.create(name="Safety", slug="safety")

    def add(n: int) -> None:
        for _ in range(n):
            with django_capture_on_commit_callbacks(execute=True):
                question = send(VerifiedUserFactory.create(), allow_publish=True)
                services.coach_reply(coach=coach, question=question, text="An answer")
            publish(question, coach, category_ids=(safety.pk,))

    add(3)
    client.get("/questions/")
    with CaptureQueriesContext(connection) as few:
        client.get("/questions/")
    add(12)  # 15 in all: a full first page of 12, and a second page
    with CaptureQueriesContext(connection) as many:
        page = client.get("/questions/").content.decode()
    assert page.count('class="card question-card"') == 12
    assert len(many) == len(few)
