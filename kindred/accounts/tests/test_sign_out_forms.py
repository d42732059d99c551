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


def test_quick_exit_signs_out_only_when_the_member_chose_it(client, alice):
    client.force_login(alice)
    assert "data-quick-exit-sign-out" not in client.get("/my/").content.decode()
    client.post("/my/account/quick-exit/", {"sign_out": "on"})
    assert 'data-quick-exit-sign-out="/accounts/logout/"' in client.get("/my/").content.decode()
    assert "checked" in client.get("/my/account/").content.decode()
    client.post("/my/account/quick-exit/", {})
    assert "data-quick-exit-sign-out" not in client.get("/my/").content.decode()
