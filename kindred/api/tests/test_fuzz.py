"""Property-based fuzzing (hypothesis): no input makes a JSON endpoint fail.

Every operation in the OpenAPI document (kindred/api/api.py) gets bodies generated from its
own request schema (valid-looking and wrong) and arbitrary JSON. Every answer must be 2xx,
3xx or 4xx: never a 5xx. Every HTML form of the site: tests/test_form_fuzz.py.

CI runs a small number of examples (KINDRED_FUZZ_EXAMPLES, default 15 per operation and
kind of body). The deep run (docs/security.md, "Proofs"):

    KINDRED_FUZZ_EXAMPLES=1000 .venv/bin/pytest kindred/api/tests/test_fuzz.py -q -s
"""

from __future__ import annotations

import json
import os
import string
from collections import Counter
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kindred.api.api import api
from kindred.toolkit.forms import AUTOSAVE_FORMS

EXAMPLES = int(os.environ.get("KINDRED_FUZZ_EXAMPLES", "15"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
SCHEMA = api.get_openapi_schema()
STATUSES: Counter[str] = Counter()  # printed at the end of a run with -s

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_rate_limits")]


@pytest.fixture
def no_rate_limits(monkeypatch: Any, settings: Any) -> None:
    """Lift the rate limits (they have their own tests) so every example reaches the view
    instead of a 429 after the first hundred."""
    import kindred.coach.api
    import kindred.memberships.views

    for module in (kindred.coach.api, kindred.memberships.views):
        monkeypatch.setattr(module, "allow", lambda *args, **kwargs: True)
    settings.ACCOUNT_RATE_LIMITS = False


# --- JSON Schema -> hypothesis strategies (the subset django-ninja emits) ----------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=50)
)
any_json = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=15), children, max_size=5)
    ),
    max_leaves=20,
)


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def from_schema(schema: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    schema = resolve(schema)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "anyOf" in schema or "oneOf" in schema:
        return st.one_of(
            [from_schema(s, depth + 1) for s in schema.get("anyOf") or schema["oneOf"]]
        )
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {
                name: from_schema(sub, depth + 1)
                for name, sub in properties.items()
                if name in required
            },
            optional={
                name: from_schema(sub, depth + 1)
                for name, sub in properties.items()
                if name not in required
            },
        )
    if kind == "array":
        return st.lists(from_schema(schema.get("items", {}), depth + 1), max_size=4)
    if kind == "string":
        if schema.get("format") == "uuid":
            return st.uuids().map(str)
        if schema.get("format") == "date":
            return st.dates().map(str)
        return st.text(max_size=schema.get("maxLength", 200) + 5)
    if kind == "integer":
        return st.integers(
            min_value=schema.get("minimum", -(2**40)) - 1,
            max_value=schema.get("maximum", 2**40) + 1,
        )
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return any_json if depth < 3 else json_scalars


PATH_VALUES: dict[str, st.SearchStrategy[Any]] = {
    # Real values too, so the fuzzing reaches past the "no such page" answer.
    "kind": st.sampled_from(sorted(AUTOSAVE_FORMS))
    | st.text(string.ascii_letters + "-_", max_size=20),
}


def operation_cases() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, methods in SCHEMA["paths"].items()
        for method, operation in methods.items()
    ]


def request_strategy(path: str, operation: dict[str, Any], arbitrary: bool) -> Any:
    params = {}
    for param in operation.get("parameters", []):
        name = param["name"]
        strategy = PATH_VALUES[name] if name in PATH_VALUES else from_schema(param["schema"])
        params[(param["in"], param["name"])] = strategy | st.text(max_size=20)
    body_schema = (
        operation.get("requestBody", {})
        .get("content", {})
        .get("application/json", {})
        .get("schema")
    )
    body: st.SearchStrategy[Any]
    if body_schema is None:
        body = st.none()
    elif arbitrary:
        body = any_json
    else:
        body = from_schema(body_schema)
    return st.fixed_dictionaries({"params": st.fixed_dictionaries(params), "body": body})


def send(client: Client, method: str, path: str, case: dict[str, Any]) -> int:
    query = {}
    for (where, name), value in case["params"].items():
        if where == "path":
            text = str(value).replace("/", "%2F").replace("?", "%3F").replace("#", "%23")
            path = path.replace("{" + name + "}", text or "x")
        else:
            query[name] = str(value)
    if method == "GET":
        response = client.get(path, query)
    else:
        body = json.dumps(case["body"]) if case["body"] is not None else ""
        response = client.generic(method, path, body, content_type="application/json")
    STATUSES[f"{method} {path.split('?')[0][:40]} {response.status_code // 100}xx"] += 1
    return response.status_code


@pytest.mark.parametrize("arbitrary", [False, True], ids=["from-schema", "arbitrary-json"])
@pytest.mark.parametrize(
    ("method", "path", "operation"),
    operation_cases(),
    ids=[f"{m} {p}" for m, p, _ in operation_cases()],
)
def test_json_endpoints_never_fail(
    client: Client, alice: Any, method: str, path: str, operation: dict[str, Any], arbitrary: bool
) -> None:
    client.force_login(alice)

    @FUZZ
    @given(case=request_strategy(path, operation, arbitrary))
    def run(case: dict[str, Any]) -> None:
        status = send(client, method, path, case)
        assert status < 500, (method, path, case, status)

    run()


def test_the_fuzzing_walks_every_operation() -> None:
    paths = {path for _method, path, _op in operation_cases()}
    assert {"/api/coach/analyze", "/api/questions/drafts", "/api/toolkit/tracker/days"} <= paths
    assert len(operation_cases()) >= 8


# --- HTML forms: every form of the site is fuzzed by tests/test_form_fuzz.py -------------------


def test_zz_print_the_figures(capsys: Any) -> None:
    """With -s: how many requests each operation and form got, by class of status."""
    with capsys.disabled():
        print(f"\nfuzzing, {EXAMPLES} examples per case:")
        for key, count in sorted(STATUSES.items()):
            print(f"  {key}: {count}")
