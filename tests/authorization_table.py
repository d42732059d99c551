"""The authorization matrix's expected outcomes: who gets what at every URL of Kindred.

Read by ``tests/test_authorization_matrix.py`` (docs/security.md, "Authorization matrix").
One dict per app; each key is a URL name (``"questions:ask"``) or, for an unnamed pattern,
its route as ``config/urls.py`` builds it. Each value is a ``Rule``: the outcome for each of
the nine roles, how to fill the URL's arguments and which HTTP method to use.

Outcomes:
    OK       200
    LOGIN    302 to the sign-in page (with ``next``)
    VERIFY   302 to "verify your email"
    JOIN     302 to /my/join/ (no active membership)
    MFA      302 to setting up the staff second factor
    DENIED   403
    MISSING  404
    "302 /path/"   any other redirect (status, then where it goes; a prefix is enough)
    "405", "401"   any other status

To add a URL: add an entry to its app's dict below (or a new dict, listed in ``TABLES``),
usually ``member()`` for a member page, ``public()`` for a public one, ``verified()`` for a
page every verified person reaches. An argument named in ``args`` is taken from the test's
objects (``OBJECTS`` in the test module: an object of member A's, a session, a lesson…);
``owned=True`` also checks that everyone but member A gets exactly the answer a missing id gets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ANON = "anonymous"
A = "member_a"
B = "member_b"
UNVERIFIED = "unverified"
LAPSED = "lapsed"
COACH = "coach"
EDITOR = "editor"
FACILITATOR = "facilitator"
ADMIN = "org_admin"
ROLES = (ANON, A, B, UNVERIFIED, LAPSED, COACH, EDITOR, FACILITATOR, ADMIN)
STAFF = (COACH, EDITOR, FACILITATOR, ADMIN)
MEMBERS = (A, B, *STAFF)  # every staff role also holds an active membership in the tests

OK = "200"
LOGIN = "302 /accounts/login/?next="
VERIFY = "302 /accounts/confirm-email/"
JOIN = "302 /my/join/"
MFA = "302 /accounts/2fa/totp/activate/"
DENIED = "403"
MISSING = "404"
NOT_ALLOWED = "405"


@dataclass(frozen=True)
class Rule:
    expect: dict[str, str]
    method: str = "get"
    # URL keyword (or positional index, as a string) -> key of the test's OBJECTS, or a literal
    # value when written "=value".
    args: dict[str, str] = field(default_factory=dict)
    owned: bool = False  # the object in ``args`` is member A's: others get a missing id's answer
    data: dict[str, Any] | None = None
    note: str = ""


def _outcomes(default: str, **by_role: str) -> dict[str, str]:
    return {role: by_role.get(role, default) for role in ROLES}


def public(ok: str = OK, **overrides: str) -> dict[str, str]:
    """Everyone, signed in or not."""
    return _outcomes(ok, **overrides)


def verified(ok: str = OK, **overrides: str) -> dict[str, str]:
    """Any signed-in person with a verified email, member or not (kindred.accounts.access)."""
    return _outcomes(ok, **{ANON: LOGIN, UNVERIFIED: VERIFY, **overrides})


def member(ok: str = OK, **overrides: str) -> dict[str, str]:
    """THE member rule (kindred.memberships.access): signed in, verified, membership active."""
    return _outcomes(ok, **{ANON: LOGIN, UNVERIFIED: VERIFY, LAPSED: JOIN, **overrides})


def owned(ok: str = OK, **overrides: str) -> dict[str, str]:
    """A member page about one of member A's objects: anyone else gets the missing answer."""
    others = {role: MISSING for role in MEMBERS if role != A}
    return member(ok, **{**others, **overrides})


def coach_only(ok: str = OK, **overrides: str) -> dict[str, str]:
    """kindred.questions.permissions.coach_required: coaches and organisation admins."""
    return _outcomes(DENIED, **{ANON: LOGIN, COACH: ok, ADMIN: ok, **overrides})


def admin_only(ok: str = OK, **overrides: str) -> dict[str, str]:
    return _outcomes(DENIED, **{ANON: LOGIN, ADMIN: ok, **overrides})


def api_member(ok: str = OK, **overrides: str) -> dict[str, str]:
    """A member-only JSON operation: no session 401, not a member 403 (JSON errors)."""
    return _outcomes(ok, **{ANON: "401", UNVERIFIED: DENIED, LAPSED: DENIED, **overrides})


# --- core and config ----------------------------------------------------------------------

CORE: dict[str, Rule] = {
    "healthz": Rule(public()),
    "get_help": Rule(public()),
    "blank_safety_plan": Rule(public()),
    "robots_txt": Rule(public()),
    "sitemap": Rule(public()),
    "search": Rule(public()),
    "media": Rule(public(MISSING), args={"path": "=missing.png"}, note="no such file"),
    "wagtaildocs_serve": Rule(public(MISSING), args={"0": "=999999", "1": "=x.pdf"}),
    "wagtaildocs_authenticate_with_password": Rule(
        public(MISSING), args={"restriction_id": "=999999"}
    ),
    "wagtailcore_authenticate_with_password": Rule(
        public(MISSING), args={"page_view_restriction_id": "=999999", "page_id": "=999999"}
    ),
    "wagtailcore_login": Rule(public()),
}

# --- accounts: /my/ and allauth's /accounts/ ---------------------------------------------

ACCOUNTS: dict[str, Rule] = {
    "accounts:home": Rule(verified()),
    "accounts:welcome": Rule(verified()),
    "accounts:safety": Rule(verified()),
    "accounts:account": Rule(verified()),
    "accounts:pseudonym": Rule(verified()),
    "accounts:profile": Rule(verified()),
    "accounts:safety_answers": Rule(verified()),
    "accounts:export": Rule(verified()),
    "accounts:delete": Rule(verified()),
    "accounts:quick_exit": Rule(verified(NOT_ALLOWED)),
    "account_signup": Rule(public()),
    "account_login": Rule(public()),
    "account_logout": Rule(public()),
    "account_inactive": Rule(public()),
    "account_reauthenticate": Rule(public()),
    "account_request_reauthentication_code": Rule(public()),
    "account_confirm_reauthentication_code": Rule(public()),
    "account_email": Rule(public()),
    "account_email_verification_sent": Rule(public()),
    "account_change_password": Rule(public()),
    "account_set_password": Rule(public()),
    "account_reset_password": Rule(public()),
    "account_confirm_login_code": Rule(public()),
    "account_confirm_email": Rule(public(), args={"key": "=no-such-key"}),
    "account_reset_password_from_key_done": Rule(public()),
    "account_reset_password_from_key": Rule(public(), args={"uidb36": "=1", "key": "=x-y"}),
    "account_reset_password_done": Rule(public()),
    "account_request_login_code": Rule(public()),
    "mfa_index": Rule(public()),
    "mfa_authenticate": Rule(public()),
    "mfa_reauthenticate": Rule(public()),
    "mfa_activate_totp": Rule(public()),
    "mfa_deactivate_totp": Rule(public()),
    "mfa_view_recovery_codes": Rule(public()),
    "mfa_generate_recovery_codes": Rule(public()),
    "mfa_download_recovery_codes": Rule(public()),
    "usersessions_list": Rule(public()),
    # The admins' own sign-in and password URLs, answered by kindred.accounts.staff_auth.
    "django-admin/login/": Rule(public()),
    "admin/login/": Rule(public()),
    "^django-admin/password_change/": Rule(public()),
    "^admin/password_reset/": Rule(public()),
    "^admin/account/change_password/": Rule(public()),
}

MEMBERSHIPS: dict[str, Rule] = {
    "memberships:join": Rule(verified()),
    "memberships:redeem": Rule(verified()),
}

# --- member features ------------------------------------------------------------------------

COACH_APP: dict[str, Rule] = {
    "coach:practice": Rule(member()),
    "coach:draft": Rule(owned(), args={"draft_id": "practice_draft"}, owned=True),
    "coach:draft_delete": Rule(
        owned("302 /my/practice/"), method="post", args={"draft_id": "practice_draft"}, owned=True
    ),
}

LEARNING: dict[str, Rule] = {
    "learning:reflections": Rule(member()),
    "learning:reflection_delete": Rule(
        owned("302 /my/reflections/"),
        method="post",
        args={"reflection_id": "reflection"},
        owned=True,
    ),
}

QUESTIONS: dict[str, Rule] = {
    "questions:ask": Rule(member()),
    "questions:ask_draft": Rule(owned(), args={"question_id": "question_draft"}, owned=True),
    "questions:my_questions": Rule(member()),
    "questions:email_preference": Rule(member()),
    "questions:my_question": Rule(owned(), args={"question_id": "question_sent"}, owned=True),
    "questions:sent": Rule(owned(), args={"question_id": "question_sent"}, owned=True),
    "questions:withdraw": Rule(
        owned("302 /my/questions/"),
        method="post",
        args={"question_id": "question_sent"},
        owned=True,
    ),
    "questions:draft_delete": Rule(
        owned("302 /my/questions/"),
        method="post",
        args={"question_id": "question_draft"},
        owned=True,
    ),
    "questions:notifications": Rule(member()),
    "questions:unsubscribe": Rule(public(), args={"token": "unsubscribe_token"}),
    "questions:queue": Rule(coach_only()),
    "questions:coach_question": Rule(coach_only(), args={"question_id": "question_sent"}),
    "questions:publish": Rule(coach_only(), args={"question_id": "question_sent"}),
    "questions:access_log": Rule(admin_only()),
}

TOOLKIT: dict[str, Rule] = {
    "toolkit:home": Rule(member()),
    "toolkit:safety_plan": Rule(member()),
    "toolkit:safety_plan_print": Rule(member()),
    "toolkit:tracker": Rule(member()),
    "toolkit:tracker_today": Rule(member()),
    "toolkit:tracker_tag_add": Rule(member()),
    "toolkit:tracker_day": Rule(member(), args={"day": "tracker_day"}),
    "toolkit:analysis": Rule(member()),
    "toolkit:analysis_new": Rule(member()),
    "toolkit:analysis_edit": Rule(owned(), args={"record_id": "analysis"}, owned=True),
    "toolkit:analysis_delete": Rule(owned(), args={"record_id": "analysis"}, owned=True),
    "toolkit:rewards": Rule(member()),
    "toolkit:reward_edit": Rule(owned(), args={"record_id": "reward"}, owned=True),
    "toolkit:reward_delete": Rule(owned(), args={"record_id": "reward"}, owned=True),
    "toolkit:reward_log": Rule(member()),
    "toolkit:reward_log_delete": Rule(owned(), args={"record_id": "reward_given"}, owned=True),
    "toolkit:stepping_back": Rule(member()),
    "toolkit:stepping_back_edit": Rule(owned(), args={"record_id": "stepping_back"}, owned=True),
    "toolkit:stepping_back_delete": Rule(owned(), args={"record_id": "stepping_back"}, owned=True),
}

GROUPS: dict[str, Rule] = {
    "groups:index": Rule(member()),
    "groups:session": Rule(member(), args={"session_id": "group_session"}),
    "groups:rsvp": Rule(member(), method="post", args={"session_id": "group_session"}),
    "groups:rsvp_cancel": Rule(member(), method="post", args={"session_id": "group_session"}),
    "groups:recordings": Rule(member()),
    "groups:recording": Rule(member(), args={"recording_id": "group_recording"}),
    "groups:calendar": Rule(member()),
    "groups:feed": Rule(public(), args={"token": "calendar_token"}),
    "groups:facilitate": Rule(member()),
    "groups:facilitate_session": Rule(member(), args={"session_id": "group_session"}),
    "groups:facilitate_print": Rule(member(), args={"session_id": "group_session"}),
    "groups:group": Rule(member(), args={"slug": "group_slug"}),
}

RESOURCES: dict[str, Rule] = {
    "resources:directory": Rule(public()),
    "resources:saved": Rule(member()),
    "resources:report": Rule(public(), args={"pk": "resource"}),
    "resources:save": Rule(member(), method="post", args={"pk": "resource"}),
    "resources:unsave": Rule(member(), method="post", args={"pk": "resource"}),
}

# --- the JSON API: every operation of /api/openapi.json (keys "METHOD /api/path") ----------

API: dict[str, Rule] = {
    "api:openapi-json": Rule(public()),
    "api:openapi-view": Rule(public()),
    "api:api-root": Rule(public(MISSING)),
    "GET /api/accounts/pseudonym-suggestion": Rule(public()),
    "POST /api/coach/analyze": Rule(api_member(), data={"text": "I feel worried."}),
    "POST /api/learning/lessons/{lesson_id}/reflections": Rule(
        api_member(), args={"lesson_id": "lesson"}, data={"prompt": "p", "text": "t"}
    ),
    "POST /api/toolkit/autosave/{kind}": Rule(
        api_member(),
        args={"kind": "=analysis"},
        data={"record_id": "00000000-0000-4000-8000-000000000001", "fields": {"kind": "using"}},
    ),
    "GET /api/toolkit/tracker/days": Rule(api_member(), data={"month": "2026-01"}),
    "POST /api/toolkit/tracker/days": Rule(api_member("400"), data={}),
    "PUT /api/toolkit/tracker/days/{day_id}": Rule(
        api_member(), args={"day_id": "tracker_day_id"}, owned=True, data={}
    ),
    "POST /api/questions/drafts": Rule(api_member(), data={"title": "t"}),
}

# --- Wagtail pages: one live page of each type (keys "page:<app label>.<Model>") -----------

PAGES: dict[str, Rule] = {
    "page:content.HomePage": Rule(public()),
    "page:content.ArticleIndexPage": Rule(public()),
    "page:content.ArticlePage": Rule(public()),
    "page:content.StoryIndexPage": Rule(public()),
    "page:content.StoryPage": Rule(public()),
    "page:content.RecordingIndexPage": Rule(public()),
    "page:content.RecordingPage": Rule(public()),
    "page:content.StandardPage": Rule(public()),
    "page:learning.ProgramPage": Rule(member()),
    "page:learning.ModulePage": Rule(member()),
    "page:learning.LessonPage": Rule(member()),
    "page:questions.QuestionIndexPage": Rule(public()),
    "page:questions.QuestionPage": Rule(public()),
    "page:resources.ResourceIndexPage": Rule(public()),
    "page:resources.ResourcePage": Rule(public()),
    "wagtail_serve": Rule(public(MISSING), args={"0": "=no-such-page/"}),
}

# --- the staff areas: every pattern under /admin/ and /django-admin/ -----------------------

# Outcome of every admin URL for the roles without a staff role (the staff roles are checked
# separately: without a second factor they are sent to set one up).
STAFF_AREA = {ANON: LOGIN, A: DENIED, B: DENIED, UNVERIFIED: DENIED, LAPSED: DENIED}
STAFF_AREA_PREFIXES = ("admin/", "django-admin/", "^admin/", "^django-admin/")
# Admin URLs whose answer differs from STAFF_AREA (sign-in and public helpers).
STAFF_AREA_EXCEPTIONS: dict[str, dict[str, str]] = {}

TABLES: dict[str, dict[str, Rule]] = {
    "core": CORE,
    "accounts": ACCOUNTS,
    "memberships": MEMBERSHIPS,
    "coach": COACH_APP,
    "learning": LEARNING,
    "questions": QUESTIONS,
    "toolkit": TOOLKIT,
    "groups": GROUPS,
    "resources": RESOURCES,
    "api": API,
    "pages": PAGES,
}


def all_rules() -> dict[str, Rule]:
    merged: dict[str, Rule] = {}
    for app, table in TABLES.items():
        for key, rule in table.items():
            assert key not in merged, f"{key} is in two tables ({app} and another)"
            merged[key] = rule
    return merged
