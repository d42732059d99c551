"""Member home, onboarding, safety screen, account settings, data export and deletion."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models
from wagtail import hooks

from kindred.accounts.models import Profile
from kindred.accounts.selectors import has_safety_concern
from kindred.core.extensions import (
    HOME_SECTIONS,
    MEMBER_DATA,
    HomeSection,
    MemberData,
    member_data,
)
from kindred.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

# Every page of this app, and what each kind of visitor gets.
VERIFIED_PAGES = [
    "/my/", "/my/welcome/", "/my/safety/", "/my/account/", "/my/account/name/",
    "/my/account/profile/", "/my/account/safety/", "/my/account/delete/",
]  # fmt: skip


@pytest.mark.parametrize("page", VERIFIED_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, page):
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/accounts/login/?next={page}")


@pytest.mark.parametrize("visitor", ["alice", "bob", "carol", "coach", "editor", "admin_user"])
@pytest.mark.parametrize("page", VERIFIED_PAGES)
def test_signed_in_people_see_only_their_own_pages(client, request, visitor, page, alice):
    user = request.getfixturevalue(visitor)
    client.force_login(user)
    response = client.get(page)
    assert response.status_code == 200
    if page == "/my/":
        assert user.pseudonym in response.content.decode()
    if user != alice:
        assert b"alice@example.com" not in response.content


def test_the_export_is_a_post_for_signed_in_people_only(client, alice):
    assert client.get("/my/account/export/").status_code == 302  # anonymous → sign in
    client.force_login(alice)
    assert client.get("/my/account/export/").status_code == 405


def welcome_answers(**overrides):
    data = {
        "relationship": "parent",
        "substances": ["alcohol", "opioids"],
        "time_zone": "America/Chicago",
        "hopes": "That my son talks to me again",
        "safety_afraid": "no",
        "safety_harmed": "prefer_not",
        "safety_weapons": "no",
    }
    data.update(overrides)
    return data


def test_onboarding_saves_the_answers_encrypted(client, alice):
    client.force_login(alice)
    response = client.post("/my/welcome/", welcome_answers())
    assert response["Location"] == "/my/"
    profile = Profile.objects.get(user=alice)
    assert profile.substances == ["alcohol", "opioids"]
    assert profile.hopes == "That my son talks to me again"
    assert profile.onboarded_at is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT hopes, safety_afraid FROM accounts_profile")
        raw_hopes, raw_afraid = cursor.fetchone()
    assert "son" not in raw_hopes
    assert raw_afraid != "no"
    assert not has_safety_concern(alice)


def test_onboarding_can_be_skipped(client, alice):
    client.force_login(alice)
    response = client.post("/my/welcome/", {"skip": "1"})
    assert response["Location"] == "/my/"
    assert Profile.objects.get(user=alice).onboarded_at is not None


def test_an_invalid_time_zone_is_an_error_that_keeps_the_other_answers(client, alice):
    client.force_login(alice)
    response = client.post("/my/welcome/", welcome_answers(time_zone="Mars/Olympus_Mons"))
    assert response.status_code == 200
    assert "time_zone" in response.context["form"].errors
    content = response.content.decode()
    assert "That my son talks to me again" in content
    assert 'value="opioids" id="id_substances_1" checked' in content
    assert not Profile.objects.filter(user=alice).exists()


def test_a_yes_on_the_safety_screen_shows_help_at_once_and_leads_the_home_page(client, alice):
    client.force_login(alice)
    response = client.post("/my/welcome/", welcome_answers(safety_afraid="yes"), follow=True)
    assert response.redirect_chain[-1][0] == "/my/safety/"
    content = response.content.decode()
    assert 'href="tel:911"' in content
    assert "Domestic Violence Hotline" in content
    assert 'href="/get-help/"' in content
    assert has_safety_concern(alice)
    home = client.get("/my/").content.decode()
    assert home.index("Your safety comes first") < home.index("Your membership")


def test_safety_answers_are_visible_only_to_the_member(client, alice, bob, admin_user):
    client.force_login(alice)
    client.post("/my/welcome/", welcome_answers(safety_weapons="yes"))
    client.force_login(bob)
    assert not has_safety_concern(bob)
    assert b"Your safety comes first" not in client.get("/my/").content
    client.force_login(admin_user)
    assert client.get("/django-admin/accounts/profile/").status_code == 404


def test_changing_the_pseudonym(client, alice, bob):
    client.force_login(alice)
    response = client.post("/my/account/name/", {"pseudonym": "bob"})
    assert "already using this name" in " ".join(response.context["form"].errors["pseudonym"])
    assert client.post("/my/account/name/", {"pseudonym": "Hopeful Heron"}).status_code == 302
    alice.refresh_from_db()
    assert alice.pseudonym == "Hopeful Heron"


def test_a_name_taken_at_the_same_moment_gets_a_form_error_not_a_500(client, alice, bob):
    from unittest import mock

    from kindred.accounts.forms import PseudonymForm

    client.force_login(alice)
    # The form's uniqueness check passes, then the other person's save lands first.
    with mock.patch.object(PseudonymForm, "clean_pseudonym", return_value="Bob"):
        response = client.post("/my/account/name/", {"pseudonym": "Bob"})
    assert response.status_code == 200
    assert "just taken that name" in response.content.decode()
    alice.refresh_from_db()
    assert alice.pseudonym == "Alice"


def test_home_sections_registered_by_other_apps_appear(client, alice):
    def card() -> HomeSection:
        return HomeSection(key="test-card", template="accounts/tests/card.html", order=1)

    with hooks.register_temporarily(HOME_SECTIONS, card):
        client.force_login(alice)
        assert b"A card from another app" in client.get("/my/").content
    assert b"A card from another app" not in client.get("/my/").content


def test_download_my_data_contains_everything_and_can_grow(client, alice):
    def extra() -> MemberData:
        return MemberData("extra", export=lambda user: {"pseudonym_again": user.pseudonym})

    with hooks.register_temporarily(MEMBER_DATA, extra):
        client.force_login(alice)
        client.post("/my/welcome/", welcome_answers(safety_afraid="yes"))
        response = client.post("/my/account/export/")
    assert response["Content-Disposition"] == 'attachment; filename="my-kindred-data.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == "alice@example.com"
    assert data["account"]["pseudonym"] == "Alice"
    assert data["account"]["email_addresses"][0]["verified"] is True
    assert data["profile"]["hopes"] == "That my son talks to me again"
    assert data["profile"]["safety_screen"]["safety_afraid"] == "yes"
    assert data["memberships"]["status"] == "active"
    assert len(data["memberships"]["memberships"]) == 1
    assert isinstance(data["account"]["sessions"], list)
    assert data["extra"] == {"pseudonym_again": "Alice"}
    assert {"account", "profile", "memberships"} <= {item.key for item in member_data()}


def test_deleting_needs_the_password(client, alice):
    client.force_login(alice)
    response = client.post("/my/account/delete/", {"password": "not-my-password"})
    assert response.status_code == 200
    assert "not right" in " ".join(response.context["form"].errors["password"])
    assert get_user_model().objects.filter(pk=alice.pk).exists()


def rows_referring_to(user_pk):
    """Every row, in every table, with a foreign key or many-to-many link to this user."""
    user_model = get_user_model()
    found = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if (
                isinstance(field, models.ForeignKey | models.OneToOneField)
                and field.related_model is user_model
            ):
                count = model._default_manager.filter(**{field.name: user_pk}).count()
                if count:
                    found[f"{model._meta.label}.{field.name}"] = count
    return found


def test_deleting_the_account_leaves_no_row_that_refers_to_the_user(client, alice, bob):
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    from kindred.memberships.services import code_redeem
    from kindred.testing.factories import AccessCodeFactory

    client.post("/accounts/login/", {"login": alice.email, "password": TEST_PASSWORD})
    client.post("/my/welcome/", welcome_answers())
    AccessCodeFactory.create(code="C-1")
    code_redeem(alice, "C-1")
    Authenticator.objects.create(user=alice, type="recovery_codes", data={})
    assert UserSession.objects.filter(user=alice).exists()
    assert rows_referring_to(alice.pk)  # the check below can fail
    session_key = client.session.session_key

    response = client.post("/my/account/delete/", {"password": TEST_PASSWORD})
    assert response["Location"] == "/"
    assert rows_referring_to(alice.pk) == {}
    assert not get_user_model().objects.filter(pk=alice.pk).exists()
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=session_key).exists()
    assert rows_referring_to(bob.pk)  # nobody else's data went with it
