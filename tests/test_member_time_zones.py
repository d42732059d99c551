"""Every signed-in page shows times in the person's own time zone (MemberTimeZoneMiddleware).

A member in Auckland and one in Los Angeles look at things that happened at the same instants,
on either side of New Zealand's daylight-saving change (5 April 2026, 03:00 NZDT → 02:00 NZST)
and of California's (1 November 2026, 02:00 PDT → 01:00 PST).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kindred.accounts.models import Profile, User
from kindred.learning.demo_loader import load_module, load_program
from kindred.learning.models import LessonPage, LessonProgress
from kindred.learning.tests.builders import module_data
from kindred.questions.models import Question
from kindred.questions.tests.conftest import send

UTC = dt.UTC


@pytest.fixture
def lesson(home_page: Any) -> LessonPage:
    module = load_module(load_program(home_page), module_data("basics", 2))
    return LessonPage.objects.child_of(module).order_by("path").first()


def _lives_in(user: User, zone: str) -> User:
    Profile.objects.update_or_create(user=user, defaults={"time_zone": zone})
    return user


def _sent_at(member: User, moment: dt.datetime) -> Question:
    question = send(member)
    Question.objects.filter(pk=question.pk).update(submitted_at=moment)
    return question


@pytest.mark.parametrize(
    ("moment", "in_auckland", "in_los_angeles"),
    [
        # Before New Zealand's change: NZDT is UTC+13, so it is already the 5th there.
        (dt.datetime(2026, 4, 4, 12, 30, tzinfo=UTC), "Apr 5, 2026", "Apr 4, 2026"),
        # After it: NZST is UTC+12, 23:30 on the 5th (UTC+13 would wrongly give the 6th).
        (dt.datetime(2026, 4, 5, 11, 30, tzinfo=UTC), "Apr 5, 2026", "Apr 5, 2026"),
        # California after its change: PST is UTC-8, 23:30 on 1 November (PDT would say the 2nd).
        (dt.datetime(2026, 11, 2, 7, 30, tzinfo=UTC), "Nov 2, 2026", "Nov 1, 2026"),
    ],
)
def test_each_member_sees_a_question_sent_at_the_same_instant_in_their_own_zone(
    client: Any, alice: User, bob: User, moment: dt.datetime, in_auckland: str, in_los_angeles: str
) -> None:
    _lives_in(alice, "Pacific/Auckland")
    _lives_in(bob, "America/Los_Angeles")
    for member, expected in ((alice, in_auckland), (bob, in_los_angeles)):
        question = _sent_at(member, moment)
        client.force_login(member)
        page = client.get(f"/my/questions/{question.pk}/").content.decode()
        assert f"sent {expected}" in page, (member.pseudonym, expected)


def test_each_member_sees_when_they_last_opened_a_lesson_in_their_own_zone(
    client: Any, alice: User, bob: User, lesson: Any
) -> None:
    moment = dt.datetime(2026, 4, 4, 13, 45, tzinfo=UTC)  # 02:45 NZDT on the 5th; 06:45 PDT
    expected = {alice: "Apr 5, 2026, 2:45 a.m.", bob: "Apr 4, 2026, 6:45 a.m."}
    _lives_in(alice, "Pacific/Auckland")
    _lives_in(bob, "America/Los_Angeles")
    for member in (alice, bob):
        LessonProgress.objects.create(
            member=member, lesson=lesson, opened_at=moment, last_opened_at=moment
        )
        client.force_login(member)
        page = client.get("/learn/").content.decode()
        assert "Last opened <time datetime=" in page
        assert expected[member] in page, member.pseudonym


def test_a_changed_time_zone_applies_from_the_next_page(client: Any, alice: User) -> None:
    _lives_in(alice, "Pacific/Auckland")
    question = _sent_at(alice, dt.datetime(2026, 4, 4, 12, 30, tzinfo=UTC))
    client.force_login(alice)
    assert "sent Apr 5, 2026" in client.get(f"/my/questions/{question.pk}/").content.decode()
    response = client.post(
        "/my/account/profile/", {"time_zone": "America/Los_Angeles", "relationship": "parent"}
    )
    assert response.status_code == 302
    assert "sent Apr 4, 2026" in client.get(f"/my/questions/{question.pk}/").content.decode()


def test_visitors_and_members_without_a_zone_see_the_organisation_zone(
    client: Any, alice: User, settings: Any
) -> None:
    question = _sent_at(alice, dt.datetime(2026, 4, 4, 12, 30, tzinfo=UTC))
    client.force_login(alice)  # no time zone chosen; the organisation's is America/New_York
    assert "sent Apr 4, 2026" in client.get(f"/my/questions/{question.pk}/").content.decode()
