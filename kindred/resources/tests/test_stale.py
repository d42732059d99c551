"""Resources to verify: entries last verified more than KINDRED_RESOURCE_STALE_DAYS ago (180 by
default), oldest first; "Verified today" changes only that date, keeps it in the latest
revision, writes the history, and is for editors only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from kindred.resources.models import ResourcePage
from kindred.resources.services import VERIFIED_ACTION
from kindred.resources.tests.factories import make_resource

pytestmark = pytest.mark.django_db
STALE = reverse("resources_admin:stale")


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


@pytest.fixture
def entries(index):  # type: ignore[no-untyped-def]
    return {
        "fresh": make_resource("Fresh Line", last_verified=days_ago(10)),
        "edge": make_resource("Edge Line", last_verified=days_ago(180)),
        "old": make_resource("Old Line", last_verified=days_ago(181), publish_revision=True),
        "older": make_resource("Older Line", last_verified=days_ago(400)),
    }


def listed(client: Client) -> list[str]:
    response = client.get(STALE)
    assert response.status_code == 200
    return [p.title for p in response.context["object_list"]]


def test_the_default_age_is_180_days(settings) -> None:
    assert settings.KINDRED_RESOURCE_STALE_DAYS == 180


def test_editors_see_entries_older_than_the_age_oldest_first(
    client: Client, editor, entries
) -> None:
    client.force_login(editor)
    assert listed(client) == ["Older Line", "Old Line"]
    body = client.get(STALE).content.decode()
    assert body.count("Verified today") == 2


def test_the_age_is_a_setting(client: Client, editor, entries, settings) -> None:
    settings.KINDRED_RESOURCE_STALE_DAYS = 5
    client.force_login(editor)
    assert listed(client) == ["Older Line", "Old Line", "Edge Line", "Fresh Line"]
    settings.KINDRED_RESOURCE_STALE_DAYS = 365
    assert listed(client) == ["Older Line"]


def test_unpublished_entries_are_not_listed(client: Client, editor, entries) -> None:
    entries["older"].unpublish()
    client.force_login(editor)
    assert listed(client) == ["Old Line"]


def test_verified_today_changes_the_date_and_nothing_else(client: Client, editor, entries) -> None:
    old = entries["old"]
    before = ResourcePage.objects.get(pk=old.pk)
    revisions = before.revisions.count()
    client.force_login(editor)
    response = client.post(reverse("resources_admin:verify", args=[old.pk]))
    assert response.status_code == 302 and response["Location"] == STALE
    after = ResourcePage.objects.get(pk=old.pk)
    assert after.last_verified == timezone.localdate()
    assert (after.title, after.description, after.live) == (
        before.title,
        before.description,
        True,
    )
    assert after.revisions.count() == revisions  # no new revision to moderate
    assert after.latest_revision.content["last_verified"] == timezone.localdate().isoformat()
    assert PageLogEntry.objects.filter(page=old, action=VERIFIED_ACTION, user=editor).exists()
    assert listed(client) == ["Older Line"]
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert notes == ["“Old Line” marked as verified today."]


@pytest.mark.parametrize("who", ["anonymous", "alice", "carol", "coach"])
def test_only_editors_may_see_the_report_or_verify(
    client: Client, entries, request, who: str
) -> None:
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    report = client.get(STALE)
    assert report.status_code in (302, 403)
    assert "Older Line" not in report.content.decode()
    response = client.post(reverse("resources_admin:verify", args=[entries["older"].pk]))
    assert response.status_code in (302, 403)
    assert ResourcePage.objects.get(pk=entries["older"].pk).last_verified == days_ago(400)
    assert not PageLogEntry.objects.filter(action=VERIFIED_ACTION).exists()


def test_verifying_needs_a_post(client: Client, editor, entries) -> None:
    client.force_login(editor)
    assert (
        client.get(reverse("resources_admin:verify", args=[entries["old"].pk])).status_code == 405
    )
    assert ResourcePage.objects.get(pk=entries["old"].pk).last_verified == days_ago(181)
