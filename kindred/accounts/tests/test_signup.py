"""Sign-up: pseudonyms, the "suggest a name" button, access codes, and bad input."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from kindred.accounts.models import User
from kindred.memberships.models import Membership
from kindred.testing.factories import AccessCodeFactory, SponsorshipFactory

pytestmark = pytest.mark.django_db

STRONG = "a-long-and-unusual-passphrase-42"


def signup_data(**overrides):
    data = {
        "email": "dana@example.com",
        "pseudonym": "Steady Willow",
        "password1": STRONG,
        "password2": STRONG,
        "access_code": "",
        "zip_code": "",
    }
    data.update(overrides)
    return data


def test_sign_up_creates_an_unverified_account_with_the_pseudonym(client):
    response = client.post("/accounts/signup/", signup_data())
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="dana@example.com")
    assert user.pseudonym == "Steady Willow"
    assert user.password.startswith(("md5$", "argon2"))
    assert not EmailAddress.objects.get(user=user).verified
    assert user.groups.filter(name="Members").exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Confirm your email for Kindred"


def test_the_confirmation_link_verifies_signs_in_and_leads_to_welcome(client):
    client.post("/accounts/signup/", signup_data())
    match = re.search(r"http://\S+/accounts/confirm-email/\S+/", str(mail.outbox[0].body))
    assert match is not None
    link = match.group(0)
    path = link.split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == "/my/welcome/"
    assert EmailAddress.objects.get(email="dana@example.com").verified
    assert client.get("/my/welcome/").status_code == 200


def test_signing_in_before_verifying_is_refused(client):
    client.post("/accounts/signup/", signup_data())
    response = client.post("/accounts/login/", {"login": "dana@example.com", "password": STRONG})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_suggest_without_javascript_keeps_what_was_typed_except_passwords(client):
    response = client.post("/accounts/signup/", {**signup_data(pseudonym=""), "suggest": "1"})
    assert response.status_code == 200
    form = response.context["form"]
    assert not form.is_bound
    assert form.initial["email"] == "dana@example.com"
    assert form.initial["pseudonym"]
    assert "password1" not in form.initial
    content = response.content.decode()
    assert 'value="dana@example.com"' in content
    assert STRONG not in content
    assert not User.objects.exists()


def test_suggestion_endpoint_returns_a_free_pseudonym(client, alice):
    response = client.get("/api/accounts/pseudonym-suggestion")
    assert response.status_code == 200
    name = response.json()["pseudonym"]
    assert 0 < len(name) <= 40
    assert not User.objects.filter(pseudonym__iexact=name).exists()


@pytest.mark.parametrize(
    ("pseudonym", "message"),
    [
        ("x" * 10_000, "40 characters or fewer"),
        ("<b>Bold</b>", "cannot contain HTML"),
        ("<script>alert(1)</script>", "cannot contain HTML"),
        ("dana@example.com", "looks like an email address"),
        ("dana (at) example.com", "looks like an email address"),
        ("555-123-4567", "looks like a phone number"),
        ("Dana; drop", "letters, digits, spaces"),
        ("ALICE", "already using this name"),
    ],
)
def test_bad_pseudonyms_get_a_clear_error_and_keep_the_rest(client, alice, pseudonym, message):
    response = client.post("/accounts/signup/", signup_data(pseudonym=pseudonym))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["pseudonym"])
    assert message in errors
    content = response.content.decode()
    assert 'value="dana@example.com"' in content  # what was typed elsewhere is kept
    assert 'aria-describedby="id_pseudonym_helptext id_pseudonym_error"' in content
    assert "<script>alert" not in content
    assert not User.objects.filter(email="dana@example.com").exists()


def test_weak_passwords_are_refused(client):
    response = client.post(
        "/accounts/signup/", signup_data(password1="password", password2="password")
    )
    assert response.status_code == 200
    assert "password1" in response.context["form"].errors


def test_a_valid_access_code_at_sign_up_gives_a_membership(client):
    AccessCodeFactory.create(code="COUNTY-1")
    client.post("/accounts/signup/", signup_data(access_code="county-1"))
    user = User.objects.get(email="dana@example.com")
    membership = Membership.objects.get(user=user)
    assert membership.sponsorship is not None
    assert membership.sponsorship.seats_used == 1


def test_an_unknown_access_code_at_sign_up_is_an_error_that_keeps_the_form(client):
    response = client.post("/accounts/signup/", signup_data(access_code="NOPE-0000"))
    assert response.status_code == 200
    assert "do not recognise that code" in " ".join(response.context["form"].errors["access_code"])
    assert 'value="Steady Willow"' in response.content.decode()
    assert not User.objects.exists()


def test_an_access_code_needing_a_zip_code_asks_for_it_at_sign_up(client):
    sponsorship = SponsorshipFactory.create(zip_codes="12345 12346")
    AccessCodeFactory.create(code="RES-1", sponsorship=sponsorship)
    response = client.post("/accounts/signup/", signup_data(access_code="RES-1"))
    assert "enter your ZIP code" in " ".join(response.context["form"].errors["zip_code"])
    client.post("/accounts/signup/", signup_data(access_code="RES-1", zip_code="12346"))
    assert Membership.objects.filter(user__email="dana@example.com").exists()
