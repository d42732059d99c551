"""Ask a coach, end to end: a member asks (the draft survives a reload), a coach answers from
the queue, the member reads it (and gets an email), the coach publishes an anonymised version,
and it is public and searchable, while the original text never appears on a public page."""

import re

import pytest
from django.core import mail
from django.test import Client
from playwright.sync_api import expect

from kindred.testing.browser import DESKTOP, PHONE, assert_no_axe_violations, only_own_origin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ORIGINAL = "My son Tobias takes the 7:40 bus to the Riverside plant and comes home drunk."
ANONYMISED = "My adult son often comes home drunk after work. How do I bring it up?"


def _context(browser, live_server, user, viewport=DESKTOP, **kwargs):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=viewport, base_url=live_server.url, **kwargs)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def questions_index(home_page):
    from kindred.questions.publishing import ensure_question_index

    return ensure_question_index()


def test_ask_answer_publish_and_find(browser, live_server, alice, coach, questions_index):
    from kindred.questions.demo_loader import load_reply_templates

    load_reply_templates()
    member_context, member = _context(browser, live_server, alice)
    with only_own_origin(member, live_server.url):
        member.goto("/questions/ask/")
        assert_no_axe_violations(member)
        member.get_by_label("A short title").fill("Coming home after work")
        member.get_by_label("Your question").fill(ORIGINAL)
        member.get_by_label('Kindred may publish it anonymised, as "A member"').check()
        member.locator("#autosave-status").get_by_text(re.compile("^Saved at")).wait_for()
        member.wait_for_url(re.compile(r"/questions/ask/[0-9a-f-]{36}/$"))
        member.reload()  # the draft survives: it is on the server now
        assert member.get_by_label("Your question").input_value() == ORIGINAL
        member.get_by_role("button", name="Send to a coach").click()
        member.get_by_role("heading", name="Your question was sent").wait_for()
        assert_no_axe_violations(member)

    coach_context, coach_page = _context(browser, live_server, coach)
    with only_own_origin(coach_page, live_server.url):
        coach_page.goto("/coach/queue/")
        assert_no_axe_violations(coach_page)
        coach_page.get_by_role("link", name="Coming home after work").click()
        assert ORIGINAL in coach_page.content()
        assert_no_axe_violations(coach_page)
        coach_page.get_by_label("Your reply").fill("Thank you for writing.")
        coach_page.get_by_label("CRAFT pointer").select_option("choosing-your-moment")
        coach_page.get_by_role("button", name="Insert").click()  # JavaScript: at the cursor
        assert "Timing matters" in coach_page.get_by_label("Your reply").input_value()
        coach_page.get_by_role("button", name="Send reply").click()
        coach_page.get_by_text("Reply sent. The member has been told.").wait_for()

    assert any(
        m.to == [alice.email] and m.subject == "You have a new message on Kindred"
        for m in mail.outbox
    )
    with only_own_origin(member, live_server.url):
        member.goto("/my/questions/")
        assert_no_axe_violations(member)
        member.get_by_role("link", name="Coming home after work").click()
        member.get_by_text("Timing matters").first.wait_for()
        assert_no_axe_violations(member)

    with only_own_origin(coach_page, live_server.url):
        coach_page.get_by_role("link", name="Prepare the public version").click()
        assert_no_axe_violations(coach_page)
        coach_page.get_by_label("Public title").fill("Bringing up drinking after work")
        coach_page.get_by_label("The question, anonymised").fill(ANONYMISED)
        coach_page.get_by_label("I have removed names, places and identifying details").check()
        coach_page.get_by_role("button", name="Publish").click()
        coach_page.get_by_role("heading", name="Bringing up drinking after work").wait_for()

    visitor_context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    visitor = visitor_context.new_page()
    with only_own_origin(visitor, live_server.url):
        for url in (
            "/questions/",
            "/search/?q=drinking",
            "/questions/bringing-up-drinking-after-work/",
        ):
            visitor.goto(url)
            # (search highlights the matching words, so look for the link itself)
            assert "/questions/bringing-up-drinking-after-work/" in visitor.content()
            assert "Tobias" not in visitor.content() and "Riverside" not in visitor.content()
            assert_no_axe_violations(visitor)
    for context in (member_context, coach_context, visitor_context):
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_member_pages_on_phone_and_desktop(
    browser,
    live_server,
    alice,
    coach,
    questions_index,
    viewport,
    django_capture_on_commit_callbacks,
):
    from kindred.questions import services

    question, _ = services.question_submit(
        member=alice,
        fields=services.QuestionFields(title="Weekends", body="He drinks <b>a lot</b>."),
    )
    services.coach_reply(
        coach=coach, question=question, text="**Thank you.** How long?", asks_for_detail=True
    )
    context, page = _context(browser, live_server, alice, viewport=viewport)
    with only_own_origin(page, live_server.url):
        for url in (
            "/questions/ask/",
            "/my/questions/",
            f"/my/questions/{question.pk}/",
            "/my/notifications/",
            f"/my/questions/{question.pk}/sent/",
        ):
            page.goto(url)
            assert_no_axe_violations(page)
        page.goto(f"/my/questions/{question.pk}/")
        assert "He drinks <b>a lot</b>." in page.locator("main").inner_text()
    context.close()


def test_text_typed_while_signed_out_comes_back_after_signing_in(
    browser, live_server, alice, questions_index
):
    context, page = _context(browser, live_server, alice)
    page.goto("/questions/ask/")
    context.clear_cookies()  # the session ends while the member is typing
    page.get_by_label("Your question").fill("Typed while the session had ended.")
    page.locator("#autosave-status").get_by_text(re.compile("you have been signed out")).wait_for()
    # Signing in again (a new session) and coming back to the page restores the text.
    client = Client()
    client.force_login(alice)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto("/questions/ask/")
    assert page.get_by_label("Your question").input_value() == "Typed while the session had ended."
    page.locator("#autosave-status").get_by_text(re.compile("^Saved at")).wait_for()
    from kindred.questions.models import Question

    assert Question.objects.get(member=alice).body == "Typed while the session had ended."
    context.close()


def test_without_javascript_the_draft_is_saved_with_a_button(
    browser, live_server, alice, questions_index
):
    context, page = _context(browser, live_server, alice, java_script_enabled=False)
    page.goto("/questions/ask/")
    page.get_by_label("Your question").fill("Saved without JavaScript.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft saved. Only you can see it until you send it.").wait_for()
    assert page.get_by_label("Your question").input_value() == "Saved without JavaScript."
    page.goto("/my/questions/")
    expect(page.get_by_role("link", name="Untitled draft")).to_be_visible()
    context.close()


def test_a_question_typed_before_the_autosave_script_loads_is_saved(
    browser, live_server, alice, questions_index
):
    # A slow connection: the member types before the deferred script runs and hears events.
    context, page = _context(browser, live_server, alice)
    held = []
    page.route("**/questions/js/autosave*.js", lambda route: held.append(route))
    page.goto("/questions/ask/", wait_until="commit")
    page.get_by_label("Your question").fill("Typed before the script had loaded.")
    assert len(held) == 1
    held[0].continue_()
    page.locator("#autosave-status").get_by_text(re.compile("^Saved at")).wait_for(timeout=30_000)
    from kindred.questions.models import Question

    assert Question.objects.get(member=alice).body == "Typed before the script had loaded."
    context.close()
