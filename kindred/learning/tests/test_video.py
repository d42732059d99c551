"""Videos: our own file, or YouTube/Vimeo loaded only after a click, with a narrow CSP."""

import pytest
from wagtail.blocks import StreamValue

from kindred.core.video import parse_external_video
from kindred.learning.blocks import LessonBodyBlock, VideoBlock

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.youtube.com/watch?v=abcDEF12345",
            "https://www.youtube-nocookie.com/embed/abcDEF12345",
        ),
        ("https://youtu.be/abcDEF12345", "https://www.youtube-nocookie.com/embed/abcDEF12345"),
        ("https://vimeo.com/123456", "https://player.vimeo.com/video/123456?dnt=1"),
        ("https://example.com/video", None),
        ("javascript:alert(1)", None),
    ],
)
def test_external_addresses_become_privacy_friendly_embeds(url, expected):
    video = parse_external_video(url)
    assert (video.embed_url if video else None) == expected


def test_a_video_needs_a_file_or_a_known_site():
    from wagtail.blocks import StructBlockValidationError

    block = VideoBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"title": "T", "transcript": "<p>t</p>"}))
    with pytest.raises(StructBlockValidationError):
        block.clean(
            block.to_python(
                {"title": "T", "transcript": "<p>t</p>", "external_url": "https://example.com/v"}
            )
        )


def add_external_video(lesson):
    lesson.body = StreamValue(
        LessonBodyBlock(),
        [
            (
                "video",
                {
                    "title": "Talking calmly",
                    "external_url": "https://www.youtube.com/watch?v=abcDEF12345",
                    "transcript": "<p>What is said in the video.</p>",
                },
            )
        ],
    )
    lesson.save()


def test_an_external_video_widens_frame_src_on_that_lesson_only(client, alice, basics):
    from kindred.learning.tests.builders import lessons_of

    with_video, without = lessons_of(basics)[:2]
    add_external_video(with_video)
    client.force_login(alice)
    response = client.get(with_video.url)
    csp = response["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com" in csp
    html = response.content.decode()
    # Without JavaScript: a plain link and a note; the iframe is only made after a click.
    assert "<iframe" not in html
    assert 'href="https://www.youtube.com/watch?v=abcDEF12345"' in html
    assert "another website" in html
    assert 'data-external-video data-embed-url="https://www.youtube-nocookie.com/embed/' in html
    assert "What is said in the video." in html
    assert "frame-src 'none'" in client.get(without.url)["Content-Security-Policy"]
