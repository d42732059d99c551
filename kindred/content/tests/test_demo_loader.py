"""The demo writing becomes StreamField blocks and pages, once."""

import pytest

from kindred.content.demo_loader import inline, parse_body, parse_recording

pytestmark = pytest.mark.django_db


def test_inline_markup_becomes_wagtail_rich_text():
    assert inline("**Bold**, *soft* and [a link](/get-help/).") == (
        '<b>Bold</b>, <i>soft</i> and <a href="/get-help/">a link</a>.'
    )


def test_every_kind_of_line_becomes_its_block():
    text = """First paragraph.

Second *one*.

## A heading

### A smaller one

> Warm toward the person.
> — a mother

- one
- two

!try Say one kind thing. See [how](/learn/).

!say "I love you."
!dont "You promised."
"""
    blocks = parse_body(text)
    assert [kind for kind, _ in blocks] == [
        "paragraph",
        "heading",
        "heading",
        "quote",
        "paragraph",
        "try_this",
        "say_this",
    ]
    assert blocks[0][1] == "<p>First paragraph.</p><p>Second <i>one</i>.</p>"
    assert blocks[2][1] == {"text": "A smaller one", "level": "h3"}
    assert blocks[3][1] == {"text": "Warm toward the person.", "attribution": "a mother"}
    assert blocks[4][1] == "<ul><li>one</li><li>two</li></ul>"
    assert '<a href="/learn/">how</a>' in blocks[5][1]["text"]
    assert blocks[6][1] == {"say": '"I love you."', "not_this": '"You promised."'}


def test_recording_transcripts_become_speaker_turns():
    intro, turns = parse_recording(
        "Shared with permission.\n\n## Transcript\n\n**Maya:** Hello there.\n\n**Dana:** Hi."
    )
    assert intro == "<p>Shared with permission.</p>"
    assert turns == [
        ("turn", {"speaker": "Maya", "text": "Hello there."}),
        ("turn", {"speaker": "Dana", "text": "Hi."}),
    ]


def test_loading_twice_creates_everything_once(home_page, client):
    from kindred.content import demo_loader
    from kindred.content.models import ArticlePage, RecordingPage, StandardPage, StoryPage

    demo_loader.load(home_page)
    demo_loader.load(home_page)
    assert ArticlePage.objects.count() == 45
    assert ArticlePage.objects.filter(members_only=True).count() == 2
    assert StoryPage.objects.count() == 5
    assert RecordingPage.objects.count() == 4
    assert set(StandardPage.objects.values_list("slug", flat=True)) == {"about", "privacy", "terms"}
    for path in ("/", "/articles/", "/stories/", "/recordings/", "/about/", "/privacy/", "/terms/"):
        assert client.get(path).status_code == 200, path
    recording = RecordingPage.objects.first()
    assert "Transcript only" in client.get(recording.url).content.decode()
