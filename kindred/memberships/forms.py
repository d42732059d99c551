from __future__ import annotations

from django import forms


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
