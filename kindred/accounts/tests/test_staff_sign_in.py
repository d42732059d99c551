"""Every sign-in goes through allauth; the second factor is changed only with the second factor.

Security issue 11, findings 1, 2 and 5 (docs/security.md, "Staff sign-in").
"""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.test import override_settings

from kindred.accounts.middleware import SIGNED_IN_AT
from kindred.testing.factories import TEST_PASSWORD
from kindred.testing.totp import current_totp_code

pytestmark = pytest.mark.django_db


def sign_in_with_totp(client, user):
    """The real sign-in: password, then the authenticator's code. Returns a recovery code."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    codes = RecoveryCodes.activate(user).generate_codes()
    response = client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": current_totp_code(secret)})
    assert response.status_code == 302
    return codes


# --- Finding 1 and 2: the admins' own login and password views never authenticate ---------


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
def test_the_admins_login_views_send_everyone_to_allauth_and_sign_nobody_in(client, coach, path):
    response = client.post(
        f"{path}?next=/admin/",
        {"username": coach.email, "password": TEST_PASSWORD, "email": coach.email},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_locked_or_unverified_account_gets_no_second_way_in(client, coach):
    coach.emailaddress_set.update(verified=False)
    client.post("/django-admin/login/", {"username": coach.email, "password": TEST_PASSWORD})
    client.post("/admin/login/", {"username": coach.email, "password": TEST_PASSWORD})
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/admin/password_reset/", "/accounts/password/reset/"),
        ("/admin/password_reset/done/", "/accounts/password/reset/"),
        ("/admin/password_reset/confirm/MQ/set-password/", "/accounts/password/reset/"),
        ("/django-admin/password_change/", "/accounts/password/change/"),
        ("/django-admin/password_change/done/", "/accounts/password/change/"),
    ],
)
def test_the_admins_password_views_are_allauths(client, coach, path, target):
    response = client.post(path, {"email": coach.email})
    assert response.status_code == 302
    assert response["Location"] == target
    assert mail.outbox == []


def test_wagtail_offers_no_password_form_of_its_own(client, admin_user):
    client.force_login(admin_user)
    content = client.get("/admin/account/").content.decode()
    assert "new_password1" not in content


# --- Finding 1: turning the second factor off or replacing it needs the second factor --------


def test_the_password_alone_cannot_turn_two_factor_off(client, coach):
    sign_in_with_totp(client, coach)
    response = client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/")
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/")
    assert Authenticator.objects.filter(user=coach, type="totp").exists()


def test_the_email_code_alone_cannot_turn_two_factor_off(client, coach):
    sign_in_with_totp(client, coach)
    response = client.get("/accounts/reauthenticate/code/")
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/")
    assert mail.outbox == []


def test_the_password_alone_cannot_make_new_recovery_codes(client, coach):
    sign_in_with_totp(client, coach)
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    before = Authenticator.objects.get(user=coach, type="recovery_codes").data
    response = client.post("/accounts/2fa/recovery-codes/generate/")
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/")
    assert Authenticator.objects.get(user=coach, type="recovery_codes").data == before


def test_a_recovery_code_lets_the_staff_member_turn_two_factor_off(client, coach):
    codes = sign_in_with_totp(client, coach)
    response = client.post("/accounts/2fa/reauthenticate/", {"code": codes[0]})
    assert response.status_code == 302
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=coach, type="totp").exists()


def test_only_second_factor_ways_to_reauthenticate_are_offered(client, coach):
    sign_in_with_totp(client, coach)
    content = client.get("/accounts/2fa/reauthenticate/").content.decode()
    assert "/accounts/reauthenticate/" not in content.replace("/accounts/2fa/reauthenticate/", "")


def test_members_without_a_second_factor_still_reauthenticate_with_their_password(client, alice):
    client.force_login(alice)
    response = client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    assert response.status_code == 302
    assert not response["Location"].startswith("/accounts/2fa/")


# --- Finding 1: a session begun without the second factor never counts as verified --------


@override_settings(KINDRED_STAFF_MFA_REQUIRED=True)
def test_an_authenticator_added_in_a_password_only_session_does_not_verify_it(client, coach):
    client.force_login(coach)  # what Django's admin login used to create: no second factor
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 60
    session.save()
    TOTP.activate(coach, generate_totp_secret())  # set up afterwards, in the same session
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")
    assert "_auth_user_id" not in client.session


@override_settings(KINDRED_STAFF_MFA_REQUIRED=True)
def test_the_real_sign_in_with_the_second_factor_opens_the_admin(client, coach):
    sign_in_with_totp(client, coach)
    assert client.get("/admin/").status_code == 200


# --- Finding 5: a member who opens the admin gets a clear 403, not a redirect loop ---------


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/django-admin/"])
def test_a_signed_in_member_who_opens_the_admin_is_told_no(client, alice, path):
    client.force_login(alice)
    response = client.get(path, follow=True)
    assert len(response.redirect_chain) <= 2
    assert response.status_code == 403


def test_someone_signed_out_who_opens_the_admin_is_sent_to_allauth(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"
    assert response.status_code == 200


def test_staff_without_wagtail_access_get_a_403_not_a_loop(client):
    from kindred.testing.factories import VerifiedUserFactory

    helper = VerifiedUserFactory.create(is_staff=True)  # staff flag, but no admin permission
    client.force_login(helper)
    response = client.get("/admin/", follow=True)
    assert len(response.redirect_chain) <= 2
    assert response.status_code == 403
