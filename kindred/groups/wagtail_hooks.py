"""What live groups add to Kindred's shared parts (kindred/core/extensions.py), and the admin."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from kindred.core.extensions import (
    DEMO_DATA,
    HOME_SECTIONS,
    MEMBER_DATA,
    DemoData,
    HomeSection,
    MemberData,
)
from kindred.groups.permissions import is_facilitator
from kindred.groups.viewsets import LiveGroupsViewSetGroup


@hooks.register("register_admin_viewset")
def register_live_groups() -> LiveGroupsViewSetGroup:
    return LiveGroupsViewSetGroup()


@hooks.register("before_serve_document")
def recording_files_for_members_only(document: Any, request: HttpRequest) -> HttpResponse | None:
    """An uploaded group recording (or its captions) is as private as its page.

    Wagtail serves every document at /documents/<id>/<name> to anyone with the address; for the
    files of a group recording, the member rule applies (and the people who run groups may check
    them). Any other document is left to Wagtail's own collection privacy.
    """
    from kindred.groups.selectors import is_recording_file
    from kindred.memberships.access import member_access_response

    if not is_recording_file(document.pk) or is_facilitator(request.user):
        return None
    return member_access_response(request)


class FacilitateMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return is_facilitator(getattr(request, "user", None))


@hooks.register("register_admin_menu_item")
def register_facilitate_menu_item() -> MenuItem:
    return FacilitateMenuItem(
        "Group sessions", reverse("groups:facilitate"), icon_name="date", order=321
    )


@hooks.register(MEMBER_DATA)
def groups_member_data() -> MemberData:
    from kindred.groups.selectors import export_groups

    # RSVPs, the calendar feed and notices all CASCADE from the user.
    return MemberData("groups", export=export_groups)


def _home_context(request: Any) -> dict[str, Any]:
    from kindred.groups.selectors import next_session_for, zone_for

    zone = zone_for(request.user)
    # The card renders inside {% timezone section.zone %}: the time in the member's own zone.
    return {
        "session": next_session_for(request.user),
        "zone": zone,
        "zone_name": str(zone).replace("_", " "),
    }


@hooks.register(HOME_SECTIONS)
def groups_home_sections() -> list[HomeSection]:
    from kindred.memberships.access import has_active_membership

    return [
        HomeSection(
            key="groups",
            template="groups/home/card.html",
            order=35,
            is_visible=lambda request: has_active_membership(request.user),
            section_context=_home_context,
        ),
        HomeSection(
            key="groups_facilitator",
            template="groups/home/facilitator_card.html",
            order=6,
            is_visible=lambda request: is_facilitator(request.user),
        ),
    ]


@hooks.register(DEMO_DATA)
def groups_demo_data() -> DemoData:
    from kindred.groups import demo

    return DemoData(
        "groups", order=80, load=demo.load, is_loaded=demo.is_loaded, banner=demo.banner
    )
