"""Forms for the Wagtail admin's sponsorship and membership screens."""

from __future__ import annotations

from typing import Any

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from kindred.accounts.models import User
from kindred.memberships.models import Membership, Sponsorship
from kindred.memberships.selectors import normalise_code


class SponsorshipForm(WagtailAdminModelForm):
    new_codes = forms.CharField(
        label="Add codes you choose",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One code per line, e.g. COUNTY-2026. Letters, digits and dashes.",
    )
    generate_codes = forms.IntegerField(
        label="Or generate random codes",
        required=False,
        min_value=0,
        max_value=5000,
        initial=0,
        help_text="How many single random codes (like ABCD-2345) to create.",
    )

    class Meta:
        model = Sponsorship
        fields = ["name", "seat_limit", "valid_from", "valid_until", "zip_codes"]

    def clean_new_codes(self) -> list[str]:
        codes = [normalise_code(line) for line in self.cleaned_data["new_codes"].splitlines()]
        codes = [code for code in codes if code]
        bad = [code for code in codes if not all(c.isalnum() or c == "-" for c in code)]
        if bad:
            raise forms.ValidationError(f"Use letters, digits and dashes only: {', '.join(bad)}")
        if any(len(code) > 40 for code in codes):
            raise forms.ValidationError("Keep each code to 40 characters or fewer.")
        return codes

    def clean_zip_codes(self) -> str:
        value: str = self.cleaned_data["zip_codes"]
        zips = value.replace(",", " ").split()
        bad = [z for z in zips if not (len(z) == 5 and z.isdigit())]
        if bad:
            raise forms.ValidationError(f"ZIP codes have five digits: {', '.join(bad)}")
        return " ".join(zips)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", "The last day comes after the first day.")
        return cleaned


class MembershipForm(WagtailAdminModelForm):
    """An individual membership granted by an organisation admin."""

    user = forms.ModelChoiceField(
        queryset=User.objects.order_by("email"),
        label="Member",
        to_field_name="email",
        widget=forms.TextInput,
        help_text="The member's email address.",
        error_messages={"invalid_choice": "No account uses this email address."},
    )

    class Meta:
        model = Membership
        fields = ["user", "starts_on", "ends_on"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "The end date comes after the start date.")
        return cleaned
