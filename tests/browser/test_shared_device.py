"""Two members, one browser: neither ever sees the other's words (security issue 11, finding 3).

Member A types a reflection and a question that the server never confirms (the network
drops), so the only copies are in the browser. Then member B signs in on the same browser
context and opens the same pages.
"""

import pytest

from kindred.learning.models import Reflection
from kindred.questions.models import Question
from kindred.testing.browser import assert_no_axe_violations
from tests.browser.test_learning import program  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LESSON = "/learn/basics/basics-1/"


def sign_in(page, live_server, client, user):
    page.context.clear_cookies()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def browser_draft_keys(page):
    return page.evaluate(
        "Object.keys(localStorage).filter(function (k) { return k.indexOf('kindred:') === 0; })"
    )


def type_offline(page, label, text):
    page.context.set_offline(True)
    page.get_by_label(label).fill(text)
    page.get_by_label(label).blur()
    page.locator("[data-save-status]").get_by_text("could not reach").wait_for()
    page.context.set_offline(False)


def test_a_reflection_typed_by_a_never_reaches_b(page, live_server, client, alice, bob, program):  # noqa: F811
    sign_in(page, live_server, client, alice)
    page.goto(LESSON)
    type_offline(page, "What did you notice?", "Alice's words about her son")
    assert len(browser_draft_keys(page)) == 1

    # Alice's session ends without her signing out (she walked away; it timed out).
    sign_in(page, live_server, client, bob)
    page.goto(LESSON)
    page.wait_for_load_state("networkidle")
    assert page.get_by_label("What did you notice?").input_value() == ""
    assert not Reflection.objects.filter(member=bob).exists()
    assert not Reflection.objects.exists()

    # Alice comes back later: her own copy is still waiting for her, and is saved.
    sign_in(page, live_server, client, alice)
    page.goto(LESSON)
    assert page.get_by_label("What did you notice?").input_value() == "Alice's words about her son"
    page.locator("[data-save-status]").get_by_text("Saved").wait_for()
    assert Reflection.objects.get().member == alice


def test_signing_out_from_any_page_removes_the_browser_copies(
    page,
    live_server,
    client,
    alice,
    bob,
    program,  # noqa: F811
):
    sign_in(page, live_server, client, alice)
    page.goto(LESSON)
    type_offline(page, "What did you notice?", "Alice's words")
    page.goto("/questions/")
    assert browser_draft_keys(page)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/")
    assert browser_draft_keys(page) == []
    assert_no_axe_violations(page)


def test_a_question_draft_typed_by_a_never_reaches_b(page, live_server, client, alice, bob):
    sign_in(page, live_server, client, alice)
    page.goto("/questions/ask/")
    page.context.set_offline(True)
    page.locator("textarea[name=body]").fill("Alice's question about her son")
    page.wait_for_timeout(1500)
    page.context.set_offline(False)
    assert len(browser_draft_keys(page)) == 1

    sign_in(page, live_server, client, bob)
    page.goto("/questions/ask/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert page.locator("textarea[name=body]").input_value() == ""
    assert not Question.objects.filter(member=bob).exists()


def test_quick_exit_also_signs_out_when_the_member_chose_it(page, live_server, client, alice):
    from django.contrib.sessions.models import Session

    page.route("https://neutral.example/**", lambda route: route.fulfill(body="Weather"))
    sign_in(page, live_server, client, alice)
    session_key = client.cookies["sessionid"].value
    page.goto("/my/account/")
    assert_no_axe_violations(page)
    page.get_by_label("When I use Quick exit, also sign me out").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/my/account/")
    assert Session.objects.filter(session_key=session_key).exists()
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url("https://neutral.example/**")
    for _ in range(50):
        if not Session.objects.filter(session_key=session_key).exists():
            break
        page.wait_for_timeout(100)
    assert not Session.objects.filter(session_key=session_key).exists()
