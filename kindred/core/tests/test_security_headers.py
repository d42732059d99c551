import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_home_page_carries_the_security_headers(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    # Scripts only from our own origin; a public page uses no nonce (it would make every
    # response unique and uncacheable), pages with nonce'd scripts add one (test below).
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_shared_script_needs_no_nonce_and_pages_stay_identical(client, home_page):
    first, second = client.get("/"), client.get("/")
    assert "nonce-" not in first["Content-Security-Policy"]
    assert "nonce=" not in first.content.decode()
    assert '<script src="/static/core/js/kindred' in first.content.decode()
    assert first.content == second.content


def test_a_page_with_its_own_script_carries_the_nonce_of_its_policy(client, alice):
    client.force_login(alice)
    response = client.get("/my/account/profile/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def test_pages_have_no_inline_style_or_script(client, home_page):
    for url in ["/", "/get-help/", "/no-such-page/"]:
        html = client.get(url).content.decode()
        assert " style=" not in html, url
        assert "<style" not in html, url
        assert "<script>" not in html, url
        assert " onclick=" not in html, url


@override_settings(
    SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=False
)
def test_hsts_is_sent_over_https(client, home_page):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_the_admin_gets_its_own_policy(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" in csp
    assert "frame-ancestors 'self'" in csp
