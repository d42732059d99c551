"""Signing in and out: new session keys, no enumeration, rate limits, timeouts, no caching."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.contrib.sessions.models import Session
from django.core.cache import caches

from kindred.accounts.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from kindred.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, email, password=TEST_PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_sessions_live_in_the_cache_and_the_database():
    # Django's cached_db store, made to outlive a cache outage (kindred/core/sessions.py).
    from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

    from kindred.core.sessions import SessionStore

    assert settings.SESSION_ENGINE == "kindred.core.sessions"
    assert issubclass(SessionStore, CachedDBStore)


def test_signing_in_gives_a_new_session_key(client, alice):
    client.get("/accounts/login/")  # an anonymous session with a CSRF token
    client.session.save()
    before = client.session.session_key
    response = sign_in(client, alice.email)
    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(client, alice):
    known = sign_in(client, alice.email, "wrong-password-123")
    unknown = sign_in(client, "nobody@example.com", "wrong-password-123")
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


def test_ten_wrong_passwords_in_a_row_are_rate_limited(client, alice):
    responses = [sign_in(client, alice.email, f"wrong-password-{i}") for i in range(10)]
    messages = [" ".join(r.context["form"].non_field_errors()) for r in responses]
    assert any("Too many failed login attempts" in m for m in messages)
    # Even the right password is refused while limited.
    assert "_auth_user_id" not in sign_in(client, alice.email).client.session
    # An unknown email gets the same limited answer: nothing reveals whether it exists.
    other = [sign_in(client, "nobody@example.com", f"wrong-{i}") for i in range(10)]
    assert messages[-1] == " ".join(other[-1].context["form"].non_field_errors())


def test_signing_out_deletes_the_session_from_the_cache_and_the_database(client, alice):
    sign_in(client, alice.email)
    key = client.session.session_key
    cache = caches[settings.SESSION_CACHE_ALIAS]
    assert cache.get(KEY_PREFIX + key) is not None
    assert Session.objects.filter(session_key=key).exists()
    client.post("/accounts/logout/")
    assert cache.get(KEY_PREFIX + key) is None
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/my/").status_code == 302


def test_member_and_account_pages_are_never_stored(client, alice):
    for path in ["/accounts/login/", "/accounts/signup/"]:
        assert "no-store" in client.get(path)["Cache-Control"]
    client.force_login(alice)
    for path in ["/my/", "/my/account/", "/accounts/email/"]:
        assert "no-store" in client.get(path)["Cache-Control"]


def test_public_pages_are_not_marked_no_store(client, home_page):
    assert "no-store" not in client.get("/get-help/").get("Cache-Control", "")


def _age_session(client, **seconds_ago):
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = time.time() - ago
    session.save()


@pytest.mark.parametrize(
    ("idle_minutes", "max_hours", "signed_in_ago", "last_seen_ago", "still_in"),
    [
        (60, 12, 3600, 30 * 60, True),
        (60, 12, 3600, 61 * 60, False),
        (30, 12, 3600, 31 * 60, False),
        (60, 12, 12 * 3600 + 60, 60, False),
        (60, 24, 12 * 3600 + 60, 60, True),
    ],
)
def test_sessions_end_after_idle_time_and_absolute_time(
    client, alice, settings, idle_minutes, max_hours, signed_in_ago, last_seen_ago, still_in
):
    settings.SESSION_IDLE_MINUTES = idle_minutes
    settings.SESSION_MAX_HOURS = max_hours
    client.force_login(alice)
    client.get("/my/")
    _age_session(client, **{SIGNED_IN_AT: signed_in_ago, LAST_SEEN_AT: last_seen_ago})
    response = client.get("/my/")
    if still_in:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/my/")
        assert "_auth_user_id" not in client.session


def test_a_member_sees_their_devices_and_can_sign_out_of_the_others(client, alice):
    from django.test import Client

    other = Client()
    sign_in(other, alice.email)
    sign_in(client, alice.email)
    response = client.get("/accounts/sessions/")
    assert response.status_code == 200
    assert len(response.context["sessions"]) == 2
    client.post("/accounts/sessions/", {"action": "logout"})
    assert other.get("/my/").status_code == 302
    assert client.get("/my/").status_code == 200


def test_a_repeat_member_page_within_a_minute_writes_nothing(client, alice):
    """16 wrk connections on one member's session were suspected of serialising on a write
    (issue 10, run 6). Only the first request of a minute writes (allauth's device record
    and the session's last-seen time); the next ones only read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sign_in(client, alice.email)
    assert client.get("/my/").status_code == 200
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/my/").status_code == 200
        writes = [
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        assert writes == []
