"""The recovery resource directory with 5,000 entries: search and "near me" response times.

Runs in-process through Django's test client (URL routing, middleware, session,
authentication, the selectors, the template) as a signed-in member (so no page cache), on a
fresh SQLite database with the database cache: Kindred's default set-up without Redis.

The entries are spread like a real directory: about 1 in 10 national, 2 in 10 covering whole
states, the rest local areas around ZIP codes all over the US (seeded, so every run builds the
same directory), with random kinds, audiences and facets. Prints p50 and p95 per kind of
request over ``--requests`` requests each (target: p95 under 50 ms), and the same for a page
with little more than the site's base template (a member's empty My resources), for scale.

Usage: python benchmarks/resources.py [--entries 5000] [--requests 200]
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = [
    "family", "recovery", "support", "meeting", "clinic", "centre", "helpline", "peer",
    "parents", "youth", "treatment", "counselling", "harm", "reduction", "naloxone", "group",
]  # fmt: skip
# Each a family of requests: a fixed filter, sent with varying ZIP codes or words.
SEARCHES = {
    "directory, no filter": "",
    "online + family + secular": "format=online&for=family&approach=secular",
    "word search": "q={word}",
    "word + 3 filters": "q={word}&kind=family-support&kind=fellowship&cost=free&language=en",
    "near me (ZIP)": "zip={zip}",
    "near me + filters": "zip={zip}&for=loved-one&format=in-person&cost=insurance",
    "near me, page 2": "zip={zip}&page=2",
}


def build(entries: int, rng: random.Random) -> list[str]:
    """Create ``entries`` live ResourcePages under the index; return the ZIP codes used."""
    import zipcodes
    from django.db import transaction
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from kindred.content.demo_loader import load_home_page
    from kindred.resources.choices import Coverage, ForWhom, Kind
    from kindred.resources.geo import US_STATES
    from kindred.resources.importing import resource_index
    from kindred.resources.models import Facet, ResourcePage
    from kindred.resources.selectors import FACET_FIELDS

    load_home_page()
    index = resource_index()
    all_zips = [z["zip_code"] for z in zipcodes.list_all() if z["state"] in US_STATES]
    states = sorted(US_STATES)
    facets: dict[str, list[Facet]] = {}
    for facet in Facet.objects.all():
        facets.setdefault(facet.group, []).append(facet)
    zips_used: list[str] = []
    links: dict[str, list[object]] = {group: [] for group in FACET_FIELDS}
    # Neither site search nor the reference index is read by the directory: not updating them
    # for each of 5,000 saves keeps the set-up to a minute or two.
    post_save.disconnect(post_save_signal_handler, sender=ResourcePage)
    with transaction.atomic(), disable_reference_index_auto_update():
        for n in range(entries):
            coverage = rng.choices(
                [Coverage.NATIONAL, Coverage.STATES, Coverage.AREA], weights=[1, 2, 7]
            )[0]
            name = f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {n:05d}"
            page = ResourcePage(
                title=name,
                slug=f"entry-{n:05d}",
                kind=rng.choice(Kind.values),
                for_whom=rng.choice(ForWhom.values),
                description=" ".join(rng.choices(WORDS, k=30)),
                keywords=" ".join(rng.choices(WORDS, k=3)),
                coverage=coverage,
                radius_miles=rng.choice([10, 25, 50, 100, 250]),
                phone="555-0100",
            )
            if coverage == Coverage.STATES:
                page.covered_states = ",".join(rng.sample(states, k=rng.randint(1, 3)))
            if coverage == Coverage.AREA:
                page.zip_code = rng.choice(all_zips)
                zips_used.append(page.zip_code)
            page.clean_resource()
            # What add_child does, without re-reading the parent for each of 5,000 children.
            page.depth = index.depth + 1
            page.path = ResourcePage._get_path(index.path, page.depth, n + 1)
            page.save(clean=False)
            for group, field_name in FACET_FIELDS.items():
                chosen = rng.sample(facets[group], k=rng.randint(0, 2))
                through = getattr(ResourcePage, field_name).through
                links[group] += [through(resourcepage_id=page.pk, facet_id=f.pk) for f in chosen]
        for group, field_name in FACET_FIELDS.items():
            getattr(ResourcePage, field_name).through.objects.bulk_create(links[group])
        index.numchild = entries
        index.save(update_fields=["numchild"])
    post_save.connect(post_save_signal_handler, sender=ResourcePage)
    return zips_used


def measure(client: object, urls: list[str]) -> tuple[float, float, float, float]:
    """(wall p50, wall p95, CPU p50, CPU p95) in ms of GET ``urls``, each a 200.

    CPU time (this process only) is what the request costs without other programs competing
    for the processor; on a busy machine wall time is larger.
    """
    wall, cpu = [], []
    for url in urls:
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)  # type: ignore[attr-defined]
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    w, c = statistics.quantiles(wall, n=100), statistics.quantiles(cpu, n=100)
    return w[49], w[94], c[49], c[94]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()

    folder = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kindred.resources.geo import place_for_zip
    from kindred.resources.models import ResourcePage
    from kindred.testing.factories import MembershipFactory, VerifiedUserFactory

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    started = time.perf_counter()
    logging.disable(logging.INFO)  # Not a "Page created" line per entry on the screen.
    zips_used = build(args.entries, rng)
    logging.disable(logging.NOTSET)
    built = time.perf_counter() - started
    live = ResourcePage.objects.live().count()
    print(f"{live} live entries built in {built:.0f} s (SQLite, {connection.vendor})")

    member = VerifiedUserFactory.create()
    MembershipFactory.create(user=member)
    client = Client()
    client.force_login(member)
    place_for_zip("43215")  # load the ZIP code data (once per process) outside the timing
    client.get("/resources/")  # warm: site root paths, session, templates

    # ZIP codes that local entries cover (so "near me" has nearby results) and random ones.
    zips = [rng.choice(zips_used) if i % 2 else rng.choice(zips_used)[:3] + "01" for i in range(50)]
    zips = [z for z in zips if _placeable(z)] or zips_used[:50]
    print(f"{args.requests} requests each, through the test client, signed in as a member")
    print(f"{'':<28}{'wall time':^18}{'CPU time':^18}")
    columns = ["p50 ms", "p95 ms", "p50 ms", "p95 ms", "queries", "results"]
    print(f"{'request':<28}" + "".join(f"{c:>9}" for c in columns))
    # For scale: the same stack rendering a page with the site's base template and almost
    # nothing else (the member's empty My resources).
    p50, p95, cpu50, cpu95 = measure(client, ["/resources/saved/"] * args.requests)
    print(f"{'baseline: empty My resources':<28}{p50:9.1f}{p95:9.1f}{cpu50:9.1f}{cpu95:9.1f}")
    for name, template in SEARCHES.items():
        urls = [
            "/resources/?" + template.format(word=rng.choice(WORDS), zip=rng.choice(zips))
            for _ in range(args.requests)
        ]
        p50, p95, cpu50, cpu95 = measure(client, urls)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(urls[0])
        heading = re.search(r'class="resource-count">([\d,]+)', response.content.decode())
        count = int(heading[1].replace(",", "")) if heading else -1
        print(f"{name:<28}{p50:9.1f}{p95:9.1f}{cpu50:9.1f}{cpu95:9.1f}{len(queries):9d}{count:9d}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def _placeable(zip_code: str) -> bool:
    from kindred.resources.geo import ZipError, place_for_zip

    try:
        place_for_zip(zip_code)
    except ZipError:
        return False
    return True


if __name__ == "__main__":
    main()
