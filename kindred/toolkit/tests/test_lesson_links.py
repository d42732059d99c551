"""The lessons point at the tools: each lesson that teaches a tool links to it from its "Try
this week", and every lesson a tool names is a real lesson of the demo curriculum."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import Client

from kindred.core.extensions import lesson_tool
from kindred.learning.demo_loader import load_module, load_program
from kindred.learning.models import LessonPage
from kindred.learning.tests.builders import lesson_data
from kindred.toolkit.tools import tools

DEMO_LESSONS = Path(__file__).resolve().parents[2] / "learning" / "demo"


def _demo_lesson_slugs() -> set[str]:
    slugs: set[str] = set()
    for path in DEMO_LESSONS.glob("*.yaml"):
        module = yaml.safe_load(path.read_text(encoding="utf-8"))
        slugs.update(lesson["slug"] for lesson in module["lessons"])
    return slugs


def _load_understanding_use(home_page: Any, *lesson_slugs: str) -> None:
    """The program with module 2 ("Understanding use") holding these lessons."""
    load_module(
        load_program(home_page),
        {
            "slug": "understanding-use",
            "title": "Understanding use",
            "procedure": 2,
            "is_safety_module": False,
            "summary": "Summary.",
            "intro": "Intro.",
            "lessons": [lesson_data(slug) for slug in lesson_slugs],
        },
    )


def test_every_lesson_a_tool_names_is_a_demo_lesson() -> None:
    slugs = _demo_lesson_slugs()
    assert len(slugs) > 20, "the demo curriculum did not load"
    named = {slug for tool in tools() for slug in tool.lesson_slugs}
    assert named - slugs == set()
    # The part-1 tools are each taught by at least one lesson.
    for key in ("safety-plan", "tracker", "analysis", "rewards", "stepping-back"):
        tool = next(tool for tool in tools() if tool.key == key)
        assert tool.lesson_slugs, key


def test_each_lesson_links_to_one_tool() -> None:
    for tool in tools():
        for slug in tool.lesson_slugs:
            found = lesson_tool(slug)
            assert found is not None and found.url == tool.url, slug
    assert lesson_tool("no-such-lesson") is None


@pytest.mark.django_db
def test_try_this_week_links_to_the_tool(client: Client, alice: Any, home_page: Any) -> None:
    _load_understanding_use(home_page, "triggers-and-patterns", "signs-of-use")
    client.force_login(alice)
    taught = LessonPage.objects.get(slug="triggers-and-patterns")
    page = client.get(taught.url).text
    section = page[page.index('id="try-this-week"') :]
    section = section[: section.index("</section>")]
    assert "Practise triggers-and-patterns once this week." in section
    assert '<a href="/toolkit/tracker/">Practise it in your toolkit: Day tracker</a>' in section
    other = client.get(LessonPage.objects.get(slug="signs-of-use").url).text
    assert "data-lesson-tool" not in other
    assert client.get("/toolkit/tracker/").status_code == 200


@pytest.mark.django_db
def test_the_home_shows_purpose_last_activity_and_lesson(
    client: Client, alice: Any, home_page: Any
) -> None:
    from kindred.toolkit.models import TrackerDay
    from kindred.toolkit.services.tracker import member_today

    _load_understanding_use(home_page, "triggers-and-patterns")
    TrackerDay.objects.create(member=alice, day=member_today(alice), used="no")
    client.force_login(alice)
    html = client.get("/toolkit/").text
    tracker = html[html.index('data-tool="tracker"') :]
    tracker = tracker[: tracker.index("</li>")]
    assert "A few taps a day to notice patterns" in tracker
    assert "You last noted" in tracker
    lesson = LessonPage.objects.get(slug="triggers-and-patterns")
    assert f'<a href="{lesson.url}">{lesson.title}</a>' in tracker
    rewards = html[html.index('data-tool="rewards"') :]
    assert "You have not used this yet." in rewards[: rewards.index("</li>")]
    # Linked from the main menu and from /my/.
    assert '<a href="/toolkit/"' in html.split("<main")[0]
    assert 'href="/toolkit/"' in client.get("/my/").text
