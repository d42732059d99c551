"""Progress: opened, completed, continue where you left off, the recommended path."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from kindred.learning import selectors, services
from kindred.learning.models import LessonProgress
from kindred.learning.tests.builders import (
    continue_page,
    form_for,
    lessons_of,
    raise_safety_concern,
)

pytestmark = pytest.mark.django_db


def test_opening_a_lesson_records_it_once(client, alice, lesson):
    client.force_login(alice)
    client.get(lesson.url)
    first = LessonProgress.objects.get(member=alice, lesson=lesson)
    client.get(lesson.url)
    assert LessonProgress.objects.filter(member=alice, lesson=lesson).count() == 1
    again = LessonProgress.objects.get(member=alice, lesson=lesson)
    assert again.opened_at == first.opened_at
    assert again.last_opened_at >= first.last_opened_at
    assert again.completed_at is None


def test_mark_complete_is_refused_for_a_lesson_never_opened(client, alice, lesson):
    client.force_login(alice)
    response = client.post(lesson.url, form_for(lesson, "complete"))
    assert response.status_code == 409
    assert "Open the lesson before marking it complete" in response.content.decode()
    assert not LessonProgress.objects.filter(member=alice).exists()


def test_mark_complete_after_opening_moves_the_progress_bar(client, alice, basics):
    first = lessons_of(basics)[0]
    client.force_login(alice)
    client.get(first.url)
    response = client.post(first.url, form_for(first, "complete"), follow=True)
    html = response.content.decode()
    assert "Lesson marked complete" in html
    assert 'max="3" value="1"' in html
    assert "This module: 1 of 3 lessons complete" in html
    # Marked in the module's list too.
    module_html = client.get(basics.url).content.decode()
    assert "lesson-list__item--done" in module_html


def test_completing_twice_keeps_one_row_and_the_first_time(client, alice, lesson):
    client.force_login(alice)
    client.get(lesson.url)
    client.post(lesson.url, form_for(lesson, "complete"))
    done_at = LessonProgress.objects.get(member=alice, lesson=lesson).completed_at
    client.post(lesson.url, form_for(lesson, "complete"))
    rows = LessonProgress.objects.filter(member=alice, lesson=lesson)
    assert rows.count() == 1
    assert rows.get().completed_at == done_at


def test_a_member_can_mark_a_lesson_not_complete(client, alice, lesson):
    client.force_login(alice)
    client.get(lesson.url)
    client.post(lesson.url, form_for(lesson, "complete"))
    client.post(lesson.url, form_for(lesson, "reopen"))
    assert LessonProgress.objects.get(member=alice, lesson=lesson).completed_at is None


def test_the_database_refuses_a_second_progress_row(alice, lesson):
    now = timezone.now()
    LessonProgress.objects.create(member=alice, lesson=lesson, opened_at=now, last_opened_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        LessonProgress.objects.create(
            member=alice, lesson=lesson, opened_at=now, last_opened_at=now
        )


def test_a_lost_race_reads_the_winners_row(alice, lesson, monkeypatch):
    """get_or_create's insert fails as if another request had just inserted the row."""
    now = timezone.now()
    winner = LessonProgress.objects.create(
        member=alice, lesson=lesson, opened_at=now, last_opened_at=now
    )
    real = LessonProgress.objects.get_or_create

    def racing_get_or_create(**kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(LessonProgress.objects, "get_or_create", racing_get_or_create)
    progress = services.lesson_open(member=alice, lesson=lesson)
    monkeypatch.setattr(LessonProgress.objects, "get_or_create", real)
    assert progress.pk == winner.pk
    assert LessonProgress.objects.filter(member=alice, lesson=lesson).count() == 1


def test_repeated_clicks_make_one_row(alice, lesson):
    for _ in range(5):
        services.lesson_open(member=alice, lesson=lesson)
        services.lesson_complete(member=alice, lesson=lesson)
    assert LessonProgress.objects.filter(member=alice, lesson=lesson).count() == 1


def test_continue_points_to_the_last_opened_unfinished_lesson(alice, basics):
    first, second, third = lessons_of(basics)
    services.lesson_open(member=alice, lesson=third)
    services.lesson_open(member=alice, lesson=first)
    assert continue_page(alice).pk == first.pk
    services.lesson_complete(member=alice, lesson=first)
    assert continue_page(alice).pk == third.pk
    services.lesson_complete(member=alice, lesson=third)
    # Nothing opened and unfinished: the next lesson on the path.
    assert continue_page(alice).pk == second.pk


def test_a_new_member_starts_with_the_programs_first_lesson(alice, basics):
    assert continue_page(alice).pk == lessons_of(basics)[0].pk


def test_a_member_with_a_safety_concern_starts_with_the_safety_module(alice, basics, safety):
    raise_safety_concern(alice)
    overview = selectors.program_overview(alice)
    assert [m.page.slug for m in overview.path] == ["safety", "basics"]
    assert continue_page(alice, overview).pk == lessons_of(safety)[0].pk


def test_the_program_page_leads_with_safety_for_a_member_with_a_concern(client, alice, program):
    raise_safety_concern(alice)
    client.force_login(alice)
    html = client.get("/learn/").content.decode()
    assert html.index("Module safety") < html.index("Module basics")
    assert "we suggest starting with the safety module" in html


def test_no_lesson_is_locked(client, alice, safety):
    client.force_login(alice)
    last = lessons_of(safety)[-1]
    assert client.get(last.url).status_code == 200


def test_all_done_says_so(alice, program):
    from kindred.learning.models import LessonPage

    for lesson in LessonPage.objects.all():
        services.lesson_open(member=alice, lesson=lesson)
        services.lesson_complete(member=alice, lesson=lesson)
    assert selectors.continue_lesson_for(alice) is None
