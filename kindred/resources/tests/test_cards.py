"""Result cards: their fixed part is rendered once per process, keyed by its values, so an
edit shows as soon as it is published, and nothing about a member is ever kept in it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.template import Context, Template
from django.test import Client

from kindred.resources.models import ResourcePage, SavedResource
from kindred.resources.selectors import CardDetails
from kindred.resources.templatetags.resources_tags import _render
from kindred.resources.tests.factories import make_resource

pytestmark = pytest.mark.django_db


def card(body: str, title: str) -> str:
    """The HTML of the directory card with this title."""
    cards = body[: body.index("</ol>")].split('<li class="card resource-card">')[1:]
    (found,) = [c for c in cards if f">{title}</a>" in c]
    return found


@pytest.fixture
def entries(index):  # type: ignore[no-untyped-def]
    return (
        make_resource("Harbor Helpline", kind="helpline", description="Old words about it."),
        make_resource("Maple Family Circle", kind="family-support", for_whom="family"),
    )


def test_an_edit_shows_on_the_card_once_published_and_not_before(client: Client, entries) -> None:
    helpline: ResourcePage = entries[0]
    assert "Old words about it." in card(
        client.get("/resources/").content.decode(), "Harbor Helpline"
    )

    helpline.description = "New words about it."
    helpline.phone = "555-0199"
    revision = helpline.save_revision()
    draft = card(client.get("/resources/").content.decode(), "Harbor Helpline")
    assert "Old words about it." in draft and "New words" not in draft  # A draft is not live.

    revision.publish()
    published = card(client.get("/resources/").content.decode(), "Harbor Helpline")
    assert "New words about it." in published and "Old words" not in published
    assert 'href="tel:5550199"' in published


def test_a_change_made_without_saving_the_page_shows_too(client: Client, entries) -> None:
    """Nothing is cleared on save: a new value is a new key, whatever changed it."""
    client.get("/resources/")
    ResourcePage.objects.filter(pk=entries[0].pk).update(last_verified=dt.date(2026, 3, 4))
    body = card(client.get("/resources/").content.decode(), "Harbor Helpline")
    assert '<time datetime="2026-03-04">4 March 2026</time>' in body


def test_an_unpublished_entry_leaves_the_directory(client: Client, entries) -> None:
    client.get("/resources/")
    entries[0].unpublish()
    assert "Harbor Helpline" not in client.get("/resources/").content.decode()


def test_the_saved_state_is_each_members_own(client: Client, alice, bob, entries) -> None:
    helpline = entries[0]
    SavedResource.objects.create(user=alice, resource=helpline)
    remove, save = "Remove from My resources", "to My resources</button>"

    for _ in range(2):  # The second time, every card's fixed part comes from the cache.
        client.force_login(alice)
        body = client.get("/resources/").content.decode()
        mine, other = card(body, "Harbor Helpline"), card(body, "Maple Family Circle")
        assert remove in mine and save not in mine
        assert save in other and remove not in other
        assert f'action="/resources/saved/{helpline.pk}/remove/"' in mine

        client.force_login(bob)
        body = client.get("/resources/").content.decode()
        assert remove not in body
        assert save in card(body, "Harbor Helpline") and save in card(body, "Maple Family Circle")

        client.logout()
        body = client.get("/resources/").content.decode()
        assert remove not in body and save not in body and "csrfmiddlewaretoken" not in body


def test_each_save_form_has_the_token_and_the_way_back(client: Client, alice, entries) -> None:
    client.force_login(alice)
    body = client.get("/resources/?q=a&for=family").content.decode()
    form = card(body, "Maple Family Circle")
    assert 'name="csrfmiddlewaretoken" value="' in form
    assert '<input type="hidden" name="next" value="/resources/?q=a&amp;for=family">' in form


def details(**changes: Any) -> CardDetails:
    values: dict[str, Any] = {
        "description": "About it.", "phone": "", "text_contact": "", "website": "",
        "hours": "", "address": "", "city": "", "state": "", "zip_code": "",
        "last_verified": dt.date(2026, 1, 2), "is_demo": False,
        "formats": ("Online",), "approaches": (), "costs": (),
    }  # fmt: skip
    return CardDetails(**{**values, **changes})


FRAGMENT = Template(
    '{% load resources_tags %}{% fixed_fragment "resources/includes/card_details.html" '
    "resource=details %}"
)


def test_a_fragment_is_rendered_once_for_the_same_values_and_anew_for_others() -> None:
    _render.cache_clear()
    first = FRAGMENT.render(Context({"details": details()}))
    assert FRAGMENT.render(Context({"details": details()})) == first
    assert _render.cache_info().hits == 1 and _render.cache_info().misses == 1
    changed = FRAGMENT.render(Context({"details": details(description="Other words.")}))
    assert "Other words." in changed and "About it." not in changed
    assert _render.cache_info().misses == 2


def test_a_fragment_sees_only_the_values_given_to_it(rf, alice) -> None:
    """Rendered without the request's context: no user, no CSRF token, whatever the page has."""
    request = rf.get("/resources/")
    request.user = alice
    page = Template(
        '{% load resources_tags %}{% fixed_fragment "resources/includes/card_details.html" '
        "resource=details %}{{ user.pseudonym }}"
    )
    html = page.render(Context({"details": details(), "user": alice, "csrf_token": "SECRET"}))
    fragment = html.removesuffix(alice.pseudonym)
    assert alice.pseudonym not in fragment and "SECRET" not in fragment
    assert "About it." in fragment


def test_fragment_values_must_be_hashable() -> None:
    """A list (mutable) could change after being used as a key: refused."""
    with pytest.raises(TypeError, match="unhashable"):
        FRAGMENT.render(Context({"details": ["About it."]}))
