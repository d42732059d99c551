"""Who may run a group: organisation admins, and facilitators for the groups they facilitate.

Facilitators are staff ("Facilitators" is in ``kindred.accounts.roles.STAFF_ROLES``): only an
organisation admin can grant the role, and the staff two-factor rule covers it, in the admin
(``StaffTwoFactorMiddleware``) and on the facilitator pages here (``facilitator_required``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from kindred.accounts.roles import FACILITATORS, group_names, is_organisation_admin


def is_facilitator(user: Any) -> bool:
    """Members of Facilitators, and organisation admins (who may run any group)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return is_organisation_admin(user) or FACILITATORS in group_names(user)


def can_run(user: Any, group: Any) -> bool:
    """May this person see the roster of, message, move or cancel sessions of ``group``?"""
    if is_organisation_admin(user):
        return True
    return is_facilitator(user) and group.facilitator_id == user.pk


def facilitator_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in, a facilitator (or admin), and past staff two-factor authentication."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_facilitator(request.user):
            raise PermissionDenied
        if settings.KINDRED_STAFF_MFA_REQUIRED:
            from kindred.accounts.middleware import staff_two_factor_done

            if not staff_two_factor_done(request):
                return redirect("mfa_activate_totp")
        return view(request, *args, **kwargs)

    return wrapper
