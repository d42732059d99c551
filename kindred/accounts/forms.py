"""Forms for sign-up, onboarding and account settings."""

from __future__ import annotations

import zoneinfo
from functools import cache
from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms

from kindred.accounts.models import Relationship, SafetyAnswer, Substance
from kindred.accounts.pseudonyms import validate_pseudonym

PSEUDONYM_HELP = (
    "Shown to others instead of your name. Not your real name, email or phone number. "
    "Letters, digits, spaces and - _ . ' only."
)


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z or z == "UTC")
    return [("", "Choose your time zone"), *((z, z.replace("_", " ")) for z in zones)]


def pseudonym_field() -> forms.CharField:
    # No max_length on the field: a 10,000-character paste gets our clear message, and the
    # browser does not silently cut it.
    return forms.CharField(
        label="Name shown to others",
        help_text=PSEUDONYM_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-pseudonym-input": ""}),
    )


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form, with a pseudonym (the memberships app adds an access code)."""

    field_order = ["email", "pseudonym", "password1", "password2"]

    pseudonym = pseudonym_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # allauth renders these without labels by default; ours are always visible.
        self.fields["email"].label = "Email"
        self.fields["email"].help_text = "Only used to sign in and to reset your password."
        self.fields["email"].widget.attrs.pop("placeholder", None)
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)

    def clean_pseudonym(self) -> str:
        return validate_pseudonym(self.cleaned_data["pseudonym"])

    def custom_signup(self, request: Any, user: Any) -> None:
        from kindred.accounts.services import member_role_grant

        member_role_grant(user)


class ProfileForm(forms.Form):
    """The onboarding questions; every one may be skipped and changed later."""

    relationship = forms.ChoiceField(
        label="Who is your loved one to you?",
        choices=[("", "Prefer not to say"), *Relationship.choices],
        required=False,
    )
    substances = forms.MultipleChoiceField(
        label="What are you worried about?",
        help_text="Choose any that apply.",
        choices=Substance.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    time_zone = forms.ChoiceField(
        label="Your time zone",
        help_text="So that times of live groups and reminders are shown in your time.",
        choices=time_zone_choices,
        required=False,
        widget=forms.Select(attrs={"data-time-zone": ""}),
    )
    hopes = forms.CharField(
        label="What do you hope will change?",
        help_text="Only you can see this.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_time_zone(self) -> str:
        value = self.cleaned_data["time_zone"]
        if value and value not in zoneinfo.available_timezones():
            raise forms.ValidationError("Choose a time zone from the list.")
        return value


SAFETY_CHOICES = [("", "Skip this question"), *SafetyAnswer.choices]


class SafetyForm(forms.Form):
    """The short safety screen. The answers are shown only to the member."""

    safety_afraid = forms.ChoiceField(
        label="Are you ever afraid of your loved one?",
        choices=SAFETY_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    safety_harmed = forms.ChoiceField(
        label="Has your loved one ever hurt or threatened you or anyone in your home?",
        choices=SAFETY_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    safety_weapons = forms.ChoiceField(
        label="Are there weapons in the home?",
        choices=SAFETY_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )


class OnboardingForm(ProfileForm, SafetyForm):
    """Everything asked on /my/welcome/, in one page."""


class PseudonymForm(forms.Form):
    pseudonym = pseudonym_field()

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_pseudonym(self) -> str:
        return validate_pseudonym(self.cleaned_data["pseudonym"], exclude_user=self.user)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        help_text="To make sure it is you.",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not right. Your account was not deleted.")
        return password
