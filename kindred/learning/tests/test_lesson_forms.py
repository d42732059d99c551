"""The knowledge check, the practice plan, and forms posted to the wrong place."""

import pytest

from kindred.learning.knowledge_check import questions_of
from kindred.learning.models import PracticePlanItem
from kindred.learning.tests.builders import form_for, lessons_of

pytestmark = pytest.mark.django_db


def answers(lesson, *picks):
    """Form fields choosing, for each question, the choice at the given index."""
    fields = {}
    for question, pick in zip(questions_of(lesson), picks, strict=False):
        fields[f"question-{question.id}"] = question.choices[pick].id
    return fields


def test_a_right_answer_gets_its_feedback(client, alice, lesson):
    client.force_login(alice)
    response = client.post(lesson.url, form_for(lesson, "check", **answers(lesson, 0, 0)))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Yes, calm words help." in html
    assert "That's it." in html
    assert "Check again" in html


def test_a_wrong_answer_gets_kind_feedback_and_no_fail(client, alice, lesson):
    client.force_login(alice)
    response = client.post(lesson.url, form_for(lesson, "check", **answers(lesson, 1)))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Shouting raises defences." in html
    assert "Not quite — here is why." in html
    assert "You skipped this one" in html  # the second question
    assert "fail" not in html.lower()
    # The chosen answer stays chosen, so the member can change it and retake.
    assert f'value="{questions_of(lesson)[0].choices[1].id}" checked' in html


def test_a_choice_that_does_not_exist_is_a_clear_error(client, alice, lesson):
    client.force_login(alice)
    question = questions_of(lesson)[0]
    response = client.post(
        lesson.url, form_for(lesson, "check", **{f"question-{question.id}": "no-such-choice"})
    )
    assert response.status_code == 400
    assert "not a choice in this lesson" in response.content.decode()


def test_a_post_for_another_modules_lesson_is_refused(client, alice, basics, safety):
    client.force_login(alice)
    here = lessons_of(basics)[0]
    elsewhere = lessons_of(safety)[0]
    client.get(elsewhere.url)
    response = client.post(here.url, form_for(elsewhere, "complete"))
    assert response.status_code == 400
    assert "belongs to a different lesson" in response.content.decode()
    assert not elsewhere.progress.filter(completed_at__isnull=False).exists()


def test_an_unknown_action_is_a_clear_error(client, alice, lesson):
    client.force_login(alice)
    response = client.post(lesson.url, form_for(lesson, "launch"))
    assert response.status_code == 400


def test_add_to_my_plan_lists_it_on_the_module_page_and_removes(client, alice, basics):
    lesson = lessons_of(basics)[0]
    client.force_login(alice)
    response = client.post(lesson.url, form_for(lesson, "plan-add"), follow=True)
    assert "Added to your plan" in response.content.decode()
    client.post(lesson.url, form_for(lesson, "plan-add"))  # a double click adds nothing
    item = PracticePlanItem.objects.get(member=alice)
    assert item.text == "Practise basics-1 once this week."
    module_html = client.get(basics.url).content.decode()
    assert "Practise basics-1 once this week." in module_html
    assert "Practise basics-1 once this week." in client.get("/learn/").content.decode()
    client.post(basics.url, {"action": "plan-remove", "item": item.pk})
    assert not PracticePlanItem.objects.exists()


def test_no_one_can_remove_another_members_plan_item(client, alice, bob, lesson, basics):
    client.force_login(alice)
    client.post(lesson.url, form_for(lesson, "plan-add"))
    item = PracticePlanItem.objects.get(member=alice)
    client.force_login(bob)
    assert client.post(basics.url, {"action": "plan-remove", "item": item.pk}).status_code == 404
    assert client.post(basics.url, {"action": "plan-remove", "item": "x"}).status_code == 400
    assert PracticePlanItem.objects.filter(pk=item.pk).exists()
