"""Every sign-in goes through allauth (docs/security.md, "Staff sign-in").

Django's and Wagtail's admins ship their own login, password-reset and password-change views.
They know nothing of allauth's rate limits, locked accounts, unverified emails or the second
factor, so Kindred routes their URLs here (config/urls.py): each one sends the visitor to
allauth's equivalent page and never authenticates anyone itself.

Changing the second factor (turning TOTP off, new recovery codes) needs allauth's
reauthentication. For someone who has a second factor, a password is not enough there: the
password and email-code reauthentication pages send them to the second-factor one.
"""

from __future__ import annotations

from typing import Any

from allauth.account import views as allauth_views
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.csrf import csrf_exempt


def _safe_next(request: HttpRequest) -> str:
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


def _to(url_name: str, next_url: str = "") -> HttpResponseRedirect:
    url = reverse(url_name)
    if next_url:
        url = f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"
    return HttpResponseRedirect(url)


def can_open_the_wagtail_admin(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


# csrf_exempt: these views read nothing from a POST, they only redirect. Without it a POST
# with a stale token would get the CSRF page instead of the way to the real sign-in.
def _login(request: HttpRequest, may_enter: bool, home: str) -> HttpResponse:
    """allauth's sign-in, or a 403 for someone signed in who may not enter this admin.

    Sent back to allauth's sign-in, a signed-in person would be sent on to the admin again,
    which would send them back here: a loop the browser ends with an error.
    """
    if request.user.is_authenticated:
        if not may_enter:
            raise PermissionDenied("This part of the site is for staff.")
        return HttpResponseRedirect(_safe_next(request) or home)
    return _to("account_login", _safe_next(request))


# csrf_exempt: these views read nothing from a POST, they only redirect. Without it a POST
# with a stale token would get the CSRF page instead of the way to the real sign-in.
@csrf_exempt
def wagtail_admin_login(request: HttpRequest) -> HttpResponse:
    """Wagtail's login page (WAGTAILADMIN_LOGIN_URL): never signs anyone in."""
    return _login(request, can_open_the_wagtail_admin(request.user), reverse("wagtailadmin_home"))


@csrf_exempt
def django_admin_login(request: HttpRequest) -> HttpResponse:
    """The Django admin's login page: never signs anyone in."""
    user = request.user
    may_enter = bool(user.is_authenticated and user.is_active and user.is_staff)
    return _login(request, may_enter, reverse("admin:index"))


@csrf_exempt
def admin_password_reset(request: HttpRequest, **_: Any) -> HttpResponse:
    """The admins' password-reset pages: allauth's (rate limited, discreet, correct links)."""
    return _to("account_reset_password")


@csrf_exempt
def admin_password_change(request: HttpRequest, **_: Any) -> HttpResponse:
    """The admins' password-change pages: allauth's (asks for the current password)."""
    return _to("account_change_password")


def _mfa_instead(request: HttpRequest) -> HttpResponse | None:
    """For someone with a second factor, reauthentication means the second factor."""
    user = request.user
    if user.is_authenticated and is_mfa_enabled(user):
        query = request.META.get("QUERY_STRING", "")
        url = reverse("mfa_reauthenticate")
        return HttpResponseRedirect(f"{url}?{query}" if query else url)
    return None


def reauthenticate(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """allauth's password reauthentication, except for someone with a second factor."""
    return _mfa_instead(request) or allauth_views.reauthenticate(request, *args, **kwargs)


def request_reauthentication_code(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """allauth's email-code reauthentication, except for someone with a second factor."""
    return _mfa_instead(request) or allauth_views.request_reauthentication_code(
        request, *args, **kwargs
    )


def confirm_reauthentication_code(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """allauth's email-code reauthentication, except for someone with a second factor."""
    return _mfa_instead(request) or allauth_views.confirm_reauthentication_code(
        request, *args, **kwargs
    )
