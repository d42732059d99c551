"""Shared fixtures: the /resources/ index page and a small catalogue covering every filter."""

from __future__ import annotations

import pytest

from kindred.resources.importing import resource_index
from kindred.resources.models import ResourceIndexPage, ResourcePage
from kindred.resources.tests.factories import make_resource


@pytest.fixture
def index(home_page: object) -> ResourceIndexPage:
    return resource_index()


@pytest.fixture
def catalogue(index: ResourceIndexPage) -> dict[str, ResourcePage]:
    """Seven entries chosen so every filter has matches and non-matches."""
    return {
        "Family Online Secular": make_resource(
            "Family Online Secular",
            kind="family-support",
            for_whom="family",
            facets={
                "format": ["online"],
                "approach": ["secular"],
                "cost": ["free"],
                "language": ["en"],
                "community": ["parents"],
            },
        ),
        "Both Online Secular Spanish": make_resource(
            "Both Online Secular Spanish",
            kind="online-meetings",
            for_whom="both",
            facets={
                "format": ["online", "phone"],
                "approach": ["secular", "non-12-step"],
                "cost": ["free"],
                "language": ["en", "es"],
            },
        ),
        "Family In Person Twelve Step": make_resource(
            "Family In Person Twelve Step",
            kind="family-support",
            for_whom="family",
            facets={
                "format": ["in-person"],
                "approach": ["12-step"],
                "cost": ["free"],
                "language": ["en"],
            },
        ),
        "Loved One Online Secular": make_resource(
            "Loved One Online Secular",
            kind="fellowship",
            for_whom="loved-one",
            facets={
                "format": ["online"],
                "approach": ["secular"],
                "cost": ["free"],
                "language": ["en"],
                "community": ["women"],
            },
        ),
        "Faith Group": make_resource(
            "Faith Group",
            kind="fellowship",
            for_whom="loved-one",
            description="A church meeting with naloxone training.",
            facets={
                "format": ["in-person"],
                "approach": ["faith-based", "12-step"],
                "cost": ["free"],
                "language": ["es"],
            },
        ),
        "Columbus Clinic": make_resource(
            "Columbus Clinic",
            kind="treatment-provider",
            for_whom="loved-one",
            coverage="area",
            zip_code="43215",
            radius_miles=30,
            facets={
                "format": ["in-person"],
                "approach": ["medication-friendly"],
                "cost": ["insurance", "sliding-scale"],
                "community": ["veterans"],
            },
        ),
        "Dayton Centre": make_resource(
            "Dayton Centre",
            kind="peer-recovery-centre",
            for_whom="both",
            coverage="area",
            zip_code="45402",
            radius_miles=90,
            facets={"format": ["in-person"], "cost": ["free"]},
        ),
    }
