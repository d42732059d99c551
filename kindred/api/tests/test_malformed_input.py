"""Every JSON endpoint answers malformed input with a 4xx, never a 500 (also under python -O).

The operations are read from the OpenAPI document, so an endpoint added later is covered
without touching this file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kindred.api.api import api

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]

BODIES: dict[str, bytes] = {
    "array": b"[]",
    "array of objects": b'[{"text": "hello"}]',
    "null": b"null",
    "number": b"1",
    "string": b'"hello"',
    "empty object": b"{}",
    "nulls": b'{"text": null, "prompt": null, "title": null, "id": null}',
    "wrong types": b'{"text": 1, "prompt": [], "title": {}, "substances": "x", "id": 7}',
    "truncated": b'{"text": "hel',
    "not json": b"text=hello",
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
    "deeply nested object": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "lone surrogate": b'{"text": "\\ud800", "prompt": "\\udfff", "title": "\\ud800"}',
    "invalid utf-8": b'{"text": "\xff\xfe"}',
    "one megabyte": b'{"prompt": "p", "text": "%s", "title": "%s", "body": "%s"}'
    % (b"x" * 350_000, b"x" * 350_000, b"x" * 350_000),
    "three megabytes": b'{"text": "' + b"y" * 3_000_000 + b'"}',
    "huge integer id": b'{"id": 99999999999999999999999999999, "text": "x"}',
}

MAYBE_VALID = {"empty object", "nulls", "huge integer id"}  # "id" means nothing to some


def operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    found = []
    for path, methods in schema["paths"].items():
        for method in methods:
            concrete = path.replace("{lesson_id}", "1")
            for name in ("id", "day_id", "pk", "checkin_id", "entry_id", "session_id"):
                concrete = concrete.replace("{" + name + "}", "1")
            found.append((method.upper(), concrete))
    return found


def test_the_api_has_the_endpoints_this_test_walks() -> None:
    paths = {path for _method, path in operations()}
    assert "/api/coach/analyze" in paths
    assert "/api/learning/lessons/1/reflections" in paths
    assert "/api/questions/drafts" in paths


@pytest.mark.parametrize("body_name", sorted(BODIES))
def test_malformed_bodies_never_cause_a_server_error(
    client: Any, alice: Any, body_name: str
) -> None:
    client.force_login(alice)
    failures = []
    for method, path in operations():
        if method not in {"POST", "PUT", "PATCH"}:
            continue
        response = client.generic(method, path, BODIES[body_name], content_type="application/json")
        refused = 400 <= response.status_code < 500
        # An empty object (or one of nulls) may be a valid request - an empty draft, say -
        # but it must never be a server error; everything else must be refused.
        if response.status_code >= 500 or (body_name not in MAYBE_VALID and not refused):
            failures.append((method, path, response.status_code))
    assert failures == []


def test_huge_and_negative_ids_in_the_path_are_refused_cleanly(client: Any, alice: Any) -> None:
    client.force_login(alice)
    for lesson_id in ("99999999999999999999999", "-1", "0", "abc"):
        response = client.post(
            f"/api/learning/lessons/{lesson_id}/reflections",
            b'{"prompt": "x", "text": "y"}',
            content_type="application/json",
        )
        assert 400 <= response.status_code < 500, (lesson_id, response.status_code)


def test_multipart_and_form_posts_are_refused_cleanly(client: Any, alice: Any) -> None:
    client.force_login(alice)
    for method, path in operations():
        if method != "POST":
            continue
        multipart = client.post(path, {"text": "hello", "file": b"x"})
        form = client.post(path, "text=hello", content_type="application/x-www-form-urlencoded")
        assert 400 <= multipart.status_code < 500, (path, multipart.status_code)
        assert 400 <= form.status_code < 500, (path, form.status_code)


@pytest.mark.skipif(sys.flags.optimize > 0, reason="this is the -O run itself")
def test_the_same_holds_under_python_dash_o() -> None:
    """``assert`` statements vanish under -O; no endpoint may rely on one to refuse input."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    result = subprocess.run(
        [
            sys.executable,
            "-O",
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-k",
            "malformed or huge or multipart",
            str(Path(__file__)),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout
