"""schemathesis over the OpenAPI document: no server error, every answer as documented.

Every operation of ``kindred/api/api.py`` is called in-process (the WSGI application, all
middleware) by a signed-in member with an active membership, with the session cookie, the CSRF
cookie and the ``X-CSRFToken`` header a page's script sends. schemathesis generates valid and
invalid requests from the schema (its coverage, example and fuzzing phases) and checks each
answer: not a 5xx, a status code, content type, headers and body the document lists.

CI runs KINDRED_SCHEMATHESIS_EXAMPLES (default 10) examples per operation; the deep run
(docs/security.md, "Proofs"):

    KINDRED_SCHEMATHESIS_EXAMPLES=1000 .venv/bin/pytest kindred/api/tests/test_schemathesis.py -s
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application
from kindred.api.api import api

EXAMPLES = int(os.environ.get("KINDRED_SCHEMATHESIS_EXAMPLES", "10"))
SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())
SCHEMA.app = application
# The session cookie comes from MemberSession below, never from generated data: generated
# (negated) session cookies would only ever reach the sign-in check, not the operation.
SCHEMA.config.generation.update(with_security_parameters=False)
CALLS: Counter[str] = Counter()  # printed at the end of a run with -s
# A WSGI server always sets REMOTE_ADDR; allauth refuses a request without one (403).
ENVIRON = {"REMOTE_ADDR": "127.0.0.1"}

# Every other check of schemathesis runs (not a server error, status code, content type,
# headers and body as documented, schema-invalid data refused, auth enforced, unsupported
# methods answered 405). Not this one: "schema-valid data is accepted". Kindred's operations
# refuse, by design, values no JSON Schema can state - a day in the future, a lesson or tag
# that does not exist or is not the member's, a second check-in for a day, a category that
# is not open - with a documented 400, 404, 409 or 422.
NOT_CHECKED = [positive_data_acceptance]

pytestmark = pytest.mark.django_db


# The member's session and CSRF token. Fixed values, because schemathesis sets the credentials
# on some cases (its coverage phase) while collecting, before any test has signed in; each
# test then stores its signed-in session under this key (signed_in_member below).
SESSION_KEY = "schemathesis0member0session0key0"
CSRF_TOKEN = "schemathesisCsrfToken0123456789A"  # 32 letters and digits, like Django's


@SCHEMA.auth(refresh_interval=None)
class MemberSession:
    """What a signed-in member's browser sends: the session and CSRF cookies and the CSRF
    header. Given to schemathesis as the API's authentication, so its ``ignored_auth`` check
    also sends requests without the session (and with a made-up one) and expects 401/403."""

    def get(self, case: Any, ctx: Any) -> dict[str, str]:
        return {"session": SESSION_KEY, "csrf": CSRF_TOKEN}

    def set(self, case: Any, data: dict[str, str], ctx: Any) -> None:
        case.cookies = {
            **(case.cookies or {}),
            django_settings.SESSION_COOKIE_NAME: data["session"],
            django_settings.CSRF_COOKIE_NAME: data["csrf"],
        }
        case.headers = {**(case.headers or {}), "X-CSRFToken": data["csrf"]}


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """Calling the WSGI application directly sends request_finished, which closes the database
    connection, the test's transaction with it (PostgreSQL); Django's test client disconnects
    that handler in the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# --- real ids: member A's records, member B's, and made-up ones -------------------------------
#
# Ids schemathesis makes up almost never name a record, so half its cases stopped at "not
# found". Each test fills these with records of member A (signed in) and member B; the hook
# below gives every id in a case (the path's and the body's) a real id of A's, one of B's or
# a made-up one, about a third each. B's must be answered exactly like a missing id (404).
OWN: dict[str, list[str]] = {}  # what ids are about ("analysis", "tracker-day", ...) -> A's
OTHERS: dict[str, list[str]] = {}  # the same for member B
WHOSE: dict[str, str] = {}  # id -> "own" or "other"
LESSONS: dict[int, list[str]] = {}  # live lesson id -> its prompt ids
REACHED: Counter[str] = Counter()  # "METHOD path": 2xx answers with one of A's ids or a new one


def pick_id(about: str) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(OWN.get(about) or ["none"]),
        st.sampled_from(OTHERS.get(about) or ["none"]),
        st.uuids().map(str),
    )


def past_day() -> st.SearchStrategy[str]:
    today = dt.date.today()
    return st.integers(1, 2000).map(lambda days: (today - dt.timedelta(days=days)).isoformat())


OLD_DAY = dt.date.today() - dt.timedelta(days=3000)  # the day of A's and B's tracker records


def valid_fields(kind: str, record_id: str) -> st.SearchStrategy[dict[str, Any]]:
    """Fields each tool's form accepts, so that the autosave's save path is reached."""
    today = dt.date.today().isoformat()
    day = OLD_DAY.isoformat() if record_id in WHOSE else None
    fields: dict[str, st.SearchStrategy[Any]] = {
        "analysis": st.fixed_dictionaries({"kind": st.sampled_from(["using", "healthy"])}),
        "reward": st.just({"what": "A walk together", "effort": "low", "cost": "free"}),
        "reward-given": st.just({"reward": (OWN.get("reward") or [""])[0], "given_on": today}),
        "stepping-back": st.just({"stop_doing": "Calling in sick for him"}),
        "tracker-day": (st.just(day) if day else past_day()).map(
            lambda on: {"day": on, "used": "no"}
        ),
        "invitation-answer": st.just({"their_reply": "I don't need help."}),
        "treatment-option": st.just({"name": "A clinic", "kind": "medical", "starts_soon": "yes"}),
        "opportunity-window": st.just(
            {"kind": "dip", "what_happened": "He asked", "happened_at": f"{today}T08:00"}
        ),
        "journal": st.just({"day": today}),
        "self-care-goal": st.just({"goal": "A walk each morning"}),
    }
    return fields.get(kind, st.just({}))  # the safety plan and the invitation plan: no field needed


@SCHEMA.hook
def flatmap_case(ctx: Any, case: Any) -> Any:
    """Put real ids (and free past days) into a share of the generated cases."""
    path = case.operation.path.removeprefix("/api")

    def with_ids(values: dict[str, Any]) -> Any:
        new = case.derive(keep_auth=True)
        new.path_parameters = {**(case.path_parameters or {}), **values.get("path", {})}
        if isinstance(case.body, dict):
            new.body = {**case.body, **values.get("body", {})}
        return new

    real: st.SearchStrategy[dict[str, Any]]
    if path == "/toolkit/autosave/{kind}":
        real = st.sampled_from(sorted(set(OWN) - {"question"})).flatmap(
            lambda kind: st.fixed_dictionaries(
                {
                    "path": st.just({"kind": kind}),
                    # Half with fields the tool's form accepts, to reach the save itself.
                    "body": st.tuples(pick_id(kind), st.booleans()).flatmap(
                        lambda pair: (
                            valid_fields(kind, pair[0]) if pair[1] else st.just(None)
                        ).map(
                            lambda fields: {
                                "record_id": pair[0],
                                **({"fields": fields} if fields is not None else {}),
                            }
                        )
                    ),
                }
            )
        )
    elif path == "/toolkit/tracker/days/{day_id}":
        real = st.fixed_dictionaries(
            {
                "path": pick_id("tracker-day").map(lambda day_id: {"day_id": day_id}),
                # Half a body the API accepts, on the record's own day, to reach the save.
                "body": st.one_of(
                    past_day().map(lambda day: {"day": day}),
                    st.fixed_dictionaries(
                        {
                            "day": st.just(OLD_DAY.isoformat()),
                            "used": st.sampled_from(["no", "yes", "unknown"]),
                            "tags": st.just([]),
                            "between_us": st.one_of(st.none(), st.integers(1, 5)),
                            "note": st.text(max_size=200).filter(lambda t: "\x00" not in t),
                        }
                    ),
                ),
            }
        )
    elif path == "/learning/lessons/{lesson_id}/reflections" and LESSONS:
        real = st.sampled_from(sorted(LESSONS)).flatmap(
            lambda lesson: st.fixed_dictionaries(
                {
                    "path": st.just({"lesson_id": lesson}),
                    "body": st.sampled_from(LESSONS[lesson]).map(lambda p: {"prompt": p}),
                }
            )
        )
    elif path == "/questions/drafts":
        real = st.fixed_dictionaries({"body": pick_id("question").map(lambda i: {"id": i})})
    elif path in ("/toolkit/tracker/days", "/toolkit/wellbeing/checkins") and case.method != "GET":
        real = st.fixed_dictionaries({"body": past_day().map(lambda day: {"day": day})})
    else:
        return st.just(case)
    return st.one_of(st.just(case), real.map(with_ids), real.map(with_ids))


def ids_in(case: Any) -> set[str]:
    values = list((case.path_parameters or {}).values())
    if isinstance(case.body, dict):
        values += [case.body.get("record_id"), case.body.get("id")]
    return {WHOSE[str(v)] for v in values if isinstance(v, str) and str(v) in WHOSE}


def _records(member: Any, tag: str) -> dict[str, list[str]]:
    """One record of every kind the autosave saves, a tracker day and a question draft."""
    from kindred.questions import services as question_services
    from kindred.toolkit.forms import AUTOSAVE_FORMS
    from kindred.toolkit.models import Reward

    today = dt.date.today()
    reward = Reward.objects.create(member=member, what=f"A walk ({tag})")
    required: dict[str, dict[str, Any]] = {
        "analysis": {"kind": "using"},
        "reward": {},
        "reward-given": {"reward": reward, "given_on": today},
        "tracker-day": {"day": OLD_DAY, "used": "no"},
        "journal": {"day": today},
        "opportunity-window": {"what_happened": "He asked", "happened_at": dt.datetime.now(dt.UTC)},
    }
    found: dict[str, list[str]] = {}
    for kind, form_class in AUTOSAVE_FORMS.items():
        model = form_class.model_class()
        if kind == "reward":
            record = reward
        else:
            record = model.objects.create(member=member, **required.get(kind, {}))
        found[kind] = [str(record.pk)]
    draft = question_services.question_draft_save(
        member=member, fields=question_services.QuestionFields(title="Draft", body=tag)
    )
    found["question"] = [str(draft.pk)]
    return found


@pytest.fixture(autouse=True)
def real_ids(alice: Any, bob: Any, home_page: Any) -> Iterator[None]:
    from kindred.learning.demo_loader import load_module, load_program
    from kindred.learning.models import LessonPage
    from kindred.learning.tests.builders import module_data

    program = load_program(home_page)
    load_module(program, module_data("basics", 2))
    OWN.update(_records(alice, "A"))
    OTHERS.update(_records(bob, "B"))
    WHOSE.update({i: "own" for ids in OWN.values() for i in ids})
    WHOSE.update({i: "other" for ids in OTHERS.values() for i in ids})
    for lesson in LessonPage.objects.live():
        LESSONS[lesson.pk] = [prompt_id for prompt_id, *_rest in lesson.prompts()] or ["none"]
    yield
    for registry in (OWN, OTHERS, WHOSE, LESSONS):
        registry.clear()


@pytest.fixture(autouse=True)
def signed_in_member(alice: Any, monkeypatch: Any) -> None:
    """Member A (active membership) signed in under SESSION_KEY. Rate limits are lifted (they
    have their own tests) so every example reaches the view."""
    import kindred.coach.api
    import kindred.core.ratelimit
    import kindred.memberships.views

    for module in (kindred.core.ratelimit, kindred.coach.api, kindred.memberships.views):
        monkeypatch.setattr(module, "allow", lambda *args, **kwargs: True)
    client = Client()
    client.force_login(alice)
    signed_in = client.session  # its data, stored again under the fixed key
    Session.objects.create(
        session_key=SESSION_KEY,
        session_data=signed_in.encode(dict(signed_in.items())),
        expire_date=signed_in.get_expiry_date(),
    )


@SCHEMA.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_documented(case: Any) -> None:
    response = case.call_and_validate(environ_base=ENVIRON, excluded_checks=NOT_CHECKED)
    whose = ids_in(case)
    label = "B's id" if "other" in whose else "A's id" if "own" in whose else "no real id"
    CALLS[f"{case.method} {case.path} {response.status_code} ({label})"] += 1
    if "other" in whose:
        # Member B's record: answered exactly like a made-up id (a 404 when the body is
        # valid, the same 400/422 when it is not), so it cannot be told to exist.
        assert not 200 <= response.status_code < 300, (case.path, case.body, "B's record saved")
        if case.path.endswith("/autosave/{kind}") and response.status_code == 404:
            # The autosave creates a record under a new id the page made up, by design (a
            # made-up id is a new record, saved or refused by the form); B's id gets the
            # answer the autosave gives every id it cannot use, before the form is read.
            # (A body the schema refuses gets the same 400/422 as with any id: below.)
            real_tool = (case.path_parameters or {}).get("kind") in set(OWN) - {"question"}
            expected = "We could not find that." if real_tool else "There is no such tool."
            assert response.json()["error"] == expected, response.json()
        else:
            missing = missing_answer(case)
            assert (response.status_code, response.json()) == (
                missing.status_code,
                missing.json(),
            ), (case.path, case.body)
    elif 200 <= response.status_code < 300:
        REACHED[f"{case.method} {case.path}"] += 1


def missing_answer(case: Any) -> Any:
    """The answer the same case gets with a made-up id in place of member B's."""
    made_up = str(uuid.uuid4())
    other = case.derive(keep_auth=True)
    other.path_parameters = {
        name: made_up if WHOSE.get(str(value)) == "other" else value
        for name, value in (case.path_parameters or {}).items()
    }
    if isinstance(case.body, dict):
        other.body = {
            name: made_up if WHOSE.get(str(value)) == "other" else value
            for name, value in case.body.items()
        }
    return other.call(environ_base=ENVIRON)


def test_zz_print_the_figures(capsys: Any) -> None:
    """With -s: how many calls each operation got, by status code."""
    with capsys.disabled():
        print(f"\nschemathesis, {EXAMPLES} examples per operation and phase:")
        totals: Counter[str] = Counter()
        for key, count in sorted(CALLS.items()):
            print(f"  {key}: {count}")
            totals[key.split(" ")[0] + " " + key.split(" ")[1]] += count
        for key, count in sorted(totals.items()):
            print(f"  total {key}: {count}; 2xx with A's id or a new one: {REACHED[key]}")
