"""Feeds, sitemap, robots.txt, meta tags, recordings, stories and the reading time."""

import pytest
from django.core.exceptions import ValidationError

from kindred.content.text import reading_minutes, stream_text
from kindred.core.video import parse_external_video

pytestmark = pytest.mark.django_db


def test_atom_and_rss_feeds_list_public_articles(client, tree):
    article = tree.article("Feed me", tags=("pius",))
    atom = client.get("/articles/feed/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert article.url in atom.content.decode() and "Summary of Feed me." in atom.content.decode()
    rss = client.get("/articles/feed/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert article.url in rss.content.decode()


def test_sitemap_lists_public_pages_and_category_pages(client, tree):
    article = tree.article("Mapped")
    draft = tree.article("Draft", live=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert article.url in xml and draft.url not in xml
    assert "/articles/category/safety/" in xml


def test_robots_txt_keeps_crawlers_out_of_private_areas_and_points_at_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    for path in ("/admin/", "/my/", "/api/"):
        assert f"Disallow: {path}" in text
    assert "Sitemap: http" in text and text.rstrip().endswith("/sitemap.xml")


def test_article_has_canonical_open_graph_and_description(client, tree, settings):
    settings.SITE_URL = "https://kindred.example.org"
    article = tree.article("Shared")
    html = client.get(article.url).content.decode()
    assert f'<link rel="canonical" href="https://kindred.example.org{article.url}">' in html
    assert '<meta property="og:title" content="Shared">' in html
    assert '<meta name="description" content="Summary of Shared.">' in html
    assert '<meta property="og:type" content="article">' in html


def test_article_shows_author_initials_reading_time_and_blocks(client, tree):
    article = tree.article("Long read", body="word " * 610)
    html = client.get(article.url).content.decode()
    assert "3 min read" in html
    assert 'class="author__initials" aria-hidden="true">ML<' in html


def test_reading_time_counts_words_in_every_block():
    body = [
        {"type": "paragraph", "value": "<p>" + "one " * 300 + "</p>", "id": "a"},
        {"type": "say_this", "value": {"say": "two " * 50, "not_this": "three " * 50}, "id": "b"},
        {"type": "heading", "value": {"text": "Four", "level": "h2"}, "id": "c"},
    ]
    text = stream_text(body)
    assert len(text.split()) == 401 and "h2" not in text
    assert reading_minutes(text) == 2
    assert reading_minutes("") == 1


def test_plain_text_keeps_words_apart_between_blocks_but_not_around_inline_markup():
    body = [{"type": "paragraph", "value": "<p>Call <b>911</b>, then wait.</p><p>Next</p>"}]
    assert stream_text(body) == "Call 911, then wait. Next"


def test_story_and_plain_pages_render(client, tree):
    story = tree.story("Our year", "It got better slowly.")
    assert "It got better slowly." in client.get(story.url).content.decode()
    assert story.url in client.get("/stories/").content.decode()


def test_a_transcript_only_recording_says_so_and_frames_nothing(client, tree):
    recording = tree.recording("Talk one", "Let's plan the words.")
    response = client.get(recording.url)
    html = response.content.decode()
    assert "Transcript only" in html and "Let&#x27;s plan the words." in html
    assert "frame-src 'none'" in response["Content-Security-Policy"]


def test_an_external_video_loads_only_after_a_click_with_its_hosts_allowed_on_that_page(
    client, tree
):
    recording = tree.recording(
        "Talk two", "Hello.", external_video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    response = client.get(recording.url)
    html = response.content.decode()
    assert "<iframe" not in html  # the script adds it when the visitor clicks
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html  # without JavaScript
    assert "hosted on YouTube" in html
    csp = response["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com" in csp
    # Every other page keeps frames forbidden.
    assert "frame-src 'none'" in client.get("/articles/").headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("http://youtu.be/dQw4w9WgXcQ", None),
        ("https://evil.example/watch?v=dQw4w9WgXcQ", None),
        ("https://www.youtube.com/watch?v=<script>", None),
        ("not a url", None),
    ],
)
def test_only_youtube_and_vimeo_links_become_players(url, embed):
    video = parse_external_video(url)
    assert (video.embed_url if video else None) == embed


def test_a_recording_rejects_other_video_hosts(tree):
    recording = tree.recording("Talk three", "Hi.")
    recording.external_video_url = "https://evil.example/video.mp4"
    with pytest.raises(ValidationError):
        recording.full_clean()
