"""Someone else's wrong passwords do not lock the real member out (security issue 11, finding 4)."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail

from kindred.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def wrong_passwords(client, email, times=6):
    for _ in range(times):
        client.post("/accounts/login/", {"login": email, "password": "not-the-password"})


def sign_in_by_code(client, email):
    response = client.post("/accounts/login/code/", {"email": email})
    assert response.status_code == 302, response.content
    found = re.search(r"sign-in code: (\S+)", str(mail.outbox[-1].body))
    assert found is not None
    code = found.group(1)
    return client.post("/accounts/login/code/confirm/", {"code": code})


def test_a_locked_member_signs_in_with_a_code_sent_by_email(client, alice):
    wrong_passwords(client, alice.email)
    response = client.post("/accounts/login/", {"login": alice.email, "password": TEST_PASSWORD})
    assert "_auth_user_id" not in client.session  # password sign-in is locked for now
    assert "/accounts/login/code/" in response.content.decode()  # the way out is offered
    response = sign_in_by_code(client, alice.email)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_a_code_does_not_skip_the_staff_second_factor(client, coach):
    TOTP.activate(coach, generate_totp_secret())
    response = sign_in_by_code(client, coach.email)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
