"""Reflections: saved as the member types, private to them, encrypted, never lost."""

import json

import pytest
from django.db import connection

from kindred.learning.models import MAX_REFLECTION_CHARACTERS, Reflection
from kindred.learning.tests.builders import form_for, prompt_field

pytestmark = pytest.mark.django_db


def autosave(client, lesson, text, prompt_index=0):
    return client.post(
        f"/api/learning/lessons/{lesson.pk}/reflections",
        json.dumps({"prompt": lesson.prompts()[prompt_index][0], "text": text}),
        content_type="application/json",
    )


def test_autosave_stores_the_answer_for_the_member(client, alice, lesson):
    client.force_login(alice)
    response = autosave(client, lesson, "I noticed I was holding my breath.")
    assert response.status_code == 200
    assert response.json() == {"saved": True, "crisis": None}
    assert response["Cache-Control"].count("no-store") == 1
    reflection = Reflection.objects.get(member=alice, lesson=lesson)
    assert reflection.text == "I noticed I was holding my breath."
    assert reflection.prompt == "What did you notice?"
    # Saving again updates the same row.
    autosave(client, lesson, "I noticed I was holding my breath, then I let it go.")
    assert Reflection.objects.filter(member=alice, lesson=lesson).count() == 1


def test_the_lesson_page_shows_the_saved_answer(client, alice, lesson):
    client.force_login(alice)
    autosave(client, lesson, "My own words")
    html = client.get(lesson.url).content.decode()
    assert ">My own words</textarea>" in html


def test_a_plain_submit_works_without_javascript(client, alice, lesson):
    client.force_login(alice)
    response = client.post(
        lesson.url,
        form_for(
            lesson,
            "reflection",
            **{prompt_field(lesson, 0): "first", prompt_field(lesson, 1): "second"},
        ),
        follow=True,
    )
    assert "Saved. Only you can see" in response.content.decode()
    assert sorted(r.text for r in Reflection.objects.filter(member=alice)) == ["first", "second"]


def test_a_reflection_is_not_stored_as_plain_text(client, alice, lesson):
    client.force_login(alice)
    autosave(client, lesson, "Something very private about my son")
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM learning_reflection")
        (stored,) = cursor.fetchone()
    assert "private" not in stored
    assert stored.startswith("kv1$")


def test_emptying_an_answer_deletes_it(client, alice, lesson):
    client.force_login(alice)
    autosave(client, lesson, "Something")
    autosave(client, lesson, "   ")
    assert not Reflection.objects.filter(member=alice).exists()


def test_a_100000_character_reflection_gets_a_clear_error_and_keeps_the_text(client, alice, lesson):
    client.force_login(alice)
    long_text = "word " * 20_000
    response = client.post(
        lesson.url, form_for(lesson, "reflection", **{prompt_field(lesson): long_text})
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert f"the most we can keep is {MAX_REFLECTION_CHARACTERS:,}" in html
    assert long_text.strip() in html  # still in the textarea
    assert 'aria-invalid="true"' in html
    assert not Reflection.objects.exists()
    api = autosave(client, lesson, long_text)
    assert api.status_code == 413
    assert "shorten" in api.json()["error"]


def test_autosave_rejects_bad_input_clearly(client, alice, lesson):
    client.force_login(alice)
    url = f"/api/learning/lessons/{lesson.pk}/reflections"
    not_json = client.post(url, "text=hello", content_type="text/plain")
    assert not_json.status_code == 400
    unknown_prompt = client.post(
        url, json.dumps({"prompt": "nope", "text": "x"}), content_type="application/json"
    )
    assert unknown_prompt.status_code == 400
    assert "no longer part of this lesson" in unknown_prompt.json()["error"]
    no_lesson = client.post(
        "/api/learning/lessons/999999/reflections",
        json.dumps({"prompt": "x", "text": "x"}),
        content_type="application/json",
    )
    assert no_lesson.status_code == 404
    assert client.get(url).status_code == 405


def test_autosave_when_signed_out_says_so_without_redirecting(client, lesson):
    response = autosave(client, lesson, "typed after the session expired")
    assert response.status_code == 401
    assert response.json()["signed_out"] is True
    assert not Reflection.objects.exists()


def owner_of(user):
    from types import SimpleNamespace

    from kindred.core.context_processors import draft_owner

    return draft_owner(SimpleNamespace(user=user))  # type: ignore[arg-type]


def post_signed_out(client, lesson, text, owner):
    data = form_for(lesson, "reflection", **{prompt_field(lesson): text})
    data["draft_owner"] = owner
    return client.post(lesson.url, data)


def test_a_plain_post_while_signed_out_comes_back_with_the_text(client, alice, lesson):
    response = post_signed_out(client, lesson, "Typed before the timeout", owner_of(alice))
    assert response.status_code == 302
    assert response["Location"].endswith(f"?next={lesson.url}")
    # Kept sealed in the session, never as plain text.
    session = client.session
    assert "Typed before the timeout" not in json.dumps(dict(session.items()))
    client.force_login(alice)  # Django keeps an anonymous session's data across login
    html = client.get(lesson.url).content.decode()
    assert ">Typed before the timeout</textarea>" in html
    assert "We kept what you typed before you were signed out" in html
    assert not Reflection.objects.exists()  # saved only when the member presses Save
    # Shown once.
    assert "Typed before the timeout" not in client.get(lesson.url).content.decode()


def test_the_lesson_form_says_whose_words_they_are(client, alice, lesson):
    client.force_login(alice)
    html = client.get(lesson.url).content.decode()
    assert f'name="draft_owner" value="{owner_of(alice)}"' in html


def test_signed_out_text_is_never_offered_to_the_next_member_on_the_device(
    client, alice, bob, lesson
):
    post_signed_out(client, lesson, "Alice typed this before the timeout", owner_of(alice))
    client.force_login(bob)  # Bob signs in next on the same browser
    html = client.get(lesson.url).content.decode()
    assert "Alice typed this" not in html
    assert "We kept what you typed" not in html
    assert not Reflection.objects.exists()
    # Dropped, not kept for later.
    assert "learning_pending_reflections" not in client.session


def test_signed_out_text_without_an_owner_is_not_kept(client, alice, lesson):
    post_signed_out(client, lesson, "Whose words?", "")
    assert "learning_pending_reflections" not in client.session


def test_a_crisis_in_a_reflection_shows_the_help_panel_first(client, alice, lesson):
    client.force_login(alice)
    response = autosave(client, lesson, "He hit me last night and I'm scared he will again")
    crisis = response.json()["crisis"]
    assert crisis["kind"] == "violence"
    assert any(r["phone"] == "911" for r in crisis["resources"])
    html = client.get(lesson.url).content.decode()
    assert html.index('data-crisis-kind="violence"') < html.index("<h1>")


def test_my_reflections_lists_only_my_own(client, alice, bob, lesson):
    client.force_login(alice)
    autosave(client, lesson, "Alice's private answer")
    client.force_login(bob)
    autosave(client, lesson, "Bob's private answer")
    response = client.get("/my/reflections/")
    html = response.content.decode()
    assert "Bob&#x27;s private answer" in html
    assert "Alice" not in html
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("intruder", ["bob", "coach", "editor", "admin_user"])
def test_no_one_but_the_author_can_read_or_delete_a_reflection(
    client, alice, lesson, intruder, request
):
    client.force_login(alice)
    autosave(client, lesson, "Only for me")
    reflection = Reflection.objects.get(member=alice)
    client.force_login(request.getfixturevalue(intruder))
    assert "Only for me" not in client.get("/my/reflections/").content.decode()
    assert "Only for me" not in client.get(lesson.url).content.decode()
    delete = client.post(f"/my/reflections/{reflection.pk}/delete/")
    assert delete.status_code == 404
    # Their own autosave writes their own row, never Alice's.
    autosave(client, lesson, "mine")
    assert Reflection.objects.get(pk=reflection.pk).text == "Only for me"


def test_the_author_can_delete_a_reflection(client, alice, lesson):
    client.force_login(alice)
    autosave(client, lesson, "Delete me")
    reflection = Reflection.objects.get(member=alice)
    response = client.post(f"/my/reflections/{reflection.pk}/delete/", follow=True)
    assert "Reflection deleted" in response.content.decode()
    assert not Reflection.objects.exists()
