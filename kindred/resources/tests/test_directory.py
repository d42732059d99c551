"""The directory: every filter alone and combined, near me, ZIP messages, query counts."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kindred.resources.tests.factories import make_resource

pytestmark = pytest.mark.django_db

ALL = {
    "Family Online Secular",
    "Both Online Secular Spanish",
    "Family In Person Twelve Step",
    "Loved One Online Secular",
    "Faith Group",
    "Columbus Clinic",
    "Dayton Centre",
}


def names(client: Client, query: str) -> list[str]:
    response = client.get(f"/resources/?{query}")
    assert response.status_code == 200
    return [r.title for r in response.context["resources"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ALL),
        ("kind=family-support", {"Family Online Secular", "Family In Person Twelve Step"}),
        (
            "kind=fellowship&kind=treatment-provider",
            {"Loved One Online Secular", "Faith Group", "Columbus Clinic"},
        ),
        (
            "for=family",
            {
                "Family Online Secular",
                "Both Online Secular Spanish",
                "Family In Person Twelve Step",
                "Dayton Centre",
            },
        ),
        (
            "for=loved-one",
            {
                "Both Online Secular Spanish",
                "Loved One Online Secular",
                "Faith Group",
                "Columbus Clinic",
                "Dayton Centre",
            },
        ),
        (
            "approach=secular",
            {"Family Online Secular", "Both Online Secular Spanish", "Loved One Online Secular"},
        ),
        ("approach=12-step", {"Family In Person Twelve Step", "Faith Group"}),
        ("approach=faith-based&approach=medication-friendly", {"Faith Group", "Columbus Clinic"}),
        (
            "format=online",
            {"Family Online Secular", "Both Online Secular Spanish", "Loved One Online Secular"},
        ),
        ("format=phone", {"Both Online Secular Spanish"}),
        ("language=es", {"Both Online Secular Spanish", "Faith Group"}),
        ("community=parents", {"Family Online Secular"}),
        ("community=veterans&community=women", {"Columbus Clinic", "Loved One Online Secular"}),
        ("cost=insurance", {"Columbus Clinic"}),
        ("cost=sliding-scale&cost=insurance", {"Columbus Clinic"}),
        ("q=naloxone", {"Faith Group"}),
        (
            "q=online+secular",
            {"Family Online Secular", "Both Online Secular Spanish", "Loved One Online Secular"},
        ),
        # combined
        (
            "format=online&for=family&approach=secular",
            {"Family Online Secular", "Both Online Secular Spanish"},
        ),
        ("format=online&for=family&approach=secular&language=es", {"Both Online Secular Spanish"}),
        ("kind=fellowship&format=in-person&language=es", {"Faith Group"}),
        ("cost=free&for=loved-one&format=in-person", {"Faith Group", "Dayton Centre"}),
        ("approach=secular&community=women&for=loved-one", {"Loved One Online Secular"}),
        ("format=online&approach=12-step", set()),
        # unknown values are ignored, not errors
        ("format=teleport&kind=nonsense&for=martians", ALL),
    ],
)
def test_each_filter_alone_and_combined(
    client: Client, catalogue, query: str, expected: set[str]
) -> None:
    assert set(names(client, query)) == expected


def test_results_show_when_they_were_last_verified(client: Client, catalogue) -> None:
    body = client.get("/resources/").content.decode()
    assert body.count("Last verified") == len(ALL)


def test_near_me_lists_national_and_covering_local_entries_nearest_first(
    client: Client, catalogue
) -> None:
    make_resource("Ohio Line", kind="helpline", coverage="states", covered_states="OH")
    make_resource("Oregon Line", kind="helpline", coverage="states", covered_states="OR")
    make_resource(
        "Far Away Clinic",
        kind="treatment-provider",
        coverage="area",
        zip_code="97205",
        radius_miles=50,
    )
    response = client.get("/resources/?zip=43215")  # Columbus, Ohio
    found = [r.title for r in response.context["resources"]]
    # Columbus (0 mi), Dayton (~65 mi, radius 90), then entries without a place, by name.
    assert found[:2] == ["Columbus Clinic", "Dayton Centre"]
    assert "Ohio Line" in found and "Oregon Line" not in found and "Far Away Clinic" not in found
    distances = [r.distance for r in response.context["resources"][:2]]
    assert distances[0] < 1 and 55 < distances[1] < 80
    assert "miles away" in response.content.decode()
    # Dayton's own ZIP: Dayton first; Columbus (radius 30) does not reach it.
    found = [r.title for r in client.get("/resources/?zip=45402").context["resources"]]
    assert found[0] == "Dayton Centre" and "Columbus Clinic" not in found


@pytest.mark.parametrize(
    ("zip_code", "message"),
    [
        ("00000", "We could not find the ZIP code 00000"),
        ("1234", "A US ZIP code has five digits"),
        ("SW1A 1AA", "outside the United States"),
        ("K1A 0B1", "outside the United States"),
    ],
)
def test_zip_codes_we_cannot_place_get_a_clear_message(
    client: Client, catalogue, zip_code: str, message: str
) -> None:
    response = client.get("/resources/", {"zip": zip_code})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert set(r.title for r in response.context["resources"]) == ALL  # nothing lost


def test_zip_plus_four_is_accepted(client: Client, catalogue) -> None:
    response = client.get("/resources/?zip=43215-1234")
    assert response.context["result"].place.state == "OH"


def _bulk(n: int) -> None:
    for i in range(n):
        make_resource(
            f"Entry {i:04d}",
            facets={"format": ["online"], "cost": ["free"], "approach": ["secular"]},
        )


@pytest.mark.parametrize("count", [10, 500])
def test_the_directory_runs_a_fixed_number_of_queries(
    client: Client, alice, index, count: int, django_assert_max_num_queries
) -> None:
    _bulk(count)
    client.force_login(alice)
    client.get("/resources/")  # warm caches (site root paths, session)
    with django_assert_max_num_queries(22):
        response = client.get(
            "/resources/?format=online&approach=secular&cost=free&q=entry&zip=43215"
        )
    assert len(response.context["resources"]) == min(count, 20)


def test_entries_are_in_site_search(client: Client, catalogue) -> None:
    from kindred.resources.models import ResourcePage

    body = client.get("/search/?q=naloxone").content.decode()
    assert re.search(r"Faith Group", body), body[:500]
    assert ResourcePage.objects.count() == len(ALL)


def test_an_entry_page_links_to_the_report_form(client: Client, catalogue) -> None:
    page = catalogue["Faith Group"]
    body = client.get(page.url).content.decode()
    assert f"/resources/report/{page.pk}/" in body and "Last verified" in body


def test_a_card_links_to_the_entry_and_lists_its_formats_approaches_and_costs(
    client: Client, catalogue
) -> None:
    from kindred.resources.models import Facet

    page = catalogue["Family Online Secular"]
    body = client.get("/resources/?q=family+online").content.decode()
    cards = body[: body.index("</ol>")].split('<li class="card resource-card">')[1:]
    (card,) = [c for c in cards if ">Family Online Secular</a>" in c]
    assert f'<a href="{page.url}">Family Online Secular</a>' in card
    online, secular, free = (
        Facet.objects.get(group=group, slug=slug).label
        for group, slug in [("format", "online"), ("approach", "secular"), ("cost", "free")]
    )
    assert f'class="resource-card__tags muted">{online} · {secular} · {free}</p>' in card
    assert f'action="/resources/saved/{page.pk}/add/"' not in card  # Not signed in.
    assert f'href="/resources/report/{page.pk}/"' in card


def test_a_renamed_facet_shows_at_once(client: Client, catalogue) -> None:
    from kindred.resources.models import Facet

    client.get("/resources/")  # The facets are now cached.
    facet = Facet.objects.get(group="format", slug="online")
    facet.label = "Online, by video"
    facet.save()
    body = client.get("/resources/?q=family+online").content.decode()
    assert "Online, by video · " in body
