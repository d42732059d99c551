import pytest
from django.core import mail
from django.test import Client, override_settings

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kindred.core.tests.failing_urls")]


def assert_styled_error(response, status: int) -> None:
    html = response.content.decode()
    assert response.status_code == status
    assert f"Error {status}" in html
    assert 'class="get-help-link" href="/get-help/"' in html
    assert 'class="skip-link"' in html


def test_an_unknown_url_gets_the_styled_404(client, home_page):
    assert_styled_error(client.get("/no/such/page/"), 404)


def test_a_forbidden_page_gets_the_styled_403(client):
    assert_styled_error(client.get("/forbidden/"), 403)


def test_a_bad_request_gets_the_styled_400(client):
    assert_styled_error(client.get("/suspicious/"), 400)


def test_a_failing_view_gets_the_styled_500():
    client = Client(raise_request_exception=False)
    assert_styled_error(client.get("/explode/"), 500)


@override_settings(ADMINS=["ops@example.org"])
def test_error_reports_never_contain_what_a_member_posted():
    client = Client(raise_request_exception=False)
    secret = "my son Jamie overdosed at the Elm Street motel"
    response = client.post("/explode/", {"question": secret, "title": "help"})
    assert response.status_code == 500
    assert len(mail.outbox) == 1
    report = mail.outbox[0].body
    assert "RuntimeError" in report
    assert "question" in report  # the field is named ...
    assert secret not in report  # ... but its text is not there
    assert "Jamie" not in report


def test_a_failing_view_shows_the_crisis_numbers_on_the_error_page_itself():
    # /get-help/ may be failing too when the server fails.
    html = Client(raise_request_exception=False).get("/explode/").content.decode()
    assert 'href="tel:911"' in html
    assert "988 Suicide &amp; Crisis Lifeline" in html
    assert 'href="tel:18002221222"' in html  # Poison Control


def test_an_unreachable_database_is_a_503_with_retry_after():
    response = Client(raise_request_exception=False).get("/database-down/")
    assert_styled_error(response, 503)
    assert response["Retry-After"] == "5"
    html = response.content.decode()
    assert "unavailable for a moment" in html
    assert 'href="tel:911"' in html


@pytest.mark.parametrize(("path", "status"), [("/api/explode/", 500), ("/api/database-down/", 503)])
def test_the_api_fails_in_json(path, status):
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]
    assert ("Retry-After" in response) == (status == 503)
