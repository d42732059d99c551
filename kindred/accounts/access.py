"""Pages for anyone signed in with a verified email, member or not (/my/, account settings).

Member-only pages use the one membership rule in ``kindred.memberships.access``, which builds
on ``has_verified_email`` from here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def has_verified_email(user: Any) -> bool:
    """True when the signed-in person has confirmed an email address (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_kindred_email_verified", None)
    if cached is None:
        cached = EmailAddress.objects.filter(user=user, verified=True).exists()
        user._kindred_email_verified = cached
    return bool(cached)


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
