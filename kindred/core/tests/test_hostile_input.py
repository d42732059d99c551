"""Hostile input gets a 4xx, never a 500; small leaks closed (security issue 11, findings 6, 9)."""

import json

import pytest
from django.test import Client

from kindred.core.converters import MAX_ID, parse_id

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


def csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/my/")  # sets the CSRF cookie
    return client, client.cookies["csrftoken"].value


def test_a_form_post_to_the_json_api_is_a_415(alice):
    client, token = csrf_client(alice)
    client.raise_request_exception = False
    response = client.post(
        "/api/coach/analyze",
        {"text": "hello", "csrfmiddlewaretoken": token},
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 415
    assert response.json() == {"error": "Send the request body as JSON."}


def test_a_3_mb_api_body_is_a_413(client, alice):
    client.force_login(alice)
    client.raise_request_exception = False
    response = client.post(
        "/api/coach/analyze",
        json.dumps({"text": "a" * 3_000_000}),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert "too large" in response.json()["error"]


def test_deeply_nested_json_to_the_api_is_a_400(client, alice):
    client.force_login(alice)
    client.raise_request_exception = False
    body = "[" * 100_000 + "]" * 100_000
    response = client.post("/api/coach/analyze", body, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("raw", ["", "0", "-1", "1.5", "١٢", HUGE, str(MAX_ID + 1), "abc"])
def test_parse_id_refuses_what_is_not_a_database_id(raw):
    assert parse_id(raw) is None


def test_parse_id_accepts_the_largest_id():
    assert parse_id(str(MAX_ID)) == MAX_ID


@pytest.mark.parametrize("query", [f"category={HUGE}", f"assigned={HUGE}", "category=-1"])
def test_a_huge_number_in_the_coach_queue_filters_is_ignored(client, coach, query):
    client.force_login(coach)
    client.raise_request_exception = False
    assert client.get(f"/coach/queue/?{query}").status_code == 200


def test_a_huge_lesson_id_in_the_autosave_url_is_a_404(client, alice):
    client.force_login(alice)
    client.raise_request_exception = False
    response = client.post(
        f"/my/learning/lessons/{HUGE}/autosave/", "{}", content_type="application/json"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("staff", ["coach", "editor"])
def test_taggits_merge_tags_view_is_not_offered(client, request, staff):
    from taggit.models import Tag

    client.force_login(request.getfixturevalue(staff))
    client.raise_request_exception = False
    response = client.post("/django-admin/taggit/tag/merge-tags/", {"new_tag_name": "x"})
    assert response.status_code in {302, 403, 404}
    assert not Tag.objects.filter(name="x").exists()


@pytest.mark.parametrize("path", ["/", "/get-help/", "/accounts/login/", "/api/openapi.json"])
def test_every_response_turns_off_unused_browser_features(client, path):
    policy = client.get(path)["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_the_admin_never_asks_gravatar_about_staff(client, admin_user):
    client.force_login(admin_user)
    assert "gravatar" not in client.get("/admin/").content.decode().lower()


def test_the_openapi_schema_lists_the_errors_the_api_returns(client):
    operation = client.get("/api/openapi.json").json()["paths"]["/api/coach/analyze"]["post"]
    assert {"400", "401", "403", "413", "415", "422", "429"} <= set(operation["responses"])
