"""The fixed vocabularies of the directory. Multi-valued facets (approach, format, language,
community, cost) are rows of ``Facet`` so editors can add a language or a community; these
are the values Kindred starts with (created by a migration, used by the importer)."""

from __future__ import annotations

from django.db import models


class Kind(models.TextChoices):
    FELLOWSHIP = "fellowship", "Mutual-help fellowship"
    ONLINE_MEETINGS = "online-meetings", "Online meetings"
    HELPLINE = "helpline", "Helpline"
    CRISIS_LINE = "crisis-line", "Crisis line"
    TREATMENT_LOCATOR = "treatment-locator", "Treatment locator"
    TREATMENT_PROVIDER = "treatment-provider", "Treatment provider"
    HARM_REDUCTION = "harm-reduction", "Harm reduction"
    FAMILY_SUPPORT = "family-support", "Family support"
    PEER_RECOVERY_CENTRE = "peer-recovery-centre", "Peer recovery centre"


class ForWhom(models.TextChoices):
    LOVED_ONE = "loved-one", "The loved one"
    FAMILY = "family", "The family"
    BOTH = "both", "Both"


class Coverage(models.TextChoices):
    NATIONAL = "national", "National (anywhere in the US)"
    STATES = "states", "Whole states"
    AREA = "area", "An area around its ZIP code"


class FacetGroup(models.TextChoices):
    APPROACH = "approach", "Approach"
    FORMAT = "format", "Format"
    LANGUAGE = "language", "Language"
    COMMUNITY = "community", "Community"
    COST = "cost", "Cost"


# (group, slug, label) in the order shown.
STARTING_FACETS: list[tuple[str, str, str]] = [
    ("approach", "12-step", "12-step"),
    ("approach", "non-12-step", "Non-12-step"),
    ("approach", "secular", "Secular"),
    ("approach", "faith-based", "Faith-based"),
    ("approach", "buddhist-inspired", "Buddhist-inspired"),
    ("approach", "medication-friendly", "Medication-friendly"),
    ("format", "in-person", "In person"),
    ("format", "online", "Online"),
    ("format", "phone", "Phone"),
    ("format", "text", "Text"),
    ("language", "en", "English"),
    ("language", "es", "Spanish"),
    ("language", "other", "Other languages (interpreters)"),
    ("community", "young-people", "Young people"),
    ("community", "parents", "Parents"),
    ("community", "lgbtq", "LGBTQ+"),
    ("community", "veterans", "Veterans"),
    ("community", "women", "Women"),
    ("community", "bipoc", "BIPOC"),
    ("community", "grieving-families", "Families who lost someone"),
    ("cost", "free", "Free"),
    ("cost", "sliding-scale", "Sliding scale"),
    ("cost", "insurance", "Insurance"),
]

# Kinds a family can offer as a ready treatment option (the treatment-invitation planner).
TREATMENT_KINDS = (Kind.TREATMENT_PROVIDER, Kind.TREATMENT_LOCATOR, Kind.HELPLINE)
