"""A NUL character anywhere in a request is a clear 400, on every door (security issue 11).

PostgreSQL's text columns cannot hold a NUL: before, a NUL in a field that reached a query was
a 500 there (CI's form fuzzing found it on the code a member redeems) and passed unnoticed on
SQLite. These tests hold on both databases.
"""

import json

import pytest
from django.test import Client

from kindred.core.middleware import NUL_MESSAGE

pytestmark = pytest.mark.django_db

JSON_MESSAGE = "The text contains a NUL character, which cannot be stored."


def refused_page(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 400
    page = response.content.decode()
    assert "NUL character" in page
    assert 'href="/get-help/"' in page  # crisis help stays one click away on the error page
    return page


def test_a_nul_in_the_code_a_member_redeems_is_a_400_not_a_500(carol):
    client = Client(raise_request_exception=False)
    client.force_login(carol)
    refused_page(client.post("/my/redeem/", {"code": "FAMILY\x00", "zip_code": ""}))


def test_a_nul_in_a_field_name_or_a_multipart_form_is_refused(carol):
    client = Client(raise_request_exception=False)
    client.force_login(carol)
    refused_page(client.post("/my/redeem/", {"code": "FAMILY", "x\x00": "1"}))
    refused_page(client.post("/my/redeem/", {"code": "FAMILY\x00"}, format="multipart"))


@pytest.mark.parametrize(
    "url",
    ["/search/?q=a%00b", "/articles/?category=%00", "/resources/?zip=%00", "/articles/%00/"],
)
def test_a_nul_in_an_address_or_its_query_is_refused(url):
    refused_page(Client(raise_request_exception=False).get(url))


def test_a_nul_in_a_header_is_refused(alice):
    """allauth stores a signed-in member's user agent with the session."""
    client = Client(raise_request_exception=False, HTTP_USER_AGENT="Phone\x00")
    client.force_login(alice)
    refused_page(client.get("/my/"))


def test_text_without_a_nul_still_reaches_the_form(carol):
    """Control characters other than NUL are the form's business (it shows the code again)."""
    client = Client(raise_request_exception=False)
    client.force_login(carol)
    response = client.post("/my/redeem/", {"code": "NO\tSUCH-CODE", "zip_code": ""})
    assert response.status_code == 200
    assert "NUL character" not in response.content.decode()


def test_the_json_api_refuses_a_nul_in_any_string_of_the_body(alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    for body in (
        {"text": "a\x00b"},
        {"text": "fine", "extra": [{"deep": ["\x00"]}]},
        {"te\x00xt": "fine"},
    ):
        response = client.post(
            "/api/coach/analyze", json.dumps(body), content_type="application/json"
        )
        assert response.status_code == 400, body
        assert response.json() == {"error": JSON_MESSAGE}
    fine = client.post(
        "/api/coach/analyze",
        json.dumps({"text": "You\\u0000 are late"}),
        content_type="application/json",
    )
    assert fine.status_code == 200  # a backslash and "u0000" typed as text are not a NUL


def test_the_json_api_answers_a_nul_in_its_query_with_json(alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    response = client.get("/api/accounts/pseudonym-suggestion?x=%00")
    assert response.status_code == 400
    assert response.json() == {"error": NUL_MESSAGE}
