"""Hypothesis over EVERY form of the site: no input makes a page fail, and no typed text is lost.

Every URL pattern of the site (the same walk as the authorization matrix: config/urls.py
resolved recursively, outside the JSON API and the Wagtail/Django admins) and one live page of
every Wagtail page type must have an entry in ``POSTS`` below: either ``NO_POST`` (the view
answers a POST with 405, checked here) or a ``Post`` saying who sends it and with which of the
matrix's objects in the URL. A new URL without an entry fails ``test_every_url_has_a_post_entry``.

For each entry, the fields come from the forms the site itself shows: every page of the walk
is opened once as its role, and each ``<form method="post">`` gives its action's fields (name,
kind, the options of a select, the value of a checkbox or hidden field). Hypothesis then posts
to the URL, as the entry's role with a fresh session each time, any mix of:

- each field missing, empty, a sensible value (an option, the checkbox's value), arbitrary
  unicode text, a huge text (up to 200,000 characters), NUL and control characters, numbers
  and dates out of range, a list of values, or a file instead of text;
- extra fields with arbitrary names;
- the body as multipart, as url-encoded, as JSON, or as arbitrary bytes (invalid UTF-8, a
  broken multipart boundary) under an arbitrary content type.

Every answer must be 2xx, 3xx or 4xx. And when the answer is the form again (200 or 4xx with
the field in it), each text field must show exactly what was typed (line endings and outer
white space aside): a member's words are never lost on an error. Password fields are not
shown again, by design. Each example runs in a transaction rolled back at its end, so every
example meets the same objects (a delete reaches the real record every time).

The JSON API is fuzzed by kindred/api/tests/test_fuzz.py and test_schemathesis.py.

CI runs KINDRED_FORM_FUZZ_EXAMPLES (default 6) examples per entry; the deep run
(docs/security.md, "Proofs"):

    KINDRED_FORM_FUZZ_EXAMPLES=1000 .venv/bin/pytest tests/test_form_fuzz.py -q -s
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import authorization_table as table
from tests.test_authorization_matrix import (
    PAGE_TYPES,
    SITE,
    Pattern,
    _build_world,
    build_path,
    value_of,
)

EXAMPLES = int(os.environ.get("KINDRED_FORM_FUZZ_EXAMPLES", "6"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
STATUSES: Counter[str] = Counter()  # printed at the end of a run with -s
SAVED: Counter[str] = Counter()  # examples that changed something (a 302 after a POST)
ECHOED: Counter[str] = Counter()  # text values checked in a re-rendered form
TIMES: dict[str, float] = {}

pytestmark = pytest.mark.django_db

# --- the table: every URL of the site, POST or not ------------------------------------------


@dataclass(frozen=True)
class Post:
    role: str = table.A
    # The session also records a recent sign-in (password, and the authenticator for staff),
    # so pages that ask to confirm the password first are reached.
    note: str = ""


NO_POST = None  # the view answers a POST with 405 (checked by test_no_post_urls_refuse_a_post)
MEMBER = Post()
VISITOR = Post(table.ANON)
COACH = Post(table.COACH)

POSTS: dict[str, Post | None] = {
    # core
    "healthz": NO_POST,
    "get_help": NO_POST,
    "blank_safety_plan": NO_POST,
    "robots_txt": NO_POST,
    "sitemap": Post(table.ANON, "answers a POST like a GET"),
    "search": NO_POST,
    "media": NO_POST,
    "wagtaildocs_serve": VISITOR,
    "wagtaildocs_authenticate_with_password": VISITOR,
    "wagtailcore_authenticate_with_password": VISITOR,
    "wagtailcore_login": VISITOR,
    "wagtail_serve": VISITOR,
    # accounts
    "accounts:home": MEMBER,
    "accounts:welcome": MEMBER,
    "accounts:safety": MEMBER,
    "accounts:account": MEMBER,
    "accounts:pseudonym": MEMBER,
    "accounts:profile": MEMBER,
    "accounts:safety_answers": MEMBER,
    "accounts:export": MEMBER,
    "accounts:delete": MEMBER,
    "accounts:quick_exit": MEMBER,
    "account_signup": VISITOR,
    "account_login": VISITOR,
    "account_request_login_code": VISITOR,
    "account_confirm_login_code": VISITOR,
    "account_logout": MEMBER,
    "account_inactive": NO_POST,
    "account_reauthenticate": MEMBER,
    "account_request_reauthentication_code": MEMBER,
    "account_confirm_reauthentication_code": MEMBER,
    "account_email": MEMBER,
    "account_email_verification_sent": NO_POST,
    "account_change_password": MEMBER,
    "account_set_password": MEMBER,
    "account_reset_password": VISITOR,
    "account_confirm_email": VISITOR,
    "account_reset_password_from_key_done": NO_POST,
    "account_reset_password_from_key": VISITOR,
    "account_reset_password_done": NO_POST,
    "mfa_index": MEMBER,
    "mfa_authenticate": VISITOR,
    "mfa_reauthenticate": COACH,
    "mfa_activate_totp": MEMBER,
    "mfa_deactivate_totp": COACH,
    "mfa_view_recovery_codes": COACH,
    "mfa_generate_recovery_codes": COACH,
    "mfa_download_recovery_codes": COACH,
    "usersessions_list": MEMBER,
    "django-admin/login/": Post(table.ANON, "kindred.accounts.staff_auth: to allauth"),
    "admin/login/": Post(table.COACH, "kindred.accounts.staff_auth: a staff POST goes on"),
    "^django-admin/password_change/": MEMBER,
    "^admin/password_reset/": VISITOR,
    "^admin/account/change_password/": MEMBER,
    # memberships
    "memberships:join": NO_POST,
    "memberships:redeem": MEMBER,
    # coach practice
    "coach:practice": MEMBER,
    "coach:draft": MEMBER,
    "coach:draft_delete": MEMBER,
    # learning
    "learning:reflections": NO_POST,
    "learning:reflection_delete": MEMBER,
    # questions
    "questions:ask": MEMBER,
    "questions:ask_draft": MEMBER,
    "questions:my_questions": MEMBER,
    "questions:email_preference": MEMBER,
    "questions:my_question": MEMBER,
    "questions:sent": MEMBER,
    "questions:withdraw": MEMBER,
    "questions:draft_delete": MEMBER,
    "questions:notifications": MEMBER,
    "questions:unsubscribe": VISITOR,
    "questions:queue": COACH,
    "questions:coach_question": COACH,
    "questions:publish": COACH,
    "questions:access_log": Post(table.ADMIN),
    # toolkit
    "toolkit:home": NO_POST,
    "toolkit:safety_plan": MEMBER,
    "toolkit:safety_plan_print": NO_POST,
    "toolkit:tracker": NO_POST,
    "toolkit:tracker_today": MEMBER,
    "toolkit:tracker_tag_add": MEMBER,
    "toolkit:tracker_day": MEMBER,
    "toolkit:analysis": NO_POST,
    "toolkit:analysis_new": MEMBER,
    "toolkit:analysis_edit": MEMBER,
    "toolkit:analysis_delete": MEMBER,
    "toolkit:rewards": MEMBER,
    "toolkit:reward_edit": MEMBER,
    "toolkit:reward_delete": MEMBER,
    "toolkit:reward_log": MEMBER,
    "toolkit:reward_log_delete": MEMBER,
    "toolkit:stepping_back": MEMBER,
    "toolkit:stepping_back_edit": MEMBER,
    "toolkit:stepping_back_delete": MEMBER,
    "toolkit:wellbeing": MEMBER,
    "toolkit:wellbeing_reminder": MEMBER,
    "toolkit:checkin_delete": MEMBER,
    "toolkit:self_care": MEMBER,
    "toolkit:self_care_edit": MEMBER,
    "toolkit:self_care_delete": MEMBER,
    "toolkit:self_care_log": MEMBER,
    "toolkit:journal": MEMBER,
    "toolkit:journal_edit": MEMBER,
    "toolkit:journal_delete": MEMBER,
    "toolkit:invitation": MEMBER,
    "toolkit:invitation_windows": MEMBER,
    "toolkit:invitation_window_delete": MEMBER,
    "toolkit:invitation_answer_add": MEMBER,
    "toolkit:invitation_answer": MEMBER,
    "toolkit:invitation_answer_delete": MEMBER,
    "toolkit:invitation_option_new": MEMBER,
    "toolkit:invitation_directory": MEMBER,
    "toolkit:invitation_option": MEMBER,
    "toolkit:invitation_option_delete": MEMBER,
    # groups
    "groups:index": MEMBER,
    "groups:session": MEMBER,
    "groups:rsvp": MEMBER,
    "groups:rsvp_cancel": MEMBER,
    "groups:recordings": MEMBER,
    "groups:recording": MEMBER,
    "groups:calendar": MEMBER,
    "groups:feed": NO_POST,
    "groups:facilitate": NO_POST,
    "groups:facilitate_session": Post(table.FACILITATOR),
    "groups:facilitate_print": NO_POST,
    "groups:group": MEMBER,
    # resources
    "resources:directory": NO_POST,
    "resources:saved": NO_POST,
    "resources:report": VISITOR,
    "resources:save": MEMBER,
    "resources:unsave": MEMBER,
    # the API's own HTML and JSON pages (its operations are fuzzed by the API tests)
    "api:openapi-json": VISITOR,
    "api:openapi-view": VISITOR,
    "api:api-root": VISITOR,
    # one live page of each Wagtail page type
    **{key: (MEMBER if key.startswith("page:learning.") else VISITOR) for key in PAGE_TYPES},
}

# --- who, where ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    key: str
    pattern: Pattern | None  # None for a page type


TARGETS = [Target(p.key, p) for p in SITE] + [Target(key, None) for key in PAGE_TYPES]
POST_TARGETS = [t for t in TARGETS if POSTS.get(t.key) is not None]
NO_POST_TARGETS = [t for t in TARGETS if t.key in POSTS and POSTS[t.key] is None]


def path_of(world: dict[str, Any], target: Target) -> str:
    if target.pattern is None:
        from django.apps import apps

        model = apps.get_model(target.key.removeprefix("page:"))
        page = model.objects.live().exclude(depth__lt=2).first()
        assert page is not None, f"The demo has no live {target.key}"
        return str(page.url)
    if target.key == "wagtail_serve":
        return "/no-such-page/"
    rule = table.all_rules()[target.key]
    values = {name: value_of(world["objects"], ref) for name, ref in rule.args.items()}
    return build_path(target.pattern, values)


def signed_in_client(world: dict[str, Any], role: str) -> Client:
    """A fresh browser for ``role``, signed in a moment ago (so "confirm your password" pages
    let it through), with the second factor for staff."""
    from kindred.accounts.middleware import SIGNED_IN_AT

    client = Client()
    if role == table.ANON:
        return client
    user = world["users"][role]
    client.force_login(user)
    session = client.session
    now = time.time()
    methods = [{"method": "password", "at": now, "email": user.email}]
    if role in table.STAFF:
        methods.append({"method": "mfa", "at": now, "type": "totp"})
    session["account_authentication_methods"] = methods
    session["account_authentication_methods_user"] = str(user.pk)
    session[SIGNED_IN_AT] = now
    session.save()
    return client


# --- reading the site's own forms -------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, password, hidden, checkbox, radio, select, file, date, number...
    values: list[str] = field(default_factory=list)  # options, checkbox/radio/hidden values


TEXT_KINDS = {"text", "textarea", "email", "search", "url", "tel"}
SEVERAL_FORMS = "(several forms)"


class FormReader(HTMLParser):
    """The POST forms of a page: action path -> fields."""

    def __init__(self, page_path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: dict[str, dict[str, Field]] = {}
        self.count: Counter[str] = Counter()  # forms posting to each action
        self.current: dict[str, Field] | None = None
        self.select: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                action = urlsplit(a.get("action") or self.page_path).path or self.page_path
                self.current = self.forms.setdefault(action, {})
                self.count[action] += 1
            else:
                self.current = None
            return
        if self.current is None or not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            found = self.current.setdefault(name, Field(name, kind))
            if kind in ("checkbox", "radio", "hidden", "submit") and "value" in a:
                found.values.append(a["value"])
        elif tag == "textarea":
            self.current.setdefault(name, Field(name, "textarea"))
        elif tag == "select":
            self.select = self.current.setdefault(name, Field(name, "select"))
        elif tag == "button" and "value" in a:
            self.current.setdefault(name, Field(name, "submit")).values.append(a["value"])
        if tag == "option" and self.select is not None:
            self.select.values.append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None


class ShownValues(HTMLParser):
    """What a page shows in each field: input value attributes and textarea contents."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, list[str]] = {}
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input" and a.get("name") and a.get("type", "text").lower() in TEXT_KINDS:
            self.values.setdefault(a["name"], []).append(a.get("value", ""))
        elif tag == "textarea" and a.get("name"):
            self.textarea, self.text = a["name"], []

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self.textarea is not None:
            self.values.setdefault(self.textarea, []).append("".join(self.text))
            self.textarea = None


def forms_of(client: Client, path: str) -> dict[str, dict[str, Field]]:
    response = client.get(path)
    if response.streaming or "html" not in response.get("Content-Type", ""):
        return {}
    reader = FormReader(path)
    reader.feed(response.content.decode(errors="replace"))
    for action, count in reader.count.items():
        if count > 1:  # several forms post here: their fields are merged
            reader.forms[action][SEVERAL_FORMS] = Field(SEVERAL_FORMS, "marker")
    return reader.forms


# --- the module's world: the matrix's people and objects, and every form's fields -----------


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with django_db_blocker.unblock(), transaction.atomic():
        started = time.monotonic()
        built = _build_world()
        # Every page of the walk, opened once as the role of its entry: the fields of every
        # POST form, by the path it posts to.
        fields: dict[str, dict[str, Field]] = {}
        clients: dict[str, Client] = {}
        for target in TARGETS:
            entry = POSTS.get(target.key)
            role = entry.role if entry is not None else table.A
            if role not in clients:
                clients[role] = signed_in_client(built, role)
            for action, found in forms_of(clients[role], path_of(built, target)).items():
                merged = fields.setdefault(action, {})
                for name, item in found.items():
                    merged.setdefault(name, item).values.extend(
                        v for v in item.values if v not in merged[name].values
                    )
        built["fields"] = fields
        # The same forms by route, for an entry whose own object's page was not among those
        # opened (the directory lists its first entries only; the matrix's may not be there):
        # its form has the same fields as the form of any other object of that route.
        by_route: dict[str, dict[str, Field]] = {}
        for action, found in fields.items():
            try:
                route = resolve(urlsplit(action).path).view_name
            except Resolver404:
                continue
            by_route.setdefault(route, found)
        built["fields_by_route"] = by_route
        TIMES["world"] = time.monotonic() - started
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def no_rate_limits(monkeypatch: Any, settings: Any) -> None:
    """Lift every rate limit (they have their own tests): each example reaches the view."""
    import kindred.core.ratelimit as ratelimit

    original = ratelimit.allow
    for module in list(sys.modules.values()):
        if getattr(module, "allow", None) is original:
            monkeypatch.setattr(module, "allow", lambda *args, **kwargs: True)
    settings.ACCOUNT_RATE_LIMITS = False
    settings.KINDRED_STAFF_MFA_REQUIRED = True


# --- the strategies ------------------------------------------------------------------------

# Text a form may meet: any unicode but lone surrogates (a browser cannot send them; the
# arbitrary bytes below cover invalid UTF-8), control characters and NUL included.
NO_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)
any_text = st.text(st.characters(exclude_categories=NO_SURROGATES), max_size=300)
HUGE = [
    "x" * 20_000,
    "Wir haben geredet. " * 3_000,
    "\u00e9\u6f22\U0001f600" * 25_000,
    "a\n" * 100_000,
]
ODD = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "9" * 40,
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "\x00",
    "a\x00b",
    "\u202eevil",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%(name)s {0} {{ x }}",
    "\r\n\r\n",
    "true",
    "null",
]
odd_text = st.sampled_from(ODD)
huge_text = st.sampled_from(HUGE)


def value_for(item: Field) -> st.SearchStrategy[Any]:
    natural: st.SearchStrategy[Any]
    if item.values:
        natural = st.sampled_from(item.values)
    elif item.kind == "date":
        natural = st.dates().map(str)
    elif item.kind == "number":
        natural = st.integers(-(2**70), 2**70).map(str)
    elif item.kind == "email":
        natural = st.sampled_from(["matrix-a@example.com", "someone@example.com"])
    else:
        natural = any_text
    single = st.one_of(natural, any_text, odd_text)
    return st.one_of(
        single,
        single,
        huge_text,
        st.lists(single, min_size=2, max_size=3),
        st.binary(max_size=64).map(lambda b: SimpleUploadedFile("f.txt", b)),
    )


def body_strategy(fields: dict[str, Field]) -> st.SearchStrategy[dict[str, Any]]:
    known = st.fixed_dictionaries(
        {}, optional={name: value_for(item) for name, item in fields.items()}
    )
    extra = st.dictionaries(st.text(max_size=12), st.one_of(any_text, odd_text), max_size=3)
    form = st.tuples(known, extra).map(lambda pair: {**pair[1], **pair[0]})
    return st.one_of(
        form.map(lambda data: {"as": "multipart", "data": data}),
        form.map(lambda data: {"as": "multipart", "data": data}),
        form.map(lambda data: {"as": "urlencoded", "data": data}),
        form.map(lambda data: {"as": "json", "data": data}),
        st.fixed_dictionaries(
            {
                "as": st.just("raw"),
                "data": st.binary(max_size=300),
                "content_type": st.sampled_from(
                    [
                        "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=xyz",
                        "multipart/form-data",
                        "application/json",
                        "text/plain",
                        "application/octet-stream",
                    ]
                ),
            }
        ),
    )


def plain(value: Any) -> Any:
    if isinstance(value, SimpleUploadedFile):
        return value.name
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def send(client: Client, path: str, body: dict[str, Any]) -> Any:
    kind, data = body["as"], body["data"]
    if kind == "multipart":
        for value in data.values():  # a file can be read once; hypothesis may replay it
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, SimpleUploadedFile):
                    item.seek(0)
        return client.post(path, data)
    if kind == "urlencoded":
        encoded = urlencode({k: plain(v) for k, v in data.items()}, doseq=True)
        return client.post(path, encoded, content_type="application/x-www-form-urlencoded")
    if kind == "json":
        text = json.dumps({k: plain(v) for k, v in data.items()})
        return client.post(path, text, content_type="application/json")
    return client.generic("POST", path, data, content_type=body["content_type"])


def normal(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def lost_words(response: Any, fields: dict[str, Field], body: dict[str, Any]) -> list[str]:
    """Text fields of the re-rendered form that do not show what was typed."""
    if body["as"] not in ("multipart", "urlencoded") or SEVERAL_FORMS in fields:
        # A browser sends one form; fields of several forms at once have no "right" page.
        return []
    if any(fields[name].kind == "submit" for name in body["data"] if name in fields):
        # A second button asks for something else on purpose ("Suggest a name" replaces the
        # name; "Insert template" adds to the reply): the default button is the one checked.
        return []
    if response.status_code not in (200, 400, 409, 422, 429) or response.streaming:
        return []
    if "html" not in response.get("Content-Type", ""):
        return []
    shown = ShownValues()
    shown.feed(response.content.decode(errors="replace"))
    lost = []
    for name, item in fields.items():
        typed = body["data"].get(name)
        if item.kind not in TEXT_KINDS or not isinstance(typed, str) or not normal(typed):
            continue
        if name not in shown.values:
            continue  # another page, or the form is not shown again
        ECHOED[name] += 1
        if normal(typed) not in [normal(v) for v in shown.values[name]]:
            lost.append(f"{name}: typed {typed[:80]!r}, shown {shown.values[name][0][:80]!r}")
    return lost


# --- the tests ------------------------------------------------------------------------------


def test_every_url_has_a_post_entry() -> None:
    """A new URL or page type must say here whether it takes a POST, and as whom."""
    wanted = [t.key for t in TARGETS]
    missing = [key for key in wanted if key not in POSTS]
    assert not missing, (
        "These URLs have no entry in POSTS in tests/test_form_fuzz.py (NO_POST, or who posts "
        "to it): " + ", ".join(missing)
    )
    stale = set(POSTS) - set(wanted)
    assert not stale, f"POSTS entries for URLs that no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("target", NO_POST_TARGETS, ids=[t.key for t in NO_POST_TARGETS])
def test_no_post_urls_refuse_a_post(world: dict[str, Any], db: None, target: Target) -> None:
    rule = table.all_rules()[target.key]
    role = next(
        r
        for r in (table.A, table.ANON, table.FACILITATOR)
        if rule.expect[r] in (table.OK, table.MISSING)
    )
    client = signed_in_client(world, role)
    response = client.post(path_of(world, target), {"text": "x"})
    assert response.status_code == 405, (
        f"{target.key} answers a POST with {response.status_code}: give it a Post entry"
    )


@pytest.mark.parametrize("target", POST_TARGETS, ids=[t.key for t in POST_TARGETS])
def test_every_form_survives_any_input(world: dict[str, Any], db: None, target: Target) -> None:
    entry = POSTS[target.key]
    assert entry is not None
    path = path_of(world, target)
    fields = world["fields"].get(path) or world["fields_by_route"].get(target.key, {})
    fields = {name: item for name, item in fields.items() if name != "csrfmiddlewaretoken"}
    posted = {name: item for name, item in fields.items() if name != SEVERAL_FORMS}
    started = time.monotonic()

    @FUZZ
    @given(body=body_strategy(posted))
    def run(body: dict[str, Any]) -> None:
        with transaction.atomic():
            client = signed_in_client(world, entry.role)
            response = send(client, path, body)
            transaction.set_rollback(True)
        status = response.status_code
        STATUSES[f"{target.key} {status}"] += 1
        if status in (301, 302, 303):
            SAVED[target.key] += 1
        assert status < 500, (target.key, path, body, status)
        lost = lost_words(response, fields, body)
        assert not lost, f"{target.key} {path} ({status}) lost what was typed: {lost}"

    run()
    TIMES[target.key] = time.monotonic() - started
    STATUSES[f"{target.key} fields={len(posted)}"] += 0


def test_the_walk_found_the_forms(world: dict[str, Any], db: None) -> None:
    """The forms are read from the pages: a member page's form must have been found."""
    fields = world["fields"]
    assert "title" in fields.get("/questions/ask/", {}), sorted(fields)
    assert "login" in fields.get("/accounts/login/", {}), sorted(fields)
    assert len(fields) >= 30, sorted(fields)


def test_zz_print_the_figures(capsys: Any) -> None:
    """With -s: per entry, the answers by status, the saves and the time taken."""
    with capsys.disabled():
        print(f"\nform fuzzing, {EXAMPLES} examples per entry:")
        for key, count in sorted(SAVED.items()):
            print(f"  saved (3xx) {key}: {count}")
        for key, count in sorted(STATUSES.items()):
            print(f"  {key}: {count}")
        print(f"  text values checked in a re-rendered form: {sum(ECHOED.values())}")
        for key, seconds in sorted(TIMES.items(), key=lambda kv: -kv[1])[:15]:
            print(f"  time {key}: {seconds:.1f}s")
