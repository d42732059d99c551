"""The authorization matrix (security issue 11; also issue 12's member-URL walk).

Walks EVERY URL pattern of the project (config/urls.py resolved recursively), every
operation of the JSON API (from the django-ninja OpenAPI document) and one live Wagtail page
of every page type, for nine roles: anonymous, member A (verified, active membership, owner
of the objects), member B (another active member), unverified (signed in, email not
verified), lapsed (membership ended), coach, editor, facilitator and organisation admin.
Issue 12's walk is part of it: every member-only URL and API route is requested as a verified
member (member A, member B), an unverified one, a lapsed one and a visitor (anonymous).

What each role must get comes from the explicit table in ``tests/authorization_table.py``: a
URL pattern, API operation or page type without an entry there fails ``test_every_url_has_an
_entry`` with its name. For an object in a URL (a question, a draft, a toolkit record) the
object belongs to member A, and everybody else must get exactly the response a missing id
gets (status, redirect and page), so another member's object cannot even be told to exist.

Staff two-factor is on (``KINDRED_STAFF_MFA_REQUIRED``, production's default): the staff
roles sign in with an authenticator and a session that recorded the second factor (as
allauth's sign-in does; see kindred/accounts/tests/test_staff_sign_in.py). Every pattern
under /admin/ and /django-admin/ is walked for the non-staff roles (sign-in or 403) and for
each staff role with a password-only session (sent to set up the second factor); the staff
roles with the second factor open the admin's front pages. What each staff role may do
inside Wagtail's admin is Wagtail's own permission system and is not walked here.

One set of users and objects serves the whole module (built once, rolled back at the end).
"""

from __future__ import annotations

import datetime as dt
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from tests import authorization_table as table
from tests.authorization_table import ROLES, Rule

# --- the URL patterns --------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    key: str  # the URL name (with namespaces), or the route when it has none
    parts: tuple[str, ...]  # each level's pattern text, outermost first
    name: str | None


def url_patterns() -> list[Pattern]:
    found: dict[str, Pattern] = {}

    def walk(patterns: list[Any], parts: tuple[str, ...], namespaces: tuple[str, ...]) -> None:
        for entry in patterns:
            text = str(entry.pattern)
            if isinstance(entry, URLResolver):
                spaces = namespaces + ((entry.namespace,) if entry.namespace else ())
                walk(entry.url_patterns, (*parts, text), spaces)
            elif isinstance(entry, URLPattern):
                name = ":".join((*namespaces, entry.name)) if entry.name else None
                key = name or "".join((*parts, text))
                found.setdefault(key, Pattern(key, (*parts, text), name))

    walk(get_resolver().url_patterns, (), ())
    return list(found.values())


def is_staff_area(pattern: Pattern) -> bool:
    # The admins' own sign-in and password URLs are answered by kindred.accounts and listed
    # in the table; everything else under the two admin prefixes is the staff area.
    return (
        pattern.parts[0].startswith(table.STAFF_AREA_PREFIXES) and pattern.key not in table.ACCOUNTS
    )


def is_api(pattern: Pattern) -> bool:
    return pattern.parts[0] == "api/" and pattern.key not in table.API


ALL_PATTERNS = url_patterns()
STAFF_AREA = [p for p in ALL_PATTERNS if is_staff_area(p)]
SITE = [p for p in ALL_PATTERNS if not is_staff_area(p) and not is_api(p)]


def api_operations() -> list[tuple[str, str, str]]:
    """(key, method, path) of every operation in the OpenAPI document."""
    from kindred.api.api import api

    schema = api.get_openapi_schema(path_prefix="/api")
    return [
        (f"{method.upper()} {path}", method, path)
        for path, operations in schema["paths"].items()
        for method in operations
    ]


API_OPERATIONS = api_operations()


def page_types() -> list[str]:
    from wagtail.models import get_page_models

    return [
        f"page:{model._meta.label}"
        for model in get_page_models()
        if model._meta.label != "wagtailcore.Page"
    ]


PAGE_TYPES = page_types()

# --- filling in a URL ---------------------------------------------------------------------

_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
_DEFAULTS = {"int": "1", "uuid": "00000000-0000-4000-8000-000000000000", "path": "x"}


def _fill_regex(text: str, values: dict[str, str]) -> str:
    """A path the regex matches: each top-level group becomes its value (or "1")."""
    if not text.startswith("^"):
        return text
    text = text.removeprefix("^").removesuffix("$")
    out, depth, index, start = [], 0, 0, 0
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            if depth == 0:
                out.append(text[i + 1])
            i += 2
            continue
        if char == "(":
            if depth == 0:
                start = i
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                group = text[start : i + 1]
                named = re.match(r"\(\?P<(\w+)>", group)
                out.append(values.get(named.group(1) if named else str(index), "1"))
                index += 1
        elif depth == 0:
            out.append(char)
        i += 1
    return "".join(out)


def _fill(text: str, values: dict[str, str]) -> str:
    if not text.startswith("^") and _CONVERTER.search(text):
        return _CONVERTER.sub(
            lambda m: values.get(m.group(2), _DEFAULTS.get(m.group(1) or "str", "x")), text
        )
    return _fill_regex(text, values)


def build_path(pattern: Pattern, values: dict[str, str]) -> str:
    return "/" + "".join(_fill(part, values) for part in pattern.parts)


# --- the people and the objects -----------------------------------------------------------


def _mfa_session(client: Client, user: Any) -> None:
    """A session that did what allauth's sign-in does: password, then the authenticator."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from kindred.accounts.middleware import SIGNED_IN_AT

    if not user.authenticator_set.exists():
        TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    session = client.session
    now = time.time()
    session["account_authentication_methods"] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session[SIGNED_IN_AT] = now
    session.save()


def _build_world() -> dict[str, Any]:
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from kindred.coach import services as coach_services
    from kindred.core import demo
    from kindred.groups.models import CalendarFeed, Recording, Session
    from kindred.learning import services as learning_services
    from kindred.learning.models import LessonPage
    from kindred.memberships.models import Membership
    from kindred.questions import services as question_services
    from kindred.questions.notify import unsubscribe_token
    from kindred.resources.models import ResourcePage
    from kindred.testing.factories import MembershipFactory, UserFactory, VerifiedUserFactory
    from kindred.toolkit.models import (
        CheckIn,
        FunctionalAnalysis,
        JournalEntry,
        OpportunityWindow,
        PreparedAnswer,
        Reward,
        RewardGiven,
        SelfCareGoal,
        SteppingBackItem,
        TrackerDay,
        TreatmentOption,
    )
    from kindred.toolkit.models.wellbeing import SCORES

    CHECKIN_SCORES = [key for key, _ in SCORES]

    demo.load()

    def person(email: str, *groups: str, verified: bool = True, **extra: Any) -> Any:
        factory = VerifiedUserFactory if verified else UserFactory
        user = factory.create(email=email, **extra)
        MembershipFactory.create(user=user)
        for name in groups:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        return user

    users = {
        table.A: person("matrix-a@example.com", "Members"),
        table.B: person("matrix-b@example.com", "Members"),
        table.UNVERIFIED: person("matrix-unverified@example.com", "Members", verified=False),
        table.LAPSED: person("matrix-lapsed@example.com", "Members"),
        table.COACH: person("matrix-coach@example.com", "Coaches", is_staff=True),
        table.EDITOR: person("matrix-editor@example.com", "Editors", is_staff=True),
        table.FACILITATOR: person("matrix-facilitator@example.com", "Facilitators"),
        table.ADMIN: person(
            "matrix-admin@example.com", "Organisation admins", is_staff=True, is_superuser=True
        ),
    }
    today = timezone.localdate()
    Membership.objects.filter(user=users[table.LAPSED]).update(
        starts_on=today - dt.timedelta(days=400), ends_on=today - dt.timedelta(days=1)
    )
    a = users[table.A]

    draft = question_services.question_draft_save(
        member=a, fields=question_services.QuestionFields(title="Draft", body="Draft body")
    )
    sent, _ = question_services.question_submit(
        member=a, fields=question_services.QuestionFields(title="Sent", body="Sent body")
    )
    lesson = next(page for page in LessonPage.objects.live() if page.prompts())
    prompt_id = lesson.prompts()[0][0]
    reflection, _ = learning_services.reflection_save(
        member=a, lesson=lesson, prompt_id=prompt_id, text="A reflection"
    )
    practice = coach_services.practice_draft_save(member=a, title="Practice", text="Hello")
    reward = Reward.objects.create(member=a, what="A walk together")
    session = Session.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
    assert session is not None, "the demo has no upcoming group session"
    group = session.group
    group.facilitator = users[table.FACILITATOR]
    group.save()
    past = Session.objects.filter(starts_at__lt=timezone.now()).first() or session
    recording = Recording.objects.first() or Recording.objects.create(session=past)
    day = TrackerDay.objects.create(member=a, day=today - dt.timedelta(days=1), used="no")
    objects = {
        "question_draft": draft,
        "question_sent": sent,
        "reflection": reflection,
        "practice_draft": practice,
        "analysis": FunctionalAnalysis.objects.create(member=a, kind="using", title="Evenings"),
        "reward": reward,
        "reward_given": RewardGiven.objects.create(member=a, reward=reward, given_on=today),
        "stepping_back": SteppingBackItem.objects.create(member=a, stop_doing="Calling in"),
        "tracker_day": today.isoformat(),
        "tracker_day_id": day,
        "tracker_day_date": day.day.isoformat(),
        "new_tracker_date": (today - dt.timedelta(days=2)).isoformat(),
        "prompt_id": prompt_id,
        "lesson": lesson,
        "group_session": session,
        "group_slug": group.slug,
        "group_recording": recording,
        "calendar_token": CalendarFeed.objects.get_or_create(member=a)[0].token,
        "unsubscribe_token": unsubscribe_token(a),
        "resource": ResourcePage.objects.live().first(),
        "checkin": CheckIn.objects.create(
            member=a, day=today - dt.timedelta(days=1), **dict.fromkeys(CHECKIN_SCORES, 5)
        ),
        "self_care_goal": SelfCareGoal.objects.create(member=a, goal="A walk on Sunday"),
        "journal_entry": JournalEntry.objects.create(member=a, day=today, text="An entry"),
        "window": OpportunityWindow.objects.create(
            member=a, what_happened="He asked about my counsellor", happened_at=timezone.now()
        ),
        "prepared_answer": PreparedAnswer.objects.create(
            member=a, their_reply="Not now.", answer="When would suit you?"
        ),
        "treatment_option": TreatmentOption.objects.create(member=a, name="Family doctor"),
    }
    # The same staff roles, signed in with a password only and no authenticator set up.
    password_only_staff = {
        table.COACH: person("matrix-coach-2@example.com", "Coaches", is_staff=True),
        table.EDITOR: person("matrix-editor-2@example.com", "Editors", is_staff=True),
        table.FACILITATOR: person("matrix-facilitator-2@example.com", "Facilitators"),
        table.ADMIN: person(
            "matrix-admin-2@example.com", "Organisation admins", is_staff=True, is_superuser=True
        ),
    }
    clients = {table.ANON: Client()}
    for role, user in users.items():
        client = Client()
        if role in table.STAFF:
            _mfa_session(client, user)
        else:
            client.force_login(user)
        clients[role] = client
    return {
        "users": users,
        "objects": objects,
        "clients": clients,
        "password_only_staff": password_only_staff,
    }


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with django_db_blocker.unblock(), transaction.atomic():
        started = time.monotonic()
        built = _build_world()
        print(f"matrix objects built in {time.monotonic() - started:.1f}s")
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _staff_two_factor_on(settings: Any) -> None:
    settings.KINDRED_STAFF_MFA_REQUIRED = True


# --- asking and comparing -----------------------------------------------------------------


def outcome(response: Any) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        return f"{response.status_code} {response['Location']}"
    return str(response.status_code)


_REFUSED = (table.LOGIN, table.VERIFY, table.JOIN, table.MFA, "401", "403", "404", "405")


def matches(expected: str, actual: str) -> bool:
    if expected == table.REACHED:
        return actual[:3] in ("200", "302", "400", "422") and not actual.startswith(_REFUSED)
    return actual == expected or (expected.startswith("3") and actual.startswith(expected))


_VOLATILE = re.compile(
    rb'(csrfmiddlewaretoken" value="|nonce="|csrf-token" content="|data-csrf=")[^"]*"'
)


def fingerprint(response: Any) -> tuple[int, str, bytes]:
    """What a response tells about the object: status, where it redirects, the page."""
    body = b"" if response.streaming else _VOLATILE.sub(rb"\1", response.content)
    return response.status_code, response.get("Location", ""), body


def value_of(objects: dict[str, Any], ref: str) -> str:
    if ref.startswith("="):
        return ref[1:]
    value = objects[ref]
    return str(getattr(value, "pk", value))


def missing_value(real: str) -> str:
    return str(uuid.uuid4()) if re.fullmatch(r"[0-9a-f-]{36}", real) else str(2**31 - 2)


def request(client: Client, method: str, path: str, data: Any = None, api: bool = False) -> Any:
    if api and method != "get":
        return getattr(client, method)(path, data or {}, content_type="application/json")
    return getattr(client, method)(path, data or {})


def check_rule(
    world: dict[str, Any], key: str, rule: Rule, path_for: Any, api: bool = False
) -> list[str]:
    """Ask as every role (member A last: her POSTs may delete the object); list mismatches."""
    objects, clients = world["objects"], world["clients"]
    for client in clients.values():
        # A message left by an earlier test's POST ("Saved.") shows on the next page only.
        client.cookies.pop("messages", None)
    values = {name: value_of(objects, ref) for name, ref in rule.args.items()}
    if rule.data:
        data = {
            name: value_of(objects, value[1:])
            if isinstance(value, str) and value.startswith("@")
            else value
            for name, value in rule.data.items()
        }
        rule = Rule(rule.expect, rule.method, rule.args, rule.owned, data, rule.note)
    path = path_for(values)
    problems = []
    missing = None
    if rule.owned:
        (arg,) = [name for name, ref in rule.args.items() if not ref.startswith("=")]
        missing_values = {**values, arg: missing_value(values[arg])}
        missing_path = path_for(missing_values)
    for role in sorted(ROLES, key=lambda r: r == table.A):
        response = request(clients[role], rule.method, path, rule.data, api)
        actual, expected = outcome(response), rule.expect[role]
        if not matches(expected, actual):
            problems.append(
                f"{key} {rule.method.upper()} {path} as {role}: {actual}, expected {expected}"
            )
        if rule.owned and role != table.A and expected == table.MISSING:
            missing = request(clients[role], rule.method, missing_path, rule.data, api)
            if fingerprint(response) != fingerprint(missing):
                problems.append(
                    f"{key} as {role}: member A's object answers differently from a missing id"
                )
    return problems


# --- the tests ----------------------------------------------------------------------------


def test_every_url_has_an_entry() -> None:
    """A new URL pattern, API operation or page type must be added to the table."""
    rules = table.all_rules()
    wanted = [p.key for p in SITE] + [key for key, _m, _p in API_OPERATIONS] + PAGE_TYPES
    unlisted = [key for key in wanted if key not in rules]
    assert not unlisted, (
        "These URLs have no entry in tests/authorization_table.py (who may open them?): "
        + ", ".join(unlisted)
        + ". Add one per URL to its app's dict (docs/security.md, 'Authorization matrix')."
    )
    stale = set(rules) - set(wanted)
    assert not stale, f"Table entries for URLs that no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("pattern", SITE, ids=[p.key for p in SITE])
def test_url_pattern(world: dict[str, Any], db: None, pattern: Pattern) -> None:
    rule = table.all_rules().get(pattern.key)
    if rule is None:
        pytest.fail(f"{pattern.key} has no entry in tests/authorization_table.py")
    if pattern.key == "wagtail_serve":
        pytest.skip("Wagtail's pages are walked by test_page_type, one page of each type")
    sample = build_path(pattern, {n: value_of(world["objects"], r) for n, r in rule.args.items()})
    try:
        resolved = resolve(sample.split("?")[0])
    except Resolver404:
        resolved = None
    assert resolved is not None and (
        (resolved.view_name == pattern.name) if pattern.name else True
    ), f"{pattern.key}: {sample} does not reach it; give it args in the table"
    problems = check_rule(world, pattern.key, rule, lambda values: build_path(pattern, values))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("key", "method", "path"), API_OPERATIONS, ids=[key for key, _m, _p in API_OPERATIONS]
)
def test_api_operation(world: dict[str, Any], db: None, key: str, method: str, path: str) -> None:
    rule = table.all_rules()[key]
    rule = Rule(rule.expect, method, rule.args, rule.owned, rule.data, rule.note)

    def path_for(values: dict[str, str]) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)

    problems = check_rule(world, key, rule, path_for, api=True)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("key", PAGE_TYPES)
def test_page_type(world: dict[str, Any], db: None, key: str) -> None:
    from django.apps import apps

    model = apps.get_model(key.removeprefix("page:"))
    page = model.objects.live().exclude(depth__lt=2).first()
    assert page is not None, f"The demo has no live {key}: add one to the demo or this test"
    rule = table.all_rules()[key]
    problems = check_rule(world, key, rule, lambda values: page.url)
    assert not problems, "\n".join(problems)


def test_a_missing_page_is_missing_for_everyone(world: dict[str, Any], db: None) -> None:
    rule = table.all_rules()["wagtail_serve"]
    problems = check_rule(world, "wagtail_serve", rule, lambda values: "/no-such-page/")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("pattern", STAFF_AREA, ids=[p.key for p in STAFF_AREA])
def test_staff_area(world: dict[str, Any], db: None, pattern: Pattern) -> None:
    """Every admin URL: visitors to sign-in, members 403, staff without 2FA to set it up."""
    path = build_path(pattern, {})
    area = "django-admin/" if "django-admin/" in pattern.parts[0] else "admin/"
    expect = table.STAFF_AREA_EXCEPTIONS.get(path, table.STAFF_AREA[area])
    problems = []
    for role, expected in expect.items():
        actual = outcome(world["clients"][role].get(path))
        if not matches(expected, actual):
            problems.append(f"{path} as {role}: {actual}, expected {expected}")
    assert not problems, "\n".join(problems)


def test_staff_without_a_second_factor_reach_no_admin_url(world: dict[str, Any], db: None) -> None:
    problems = []
    for role, user in world["password_only_staff"].items():
        client = Client()
        client.force_login(user)
        for pattern in STAFF_AREA:
            path = build_path(pattern, {})
            actual = outcome(client.get(path))
            if not matches(table.MFA, actual):
                problems.append(f"{path} as {role} without 2FA: {actual}")
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize(
    ("path", "expect"),
    [
        ("/admin/", dict.fromkeys(table.STAFF, table.OK)),
        # The Django admin is for is_staff accounts; a facilitator is sent to its sign-in.
        (
            "/django-admin/",
            {
                **dict.fromkeys(table.STAFF, table.OK),
                table.FACILITATOR: "302 /django-admin/login/",
            },
        ),
    ],
)
def test_staff_with_a_second_factor_open_the_admin(
    world: dict[str, Any], db: None, path: str, expect: dict[str, str]
) -> None:
    for role, expected in expect.items():
        actual = outcome(world["clients"][role].get(path))
        assert matches(expected, actual), (role, actual)
