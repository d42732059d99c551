""" "Report a problem with this listing": stored without anything about the visitor, limited per
address, a filled honeypot stores nothing and says nothing different; the editors' queue is
for editors only."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kindred.resources.models import ProblemReport
from kindred.resources.tests.factories import make_resource

pytestmark = pytest.mark.django_db

QUEUE = reverse("resource_problems:index")


@pytest.fixture
def entry(index):  # type: ignore[no-untyped-def]
    return make_resource("Riverside Family Group", kind="family-support", for_whom="family")


def report(client: Client, entry: Any, **data: str) -> Any:
    ip = data.pop("ip", "203.0.113.7")
    return client.post(
        f"/resources/report/{entry.pk}/",
        {"problem": "phone", "details": "The number rings out.", **data},
        REMOTE_ADDR=ip,
    )


def test_anyone_can_report_a_problem_without_an_account(client: Client, entry) -> None:
    assert (
        "Report a problem with this listing"
        in client.get(f"/resources/report/{entry.pk}/").content.decode()
    )
    response = report(client, entry)
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    stored = ProblemReport.objects.get()
    assert (stored.resource_id, stored.problem, stored.details) == (
        entry.pk,
        "phone",
        "The number rings out.",
    )
    assert stored.status == ProblemReport.Status.OPEN
    # Nothing about the visitor: the model has no field that could hold it.
    fields = {f.name for f in ProblemReport._meta.get_fields()}
    assert not fields & {"user", "ip", "ip_address", "email", "user_agent"}


def test_a_report_without_a_problem_keeps_what_was_typed(client: Client, entry) -> None:
    response = client.post(f"/resources/report/{entry.pk}/", {"details": "Moved to Elm St."})
    assert response.status_code == 200
    body = response.content.decode()
    assert "This field is required" in body and "Moved to Elm St." in body
    assert not ProblemReport.objects.exists()


def test_a_missing_or_unpublished_entry_is_404(client: Client, entry) -> None:
    assert client.get("/resources/report/999999/").status_code == 404
    entry.unpublish()
    assert client.post(f"/resources/report/{entry.pk}/", {"problem": "phone"}).status_code == 404
    assert not ProblemReport.objects.exists()


def test_the_report_after_the_limit_is_refused_with_a_clear_message(
    client: Client, entry, settings
) -> None:
    settings.KINDRED_RESOURCE_REPORT_LIMIT = (3, 3600)
    for _ in range(3):
        assert report(client, entry).status_code == 200
    response = report(client, entry, details="A fourth try.")
    assert response.status_code == 429
    body = response.content.decode()
    assert "We have received several reports from here in the last hour" in body
    assert "A fourth try." in body  # what they typed is kept
    assert ProblemReport.objects.count() == 3
    # Another address is counted on its own.
    assert report(client, entry, ip="198.51.100.20").status_code == 200
    assert ProblemReport.objects.count() == 4


def test_a_filled_honeypot_stores_nothing_and_looks_the_same(client: Client, entry) -> None:
    human = report(client, entry)
    bot = report(client, entry, website="https://spam.example/")
    assert bot.status_code == human.status_code == 200
    assert bot.templates[0].name == "resources/report_thanks.html"
    body = bot.content.decode()
    assert "honeypot" not in body.lower() and "spam" not in body.lower()
    assert "Leave this empty" not in body
    assert ProblemReport.objects.count() == 1  # only the person's


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client: Client, entry) -> None:
    body = client.get(f"/resources/report/{entry.pk}/").content.decode()
    assert '<div class="resource-honeypot" aria-hidden="true">' in body
    assert 'tabindex="-1"' in body


def test_the_queue_shows_reports_to_editors(client: Client, entry, editor) -> None:
    report(client, entry)
    client.force_login(editor)
    response = client.get(QUEUE)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Riverside Family Group" in body and "The number rings out." in body


@pytest.mark.parametrize("who", ["anonymous", "alice", "carol", "coach"])
def test_the_queue_is_closed_to_everyone_else(client: Client, entry, request, who: str) -> None:
    report(client, entry)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(QUEUE)
    assert "The number rings out." not in response.content.decode()
    assert response.status_code in (302, 403)
    if who == "anonymous":
        assert "/login/" in response["Location"]


def test_an_editor_resolves_a_report(client: Client, entry, editor) -> None:
    report(client, entry)
    stored = ProblemReport.objects.get()
    client.force_login(editor)
    response = client.post(
        reverse("resource_problems:edit", args=[stored.pk]),
        {"status": "resolved", "editor_note": "Called them; new number in."},
    )
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.status == ProblemReport.Status.RESOLVED
