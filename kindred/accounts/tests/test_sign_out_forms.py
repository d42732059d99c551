"""Every sign-out form is marked, so the browser's draft copies go with the session (finding 3/4)."""

import re

import pytest

pytestmark = pytest.mark.django_db

SIGN_OUT_FORM = re.compile(r"<form[^>]*action=\"/accounts/logout/\"[^>]*>")


@pytest.mark.parametrize("path", ["/my/", "/my/account/", "/accounts/logout/", "/questions/"])
def test_every_sign_out_form_is_marked_and_on_every_member_page(client, alice, path):
    client.force_login(alice)
    html = client.get(path).content.decode()
    forms = SIGN_OUT_FORM.findall(html)
    assert forms, f"no sign-out form on {path}"
    assert all("data-sign-out" in form for form in forms), forms
