"""The ONE rule for member features: signed in, a verified email, and a membership active today.

``has_active_membership(user)`` is that rule as a predicate: every member-only view, API
endpoint, template and card uses it (directly or through the helpers below), never an ad-hoc
check. Where a refused person is sent: anonymous → the sign-in page (with ``next``); email not
verified → allauth's "verify your email" page; no active membership → /my/join/, which explains
how to join or redeem a code. Use ``member_required`` on function views, ``MemberRequiredMixin``
on class views, and ``member_access_response(request)`` where a view must decide itself.
Pages for any verified person, member or not, use ``kindred.accounts.access``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from kindred.accounts.access import has_verified_email, verified_user_required
from kindred.memberships.selectors import membership_status

__all__ = [
    "MemberRequiredMixin",
    "has_active_membership",
    "has_verified_email",
    "member_access_response",
    "member_required",
    "verified_user_required",
]


def has_active_membership(user: Any) -> bool:
    """THE member rule: signed in, a verified email, and a membership active today."""
    return (
        getattr(user, "is_authenticated", False)
        and has_verified_email(user)
        and membership_status(user).is_active
    )


def member_access_response(request: HttpRequest) -> HttpResponse | None:
    """None when the request may see member content; otherwise where to send the person."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_verified_email(user):
        return redirect("account_email_verification_sent")
    if not membership_status(user).is_active:
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
