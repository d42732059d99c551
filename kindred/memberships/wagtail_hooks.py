"""Sponsorships and individual memberships in the Wagtail admin (organisation admins)."""

from __future__ import annotations

from typing import Any

from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from kindred.accounts.roles import is_organisation_admin
from kindred.core.extensions import (
    ACCOUNT_SECTIONS,
    DEMO_DATA,
    HOME_SECTIONS,
    MEMBER_DATA,
    DemoData,
    HomeSection,
    MemberData,
)
from kindred.memberships.admin_forms import MembershipForm, SponsorshipForm
from kindred.memberships.models import Membership, Sponsorship
from kindred.memberships.selectors import organisation_today, sponsorship_redeemers
from kindred.memberships.services import sponsorship_add_codes


class _AddCodesMixin:
    def save_instance(self) -> Sponsorship:
        instance: Sponsorship = super().save_instance()  # type: ignore[misc]
        form = self.form  # type: ignore[attr-defined]
        sponsorship_add_codes(
            instance,
            typed=form.cleaned_data.get("new_codes") or [],
            generate=form.cleaned_data.get("generate_codes") or 0,
        )
        return instance


class SponsorshipCreateView(_AddCodesMixin, generic.CreateView):
    pass


class SponsorshipEditView(_AddCodesMixin, generic.EditView):
    pass


class SponsorshipInspectView(generic.InspectView):
    template_name = "memberships/admin/sponsorship_inspect.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["codes"] = self.object.codes.all()
        context["can_see_members"] = is_organisation_admin(self.request.user)
        context["redeemers"] = sponsorship_redeemers(self.request.user, self.object)
        return context


class SponsorshipViewSet(ModelViewSet):
    model = Sponsorship
    icon = "group"
    menu_label = "Sponsorships"
    add_view_class = SponsorshipCreateView
    edit_view_class = SponsorshipEditView
    inspect_view_class = SponsorshipInspectView
    inspect_view_enabled = True
    inspect_view_fields = ["name", "seat_limit", "seats_used", "valid_from", "valid_until"]
    list_display = ["name", "valid_from", "valid_until", "seats_label"]
    search_fields = ["name"]
    copy_view_enabled = False
    add_to_reference_index = False

    def get_form_class(self, for_update: bool = False) -> type:
        return SponsorshipForm


class MembershipCreateView(generic.CreateView):
    def save_instance(self) -> Membership:
        instance: Membership = self.form.save(commit=False)
        instance.source = Membership.Source.INDIVIDUAL
        instance.created_by = self.request.user
        instance.starts_on = instance.starts_on or organisation_today()
        instance.save()
        return instance


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "user"
    menu_label = "Memberships"
    add_view_class = MembershipCreateView
    list_display = ["user", "source", "sponsorship", "starts_on", "ends_on"]
    copy_view_enabled = False
    add_to_reference_index = False

    def get_form_class(self, for_update: bool = False) -> type:
        return MembershipForm


class MembershipGroup(ViewSetGroup):
    menu_label = "Membership"
    menu_icon = "group"
    menu_order = 500
    items = (SponsorshipViewSet("sponsorships"), MembershipViewSet("individual_memberships"))


@hooks.register("register_admin_viewset")
def register_membership_viewsets() -> ViewSetGroup:
    return MembershipGroup()


@hooks.register(MEMBER_DATA)
def memberships_member_data() -> MemberData:
    from kindred.memberships.selectors import export_memberships

    return MemberData("memberships", export=export_memberships)


@hooks.register(DEMO_DATA)
def memberships_demo_data() -> DemoData:
    from kindred.memberships import demo

    return DemoData("memberships", order=20, load=demo.load)


def _status_context(request: Any) -> dict[str, Any]:
    from kindred.memberships.selectors import membership_status

    return {"status": membership_status(request.user)}


@hooks.register(HOME_SECTIONS)
def membership_home_section() -> HomeSection:
    return HomeSection(
        key="membership",
        template="memberships/cards/home_status.html",
        order=1,
        section_context=_status_context,
    )


@hooks.register(ACCOUNT_SECTIONS)
def membership_account_section() -> HomeSection:
    return HomeSection(
        key="membership",
        template="memberships/cards/account_status.html",
        order=100,
        section_context=_status_context,
    )
