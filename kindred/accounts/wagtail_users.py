"""Wagtail's user admin for Kindred's user model, with one rule added.

Only an organisation admin (a superuser, or a member of "Organisation admins") may put a person
in a staff group (``STAFF_ROLES``: Coaches, Editors, Organisation admins, Facilitators) or make
them a superuser. Anyone else
allowed to edit users sees those choices disabled, and the form refuses them if sent anyway.
"""

from __future__ import annotations

from typing import Any

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_user_views

from kindred.accounts.pseudonyms import validate_pseudonym
from kindred.accounts.roles import STAFF_ROLES, is_organisation_admin

# "Coaches, Editors, Organisation admins or Facilitators": every staff role, named in the form.
_STAFF_ROLE_NAMES = f"{', '.join(STAFF_ROLES[:-1])} or {STAFF_ROLES[-1]}"


class KindredUserFormMixin(forms.Form):
    """No first or last name; a pseudonym; staff roles granted only by organisation admins."""

    instance: Any  # provided by the model form this is mixed into

    def __init__(self, *args: Any, for_user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        for name in ("first_name", "last_name"):
            self.fields.pop(name, None)
        self.fields["pseudonym"] = forms.CharField(
            label="Pseudonym",
            help_text="The name shown to others instead of a real name.",
            initial=getattr(self.instance, "pseudonym", ""),
        )
        self.granting_allowed = is_organisation_admin(for_user)
        if not self.granting_allowed:
            if "is_superuser" in self.fields:
                # Disabled: the posted value is ignored, the current one kept.
                self.fields["is_superuser"].disabled = True
            if "groups" in self.fields:
                self.fields[
                    "groups"
                ].help_text = f"Only an organisation admin can add someone to {_STAFF_ROLE_NAMES}."

    def clean_pseudonym(self) -> str:
        return validate_pseudonym(self.cleaned_data["pseudonym"], exclude_user=self.instance)

    def clean_groups(self) -> Any:
        groups = self.cleaned_data.get("groups")
        if self.granting_allowed or groups is None:
            return groups
        current = (
            set(self.instance.groups.filter(name__in=STAFF_ROLES).values_list("pk", flat=True))
            if self.instance.pk
            else set()
        )
        chosen = {group.pk for group in groups if group.name in STAFF_ROLES}
        if chosen != current:
            raise forms.ValidationError(
                "Only an organisation admin can add someone to, or remove someone from, "
                f"{_STAFF_ROLE_NAMES}."
            )
        return groups

    def save(self, commit: bool = True) -> Any:
        self.instance.pseudonym = self.cleaned_data["pseudonym"]
        return super().save(commit=commit)  # type: ignore[misc]


class KindredUserCreationForm(KindredUserFormMixin, UserCreationForm):
    pass


class KindredUserEditForm(KindredUserFormMixin, UserEditForm):
    pass


class CreateView(wagtail_user_views.CreateView):
    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class EditView(wagtail_user_views.EditView):
    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class UserViewSet(wagtail_user_views.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    create_template_name = "accounts/wagtail_users/create.html"
    edit_template_name = "accounts/wagtail_users/edit.html"

    def get_form_class(self, for_update: bool = False) -> type:
        return KindredUserEditForm if for_update else KindredUserCreationForm
