"""/resources/: the directory, "Report a problem", and a member's "My resources"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from kindred.core.pagination import paginate
from kindred.core.ratelimit import allow
from kindred.core.submissions import done, submit_once
from kindred.memberships.access import has_active_membership, member_required
from kindred.resources import selectors, services
from kindred.resources.choices import FacetGroup, ForWhom, Kind
from kindred.resources.forms import ProblemReportForm
from kindred.resources.models import ResourceIndexPage

PER_PAGE = 20


@dataclass(frozen=True)
class FilterOption:
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class FilterGroup:
    """One group of checkboxes of the filter form: hashable, so that its HTML is rendered once
    per process for each state (``{% fixed_fragment %}``)."""

    name: str
    label: str
    options: tuple[FilterOption, ...]

    @property
    def open(self) -> bool:
        return any(option.checked for option in self.options)


def _filter_groups(facets: list[Any], query: selectors.DirectoryQuery) -> list[FilterGroup]:
    """The checkbox groups of the filter form, in order, each option marked when chosen."""
    groups = [
        FilterGroup(
            "kind",
            "Kind of help",
            tuple(
                FilterOption(value, str(label), value in query.kinds)
                for value, label in Kind.choices
            ),
        )
    ]
    for group, label in FacetGroup.choices:
        chosen = query.facets.get(group, [])
        options = tuple(
            FilterOption(f.slug, f.label, f.slug in chosen) for f in facets if f.group == group
        )
        groups.append(FilterGroup(group, str(label), options))
    return groups


def _card_form_fields(request: HttpRequest) -> SafeString:
    """The hidden fields of each card's save or remove form: the CSRF token and the address to
    come back to, the same in every card, so rendered once a page rather than once a card."""
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="next" value="{}">',
        get_token(request),
        request.get_full_path(),
    )


@require_safe
def directory(request: HttpRequest, index_page: ResourceIndexPage | None = None) -> HttpResponse:
    facets = selectors.facet_list()
    query = selectors.parse_directory_query(request.GET, facets)
    result = selectors.directory_search(query)
    page_obj = paginate(request, result.ids, per_page=PER_PAGE)
    if index_page is None:
        index_page = selectors.directory_page()
    resources = selectors.resource_cards(
        list(page_obj.object_list), request, result.distances, index_page, facets
    )
    can_save = has_active_membership(request.user)
    return render(
        request,
        "resources/directory.html",
        {
            "page": index_page,
            "query": query,
            "result": result,
            "page_obj": page_obj,
            "resources": resources,
            "saved_ids": selectors.saved_ids(request.user),
            "filter_groups": _filter_groups(facets, query),
            "for_whom_choices": [
                (ForWhom.LOVED_ONE, "The loved one"),
                (ForWhom.FAMILY, "The family"),
            ],
            "can_save": can_save,
            # Only for members: a visitor's page sets no CSRF cookie, so it can be cached whole.
            "card_form_fields": _card_form_fields(request) if can_save else "",
        },
    )


def _resource_or_404(pk: int) -> Any:
    resource = selectors.resource_get(pk)
    if resource is None:
        raise Http404("No such resource.")
    return resource


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    """Back to the page the form was on: a path on this site, else ``fallback``.

    Not ``redirect()``: it reads a word without "/" or "." as a view's name to reverse.
    """
    target = request.POST.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        target = fallback
    return HttpResponseRedirect(target)


@require_POST
@member_required
def save(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _resource_or_404(pk)
    services.resource_save_for_member(request.user, resource)
    messages.success(request, f"Saved to My resources: {resource.title}.")
    return _back(request, resource.url)


@require_POST
@member_required
def unsave(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _resource_or_404(pk)
    services.resource_unsave_for_member(request.user, resource)
    messages.success(request, f"Removed from My resources: {resource.title}.")
    return _back(request, reverse("resources:saved"))


@require_safe
@member_required
def saved(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "resources/saved.html",
        {
            "resources": selectors.saved_resources_for(request.user, request),
            "card_form_fields": _card_form_fields(request),
        },
    )


def _client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


@never_cache  # each page carries its own one-time submission key
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """Anyone may tell the editors a listing is wrong; no account, nothing about them kept.

    Sent several times at once (a double click), it is stored once (``submit_once``)."""
    resource = _resource_or_404(pk)
    form = ProblemReportForm(request.POST or None)
    if request.method == "POST":

        def thanks() -> HttpResponse:
            return render(request, "resources/report_thanks.html", {"resource": resource})

        def work() -> HttpResponse:
            limit, window = settings.KINDRED_RESOURCE_REPORT_LIMIT
            if not allow("resource-report", _client_ip(request), limit, window):
                form.add_error(
                    None,
                    "We have received several reports from here in the last hour. "
                    "Please try again later.",
                )
                return render(
                    request,
                    "resources/report.html",
                    {"resource": resource, "form": form},
                    status=429,
                )
            if form.is_valid():
                if not form.is_bot():
                    services.problem_report_create(
                        resource, form.cleaned_data["problem"], form.cleaned_data["details"]
                    )
                return done(thanks())
            return render(request, "resources/report.html", {"resource": resource, "form": form})

        return submit_once(request, work, repeat=thanks)
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405)
    return render(request, "resources/report.html", {"resource": resource, "form": form})
