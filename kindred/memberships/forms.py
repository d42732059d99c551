from __future__ import annotations

import contextlib
from typing import Any

from django import forms

from kindred.accounts.forms import SignupForm as AccountSignupForm
from kindred.memberships.services import RedemptionError, code_check, code_redeem


class SignupForm(AccountSignupForm):
    """Sign-up (allauth's ACCOUNT_FORMS["signup"]): the account's fields plus an optional
    access code, redeemed as the account is created."""

    field_order = ["email", "pseudonym", "password1", "password2", "access_code", "zip_code"]

    access_code = forms.CharField(
        label="Access code (optional)",
        required=False,
        max_length=60,
        help_text="If an organisation gave you a code, type it here. You can also add it later.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    zip_code = forms.CharField(
        label="ZIP code (only if your code asks for it)",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        code = cleaned.get("access_code", "").strip()
        if code:
            try:
                code_check(code, cleaned.get("zip_code", ""))
            except RedemptionError as error:
                self.add_error(
                    "access_code" if error.field == "code" else error.field, error.message
                )
        return cleaned

    def custom_signup(self, request: Any, user: Any) -> None:
        super().custom_signup(request, user)
        code = self.cleaned_data.get("access_code", "").strip()
        if code:
            # If the last seat went while the form was being sent, the account still exists
            # and /my/join/ explains what to do next.
            with contextlib.suppress(RedemptionError):
                code_redeem(user, code, self.cleaned_data.get("zip_code", ""))


class RedeemForm(forms.Form):
    code = forms.CharField(
        label="Access code",
        max_length=60,
        help_text="The code an organisation gave you, for example ABCD-2345.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    zip_code = forms.CharField(
        label="ZIP code (only if your code asks for it)",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
