"""The member's own pages: home, welcome questions, account settings, data file, deletion."""

from __future__ import annotations

import json
from typing import Any, cast

from allauth.account.views import SignupView as AllauthSignupView
from allauth.usersessions.models import UserSession
from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kindred.accounts.access import verified_user_required
from kindred.accounts.data_export import build_export
from kindred.accounts.forms import (
    DeleteAccountForm,
    OnboardingForm,
    ProfileForm,
    PseudonymForm,
    SafetyForm,
)
from kindred.accounts.home import account_page_sections, home_sections
from kindred.accounts.middleware import forget_member_time_zone
from kindred.accounts.models import User
from kindred.accounts.pseudonyms import suggest_pseudonym
from kindred.accounts.selectors import has_safety_concern, profile_for
from kindred.accounts.services import (
    PseudonymTaken,
    account_delete,
    profile_update,
    pseudonym_change,
)
from kindred.core.get_help import get_help_content

PASSWORD_FIELDS = ("password", "password1", "password2")


class SignupView(AllauthSignupView):
    """allauth's sign-up, plus a "Suggest a name" button that works without JavaScript."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "suggest" in request.POST:
            # Show the form again, unbound (no errors yet), with everything typed except the
            # passwords, and a fresh pseudonym.
            initial = {
                key: value for key, value in request.POST.items() if key not in PASSWORD_FIELDS
            }
            initial["pseudonym"] = suggest_pseudonym()
            form = self.get_form_class()(initial=initial)
            return self.render_to_response(self.get_context_data(form=form, suggested=True))
        return super().post(request, *args, **kwargs)


def safety_context() -> dict[str, Any]:
    help_content = get_help_content()
    return {"help": help_content, "violence_lines": help_content.helplines_for("violence")}


@verified_user_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/home.html",
        {
            "safety_first": has_safety_concern(request.user),
            "profile": profile_for(request.user),
            "sections": home_sections(request),
            **safety_context(),
        },
    )


@verified_user_required
@require_http_methods(["GET", "POST"])
def welcome(request: HttpRequest) -> HttpResponse:
    profile = profile_for(request.user)
    initial = {name: getattr(profile, name) for name in OnboardingForm.base_fields}
    if request.method == "POST":
        if "skip" in request.POST:
            profile_update(request.user, finish_onboarding=True)
            return redirect("accounts:home")
        form = OnboardingForm(request.POST, initial=initial)
        if form.is_valid():
            profile_update(request.user, finish_onboarding=True, **form.cleaned_data)
            forget_member_time_zone(request)
            if has_safety_concern(request.user):
                return redirect("accounts:safety")
            messages.success(request, "Thank you. You can change these answers at any time.")
            return redirect("accounts:home")
    else:
        form = OnboardingForm(initial=initial)
    return render(request, "accounts/welcome.html", {"form": form})


@verified_user_required
@require_safe
def safety(request: HttpRequest) -> HttpResponse:
    """The safety resources, shown at once when a safety-screen answer is "yes"."""
    return render(request, "accounts/safety.html", safety_context())


@verified_user_required
@require_safe
def account(request: HttpRequest) -> HttpResponse:
    sessions = UserSession.objects.filter(user=request.user).order_by("-last_seen_at")
    return render(
        request,
        "accounts/account.html",
        {
            "profile": profile_for(request.user),
            "session_count": sessions.count(),
            "sections": account_page_sections(request),
            "quick_exit_signs_out": request.COOKIES.get(QUICK_EXIT_COOKIE) == "1",
        },
    )


# This device's choice, kept in a cookie so that showing it costs no query on every page.
QUICK_EXIT_COOKIE = "kindred_quick_exit_sign_out"


@verified_user_required
@require_POST
def quick_exit_preference(request: HttpRequest) -> HttpResponse:
    """On this device, should Quick exit also sign the member out? (core/js/kindred.js)"""
    response = redirect("accounts:account")
    if request.POST.get("sign_out") == "on":
        response.set_cookie(
            QUICK_EXIT_COOKIE,
            "1",
            max_age=365 * 24 * 60 * 60,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        messages.success(request, "Quick exit will also sign you out on this device.")
    else:
        response.delete_cookie(QUICK_EXIT_COOKIE, samesite="Lax")
        messages.success(request, "Quick exit will leave you signed in on this device.")
    return response


@verified_user_required
@require_http_methods(["GET", "POST"])
def pseudonym(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and "suggest" in request.POST:
        form = PseudonymForm(initial={"pseudonym": suggest_pseudonym()}, user=request.user)
    elif request.method == "POST":
        form = PseudonymForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                pseudonym_change(cast(User, request.user), form.cleaned_data["pseudonym"])
            except PseudonymTaken:
                form.add_error("pseudonym", "Someone has just taken that name. Try another.")
            else:
                messages.success(request, "Your name has been changed.")
                return redirect("accounts:account")
    else:
        current = cast(User, request.user).pseudonym
        form = PseudonymForm(initial={"pseudonym": current}, user=request.user)
    return render(request, "accounts/pseudonym.html", {"form": form})


def _answers_view(
    request: HttpRequest, form_class: type[forms.Form], template: str, success: str
) -> HttpResponse:
    profile = profile_for(request.user)
    initial = {name: getattr(profile, name) for name in form_class.base_fields}
    if request.method == "POST":
        form = form_class(request.POST, initial=initial)
        if form.is_valid():
            profile_update(request.user, **form.cleaned_data)
            forget_member_time_zone(request)
            messages.success(request, success)
            if form_class is SafetyForm and has_safety_concern(request.user):
                return redirect("accounts:safety")
            return redirect("accounts:account")
    else:
        form = form_class(initial=initial)
    return render(request, template, {"form": form})


@verified_user_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    return _answers_view(request, ProfileForm, "accounts/profile.html", "Your answers are saved.")


@verified_user_required
@require_http_methods(["GET", "POST"])
def safety_answers(request: HttpRequest) -> HttpResponse:
    return _answers_view(
        request, SafetyForm, "accounts/safety_answers.html", "Your answers are saved."
    )


@verified_user_required
@require_POST
def export(request: HttpRequest) -> HttpResponse:
    """Download my data: a JSON file of everything Kindred stores about the member."""
    data = {
        "generated_at": timezone.now().isoformat(),
        "about": "Everything Kindred stores about your account.",
        **build_export(request.user),
    }
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-kindred-data.json"'
    return response


@verified_user_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=request.user)
        if form.is_valid():
            account_delete(request, cast(User, request.user))
            messages.success(request, "Your account and everything in it have been deleted.")
            return redirect("/")
    else:
        form = DeleteAccountForm(user=request.user)
    return render(request, "accounts/delete.html", {"form": form})
