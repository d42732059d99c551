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
# The request reached the view (a form post with nothing in it: 200, 302 back, 400 or 422),
# i.e. it was not refused: no 401/403/404/405 and no redirect to sign-in, verify or join.
REACHED = "reached"
SIGNED_IN_HOME = "302 /my/"
REAUTH = "302 /accounts/reauthenticate/"
STAFF_REAUTH = "302 /accounts/2fa/reauthenticate/"
NON_STAFF = (A, B, UNVERIFIED, LAPSED)


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


def _each(roles: tuple[str, ...], outcome: str) -> dict[str, str]:
    return dict.fromkeys(roles, outcome)


def signed_out_only(**overrides: str) -> dict[str, str]:
    """allauth's sign-in and sign-up pages: a signed-in person is sent to /my/."""
    return _outcomes(SIGNED_IN_HOME, **{ANON: OK, **overrides})


def signed_in(ok: str = OK, **overrides: str) -> dict[str, str]:
    """Anyone signed in (allauth's account pages, @login_required)."""
    return _outcomes(ok, **{ANON: LOGIN, **overrides})


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


def facilitators() -> dict[str, str]:
    """kindred.groups.permissions.facilitator_required (before the member rule)."""
    return _outcomes(DENIED, **{ANON: LOGIN, FACILITATOR: OK, ADMIN: OK})


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
    "accounts:export": Rule(verified(), method="post"),
    "accounts:delete": Rule(verified()),
    "accounts:quick_exit": Rule(verified(NOT_ALLOWED)),
    "account_signup": Rule(signed_out_only()),
    "account_login": Rule(signed_out_only()),
    "account_request_login_code": Rule(signed_out_only()),
    "account_confirm_login_code": Rule(signed_out_only(**{ANON: "302 /accounts/login/code/"})),
    "account_logout": Rule(public(**{ANON: "302 /"})),
    "account_inactive": Rule(public()),
    # A password reauthenticates a member; staff (who have an authenticator) use it instead.
    "account_reauthenticate": Rule(signed_in(**_each(STAFF, STAFF_REAUTH))),
    "account_request_reauthentication_code": Rule(
        signed_in(**{UNVERIFIED: REAUTH, **_each(STAFF, STAFF_REAUTH)})
    ),
    "account_confirm_reauthentication_code": Rule(
        signed_in(
            "302 /accounts/reauthenticate/code/",
            **_each(STAFF, STAFF_REAUTH),
        )
    ),
    "account_email": Rule(signed_in()),
    "account_email_verification_sent": Rule(public()),
    "account_change_password": Rule(signed_in()),
    "account_set_password": Rule(signed_in("302 /accounts/password/change/")),
    "account_reset_password": Rule(public()),
    "account_confirm_email": Rule(public(), args={"key": "=no-such-key"}),
    "account_reset_password_from_key_done": Rule(public()),
    "account_reset_password_from_key": Rule(public(), args={"uidb36": "=1", "key": "=x-y"}),
    "account_reset_password_done": Rule(public()),
    "mfa_index": Rule(signed_in()),
    "mfa_authenticate": Rule(signed_out_only(**{ANON: "302 /accounts/login/"})),
    "mfa_reauthenticate": Rule(signed_in(**_each(NON_STAFF, REAUTH))),
    "mfa_activate_totp": Rule(signed_in(REAUTH, **_each(STAFF, STAFF_REAUTH))),
    "mfa_deactivate_totp": Rule(signed_in(MISSING, **_each(STAFF, STAFF_REAUTH))),
    "mfa_view_recovery_codes": Rule(signed_in(MISSING), note="no recovery codes made"),
    "mfa_generate_recovery_codes": Rule(signed_in(REAUTH, **_each(STAFF, STAFF_REAUTH))),
    "mfa_download_recovery_codes": Rule(signed_in(MISSING), note="no recovery codes made"),
    "usersessions_list": Rule(signed_in()),
    # The admins' own sign-in and password URLs, answered by kindred.accounts.staff_auth:
    # allauth signs everyone in; a member is told no (403), staff go on to the admin.
    "django-admin/login/": Rule(
        _outcomes(
            DENIED,
            **{ANON: "302 /accounts/login/"},
            **_each((COACH, EDITOR, ADMIN), "302 /django-admin/"),
        )
    ),
    "admin/login/": Rule(
        _outcomes(DENIED, **{ANON: "302 /accounts/login/"}, **_each(STAFF, "302 /admin/"))
    ),
    "^django-admin/password_change/": Rule(public("302 /accounts/password/change/")),
    "^admin/password_reset/": Rule(public("302 /accounts/password/reset/")),
    "^admin/account/change_password/": Rule(public("302 /accounts/password/change/")),
}

MEMBERSHIPS: dict[str, Rule] = {
    # Public; someone signed in without an active membership gets the page with a 403.
    "memberships:join": Rule(public(**_each((LAPSED,), DENIED))),
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
    "questions:email_preference": Rule(signed_in("302 /my/questions/"), method="post"),
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
    # Any signed-in person: a lapsed member still sees what happened to their questions.
    "questions:notifications": Rule(signed_in()),
    "questions:unsubscribe": Rule(public(), args={"token": "unsubscribe_token"}),
    "questions:queue": Rule(coach_only()),
    "questions:coach_question": Rule(coach_only(), args={"question_id": "question_sent"}),
    "questions:publish": Rule(
        coach_only(DENIED), args={"question_id": "question_sent"}, note="not answered yet"
    ),
    "questions:access_log": Rule(admin_only()),
}

TOOLKIT: dict[str, Rule] = {
    "toolkit:home": Rule(member()),
    "toolkit:safety_plan": Rule(member()),
    "toolkit:safety_plan_print": Rule(member()),
    "toolkit:tracker": Rule(member()),
    "toolkit:tracker_today": Rule(member(REACHED), method="post"),
    "toolkit:tracker_tag_add": Rule(member(REACHED), method="post"),
    "toolkit:tracker_day": Rule(member(), args={"day": "tracker_day"}),
    "toolkit:analysis": Rule(member()),
    "toolkit:analysis_new": Rule(member()),
    "toolkit:analysis_edit": Rule(owned(), args={"record_id": "analysis"}, owned=True),
    "toolkit:analysis_delete": Rule(
        owned("302 /toolkit/analysis/"), "post", args={"record_id": "analysis"}, owned=True
    ),
    "toolkit:rewards": Rule(member()),
    "toolkit:reward_edit": Rule(owned(), args={"record_id": "reward"}, owned=True),
    "toolkit:reward_delete": Rule(
        owned("302 /toolkit/rewards/"), "post", args={"record_id": "reward"}, owned=True
    ),
    "toolkit:reward_log": Rule(member(REACHED), method="post"),
    "toolkit:reward_log_delete": Rule(
        owned("302 /toolkit/rewards/"), "post", args={"record_id": "reward_given"}, owned=True
    ),
    "toolkit:stepping_back": Rule(member()),
    "toolkit:stepping_back_edit": Rule(owned(), args={"record_id": "stepping_back"}, owned=True),
    "toolkit:stepping_back_delete": Rule(
        owned("302 /toolkit/stepping-back/"),
        "post",
        args={"record_id": "stepping_back"},
        owned=True,
    ),
    # Part 2: wellbeing check-ins, self-care, the journal, the invitation planner.
    "toolkit:wellbeing": Rule(member()),
    "toolkit:wellbeing_reminder": Rule(member(REACHED), method="post"),
    "toolkit:checkin_delete": Rule(
        owned("302 /toolkit/wellbeing/"), "post", args={"record_id": "checkin"}, owned=True
    ),
    "toolkit:self_care": Rule(member()),
    "toolkit:self_care_edit": Rule(owned(), args={"record_id": "self_care_goal"}, owned=True),
    "toolkit:self_care_delete": Rule(
        owned("302 /toolkit/self-care/"), "post", args={"record_id": "self_care_goal"}, owned=True
    ),
    "toolkit:self_care_log": Rule(
        owned("302 /toolkit/self-care/"), "post", args={"record_id": "self_care_goal"}, owned=True
    ),
    "toolkit:journal": Rule(member()),
    "toolkit:journal_edit": Rule(owned(), args={"record_id": "journal_entry"}, owned=True),
    "toolkit:journal_delete": Rule(
        owned("302 /toolkit/journal/"), "post", args={"record_id": "journal_entry"}, owned=True
    ),
    "toolkit:invitation": Rule(member()),
    "toolkit:invitation_windows": Rule(member()),
    "toolkit:invitation_window_delete": Rule(
        owned("302 /toolkit/invitation/windows/"), "post", args={"record_id": "window"}, owned=True
    ),
    "toolkit:invitation_answer_add": Rule(member(REACHED), method="post"),
    "toolkit:invitation_answer": Rule(owned(), args={"record_id": "prepared_answer"}, owned=True),
    "toolkit:invitation_answer_delete": Rule(
        owned("302 /toolkit/invitation/"), "post", args={"record_id": "prepared_answer"}, owned=True
    ),
    "toolkit:invitation_option_new": Rule(member()),
    "toolkit:invitation_directory": Rule(member()),
    "toolkit:invitation_option": Rule(owned(), args={"record_id": "treatment_option"}, owned=True),
    "toolkit:invitation_option_delete": Rule(
        owned("302 /toolkit/invitation/"),
        "post",
        args={"record_id": "treatment_option"},
        owned=True,
    ),
}

GROUPS: dict[str, Rule] = {
    "groups:index": Rule(member()),
    "groups:session": Rule(member(), args={"session_id": "group_session"}),
    "groups:rsvp": Rule(member(REACHED), method="post", args={"session_id": "group_session"}),
    "groups:rsvp_cancel": Rule(
        member("302 /groups/sessions/"), method="post", args={"session_id": "group_session"}
    ),
    "groups:recordings": Rule(member()),
    "groups:recording": Rule(member(), args={"recording_id": "group_recording"}),
    "groups:calendar": Rule(member()),
    "groups:feed": Rule(public(), args={"token": "calendar_token"}),
    # The facilitator of the session's group, and organisation admins.
    "groups:facilitate": Rule(facilitators()),
    "groups:facilitate_session": Rule(facilitators(), args={"session_id": "group_session"}),
    "groups:facilitate_print": Rule(facilitators(), args={"session_id": "group_session"}),
    "groups:group": Rule(member(), args={"slug": "group_slug"}),
}

RESOURCES: dict[str, Rule] = {
    "resources:directory": Rule(public()),
    "resources:saved": Rule(member()),
    "resources:report": Rule(public(), args={"pk": "resource"}),
    "resources:save": Rule(member("302 /resources/"), method="post", args={"pk": "resource"}),
    "resources:unsave": Rule(
        member("302 /resources/saved/"), method="post", args={"pk": "resource"}
    ),
}

# --- the JSON API: every operation of /api/openapi.json (keys "METHOD /api/path") ----------

API: dict[str, Rule] = {
    "api:openapi-json": Rule(public()),
    "api:openapi-view": Rule(public()),
    "api:api-root": Rule(public(MISSING)),
    "GET /api/accounts/pseudonym-suggestion": Rule(public()),
    "POST /api/coach/analyze": Rule(api_member(), data={"text": "I feel worried."}),
    "POST /api/learning/lessons/{lesson_id}/reflections": Rule(
        api_member(), args={"lesson_id": "lesson"}, data={"prompt": "@prompt_id", "text": "t"}
    ),
    # Member A's worksheet: saved for her, "not found" for everyone else.
    "POST /api/toolkit/autosave/{kind}": Rule(
        _outcomes(MISSING, **{ANON: "401", UNVERIFIED: DENIED, LAPSED: DENIED, A: OK}),
        args={"kind": "=analysis"},
        data={"record_id": "@analysis", "fields": {"kind": "using"}},
    ),
    "GET /api/toolkit/tracker/days": Rule(api_member(), data={"month": "2026-01"}),
    "POST /api/toolkit/tracker/days": Rule(
        api_member("201"), data={"day": "@new_tracker_date", "used": "no"}
    ),
    "PUT /api/toolkit/tracker/days/{day_id}": Rule(
        _outcomes(MISSING, **{ANON: "401", UNVERIFIED: DENIED, LAPSED: DENIED, A: OK}),
        args={"day_id": "tracker_day_id"},
        owned=True,
        data={"day": "@tracker_day_date", "used": "no"},
    ),
    "POST /api/questions/drafts": Rule(api_member(), data={"title": "t"}),
    "GET /api/toolkit/wellbeing/checkins": Rule(api_member()),
    "POST /api/toolkit/wellbeing/checkins": Rule(
        api_member("201"),
        data={
            "day": "@new_tracker_date",
            **dict.fromkeys(
                ("stress", "mood", "sleep", "hope", "family", "work", "health", "friends"), 5
            ),
            "money": 5,
            "free_time": 5,
        },
    ),
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
# Visitors and signed-in people without a staff role go to the admin's sign-in URL, which
# sends visitors on to allauth and tells a signed-in member no (403; tested in
# kindred/accounts/tests/test_staff_sign_in.py).
STAFF_AREA = {
    "admin/": _each((ANON, *NON_STAFF), "302 /admin/login/"),
    "django-admin/": _each((ANON, *NON_STAFF), "302 /django-admin/login/"),
}
STAFF_AREA_PREFIXES = ("admin/", "django-admin/", "^admin/", "^django-admin/")
# Admin URLs (by sample path) whose answer differs: the sign-in and password URLs that
# kindred.accounts.staff_auth answers, and two static helpers with nothing private in them.
_TO_RESET = _each((ANON, *NON_STAFF), "302 /accounts/password/reset/")
_TO_CHANGE = _each((ANON, *NON_STAFF), "302 /accounts/password/change/")
STAFF_AREA_EXCEPTIONS: dict[str, dict[str, str]] = {
    "/admin/login/": {ANON: "302 /accounts/login/", **_each(NON_STAFF, DENIED)},
    "/django-admin/login/": {ANON: "302 /accounts/login/", **_each(NON_STAFF, DENIED)},
    "/django-admin/logout/": _each((ANON, *NON_STAFF), "302 /django-admin/"),
    "/admin/password_reset/": _TO_RESET,
    "/admin/password_reset/done/": _TO_RESET,
    "/admin/password_reset/confirm/x/x/": _TO_RESET,
    "/admin/password_reset/complete/": _TO_RESET,
    "/django-admin/password_change/": _TO_CHANGE,
    "/django-admin/password_change/done/": _TO_CHANGE,
    "/admin/sprite/": _each((ANON, *NON_STAFF), OK),  # the icon sprite
    "/admin/jsi18n/": _each((ANON, *NON_STAFF), OK),  # the admin's JavaScript translations
}

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
