"""Who may do what with members' questions: one place for the staff rule."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from kindred.accounts.roles import COACHES, group_names, is_organisation_admin


def is_coach_or_admin(user: Any) -> bool:
    """Coaches and organisation admins read and answer members' questions; nobody else."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return is_organisation_admin(user) or COACHES in group_names(user)


def _staff_gate(
    check: Callable[[Any], bool],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            if settings.KINDRED_STAFF_MFA_REQUIRED:
                # Member text is as sensitive as anything in the admin: the same 2FA rule.
                from kindred.accounts.middleware import staff_two_factor_done

                if not staff_two_factor_done(request):
                    return redirect("mfa_activate_totp")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


coach_required = _staff_gate(is_coach_or_admin)
organisation_admin_required = _staff_gate(is_organisation_admin)
