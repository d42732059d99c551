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
    assert Recording.objects.count() == 2
    zones = set(SupportGroup.objects.values_list("time_zone", flat=True))
    assert len(zones) == 2
    assert {g.frequency for g in SupportGroup.objects.all()} == {"weekly", "fortnightly", "monthly"}
    assert SupportGroup.objects.filter(language="es").count() == 1
    assert demo.is_loaded()
    for r in Recording.objects.all():
        r.full_clean()  # raises if a chapter list or a video link is wrong
