"""What schemathesis found (issue 11): every API error has the documented shape, and the
request bodies refuse what their schema does not allow. Every test but the 401 one failed
before the fix (ninja answered {"detail": ...}; ``0`` and ``false`` were saved)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kindred.api.api import api
from kindred.toolkit.services.tracker import member_today

pytestmark = pytest.mark.django_db

TODAY_SCORES = dict.fromkeys(
    ("stress", "mood", "sleep", "hope", "family", "work", "health", "friends", "money"), 5
)


def post(client: Client, path: str, body: Any) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def test_a_failed_csrf_check_is_an_error_sentence_not_ninjas_detail(alice: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = post(client, "/api/coach/analyze", {"text": "hello"})
    assert response.status_code == 403
    assert set(response.json()) == {"error"}
    assert "Reload the page" in response.json()["error"]


def test_a_refused_field_is_a_422_with_the_errors_by_field(client: Client, alice: Any) -> None:
    client.force_login(alice)
    response = post(client, "/api/coach/analyze", {"text": ["not", "text"]})
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"error", "errors"}
    assert list(body["errors"]) == ["text"]
    assert "text" in body["error"]


def test_a_missing_draft_is_a_404_error_sentence(client: Client, alice: Any) -> None:
    client.force_login(alice)
    response = post(client, "/api/questions/drafts", {"id": "3f0e6b1c-4c1e-4a8e-9a39-3b1d1b3f4a55"})
    assert response.status_code == 404
    assert response.json() == {"error": "We could not find that."}


def test_a_signed_out_request_is_the_documented_401(client: Client) -> None:
    response = client.get("/api/toolkit/wellbeing/checkins")
    assert response.status_code == 401
    assert response.json()["signed_out"] is True


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("/api/toolkit/wellbeing/checkins", {**TODAY_SCORES, "free_time": 5}),
        ("/api/toolkit/tracker/days", {"used": "no"}),
    ],
)
def test_a_number_is_not_a_date(client: Client, alice: Any, path: str, extra: dict) -> None:
    """pydantic read ``"day": 0`` as 1970-01-01 and the row was saved."""
    client.force_login(alice)
    response = post(client, path, {"day": 0, **extra})
    assert response.status_code == 422, response.content
    assert "day" in response.json()["errors"]
    ok = post(client, path, {"day": member_today(alice).isoformat(), **extra})
    assert ok.status_code == 201, ok.content


def test_a_check_in_score_is_a_whole_number_not_true_or_false(client: Client, alice: Any) -> None:
    """pydantic read ``false`` as 0 and the check-in was saved."""
    client.force_login(alice)
    day = member_today(alice).isoformat()
    response = post(
        client, "/api/toolkit/wellbeing/checkins", {"day": day, **TODAY_SCORES, "free_time": False}
    )
    assert response.status_code == 422, response.content
    assert "free_time" in response.json()["errors"]


def test_the_schema_lists_the_common_errors_and_the_value_ranges() -> None:
    schema = api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            if operation.get("security") == [] or path.startswith("/api/accounts/"):
                continue  # open to visitors (the pseudonym suggestion)
            statuses = {str(status) for status in operation["responses"]}
            assert {"401", "403"} <= statuses, (method, path)
            if "requestBody" in operation:
                assert {"400", "413", "415", "422"} <= statuses, (method, path)
    components = schema["components"]["schemas"]
    assert components["CheckInIn"]["properties"]["stress"]["maximum"] == 10
    assert components["DayIn"]["properties"]["used"]["enum"] == ["no", "yes", "unknown"]


def test_no_two_api_schemas_share_a_name() -> None:
    """The OpenAPI components are keyed by class name: the toolkit's CrisisOut (kind, heading,
    html) replaced the coach's (kind, possible, resources), so the coach's documented 200 did
    not match what it sends (schemathesis, deep run)."""
    from ninja import Schema

    def subclasses(cls: type) -> list[type]:
        found: list[type] = []
        direct: list[type] = cls.__subclasses__()
        for sub in direct:
            found += [sub, *subclasses(sub)]
        return found

    ours = [cls for cls in subclasses(Schema) if cls.__module__.startswith("kindred.")]
    names = [cls.__name__ for cls in ours]
    assert sorted({n for n in names if names.count(n) > 1}) == []
    crisis = api.get_openapi_schema()["components"]["schemas"]["CrisisOut"]
    assert {"possible", "resources"} <= set(crisis["properties"])
