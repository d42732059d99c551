"""My resources: members save and remove entries; each member sees only their own; visitors are
sent to sign in; nobody can see or remove another member's."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kindred.resources.models import SavedResource
from kindred.resources.selectors import export_saved_resources, treatment_options_for
from kindred.resources.tests.factories import make_resource

pytestmark = pytest.mark.django_db
SAVED = "/resources/saved/"


@pytest.fixture
def entries(index):  # type: ignore[no-untyped-def]
    return (
        make_resource("Harbor Helpline", kind="helpline"),
        make_resource("Maple Family Circle", kind="family-support", for_whom="family"),
    )


def save(client: Client, entry: Any, next_url: str = "") -> Any:
    return client.post(f"/resources/saved/{entry.pk}/add/", {"next": next_url})


def listed(client: Client) -> list[str]:
    response = client.get(SAVED)
    assert response.status_code == 200
    return [r.title for r in response.context["resources"]]


def test_a_member_saves_and_removes_an_entry(client: Client, alice, entries) -> None:
    helpline, circle = entries
    client.force_login(alice)
    assert listed(client) == []
    assert "You have not saved any resources yet" in client.get(SAVED).content.decode()
    response = save(client, helpline, next_url="/resources/?kind=helpline")
    assert response.status_code == 302 and response["Location"] == "/resources/?kind=helpline"
    save(client, circle)
    save(client, circle)  # twice is still once
    assert set(listed(client)) == {"Harbor Helpline", "Maple Family Circle"}
    assert SavedResource.objects.filter(user=alice).count() == 2
    body = client.get("/resources/").content.decode()
    assert body.count("Remove from My resources") == 2

    response = client.post(f"/resources/saved/{helpline.pk}/remove/")
    assert response.status_code == 302 and response["Location"] == SAVED
    assert listed(client) == ["Maple Family Circle"]


def test_an_unsafe_next_address_is_ignored(client: Client, alice, entries) -> None:
    client.force_login(alice)
    response = save(client, entries[0], next_url="https://elsewhere.example/")
    assert response["Location"] == entries[0].url


@pytest.mark.parametrize(
    "next_url",
    ["nosuchvalue", ")(objectClass=*", "resources:saved", "*", "../etc", "//elsewhere.example/"],
)
def test_a_next_address_that_is_not_a_local_path_goes_back_to_the_entry(
    client: Client, alice, entries, next_url: str
) -> None:
    """Wapiti found these were 500s: ``redirect()`` read a word without "/" or "." as the name
    of a view and failed to reverse it. Only a path on this site is followed."""
    client.force_login(alice)
    client.raise_request_exception = False
    response = save(client, entries[0], next_url=next_url)
    assert response.status_code == 302 and response["Location"] == entries[0].url
    response = client.post(f"/resources/saved/{entries[0].pk}/remove/", {"next": next_url})
    assert response.status_code == 302 and response["Location"] == SAVED


def test_saving_needs_a_post(client: Client, alice, entries) -> None:
    client.force_login(alice)
    assert client.get(f"/resources/saved/{entries[0].pk}/add/").status_code == 405
    assert not SavedResource.objects.exists()


def test_each_member_sees_only_their_own(client: Client, alice, bob, entries) -> None:
    helpline, circle = entries
    client.force_login(alice)
    save(client, helpline)
    client.force_login(bob)
    save(client, circle)
    assert listed(client) == ["Maple Family Circle"]
    assert "Harbor Helpline" not in client.get(SAVED).content.decode()
    assert [row["resource"] for row in export_saved_resources(bob)] == ["Maple Family Circle"]
    client.force_login(alice)
    assert listed(client) == ["Harbor Helpline"]


def test_another_member_cannot_remove_yours(client: Client, alice, bob, entries) -> None:
    helpline, _ = entries
    client.force_login(alice)
    save(client, helpline)
    client.force_login(bob)
    client.post(f"/resources/saved/{helpline.pk}/remove/")
    assert SavedResource.objects.filter(user=alice, resource=helpline).exists()
    client.force_login(alice)
    assert listed(client) == ["Harbor Helpline"]


def test_visitors_are_sent_to_sign_in(client: Client, entries) -> None:
    for response in (
        client.get(SAVED),
        save(client, entries[0]),
        client.post(f"/resources/saved/{entries[0].pk}/remove/"),
    ):
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert not SavedResource.objects.exists()


def test_without_a_membership_there_is_nothing_to_save(client: Client, carol, entries) -> None:
    client.force_login(carol)
    response = save(client, entries[0])
    assert response.status_code == 302 and "/join" in response["Location"]
    assert not SavedResource.objects.exists()
    assert "to My resources" not in client.get("/resources/").content.decode()


def test_a_missing_or_unpublished_entry_is_404(client: Client, alice, entries) -> None:
    client.force_login(alice)
    assert save(client, type("Gone", (), {"pk": 999999})()).status_code == 404
    entries[0].unpublish()
    assert save(client, entries[0]).status_code == 404
    assert not SavedResource.objects.exists()


def test_an_unpublished_entry_drops_out_of_my_resources(client: Client, alice, entries) -> None:
    client.force_login(alice)
    save(client, entries[0])
    entries[0].unpublish()
    assert listed(client) == []


def test_treatment_options_put_the_members_saved_ones_first(alice, bob, index) -> None:
    make_resource("Zeta Treatment Finder", kind="treatment-locator")
    saved = make_resource("Alpha Clinic", kind="treatment-provider", coverage="states",
                          covered_states="OH")  # fmt: skip
    make_resource("Ohio Fellowship", kind="fellowship")  # not a treatment kind
    SavedResource.objects.create(user=alice, resource=saved)
    options = treatment_options_for(alice, zip_code="43215")
    assert [(o.title, o.saved) for o in options] == [
        ("Alpha Clinic", True),
        ("Zeta Treatment Finder", False),
    ]
    # bob saved nothing; without a ZIP code, only national ones.
    assert [o.title for o in treatment_options_for(bob)] == ["Zeta Treatment Finder"]
