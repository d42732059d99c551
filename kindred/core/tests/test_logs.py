"""Structured logs carry a request id; error reports drop member text and local variables."""

from __future__ import annotations

import json
import logging

import pytest

from kindred.core.error_tracking import scrub
from kindred.core.logs import JsonFormatter, RequestIdFilter, request_id


@pytest.mark.django_db
def test_every_response_has_a_request_id_and_a_sane_incoming_one_is_kept(client):
    made = client.get("/healthz")["X-Request-ID"]
    assert len(made) == 32
    kept = client.get("/healthz", headers={"x-request-id": "proxy-id-123456"})
    assert kept["X-Request-ID"] == "proxy-id-123456"
    odd = client.get("/healthz", headers={"x-request-id": "<script>"})
    assert odd["X-Request-ID"] != "<script>"


def test_a_log_line_is_json_with_time_level_logger_and_request_id():
    record = logging.LogRecord("kindred.test", logging.WARNING, __file__, 1, "hello", (), None)
    token = request_id.set("abc12345")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "WARNING"
    assert line["logger"] == "kindred.test"
    assert line["request_id"] == "abc12345"
    assert line["message"] == "hello"
    assert line["time"].endswith("+00:00")


def test_error_reports_never_carry_bodies_cookies_users_or_local_variables():
    event = {
        "request": {"url": "/my/", "data": "what I wrote", "cookies": "s=1", "query_string": "q=x"},
        "user": {"email": "alice@example.com"},
        "exception": {
            "values": [{"stacktrace": {"frames": [{"function": "f", "vars": {"text": "secret"}}]}}]
        },
    }
    cleaned = scrub(event)
    assert cleaned["request"] == {"url": "/my/"}
    assert "user" not in cleaned
    assert "vars" not in cleaned["exception"]["values"][0]["stacktrace"]["frames"][0]
