"""Directory entries for tests: real pages under the /resources/ index, facets by slug."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kindred.resources.importing import resource_index
from kindred.resources.models import Facet, ResourcePage
from kindred.resources.selectors import FACET_FIELDS

_counter = {"n": 0}


def make_resource(
    name: str,
    *,
    kind: str = "fellowship",
    for_whom: str = "both",
    publish_revision: bool = False,
    facets: dict[str, list[str]] | None = None,
    last_verified: dt.date | None = None,
    **fields: Any,
) -> ResourcePage:
    """A live entry. ``facets`` maps a group ("format") to slugs (["online"])."""
    _counter["n"] += 1
    page = ResourcePage(
        title=name,
        slug=f"r-{_counter['n']}-{name.lower().replace(' ', '-')[:40]}",
        kind=kind,
        for_whom=for_whom,
        description=fields.pop("description", f"About {name}."),
        last_verified=last_verified or timezone.localdate(),
        **fields,
    )
    page.clean_resource()
    for group, slugs in (facets or {}).items():
        getattr(page, FACET_FIELDS[group]).set(
            list(Facet.objects.filter(group=group, slug__in=slugs))
        )
    resource_index().add_child(instance=page)
    if publish_revision:
        page.save_revision().publish()
    return page
