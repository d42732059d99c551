"""The demo curriculum loader: body markup → blocks, idempotent, a little demo progress."""

import pytest

from kindred.learning.demo_loader import inline, load_learning, parse_body
from kindred.learning.models import LessonPage, LessonProgress, ModulePage, ProgramPage
from kindred.learning.tests.builders import continue_page
from kindred.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_inline_markup_is_escaped_then_formatted():
    assert inline("**Bold** and *italic* <b>") == "<b>Bold</b> and <i>italic</i> &lt;b&gt;"
    assert inline("see [get help](/get-help/).") == 'see <a href="/get-help/">get help</a>.'
    assert inline("2 * 3 * 4") == "2 * 3 * 4"


def test_the_body_markup_becomes_blocks():
    body = (
        "## Head\n\nPara one\ncontinues.\n\nPara two.\n\n- a\n- b\n\n### Sub\n\n> Quote\n\n"
        '!try Do it.\n!say "Yes."\n!dont "No."\n'
    )
    blocks = parse_body(body, "k")
    assert [b["type"] for b in blocks] == [
        "heading",
        "text",
        "bullets",
        "heading",
        "quote",
        "try_this",
        "say_dont",
    ]
    assert blocks[1]["value"] == "<p>Para one continues.</p><p>Para two.</p>"
    assert [item["value"] for item in blocks[2]["value"]] == ["<p>a</p>", "<p>b</p>"]
    assert blocks[3]["value"] == {"text": "Sub", "level": "h3"}
    assert blocks[6]["value"] == {"say": "Yes.", "dont": "No."}
    # Stable ids: loading on another machine gives the same prompt and choice ids.
    assert parse_body(body, "k")[0]["id"] == blocks[0]["id"]


def test_the_demo_curriculum_loads_once_in_file_order(home_page):
    member = UserFactory.create()
    load_learning(home_page, member=member)
    load_learning(home_page, member=member)
    assert ProgramPage.objects.count() == 1
    modules = list(ModulePage.objects.order_by("path"))
    assert len(modules) == 8
    assert modules[0].slug == "getting-started"
    assert [m.is_safety_module for m in modules].count(True) == 1
    assert LessonPage.objects.count() == 29
    lesson = LessonPage.objects.get(slug="welcome")
    assert len(lesson.prompts()) == 2
    assert {b.block_type for b in lesson.body} >= {"heading", "text", "bullets", "quote"}
    # Two lessons complete in module 1, so "continue" points at the third.
    assert LessonProgress.objects.filter(member=member, completed_at__isnull=False).count() == 2
    assert continue_page(member).slug == "your-reasons"
