"""Session lifetimes, staff two-factor authentication, and no caching of member pages."""

from __future__ import annotations

import time
import zoneinfo
from collections.abc import Callable
from typing import cast

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

from kindred.accounts.roles import has_staff_role

SIGNED_IN_AT = "kindred_signed_in_at"
MEMBER_TIME_ZONE = "kindred_time_zone"
LAST_SEEN_AT = "kindred_last_seen_at"
MEMBER_PATH_PREFIXES = ("/my/", "/accounts/")


class SessionTimeoutMiddleware:
    """End a session after SESSION_IDLE_MINUTES without activity or SESSION_MAX_HOURS in all.

    The sign-in time and the last activity live in the session itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            signed_in_at = session.get(SIGNED_IN_AT)
            last_seen_at = session.get(LAST_SEEN_AT)
            if signed_in_at is None:
                session[SIGNED_IN_AT] = now
                signed_in_at = now
            idle = settings.SESSION_IDLE_MINUTES * 60
            longest = settings.SESSION_MAX_HOURS * 60 * 60
            if (last_seen_at is not None and now - last_seen_at > idle) or (
                now - signed_in_at > longest
            ):
                logout(request)  # flushes the session from the cache and the database
                return redirect_to_login(request.get_full_path())
            # Write at most once a minute: every write is a cache and database round trip.
            if last_seen_at is None or now - last_seen_at > 60:
                session[LAST_SEEN_AT] = now
        return self.get_response(request)


def staff_two_factor_done(request: HttpRequest) -> bool:
    """The staff member has an authenticator, and this session proved it.

    Only allauth records a second factor in the session: its sign-in step and its
    reauthentication with the authenticator. A session that began with a password alone
    never counts, even after an authenticator is set up in it: the staff member signs in
    again with the new authenticator (docs/security.md, "Staff sign-in").
    """
    user = request.user
    has_authenticator = Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()
    return has_authenticator and any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


class StaffTwoFactorMiddleware:
    """Staff open the admin only after two-factor authentication (KINDRED_STAFF_MFA_REQUIRED)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.KINDRED_STAFF_MFA_REQUIRED
            and request.path.startswith(settings.KINDRED_ADMIN_PATH_PREFIXES)
            and request.user.is_authenticated
            and has_staff_role(request.user)
            and not staff_two_factor_done(request)
        ):
            has_authenticator = Authenticator.objects.filter(user=request.user).exists()
            if has_authenticator:
                # They have one but did not use it in this session: sign in again with it.
                logout(request)
                return redirect_to_login(request.get_full_path())
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class MemberPagesNoStoreMiddleware:
    """Member and account pages are never stored by the browser or a proxy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(MEMBER_PATH_PREFIXES):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


def member_time_zone(request: HttpRequest) -> zoneinfo.ZoneInfo | None:
    """The signed-in person's own time zone (their profile's), remembered in the session so
    that it costs a query once per session, not once per page."""
    user = request.user
    remembered = request.session.get(MEMBER_TIME_ZONE)
    if not (isinstance(remembered, list) and len(remembered) == 2 and remembered[0] == user.pk):
        from kindred.accounts.models import Profile

        name = (
            Profile.objects.filter(user_id=cast(int, user.pk))
            .values_list("time_zone", flat=True)
            .first()
        )
        remembered = [user.pk, name or ""]
        request.session[MEMBER_TIME_ZONE] = remembered
    try:
        return zoneinfo.ZoneInfo(remembered[1]) if remembered[1] else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def forget_member_time_zone(request: HttpRequest) -> None:
    """Call after the member changes their time zone, so the next page reads it again."""
    request.session.pop(MEMBER_TIME_ZONE, None)


class MemberTimeZoneMiddleware:
    """Show every date and time in the signed-in person's own time zone.

    Visitors, and people who have not chosen one, see the organisation's TIME_ZONE.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        zone = member_time_zone(request) if request.user.is_authenticated else None
        if zone is None:
            return self.get_response(request)
        timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
