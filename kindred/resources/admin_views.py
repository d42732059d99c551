"""The editors' side: entries due for a check (a report with one-click "verified today") and the
queue of visitors' problem reports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.base import PageReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy

from kindred.resources import selectors, services
from kindred.resources.models import ProblemReport, ResourcePage


class StaleResourcesView(PageReportView):
    """Live entries not verified for KINDRED_RESOURCE_STALE_DAYS, oldest first."""

    page_title = _("Resources to verify")
    header_icon = "time"
    results_template_name = "resources/admin/stale_results.html"
    index_url_name = "resources_admin:stale"
    index_results_url_name = "resources_admin:stale_results"
    any_permission_required = ["change", "publish"]
    permission_policy = PagePermissionPolicy()
    list_export = ["title", "last_verified", "kind", "website", "phone"]

    def get_queryset(self) -> Any:
        editable = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        ).values("pk")
        self.queryset = selectors.stale_resources().filter(pk__in=editable)
        return super().get_queryset()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["stale_before"] = selectors.stale_before()
        return context


@require_admin_access
@require_POST
def mark_verified(request: HttpRequest, pk: int) -> HttpResponse:
    resource = get_object_or_404(ResourcePage, pk=pk)
    if not resource.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    services.resource_mark_verified(resource, request.user)
    messages.success(request, f"“{resource.title}” marked as verified today.")
    return redirect(reverse("resources_admin:stale"))


class ProblemReportViewSet(ModelViewSet):
    """The editors' queue of "Report a problem with this listing"."""

    model = ProblemReport
    icon = "warning"
    menu_label = "Listing problems"
    add_to_admin_menu = True
    menu_order = 320
    name = "resource_problems"
    form_fields = ["status", "editor_note"]
    list_display = ["resource", "problem", "details", "status", "created_at"]
    list_filter = ["status", "problem"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["resource", "problem", "details", "status", "editor_note", "created_at"]
