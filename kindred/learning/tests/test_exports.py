"""The member's data: in "download my data", gone with the account."""

import pytest

from kindred.learning import services
from kindred.learning.exports import export_learning
from kindred.learning.models import LessonProgress, PracticePlanItem, Reflection

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_progress(alice, lesson):
    services.lesson_open(member=alice, lesson=lesson)
    services.lesson_complete(member=alice, lesson=lesson)
    services.reflection_save(
        member=alice, lesson=lesson, prompt_id=lesson.prompts()[0][0], text="My own words"
    )
    services.plan_add(member=alice, lesson=lesson)
    return alice


def test_progress_reflections_and_plan_are_in_the_export(alice_progress, bob, lesson):
    data = export_learning(alice_progress)
    assert data["progress"][0]["lesson"] == lesson.title
    assert data["progress"][0]["completed_at"] is not None
    assert data["reflections"] == [
        {
            "lesson": lesson.title,
            "prompt": "What did you notice?",
            "text": "My own words",
            "created_at": data["reflections"][0]["created_at"],
            "updated_at": data["reflections"][0]["updated_at"],
        }
    ]
    assert data["practice_plan"][0]["practice"] == lesson.try_this_week
    assert export_learning(bob) == {"progress": [], "reflections": [], "practice_plan": []}


def test_deleting_the_account_deletes_everything(alice_progress):
    alice_progress.delete()
    assert not LessonProgress.objects.exists()
    assert not Reflection.objects.exists()
    assert not PracticePlanItem.objects.exists()


def test_download_my_data_includes_learning(client, alice_progress, lesson):
    import json

    client.force_login(alice_progress)
    response = client.post("/my/account/export/")
    data = json.loads(response.content)
    assert data["learning"]["reflections"][0]["text"] == "My own words"
    assert data["learning"]["progress"][0]["lesson"] == lesson.title
    assert data["learning"]["practice_plan"][0]["practice"] == lesson.try_this_week


def test_deleting_the_account_from_the_page_removes_learning_data(client, alice_progress):
    from kindred.testing.factories import TEST_PASSWORD

    client.force_login(alice_progress)
    response = client.post("/my/account/delete/", {"password": TEST_PASSWORD})
    assert response.status_code == 302
    assert not LessonProgress.objects.exists()
    assert not Reflection.objects.exists()
    assert not PracticePlanItem.objects.exists()
