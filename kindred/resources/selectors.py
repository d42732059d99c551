"""Reads of the resource directory: the faceted, near-me search, one entry, saved entries,
stale entries, the editors' queue, and what other apps may ask for.

The directory's query count does not grow with the number of entries: the matching ids come
from one query (with a small Python pass for distances), and the page of result cards from one
query of plain values plus one for the facet labels they show (no page objects: see
``resource_cards``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import CharField, Q, QuerySet, Value
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from kindred.resources.choices import TREATMENT_KINDS, Coverage, FacetGroup, ForWhom, Kind
from kindred.resources.geo import Place, ZipError, bounding_box, distance_miles, place_for_zip
from kindred.resources.models import (
    FACETS_CACHE_KEY,
    Facet,
    ProblemReport,
    ResourceIndexPage,
    ResourcePage,
    SavedResource,
)
from kindred.search.highlight import search_terms

# The widest area an entry may cover: the box searched around a ZIP code before exact distances.
MAX_RADIUS_MILES = 250
FACET_FIELDS: dict[str, str] = {
    FacetGroup.APPROACH: "approaches",
    FacetGroup.FORMAT: "formats",
    FacetGroup.LANGUAGE: "languages",
    FacetGroup.COMMUNITY: "communities",
    FacetGroup.COST: "costs",
}
PREFETCH = tuple(FACET_FIELDS.values())


@dataclass
class DirectoryQuery:
    """What a visitor asked for; every value already checked against the vocabularies."""

    q: str = ""
    kinds: list[str] = field(default_factory=list)
    for_whom: str = ""
    facets: dict[str, list[str]] = field(default_factory=dict)  # group -> slugs
    zip_code: str = ""

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.q or self.kinds or self.for_whom or any(self.facets.values()) or self.zip_code
        )


@dataclass
class DirectoryResult:
    ids: list[int]
    distances: dict[int, float]
    place: Place | None = None
    zip_error: str = ""


def facet_list() -> list[Facet]:
    """Every facet, in order; cached (``Facet.save`` and ``Facet.delete`` clear the cache)."""
    facets: list[Facet] | None = cache.get(FACETS_CACHE_KEY)
    if facets is None:
        facets = list(Facet.objects.all())
        cache.set(FACETS_CACHE_KEY, facets, timeout=60 * 60)
    return facets


def parse_directory_query(params: Mapping[str, Any], facets: Iterable[Facet]) -> DirectoryQuery:
    """A DirectoryQuery from request.GET: unknown values are dropped, never an error."""
    known: dict[str, set[str]] = {}
    for facet in facets:
        known.setdefault(facet.group, set()).add(facet.slug)
    getlist = getattr(params, "getlist", lambda key: [params[key]] if key in params else [])
    query = DirectoryQuery(
        q=str(params.get("q", "") or "")[:200].strip(),
        kinds=[k for k in dict.fromkeys(getlist("kind")) if k in Kind.values],
        zip_code=str(params.get("zip", "") or "")[:20].strip(),
    )
    for_whom = params.get("for", "")
    query.for_whom = for_whom if for_whom in (ForWhom.LOVED_ONE, ForWhom.FAMILY) else ""
    for group in FACET_FIELDS:
        chosen = [s for s in dict.fromkeys(getlist(group)) if s in known.get(group, set())]
        if chosen:
            query.facets[group] = chosen
    return query


def live_resources() -> QuerySet[ResourcePage]:
    return ResourcePage.objects.live().public()


def filtered_resources(query: DirectoryQuery) -> QuerySet[ResourcePage]:
    """Entries matching every chosen filter: any chosen value within a filter, all filters."""
    resources = live_resources()
    if query.kinds:
        resources = resources.filter(kind__in=query.kinds)
    if query.for_whom:
        resources = resources.filter(for_whom__in=[query.for_whom, ForWhom.BOTH])
    for group, slugs in query.facets.items():
        through = getattr(ResourcePage, FACET_FIELDS[group]).through
        resources = resources.filter(
            pk__in=through.objects.filter(facet__slug__in=slugs).values("resourcepage_id")
        )
    for term in search_terms(query.q):
        resources = resources.filter(
            Q(title__icontains=term)
            | Q(description__icontains=term)
            | Q(keywords__icontains=term)
            | Q(city__icontains=term)
        )
    return resources


def directory_search(query: DirectoryQuery) -> DirectoryResult:
    """The ids of matching entries in the order to show them, and distances when near a ZIP.

    Near a ZIP code: national entries, entries covering its state, and entries whose area
    (ZIP code and radius) contains it; those with a distance first, nearest first, then the
    others by name. Without one (or with one we cannot place): every match, by name.
    """
    resources = filtered_resources(query)
    place: Place | None = None
    zip_error = ""
    if query.zip_code:
        try:
            place = place_for_zip(query.zip_code)
        except ZipError as error:
            zip_error = str(error)
    if place is None:
        ids = list(resources.order_by("title", "pk").values_list("pk", flat=True))
        return DirectoryResult(ids=ids, distances={}, zip_error=zip_error)

    min_lat, max_lat, min_lon, max_lon = bounding_box(
        place.latitude, place.longitude, MAX_RADIUS_MILES
    )
    resources = resources.filter(
        Q(coverage=Coverage.NATIONAL)
        | Q(coverage=Coverage.STATES, covered_states__contains=place.state)
        | Q(
            coverage=Coverage.AREA,
            latitude__range=(min_lat, max_lat),
            longitude__range=(min_lon, max_lon),
        )
    )
    near: list[tuple[float, str, int]] = []
    far: list[tuple[str, int]] = []
    distances: dict[int, float] = {}
    rows = resources.values_list("pk", "title", "coverage", "latitude", "longitude", "radius_miles")
    for pk, title, coverage, lat, lon, radius in rows:
        if lat is None or lon is None:
            far.append((title.lower(), pk))
            continue
        miles = distance_miles(place.latitude, place.longitude, lat, lon)
        if coverage == Coverage.AREA and miles > radius:
            continue
        distances[pk] = miles
        near.append((miles, title.lower(), pk))
    ids = [pk for _, _, pk in sorted(near)] + [pk for _, pk in sorted(far)]
    return DirectoryResult(ids=ids, distances=distances, place=place)


def resources_in_order(ids: list[int], distances: Mapping[int, float] | None = None) -> list[Any]:
    """The entries with these ids, in this order, facets prefetched, ``distance`` set."""
    by_id = {r.pk: r for r in ResourcePage.objects.filter(pk__in=ids).prefetch_related(*PREFETCH)}
    found = []
    for pk in ids:
        resource = by_id.get(pk)
        if resource is not None:
            resource.distance = (distances or {}).get(pk)
            found.append(resource)
    return found


# The facet groups a card lists, in the order it lists them.
CARD_FACETS = ("formats", "approaches", "costs")
CARD_FIELDS = (
    "pk", "title", "url_path", "kind", "for_whom", "description", "phone", "text_contact",
    "website", "hours", "address", "city", "state", "zip_code", "last_verified", "is_demo",
)  # fmt: skip


@dataclass(frozen=True)
class ResourceCard:
    """What a result card (resources/includes/resource_card.html) shows, as plain values."""

    pk: int
    title: str
    url: str
    kind: str
    for_whom: str
    description: str
    phone: str
    text_contact: str
    website: str
    hours: str
    address: str
    city: str
    state: str
    zip_code: str
    last_verified: dt.date
    is_demo: bool
    distance: float | None
    formats: list[str]
    approaches: list[str]
    costs: list[str]
    save_url: str
    unsave_url: str
    report_url: str

    @property
    def kind_label(self) -> str:
        return _label(Kind, self.kind)

    @property
    def for_whom_label(self) -> str:
        return _label(ForWhom, self.for_whom)


def _label(choices: Any, value: str) -> str:
    """What ``get_FOO_display`` shows: the choice's label, or the value when it is no choice."""
    return str(choices(value).label) if value in choices.values else value


# A number no entry has, standing for the entry's id in a reversed URL.
_ID = 987654321


def _entry_urls(name: str) -> tuple[str, str]:
    """The parts of the URL ``name`` around an entry's id: reversed once, not once a card."""
    before, after = reverse(name, args=[_ID]).split(str(_ID))
    return before, after


def _card_facet_labels(ids: list[int], facets: list[Facet]) -> dict[tuple[int, str], list[str]]:
    """(entry id, "formats" / "approaches" / "costs") -> the labels, in the facets' order.

    One query (a UNION over the three link tables); the labels come from the cached facets.
    """
    linked = [
        getattr(ResourcePage, name)
        .through.objects.filter(resourcepage_id__in=ids)
        .annotate(relation=Value(name, output_field=CharField()))
        .values_list("resourcepage_id", "relation", "facet_id")
        for name in CARD_FACETS
    ]
    by_id = {facet.pk: (position, facet) for position, facet in enumerate(facets)}
    found: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for resource_id, relation, facet_id in linked[0].union(*linked[1:], all=True):
        if facet_id in by_id:
            position, facet = by_id[facet_id]
            found.setdefault((resource_id, relation), []).append((position, facet.label))
    return {key: [label for _, label in sorted(labels)] for key, labels in found.items()}


def resource_cards(
    ids: list[int],
    request: HttpRequest,
    distances: Mapping[int, float] | None = None,
    index_page: ResourceIndexPage | None = None,
    facets: list[Facet] | None = None,
) -> list[ResourceCard]:
    """The cards of the entries with these ids, in this order: two queries however many.

    Entries are children of the one directory page, so an entry's address is the directory's
    (Wagtail works it out once, for the site of the request) followed by the rest of the
    entry's ``url_path``: what ``{% pageurl %}`` gives, without routing a page per card.
    ``facets``: ``facet_list()`` when the caller already has it.
    """
    if not ids:
        return []
    index_page = index_page or ResourceIndexPage.objects.first()
    if index_page is None:  # No directory page, so no entries can exist under it.
        return []
    index_url = index_page.get_url(request) or ""
    prefix = index_url if index_url.endswith("/") else index_url + "/"
    append_slash = getattr(settings, "WAGTAIL_APPEND_SLASH", True)
    rows = {row["pk"]: row for row in ResourcePage.objects.filter(pk__in=ids).values(*CARD_FIELDS)}
    labels = _card_facet_labels(list(rows), facet_list() if facets is None else facets)
    save, unsave, report = (
        _entry_urls(f"resources:{name}") for name in ("save", "unsave", "report")
    )
    cards = []
    for pk in ids:
        row = rows.get(pk)
        if row is None:
            continue
        url = prefix + row.pop("url_path")[len(index_page.url_path) :]
        cards.append(
            ResourceCard(
                **row,
                url=url if append_slash else url.rstrip("/"),
                distance=(distances or {}).get(pk),
                formats=labels.get((pk, "formats"), []),
                approaches=labels.get((pk, "approaches"), []),
                costs=labels.get((pk, "costs"), []),
                save_url=f"{save[0]}{pk}{save[1]}",
                unsave_url=f"{unsave[0]}{pk}{unsave[1]}",
                report_url=f"{report[0]}{pk}{report[1]}",
            )
        )
    return cards


def resource_get(pk: int) -> ResourcePage | None:
    """One live, public entry by id, with its facets; None when there is none."""
    return live_resources().filter(pk=pk).prefetch_related(*PREFETCH).first()


def saved_ids(user: Any) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(SavedResource.objects.filter(user=user).values_list("resource_id", flat=True))


def is_saved(user: Any, resource: ResourcePage) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return SavedResource.objects.filter(user=user, resource=resource).exists()


def saved_resources_for(user: Any, request: HttpRequest) -> list[ResourceCard]:
    """The cards of the member's saved entries still live, most recently saved first."""
    ids = list(
        SavedResource.objects.filter(user=user, resource__live=True).values_list(
            "resource_id", flat=True
        )
    )
    return resource_cards(ids, request)


def treatment_options_for(user: Any, zip_code: str | None = None) -> list[Any]:
    """Entries a family can offer as a ready treatment option (treatment providers, treatment
    locators and helplines), for the treatment-invitation planner.

    The member's saved ones come first (``resource.saved`` is True), then, with a US ZIP code,
    the ones that cover it (nearest first, ``resource.distance`` in miles), else national ones.
    A ZIP code we cannot place is ignored (national entries only). Each entry appears once.
    """
    query = DirectoryQuery(kinds=[k.value for k in TREATMENT_KINDS], zip_code=zip_code or "")
    result = directory_search(query)
    saved = saved_ids(user)
    ids = [pk for pk in result.ids if pk in saved]
    if query.zip_code and result.place is not None:
        ids += [pk for pk in result.ids if pk not in saved]
    else:
        national = set(
            filtered_resources(query)
            .filter(coverage=Coverage.NATIONAL)
            .values_list("pk", flat=True)
        )
        ids += [pk for pk in result.ids if pk not in saved and pk in national]
    options = resources_in_order(ids, result.distances)
    for resource in options:
        resource.saved = resource.pk in saved
    return options


def stale_before(today: dt.date | None = None) -> dt.date:
    """Entries last verified before this day are stale (KINDRED_RESOURCE_STALE_DAYS)."""
    today = today or timezone.localdate()
    return today - dt.timedelta(days=settings.KINDRED_RESOURCE_STALE_DAYS)


def stale_resources() -> QuerySet[ResourcePage]:
    """Live entries not verified for KINDRED_RESOURCE_STALE_DAYS, the oldest first."""
    return (
        ResourcePage.objects.live()
        .filter(last_verified__lt=stale_before())
        .order_by("last_verified", "title")
    )


def open_problem_reports() -> QuerySet[ProblemReport]:
    return ProblemReport.objects.filter(status=ProblemReport.Status.OPEN).select_related("resource")


def export_saved_resources(user: Any) -> list[dict[str, Any]]:
    """What "Download my data" includes: the entries the member saved."""
    return [
        {
            "resource": saved.resource.title,
            "url": saved.resource.full_url or saved.resource.url_path,
            "saved_at": saved.saved_at.isoformat(),
        }
        for saved in SavedResource.objects.filter(user=user).select_related("resource")
    ]
