"""Recordings (members only, click-to-load player, transcript and chapters), the /my/ card,
export and deletion, and the demo."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kindred.groups import services
from kindred.groups.models import CalendarFeed, GroupNotice, Recording, Rsvp
from kindred.groups.recordings import ChapterError, parse_chapters, transcript_turns

from .conftest import make_group, make_session


@pytest.fixture
def recording(facilitator):
    group = make_group(facilitator, slug="recorded", is_recorded=True)
    past = make_session(group, timezone.now() - dt.timedelta(days=7))
    return Recording.objects.create(
        session=past,
        external_video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        chapters="0:00 Welcome\n12:30 Planning a reward",
        transcript="Facilitator: Welcome, everyone.\n\nMember: Thank you for having me.",
    )


def test_recording_page_uses_the_click_to_load_player(client, alice, recording):
    client.force_login(alice)
    response = client.get(f"/groups/recordings/{recording.pk}/")
    page = response.content.decode()
    assert "data-external-video" in page and "<iframe" not in page
    assert "frame-src https://www.youtube-nocookie.com" in response["Content-Security-Policy"]
    assert "12:30" in page and "Planning a reward" in page
    assert "<strong>Facilitator:</strong> Welcome, everyone." in page


def test_chapters_and_transcripts_parse():
    assert [c.seconds for c in parse_chapters("0:00 A\n1:02:03 B")] == [0, 3723]
    for bad in ("Welcome", "1:00 A\n0:30 B", "0:61 A"):
        with pytest.raises(ChapterError):
            parse_chapters(bad)
    turns = transcript_turns("Ana: Hola.\n\nA paragraph without a speaker.")
    assert [(t.speaker, t.text) for t in turns] == [
        ("Ana", "Hola."),
        ("", "A paragraph without a speaker."),
    ]


def test_recording_validation(recording):
    recording.external_video_url = "https://example.com/video"
    with pytest.raises(ValidationError):
        recording.full_clean()


def test_home_card_shows_the_next_session_in_the_members_zone(client, alice, group):
    from .conftest import set_zone

    session = make_session(group, dt.datetime(2030, 3, 14, 23, 0, tzinfo=dt.UTC))
    set_zone(alice, "America/Los_Angeles")
    services.rsvp_create(session_id=session.pk, member=alice)
    client.force_login(alice)
    page = client.get("/my/").content.decode()
    assert "Your next session" in page and "Thursday, March 14, 4:00 p.m." in page


def test_export_and_deletion(client, alice, bob, session, recording):
    from kindred.testing.factories import TEST_PASSWORD

    services.rsvp_create(session_id=session.pk, member=alice)
    services.feed_get_or_create(alice)
    services.attendees_message(session, "A change.", by=None)
    client.force_login(alice)
    data = json.loads(client.post("/my/account/export/").content)
    assert data["groups"]["rsvps"][0]["status"] == "going"
    assert data["groups"]["calendar_feed"]["show_titles"] is False
    assert data["groups"]["notices"][0]["text"] == "A change."
    client.post("/my/account/delete/", {"password": TEST_PASSWORD})
    assert not Rsvp.objects.filter(member_id=alice.pk).exists()
    assert not CalendarFeed.objects.filter(member_id=alice.pk).exists()
    assert not GroupNotice.objects.filter(member_id=alice.pk).exists()


def test_demo_loads_three_groups_twice_without_duplicates(db, settings):
    from kindred.accounts import demo as accounts_demo
    from kindred.groups import demo
    from kindred.groups.models import SupportGroup
    from kindred.memberships import demo as memberships_demo

    accounts_demo.load()
    memberships_demo.load()
    demo.load()
    demo.load()
    assert SupportGroup.objects.count() == 3
    groups = {g.slug: g for g in SupportGroup.objects.select_related("facilitator")}
    parents = groups["parents-tuesday-evening"]
    assert parents.frequency == "weekly" and parents.start_time.hour >= 18  # an evening
    assert "parents" in parents.title.lower()
    partners = groups["partners-every-other-thursday"]
    assert partners.frequency == "fortnightly" and "partners" in partners.title.lower()
    spanish = groups["grupo-mensual-en-espanol"]
    assert (spanish.frequency, spanish.language, spanish.week_of_month) == ("monthly", "es", 1)
    # Facilitators in two time zones, each a member of Facilitators, each group's zone theirs.
    facilitators = {g.facilitator for g in groups.values() if g.facilitator is not None}
    assert len(facilitators) == 2 and all(g.facilitator for g in groups.values())
    assert all(f.groups.filter(name="Facilitators").exists() for f in facilitators)
    assert {f.profile.time_zone for f in facilitators} == {
        "America/New_York",
        "America/Los_Angeles",
    }
    assert all(
        g.facilitator and g.time_zone == g.facilitator.profile.time_zone for g in groups.values()
    )
    # Two past sessions with recordings and transcripts; sessions ahead for every group.
    recordings = list(Recording.objects.select_related("session__group"))
    assert len(recordings) == 2
    now = timezone.now()
    for r in recordings:
        assert r.session.ends_at < now and r.session.group.is_recorded
        assert len(transcript_turns(r.transcript)) > 5 and parse_chapters(r.chapters)
        r.full_clean()  # raises if a chapter list or a video link is wrong
    assert all(g.sessions.filter(starts_at__gt=now).exists() for g in groups.values())
    assert demo.is_loaded()


@pytest.fixture
def uploaded(facilitator, settings, tmp_path):
    """A recording with its own video file and captions (Wagtail documents)."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    settings.MEDIA_ROOT = tmp_path
    video = Document.objects.create(
        title="Session video", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="session.mp4")
    )
    captions = Document.objects.create(
        title="Session captions", file=ContentFile(b"WEBVTT\n", name="session.vtt")
    )
    group = make_group(facilitator, slug="recorded", is_recorded=True)
    past = make_session(group, timezone.now() - dt.timedelta(days=7))
    return Recording.objects.create(
        session=past,
        video_file=video,
        captions_file=captions,
        chapters="0:00 Welcome\n1:30 Planning a reward",
        transcript="Facilitator: Welcome, everyone.",
    )


def test_an_uploaded_recording_plays_here_with_captions_and_chapter_buttons(
    client, alice, uploaded
):
    client.force_login(alice)
    page = client.get(f"/groups/recordings/{uploaded.pk}/").content.decode()
    assert f'<video controls preload="metadata" src="{uploaded.video_file.url}"' in page
    assert f'<track kind="captions" src="{uploaded.captions_file.url}"' in page
    assert 'data-seek="90"' in page and "Planning a reward" in page
    assert "data-external-video" not in page


def test_the_uploaded_files_of_a_recording_are_for_members_only(
    client, alice, carol, uploaded, tmp_path
):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    for document in (uploaded.video_file, uploaded.captions_file):
        # Anyone with the address used to get the file: Wagtail serves documents to all.
        response = client.get(document.url)
        assert response.status_code == 302, document
        assert response["Location"].startswith("/accounts/login/"), document
    client.force_login(carol)  # signed in, no membership
    assert client.get(uploaded.video_file.url)["Location"] == "/my/join/"
    client.force_login(alice)
    response = client.get(uploaded.video_file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x00\x18ftyp")
    # Any other document is left to Wagtail's own rules (public unless its collection is not).
    client.logout()
    leaflet = Document.objects.create(title="Leaflet", file=ContentFile(b"%PDF-1.4", name="a.pdf"))
    assert client.get(leaflet.url).status_code == 200
