"""How to join, and redeeming an access code."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from kindred.accounts.access import verified_user_required
from kindred.core.ratelimit import allow
from kindred.memberships.forms import RedeemForm
from kindred.memberships.selectors import code_find, membership_status
from kindred.memberships.services import RedemptionError, code_redeem


@require_safe
def join(request: HttpRequest) -> HttpResponse:
    """Where member-only pages send people without an active membership (and anyone curious)."""
    status = membership_status(request.user) if request.user.is_authenticated else None
    # 403 for a signed-in person without access: the page explains what to do instead.
    code = 403 if status is not None and not status.is_active else 200
    return render(request, "memberships/join.html", {"status": status}, status=code)


# Tries at redeeming a code, per member: (tries, seconds).
REDEEM_RATE_LIMIT = (10, 15 * 60)


@verified_user_required
@require_http_methods(["GET", "POST"])
def redeem(request: HttpRequest) -> HttpResponse:
    needs_zip = False
    if request.method == "POST":
        form = RedeemForm(request.POST)
        if not allow("code-redeem", str(request.user.pk), *REDEEM_RATE_LIMIT):
            # Codes must not be guessable by trying many: slow down, and say nothing about
            # the code typed (not even whether it needs a ZIP code).
            form.is_valid()
            form.add_error("code", "Too many tries. Wait a few minutes, then try again.")
            response = render(
                request, "memberships/redeem.html", {"form": form, "needs_zip": False}
            )
            response.status_code = 429
            return response
        if form.is_valid():
            try:
                membership = code_redeem(
                    request.user, form.cleaned_data["code"], form.cleaned_data["zip_code"]
                )
            except RedemptionError as error:
                form.add_error(error.field, error.message)
            else:
                until = (
                    f" until {membership.ends_on:%B} {membership.ends_on.day}, "
                    f"{membership.ends_on.year}"
                    if membership.ends_on
                    else ""
                )
                messages.success(request, f"Welcome! Your membership is active{until}.")
                return redirect("accounts:home")
        found = code_find(request.POST.get("code", ""))
        needs_zip = bool(found and found.sponsorship.needs_zip_code)
    else:
        form = RedeemForm()
    return render(request, "memberships/redeem.html", {"form": form, "needs_zip": needs_zip})
