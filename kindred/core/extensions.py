"""The one way an app adds to the parts of Kindred that every app shares.

Each app contributes from its own ``wagtail_hooks.py`` (Wagtail finds that module in every
installed app; nothing else has to import it). A hook function takes no arguments and returns
one contribution or a list of them::

    # kindred/questions/wagtail_hooks.py
    from wagtail import hooks
    from kindred.core.extensions import MEMBER_DATA, MemberData

    @hooks.register(MEMBER_DATA)
    def questions_member_data() -> MemberData:
        from kindred.questions.selectors import export_questions
        return MemberData("questions", export=export_questions)

| hook name         | contribution  | what Kindred does with it                                  |
| ----------------- | ------------- | ---------------------------------------------------------- |
| ``MEMBER_DATA``   | `MemberData`  | "Download my data" and account deletion (accounts app)     |
| ``HOME_SECTIONS`` | `HomeSection` | the cards of the member home page ``/my/`` (accounts app)  |
| ``ACCOUNT_SECTIONS`` | `HomeSection` | the cards of the account settings page (accounts app)  |
| ``SEARCH_KINDS``  | `SearchKind`  | the page types site search covers (search app)             |
| ``DEMO_DATA``     | `DemoData`    | what ``manage.py load_demo`` creates, in ``order``          |
| ``SCALE_DATA``    | `ScaleSeeder` | ``manage.py seed_scale``'s bulk data for benchmarks         |
| ``LESSON_TOOLS``  | `LessonTool`  | the tool a lesson's "Try this week" links to (learning app) |

Importing what a contribution needs inside the hook function keeps this module, and ``core``,
free of imports from any feature app: imports run one way, from the feature apps down to core.
Tests add a contribution for one test with ``hooks.register_temporarily(NAME, fn)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.http import HttpRequest
from wagtail import hooks

MEMBER_DATA = "kindred_member_data"
HOME_SECTIONS = "kindred_home_sections"
ACCOUNT_SECTIONS = "kindred_account_sections"
SEARCH_KINDS = "kindred_search_kinds"
DEMO_DATA = "kindred_demo_data"
# seed_scale's hook (kindred/api/management/commands/seed_scale.py): the hook function returns
# a ScaleSeeder, called as seed(member_ids, options, stdout) after the members and articles.
SCALE_DATA = "kindred_scale_data"
ScaleSeeder = Callable[[list[int], dict[str, Any], Any], None]
LESSON_TOOLS = "kindred_lesson_tools"


@dataclass(frozen=True)
class MemberData:
    """What one app stores about a member.

    ``export(user)`` returns a JSON-serialisable value, written under ``key`` in the member's
    data file. ``erase(user)``, if given, removes what a cascade from the user row cannot reach
    (a public page made from the member's words, for example); it runs inside the deletion's
    transaction, before the user row goes. Every foreign key to the user must CASCADE.
    """

    key: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], None] | None = None


@dataclass(frozen=True)
class HomeSection:
    """A card on the member home page: a template rendered with the request's context plus
    ``section_context(request)``, ``order`` lower first, shown when ``is_visible(request)``."""

    key: str
    template: str
    order: int = 100
    is_visible: Callable[[HttpRequest], bool] | None = None
    section_context: Callable[[HttpRequest], dict[str, Any]] | None = None


@dataclass(frozen=True)
class SearchKind:
    """A Wagtail page type in site search.

    ``hidden_ids(user)`` returns the ids of its pages that ``user`` may not see (members-only
    articles, for example); ``category_ids(category)`` the ids of its pages filed under a
    category, for the category filter (None: the kind has no categories and is left out when a
    category is chosen). Both may return a ``values_list("pk", flat=True)`` queryset: search
    then filters in one SQL query instead of carrying thousands of ids through Python.
    ``categories()`` returns the topics (objects with ``slug`` and ``name``) its pages can be
    filed under, offered in the search page's topic filter (kinds sharing the same function are
    asked once). A page type may define ``search_excerpt_source`` (plain text) for the excerpt
    shown under a result.
    """

    slug: str  # in ?kind=
    label: str  # plural, shown in the filter ("Articles")
    model_label: str  # "app_label.ModelName" of a Wagtail page type
    item_label: str = ""  # singular, shown on each result ("Article")
    hidden_ids: Callable[[Any], Iterable[int]] | None = None
    category_ids: Callable[[Any], Iterable[int]] | None = None
    categories: Callable[[], Iterable[Any]] | None = None

    @property
    def singular(self) -> str:
        return self.item_label or self.label

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.model_label)


@dataclass(frozen=True)
class DemoData:
    """One app's demo content for ``manage.py load_demo``.

    ``load(stdout)`` must be idempotent. Steps run in ``order`` (accounts 10, memberships 20,
    content 30, learning 40, questions 50; later apps pick a higher number). ``is_loaded()``,
    if given, lets a repeated ``load_demo`` skip the step; a step without it runs every time.
    ``banner()`` adds lines to what ``load_demo`` prints at the end (the demo accounts).
    """

    key: str
    order: int
    load: Callable[[Any], None]
    is_loaded: Callable[[], bool] | None = None
    banner: Callable[[], str] | None = None


@dataclass(frozen=True)
class LessonTool:
    """The tool a lesson teaches: its "Try this week" links to ``url`` with ``title``.

    ``lesson_slug`` is the slug of a LessonPage; an app that offers a tool for practising a
    lesson registers one per lesson it serves (no lesson imports the tool's app).
    """

    lesson_slug: str
    title: str
    url: str


def contributions[T](hook_name: str, kind: type[T]) -> list[T]:
    """Every contribution registered under ``hook_name``, in registration order."""
    found: list[T] = []
    for hook in hooks.get_hooks(hook_name):
        result = hook()
        items = result if isinstance(result, list | tuple) else [result]
        for item in items:
            if not isinstance(item, kind):
                raise TypeError(f"The {hook_name} hook {hook!r} returned {item!r}, not a {kind}.")
            found.append(item)
    return found


def member_data() -> list[MemberData]:
    return sorted(contributions(MEMBER_DATA, MemberData), key=lambda item: item.key)


def home_sections() -> list[HomeSection]:
    return sorted(contributions(HOME_SECTIONS, HomeSection), key=lambda s: (s.order, s.key))


def account_sections() -> list[HomeSection]:
    return sorted(contributions(ACCOUNT_SECTIONS, HomeSection), key=lambda s: (s.order, s.key))


def search_kinds() -> list[SearchKind]:
    return contributions(SEARCH_KINDS, SearchKind)


def demo_data() -> list[DemoData]:
    return sorted(contributions(DEMO_DATA, DemoData), key=lambda step: (step.order, step.key))


def lesson_tool(lesson_slug: str) -> LessonTool | None:
    """The tool that lesson ``lesson_slug`` teaches, if an app registered one (no query)."""
    return next(
        (
            tool
            for tool in contributions(LESSON_TOOLS, LessonTool)
            if tool.lesson_slug == lesson_slug
        ),
        None,
    )
