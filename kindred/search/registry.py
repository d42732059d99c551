"""Which page types site search covers. Other apps register theirs from ``AppConfig.ready``.

    from kindred.search.registry import SearchKind, register
    register(SearchKind("questions", "Questions", "questions.QuestionPage", "Question"))

A kind may name ``hidden_ids(user)``: a function returning the ids of its pages that ``user``
may not see (members-only articles, for example). Search leaves them out of the results. A page
type may define ``search_excerpt_source`` (plain text) for the excerpt shown under a result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Model


@dataclass(frozen=True)
class SearchKind:
    slug: str  # in ?kind=
    label: str  # plural, shown in the filter ("Articles")
    model_label: str  # "app_label.ModelName" of a Wagtail page type
    item_label: str = ""  # singular, shown on each result ("Article")
    hidden_ids: Callable[[Any], Iterable[int]] | None = None
    # ids of this kind's pages filed under a category, for the category filter (None: the
    # kind has no categories and is left out when a category is chosen).
    category_ids: Callable[[Any], Iterable[int]] | None = None

    @property
    def singular(self) -> str:
        return self.item_label or self.label

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.model_label)


_kinds: dict[str, SearchKind] = {}


def register(kind: SearchKind) -> None:
    """Add a page type to site search (registering the same slug again replaces it)."""
    _kinds[kind.slug] = kind


def kinds() -> list[SearchKind]:
    return list(_kinds.values())


def get_kind(slug: str) -> SearchKind | None:
    return _kinds.get(slug)
