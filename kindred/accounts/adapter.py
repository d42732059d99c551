"""How allauth fits Kindred: pseudonyms on new accounts, discreet emails."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.forms import BaseForm
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def save_user(
        self, request: HttpRequest, user: Any, form: BaseForm, commit: bool = True
    ) -> Any:
        # Set before the first save: the pseudonym is unique, so it must never be saved empty.
        user.pseudonym = form.cleaned_data["pseudonym"]
        return super().save_user(request, user, form, commit=commit)

    def render_mail(
        self,
        template_prefix: str,
        email: str | list[str],
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> Any:
        # Subjects are rendered without a request: give every template the organisation's name.
        context = {**context, "site_name": settings.WAGTAIL_SITE_NAME}
        return super().render_mail(template_prefix, email, context, headers=headers)

    def get_reauthentication_methods(self, user: Any) -> list[dict[str, Any]]:
        # Someone with a second factor confirms it is them with that factor, never with the
        # password alone (kindred.accounts.staff_auth refuses the other ways too).
        methods: list[dict[str, Any]] = super().get_reauthentication_methods(user)
        if user.is_authenticated and is_mfa_enabled(user):
            return [method for method in methods if method["id"].startswith("mfa_")]
        return methods
