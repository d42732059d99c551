"""The ONE place that decides whether someone may open a member-only page.

Anonymous → the sign-in page (with ``next``); signed in but email not verified → allauth's
"verify your email" page; no active membership → /my/join/, which explains how to join or
redeem a code. Use ``member_required`` on function views and ``MemberRequiredMixin`` on class
views; ``has_active_membership`` answers the question anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from kindred.memberships.selectors import membership_status


def has_active_membership(user: Any) -> bool:
    """True when the user has a membership that is active today."""
    return membership_status(user).is_active


def has_verified_email(user: Any) -> bool:
    cached = getattr(user, "_kindred_email_verified", None)
    if cached is None:
        cached = EmailAddress.objects.filter(user=user, verified=True).exists()
        user._kindred_email_verified = cached
    return bool(cached)


def member_access_response(request: HttpRequest) -> HttpResponse | None:
    """None when the request may see member content; otherwise where to send the person."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_verified_email(user):
        return redirect("account_email_verification_sent")
    if not has_active_membership(user):
        return redirect("memberships:join")
    return None


def member_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorator: only members with a verified email and an active membership get the view."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = member_access_response(request)
        if refused is not None:
            return refused
        return view(request, *args, **kwargs)

    return wrapper


class MemberRequiredMixin:
    """Class-based views: the same rule as ``member_required``."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = member_access_response(request)
        if refused is not None:
            return refused
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


def verified_user_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For pages every signed-in, verified person reaches, member or not (/my/, /my/redeem/)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not has_verified_email(request.user):
            return redirect("account_email_verification_sent")
        return view(request, *args, **kwargs)

    return wrapper
