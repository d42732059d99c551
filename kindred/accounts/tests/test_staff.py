"""Staff: two-factor authentication before the admin, and who may grant staff roles."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.test import override_settings

from kindred.accounts.models import User
from kindred.memberships.models import AccessCode, Sponsorship
from kindred.memberships.services import code_redeem
from kindred.testing.factories import TEST_PASSWORD, AccessCodeFactory, VerifiedUserFactory
from kindred.testing.totp import current_totp_code

pytestmark = pytest.mark.django_db


@override_settings(KINDRED_STAFF_MFA_REQUIRED=True)
@pytest.mark.parametrize("staff", ["coach", "editor", "admin_user"])
@pytest.mark.parametrize("path", ["/admin/", "/django-admin/"])
def test_staff_without_two_factor_are_sent_to_set_it_up(client, request, staff, path):
    client.force_login(request.getfixturevalue(staff))
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


@override_settings(KINDRED_STAFF_MFA_REQUIRED=True)
def test_members_are_not_asked_for_two_factor(client, alice):
    client.force_login(alice)
    assert client.get("/my/").status_code == 200


@override_settings(KINDRED_STAFF_MFA_REQUIRED=True)
def test_staff_with_totp_open_the_admin_after_the_two_factor_step(client, coach):
    secret = generate_totp_secret()
    TOTP.activate(coach, secret)
    response = client.post("/accounts/login/", {"login": coach.email, "password": TEST_PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # not signed in before the second step
    response = client.post("/accounts/2fa/authenticate/", {"code": current_totp_code(secret)})
    assert response.status_code == 302, response.context["form"].errors
    assert client.get("/admin/").status_code == 200


@override_settings(KINDRED_STAFF_MFA_REQUIRED=True)
def test_a_session_that_skipped_the_second_step_is_sent_to_sign_in_again(client, coach):
    TOTP.activate(coach, generate_totp_secret())
    client.force_login(coach)  # e.g. a session from before the authenticator existed
    coach_auth = coach.authenticator_set.get()
    coach_auth.created_at = coach_auth.created_at - datetime.timedelta(days=1)
    coach_auth.save()
    response = client.get("/admin/")
    assert response["Location"].startswith("/accounts/login/?next=/admin/")


@override_settings(KINDRED_STAFF_MFA_REQUIRED=False)
def test_the_requirement_can_be_relaxed_for_the_demo(client, coach):
    client.force_login(coach)
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_goes_through_allauth(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/?next=%2Fadmin%2F")


def test_the_staff_requirement_defaults_to_on_without_debug():
    from config.settings import base

    assert base.KINDRED_STAFF_MFA_REQUIRED is (not base.DEBUG)


# --- Granting roles in Wagtail's user admin ---------------------------------------------


def new_user_data(**overrides):
    data = {
        "email": "newcoach@example.com",
        "pseudonym": "New Coach",
        "password1": "a-long-and-unusual-passphrase-42",
        "password2": "a-long-and-unusual-passphrase-42",
        "is_active": "on",
        "groups": [Group.objects.get(name="Coaches").pk],
    }
    data.update(overrides)
    return data


@pytest.fixture
def organisation_admin(db):
    user = VerifiedUserFactory.create(
        email="orgadmin@example.com", pseudonym="OrgAdmin", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Organisation admins"))
    return user


def test_an_organisation_admin_can_add_a_coach(client, organisation_admin):
    client.force_login(organisation_admin)
    response = client.post("/admin/users/new/", new_user_data())
    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get(email="newcoach@example.com")
    assert user.pseudonym == "New Coach"
    assert list(user.groups.values_list("name", flat=True)) == ["Coaches"]
    assert not user.is_superuser


def test_a_superuser_can_add_a_coach(client, admin_user):
    client.force_login(admin_user)
    assert client.post("/admin/users/new/", new_user_data()).status_code == 302


@pytest.mark.parametrize("staff", ["coach", "editor"])
def test_coaches_and_editors_cannot_open_the_user_admin(client, request, staff):
    client.force_login(request.getfixturevalue(staff))
    response = client.post("/admin/users/new/", new_user_data())
    assert response.status_code in {302, 403}
    assert not User.objects.filter(email="newcoach@example.com").exists()


@pytest.mark.parametrize("role", ["Coaches", "Editors", "Organisation admins"])
def test_someone_allowed_to_edit_users_but_not_an_organisation_admin_cannot_grant_staff_roles(
    client, role
):
    from django.contrib.auth.models import Permission

    helper = VerifiedUserFactory.create(is_staff=True)
    helper.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_user"),
        Permission.objects.get(codename="change_user"),
    )
    client.force_login(helper)
    data = new_user_data(groups=[Group.objects.get(name=role).pk], is_superuser="on")
    response = client.post("/admin/users/new/", data)
    assert response.status_code == 200
    assert "Only an organisation admin" in str(response.context["form"].errors)
    # Members may be added by them; superuser status is ignored.
    data["groups"] = [Group.objects.get(name="Members").pk]
    assert client.post("/admin/users/new/", data).status_code == 302
    assert not User.objects.get(email="newcoach@example.com").is_superuser


# --- Sponsorships in the Wagtail admin --------------------------------------------------


def test_an_organisation_admin_creates_a_sponsorship_with_typed_and_generated_codes(
    client, organisation_admin
):
    client.force_login(organisation_admin)
    response = client.post(
        "/admin/sponsorships/new/",
        {
            "name": "Lake County",
            "seat_limit": "50",
            "valid_from": "2026-01-01",
            "valid_until": "2027-12-31",
            "zip_codes": "12345, 12346",
            "new_codes": "lake-1\nLAKE-2",
            "generate_codes": "3",
        },
    )
    assert response.status_code == 302
    sponsorship = Sponsorship.objects.get(name="Lake County")
    assert sponsorship.zip_code_list == ["12345", "12346"]
    codes = set(AccessCode.objects.filter(sponsorship=sponsorship).values_list("code", flat=True))
    assert {"LAKE-1", "LAKE-2"} <= codes
    assert len(codes) == 5


def test_seat_counts_are_shown_and_redeemers_only_to_organisation_admins(
    client, organisation_admin, carol
):
    from django.contrib.auth.models import Permission

    code = AccessCodeFactory.create(code="C-1")
    code_redeem(carol, "C-1")
    inspect = f"/admin/sponsorships/inspect/{code.sponsorship.pk}/"

    client.force_login(organisation_admin)
    content = client.get(inspect).content.decode()
    assert "1 of 100 used" in content
    assert "Carol" in content

    viewer = VerifiedUserFactory.create(is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_sponsorship"),
    )
    client.force_login(viewer)
    content = client.get(inspect).content.decode()
    assert "1 of 100 used" in content
    assert "Carol" not in content
    assert "Only organisation admins can see who redeemed" in content
    index = client.get("/admin/sponsorships/").content.decode()
    assert "1 of 100 used" in index


@pytest.mark.parametrize("staff", ["coach", "editor"])
def test_coaches_and_editors_cannot_see_sponsorships(client, request, staff):
    client.force_login(request.getfixturevalue(staff))
    assert client.get("/admin/sponsorships/").status_code in {302, 403}


def test_an_organisation_admin_grants_an_individual_membership(client, organisation_admin, carol):
    client.force_login(organisation_admin)
    response = client.post(
        "/admin/individual_memberships/new/",
        {"user": "carol@example.com", "starts_on": "2026-01-01", "ends_on": ""},
    )
    assert response.status_code == 302
    membership = carol.memberships.get()
    assert membership.source == "individual"
    assert membership.created_by == organisation_admin
    response = client.post(
        "/admin/individual_memberships/new/",
        {"user": "nobody@example.com", "starts_on": "2026-01-01"},
    )
    assert "No account uses this email address" in str(response.context["form"].errors)
