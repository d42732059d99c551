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
