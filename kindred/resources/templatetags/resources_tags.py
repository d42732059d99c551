"""``{% fixed_fragment %}``: parts of the directory's page that depend only on a few values,
rendered once per process for each set of values.

A result card's details (the demo note, description, contacts, tags and date last verified) and
each group of filter checkboxes cost more to render than everything else the directory does per
request. They depend on nothing but the values passed to the tag, so they are kept in this
process, in a bounded LRU, keyed by the template's name, the active language and those values
themselves, not by an id and a version: when an entry is edited and published, its values are
new, so its card is rendered afresh and the old HTML can never be shown (and drops out of the
LRU in time). Nothing to clear on save, publish or unpublish, and no shared cache to keep right.

The fragment is rendered with only those values: no request, no user, no context processors,
no CSRF token, so nothing about a visitor can end up in it. What differs per visitor or per
request (the "saved" state, the save forms, the distance) stays in the ordinary templates.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import lru_cache

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

# One fragment a card for 5,000 entries (the directory's designed size) plus the filter
# groups: a few KB each, so some 10-20 MB per process at most.
FRAGMENT_CACHE_SIZE = 6000


@register.simple_tag
def fixed_fragment(template_name: str, **values: Hashable) -> SafeString:
    """``template_name`` rendered with ``values`` alone (each hashable: plain values, tuples,
    frozen dataclasses), from this process's cache when it was rendered with the same before."""
    return _render(template_name, get_language(), tuple(sorted(values.items())))


@lru_cache(maxsize=FRAGMENT_CACHE_SIZE)
def _render(
    template_name: str, language: str | None, values: tuple[tuple[str, Hashable], ...]
) -> SafeString:
    # Already safe (the template escaped what it rendered); typed as str by the stubs.
    return mark_safe(get_template(template_name).render(dict(values)))  # noqa: S308  # nosec B308 B703  # the template autoescaped every value
