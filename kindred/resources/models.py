"""The recovery resource directory (docs/resources.md).

Entries are Wagtail pages (``ResourcePage``) under one ``ResourceIndexPage`` at /resources/:
they get revisions, the "Moderators approval" workflow, locking, scheduling and previews like
every other page, a shareable address, and site search through ``SEARCH_KINDS``. What members
and visitors add (saved entries, problem reports) are plain models.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from kindred.resources.choices import Coverage, FacetGroup, ForWhom, Kind
from kindred.resources.geo import US_STATES, ZipError, place_for_zip

# The facets, in order, as the directory reads them (kindred.resources.selectors.facet_list).
FACETS_CACHE_KEY = "kindred:resources:facets"
# Django views under /resources/ that an entry's slug must never shadow.
RESERVED_SLUGS = frozenset({"saved", "report", "near"})


class Facet(models.Model):
    """One value of a multi-valued filter: an approach, format, language, community or cost."""

    group = models.CharField(max_length=20, choices=FacetGroup.choices)
    slug = models.SlugField(max_length=40)
    label = models.CharField(max_length=60)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["group", "sort_order", "label"]
        constraints = [
            models.UniqueConstraint(fields=["group", "slug"], name="resources_facet_group_slug")
        ]

    def __str__(self) -> str:
        return self.label

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        cache.delete(FACETS_CACHE_KEY)  # The directory's filters and cards show it at once.

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        deleted = super().delete(*args, **kwargs)
        cache.delete(FACETS_CACHE_KEY)
        return deleted


def _checkboxes() -> Any:
    from django import forms

    return forms.CheckboxSelectMultiple


def _facets(group: str, related_name: str, verbose_name: str) -> Any:
    return ParentalManyToManyField(
        Facet,
        blank=True,
        related_name=related_name,
        limit_choices_to={"group": group},
        verbose_name=verbose_name,
    )


class ResourceIndexPage(Page):
    """/resources/: the directory. The listing itself is a Django view (kindred.resources.views)
    that Django's URLs reach first; serving this page (a preview, for example) shows the same."""

    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["resources.ResourcePage"]
    max_count = 1

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from kindred.resources.views import directory

        return directory(request, index_page=self)


class ResourcePage(Page):
    """One entry of the directory: what it is, who it is for, how to reach it, where it works."""

    kind = models.CharField(max_length=30, choices=Kind.choices)
    for_whom = models.CharField(
        "for whom", max_length=20, choices=ForWhom.choices, default=ForWhom.BOTH
    )
    approaches = _facets(FacetGroup.APPROACH, "approach_resources", "approaches")
    formats = _facets(FacetGroup.FORMAT, "format_resources", "formats")
    languages = _facets(FacetGroup.LANGUAGE, "language_resources", "languages")
    communities = _facets(FacetGroup.COMMUNITY, "community_resources", "communities served")
    costs = _facets(FacetGroup.COST, "cost_resources", "cost")
    description = models.TextField(
        max_length=1500, help_text="Our own words: what it offers and what to expect."
    )
    keywords = models.CharField(
        max_length=200, blank=True, help_text="Other words people search for (AA, NA, rehab…)."
    )
    phone = models.CharField(max_length=40, blank=True)
    text_contact = models.CharField(
        "text", max_length=80, blank=True, help_text="For example: Text HOME to 741741"
    )
    website = models.URLField(blank=True)
    address = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=80, blank=True)
    state = models.CharField(
        max_length=2, blank=True, help_text="Two letters; filled from the ZIP code."
    )
    zip_code = models.CharField("ZIP code", max_length=10, blank=True)
    hours = models.CharField(max_length=200, blank=True, help_text="For example: 24/7")
    coverage = models.CharField(max_length=20, choices=Coverage.choices, default=Coverage.NATIONAL)
    covered_states = models.CharField(
        "states covered",
        max_length=200,
        blank=True,
        help_text="Two-letter codes separated by commas, when it covers whole states: OH, KY",
    )
    radius_miles = models.PositiveIntegerField(
        "radius (miles)", default=25, help_text="When it covers an area around its ZIP code."
    )
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    last_verified = models.DateField(
        default=timezone.localdate, help_text="The day a person last checked these details."
    )
    is_demo = models.BooleanField(
        "demo data", default=False, help_text="A made-up listing for trying the directory."
    )
    external_id = models.CharField(
        max_length=100, blank=True, db_index=True, help_text="Set by imports; leave as it is."
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("keywords"),
        index.SearchField("city"),
        index.FilterField("kind"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("for_whom")]),
        FieldPanel("description"),
        FieldPanel("keywords"),
        MultiFieldPanel(
            [
                FieldPanel("approaches", widget=_checkboxes()),
                FieldPanel("formats", widget=_checkboxes()),
                FieldPanel("languages", widget=_checkboxes()),
                FieldPanel("communities", widget=_checkboxes()),
                FieldPanel("costs", widget=_checkboxes()),
            ],
            heading="Filters",
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("text_contact"),
                FieldPanel("website"),
                FieldPanel("hours"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("state"), FieldPanel("zip_code")]),
            ],
            heading="How to reach it",
        ),
        MultiFieldPanel(
            [FieldPanel("coverage"), FieldPanel("covered_states"), FieldPanel("radius_miles")],
            heading="Where it works",
        ),
        FieldRowPanel([FieldPanel("last_verified"), FieldPanel("is_demo")]),
        FieldPanel("external_id", read_only=True),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types: list[str] = []
    template = "resources/resource_page.html"

    class Meta:
        verbose_name = "resource"
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="resources_resource_external_id",
            )
        ]

    @property
    def search_excerpt_source(self) -> str:
        return self.description

    @property
    def summary(self) -> str:
        return f"{self.get_kind_display()} · for {self.get_for_whom_display().lower()}"

    @property
    def states_list(self) -> list[str]:
        return [s for s in (p.strip().upper() for p in self.covered_states.split(",")) if s]

    @property
    def is_stale(self) -> bool:
        from kindred.resources.selectors import stale_before

        return self.last_verified < stale_before()

    def clean(self) -> None:
        super().clean()
        self.clean_resource()

    def clean_resource(self) -> None:
        """Check the directory's own fields and fill the coordinates (and state and city, when
        empty) from the ZIP code. Needs no database: the importer runs it before saving."""
        errors: dict[str, str] = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = "This address is used by the directory itself; choose another."
        self.state = self.state.strip().upper()
        if self.zip_code:
            try:
                place = place_for_zip(self.zip_code)
            except ZipError as error:
                errors["zip_code"] = str(error)
            else:
                self.zip_code = place.zip_code
                self.latitude, self.longitude = place.latitude, place.longitude
                self.state = self.state or place.state
                self.city = self.city or place.city
        else:
            self.latitude = self.longitude = None
        if self.state and self.state not in US_STATES:
            errors["state"] = "Use a two-letter US state code, such as OH."
        states = self.states_list
        unknown = [s for s in states if s not in US_STATES]
        if unknown:
            errors["covered_states"] = f"Not a US state code: {', '.join(unknown)}."
        self.covered_states = ",".join(states)
        if self.coverage == Coverage.STATES and not states:
            errors["covered_states"] = "List the states it covers."
        if self.coverage == Coverage.AREA and not self.zip_code:
            errors["zip_code"] = "An area is measured from a ZIP code: enter one."
        if errors:
            raise ValidationError(errors)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from kindred.resources.selectors import is_saved

        context = super().get_context(request, *args, **kwargs)
        context["is_saved"] = is_saved(request.user, self)
        return context


class SavedResource(models.Model):
    """An entry a member keeps in "My resources"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_resources"
    )
    resource = models.ForeignKey(ResourcePage, on_delete=models.CASCADE, related_name="+")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-saved_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "resource"], name="resources_saved_once")
        ]

    def __str__(self) -> str:
        return f"Saved resource {self.resource_id}"


class ProblemReport(models.Model):
    """A visitor's "this listing is wrong": anonymous, in the editors' queue until resolved."""

    class Problem(models.TextChoices):
        PHONE = "phone", "The phone or text number is wrong"
        WEBSITE = "website", "The website is wrong or broken"
        ADDRESS = "address", "The address or area is wrong"
        HOURS = "hours", "The hours are wrong"
        CLOSED = "closed", "It has closed or stopped"
        DESCRIPTION = "description", "The description is wrong"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"
        DISMISSED = "dismissed", "Dismissed"

    resource = models.ForeignKey(
        ResourcePage, on_delete=models.CASCADE, related_name="problem_reports"
    )
    problem = models.CharField(max_length=20, choices=Problem.choices)
    details = models.TextField(max_length=2000, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    editor_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.resource.title}: {self.get_problem_display()}"
