"""The program, module and lesson pages cost the same queries however far a member has got."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kindred.learning import selectors, services
from kindred.learning.demo_loader import load_module, load_program
from kindred.learning.models import LessonPage
from kindred.learning.tests.builders import module_data

pytestmark = pytest.mark.django_db

# Session, user, membership and safety-screen reads, the unread-notification count in the
# header, the page route (Wagtail), then ours: program, modules, lessons, progress, plan,
# reflections (and on /my/ the other apps' cards: practice drafts, questions, the toolkit's
# entry for today).
# Fixed budgets, the same for 1 or 10 lessons completed.
# /my/ holds every app's card: 28 since toolkit part 2 added the week at a glance (tracker,
# first and last check-in, next reward, recent windows) and the "a window just opened" card;
# 27 since the learning card reads the live program once (not once to show, once to fill).
BUDGETS = {"/learn/": 22, "/learn/long/": 25, "/learn/long/long-12/": 32, "/my/": 27}


@pytest.fixture
def long_program(home_page):
    program = load_program(home_page)
    load_module(program, module_data("long", 12))
    return program


def complete(member, count):
    for lesson in LessonPage.objects.order_by("path")[:count]:
        services.lesson_open(member=member, lesson=lesson)
        services.lesson_complete(member=member, lesson=lesson)


def count_queries(client, url):
    client.get(url)  # warm the per-process caches (site root paths, help content)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", list(BUDGETS))
def test_page_queries_do_not_grow_with_progress(
    client, alice, bob, long_program, url, django_assert_max_num_queries
):
    complete(alice, 1)
    complete(bob, 10)
    counts = []
    for member in (alice, bob):
        client.force_login(member)
        counts.append(count_queries(client, url))
        with django_assert_max_num_queries(BUDGETS[url]):
            client.get(url)
    assert counts[0] == counts[1]


def test_continue_selector_queries_do_not_grow(
    alice, bob, long_program, django_assert_max_num_queries
):
    complete(alice, 1)
    complete(bob, 10)
    for member in (alice, bob):
        with django_assert_max_num_queries(5):
            assert selectors.continue_lesson_for(member) is not None


def test_member_home_reads_the_live_program_once(client, alice, long_program):
    client.force_login(alice)
    client.get("/my/")  # warm the per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/my/")
    assert response.status_code == 200
    assert long_program.url in response.content.decode()  # the card is there, with its link
    program_table = f"FROM {connection.ops.quote_name('learning_programpage')}"
    reads = [q["sql"] for q in captured.captured_queries if program_table in q["sql"]]
    assert len(reads) == 1, reads
