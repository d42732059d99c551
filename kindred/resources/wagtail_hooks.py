"""What the resource directory adds to the admin and to shared parts of Kindred
(kindred/core/extensions.py): site search, member data, the /my/ card, demo data."""

from __future__ import annotations

from typing import Any

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from kindred.core.extensions import (
    DEMO_DATA,
    HOME_SECTIONS,
    MEMBER_DATA,
    SEARCH_KINDS,
    DemoData,
    HomeSection,
    MemberData,
    SearchKind,
)
from kindred.resources.admin_views import ProblemReportViewSet, StaleResourcesView, mark_verified
from kindred.resources.models import Facet
from kindred.resources.services import VERIFIED_ACTION


class FacetViewSet(SnippetViewSet):
    model = Facet
    icon = "tag"
    menu_label = "Resource filters"
    add_to_admin_menu = False
    list_display = ["label", "group", "slug", "sort_order"]
    list_filter = ["group"]


register_snippet(FacetViewSet)


@hooks.register("register_admin_viewset")
def register_problem_reports() -> ProblemReportViewSet:
    return ProblemReportViewSet()


@hooks.register("register_admin_urls")
def register_resource_admin_urls() -> list[Any]:
    urls = [
        path("stale/", StaleResourcesView.as_view(), name="stale"),
        path("stale/results/", StaleResourcesView.as_view(results_only=True), name="stale_results"),
        path("<int:pk>/verified/", mark_verified, name="verify"),
    ]
    return [path("resources/", include((urls, "resources_admin"), namespace="resources_admin"))]


class StaleMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        from wagtail.permission_policies.pages import PagePermissionPolicy

        return PagePermissionPolicy().user_has_any_permission(request.user, ["change", "publish"])


@hooks.register("register_reports_menu_item")
def register_stale_report() -> MenuItem:
    return StaleMenuItem(
        "Resources to verify", reverse("resources_admin:stale"), icon_name="time", order=1150
    )


@hooks.register("register_log_actions")
def register_verified_action(actions: Any) -> None:
    actions.register_action(VERIFIED_ACTION, "Verify resource", "Marked as verified today")


@hooks.register(SEARCH_KINDS)
def resources_search_kind() -> SearchKind:
    return SearchKind("resources", "Recovery resources", "resources.ResourcePage", "Resource")


def _home_context(request: Any) -> dict[str, Any]:
    from kindred.resources.models import SavedResource

    return {"saved_count": SavedResource.objects.filter(user=request.user).count()}


@hooks.register(HOME_SECTIONS)
def resources_home_section() -> HomeSection:
    from kindred.memberships.access import has_active_membership

    return HomeSection(
        key="resources",
        template="resources/home/card.html",
        order=60,
        is_visible=lambda request: has_active_membership(request.user),
        section_context=_home_context,
    )


@hooks.register(MEMBER_DATA)
def resources_member_data() -> MemberData:
    from kindred.resources.selectors import export_saved_resources

    return MemberData("saved_resources", export=export_saved_resources)


@hooks.register(DEMO_DATA)
def resources_demo_data() -> DemoData:
    from kindred.resources.demo_loader import is_loaded, load

    return DemoData("resources", order=70, load=load, is_loaded=is_loaded)
