"""Reads of the resource directory: the faceted, near-me search, one entry, saved entries,
stale entries, the editors' queue, and what other apps may ask for.

The directory's query count does not grow with the number of entries: near a ZIP code the
matching ids come from one query (with a small Python pass for distances), otherwise a count
and the one page of ids, ordered, in the database; the page of result cards comes from one
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
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

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
    """``ids``: a list near a ZIP code (ordered by distance in Python), else a query ordered by
    name, so that a paginator counts and reads one page in the database (not every id)."""

    ids: list[int] | QuerySet[ResourcePage, int]
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


def directory_page(live_only: bool = True) -> ResourceIndexPage | None:
    """The one directory page (``max_count = 1``). Read without an ORDER BY: ``first()`` would
    add one, and sorting the page tree to find a single row cost SQLite a scan of every page."""
    pages = ResourceIndexPage.objects.live() if live_only else ResourceIndexPage.objects.all()
    return next(iter(pages.order_by()[:1]), None)


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
        by_name = resources.order_by("title", "pk").values_list("pk", flat=True)
        return DirectoryResult(ids=by_name, distances={}, zip_error=zip_error)

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
    # No ORDER BY (a page's default is its tree path): the order is worked out below.
    rows = resources.order_by().values_list(
        "pk", "title", "coverage", "latitude", "longitude", "radius_miles"
    )
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
# The columns a card shows: the ResourceCard's own, then its CardDetails'.
CARD_FIELDS = ("pk", "title", "url_path", "kind", "for_whom")
DETAIL_FIELDS = (
    "description", "phone", "text_contact", "website", "hours", "address", "city", "state",
    "zip_code", "last_verified", "is_demo",
)  # fmt: skip


@dataclass(frozen=True)
class CardDetails:
    """The part of a card that depends on the entry alone (and its facets' labels): the demo
    note, the description, the contacts, the tags line and the date it was last verified.

    Frozen and hashable on purpose: the rendered HTML of this part is kept in the process keyed
    by these values themselves (``{% fixed_fragment %}``), so an edited entry, once published,
    is a new key and can never be shown as it was. Nothing about the visitor is in here.
    """

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
    formats: tuple[str, ...]
    approaches: tuple[str, ...]
    costs: tuple[str, ...]


@dataclass(frozen=True)
class ResourceCard:
    """What a result card (resources/includes/resource_card.html) shows, as plain values."""

    pk: int
    title: str
    url: str
    kind: str
    for_whom: str
    details: CardDetails
    distance: float | None
    save_url: str
    unsave_url: str
    report_url: str

    # What ``get_FOO_display`` shows: the choice's label, or the value when it is no choice.
    @property
    def kind_label(self) -> str:
        return str(_KIND_LABELS.get(self.kind, self.kind))

    @property
    def for_whom_label(self) -> str:
        return str(_FOR_WHOM_LABELS.get(self.for_whom, self.for_whom))


_KIND_LABELS = dict(Kind.choices)
_FOR_WHOM_LABELS = dict(ForWhom.choices)


# A number no entry has, standing for the entry's id in a reversed URL.
_ID = 987654321


def _entry_urls(name: str) -> tuple[str, str]:
    """The parts of the URL ``name`` around an entry's id: reversed once, not once a card."""
    before, after = reverse(name, args=[_ID]).split(str(_ID))
    return before, after


def _card_facet_labels(
    ids: list[int], facets: list[Facet]
) -> dict[tuple[int, str], tuple[str, ...]]:
    """(entry id, "formats" / "approaches" / "costs") -> the labels, in the facets' order.

    One query, a UNION ALL over the three link tables, written as SQL: built with the ORM
    (three querysets, an annotation and a union) it cost about 1 ms of Python a page, ten
    times what the query itself takes. Table and column names come from the models, the ids
    are parameters. The labels come from the cached facets.
    """
    if not ids:
        return {}
    quote = connection.ops.quote_name
    in_ids = ", ".join(["%s"] * len(ids))
    selects = []
    for position, name in enumerate(CARD_FACETS):
        through = getattr(ResourcePage, name).through._meta
        entry = quote(through.get_field("resourcepage").column)
        linked = quote(through.get_field("facet").column)
        table = quote(through.db_table)
        # Names quoted from the models' own metadata; every value is a parameter.
        sql = f"SELECT {entry}, {position}, {linked} FROM {table} WHERE {entry} IN ({in_ids})"  # noqa: S608  # nosec B608
        selects.append(sql)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), list(ids) * len(CARD_FACETS))
        rows = cursor.fetchall()
    by_id = {facet.pk: (position, facet) for position, facet in enumerate(facets)}
    found: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for resource_id, relation, facet_id in rows:
        if facet_id in by_id:
            position, facet = by_id[facet_id]
            key = (resource_id, CARD_FACETS[relation])
            found.setdefault(key, []).append((position, facet.label))
    return {key: tuple(label for _, label in sorted(labels)) for key, labels in found.items()}


def _page_url(page: Page, request: HttpRequest) -> str:
    """What ``page.get_url(request)`` gives ("" when it has no URL), without looking up the
    request's site when there is only one: ``get_url`` always does (a query and about 1.5 ms
    of a 20 ms request) though with one site the answer is the relative URL whatever it is."""
    parts = page.get_url_parts(request)
    if parts is None or parts[2] is None:
        return ""
    if len({root.site_id for root in Site.get_site_root_paths()}) == 1:
        return parts[2]
    return page.get_url(request) or ""


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
    index_page = index_page or directory_page(live_only=False)
    if index_page is None:  # No directory page, so no entries can exist under it.
        return []
    index_url = _page_url(index_page, request)
    prefix = index_url if index_url.endswith("/") else index_url + "/"
    append_slash = getattr(settings, "WAGTAIL_APPEND_SLASH", True)
    index_path_length = len(index_page.url_path)
    rows = {
        row[0]: row
        for row in ResourcePage.objects.filter(pk__in=ids).values_list(*CARD_FIELDS, *DETAIL_FIELDS)
    }
    labels = _card_facet_labels(list(rows), facet_list() if facets is None else facets)
    save, unsave, report = (
        _entry_urls(f"resources:{name}") for name in ("save", "unsave", "report")
    )
    distances = distances or {}
    cards = []
    for pk in ids:
        row = rows.get(pk)
        if row is None:
            continue
        _, title, url_path, kind, for_whom, *detail_values = row
        url = prefix + url_path[index_path_length:]
        cards.append(
            ResourceCard(
                pk=pk,
                title=title,
                url=url if append_slash else url.rstrip("/"),
                kind=kind,
                for_whom=for_whom,
                details=CardDetails(
                    **dict(zip(DETAIL_FIELDS, detail_values, strict=True)),
                    formats=labels.get((pk, "formats"), ()),
                    approaches=labels.get((pk, "approaches"), ()),
                    costs=labels.get((pk, "costs"), ()),
                ),
                distance=distances.get(pk),
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
