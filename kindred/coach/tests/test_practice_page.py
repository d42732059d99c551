import pytest
from django.db import connection
from django.urls import reverse

from kindred.coach.models import PracticeDraft
from kindred.coach.services import practice_draft_save

pytestmark = pytest.mark.django_db
URL = "/my/practice/"


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "next=/my/practice/" in response["Location"]


def test_the_page_is_never_cached(client, alice):
    client.force_login(alice)
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_reading_a_message_without_javascript(client, alice):
    client.force_login(alice)
    text = "You never call. I miss you and I'd love to have you at dinner on Sunday."
    response = client.post(URL, {"text": text, "analyze": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="coach-mark coach-mark--pitfall" data-kind="absolute"' in html
    assert "Try instead:" in html
    assert "PIUS checklist" in html
    assert text[:20] in html  # the draft stays in the box


def test_a_crisis_panel_comes_before_everything_else(client, alice):
    client.force_login(alice)
    html = client.post(
        URL, {"text": "He hit me and took my phone", "analyze": "1"}
    ).content.decode()
    assert 'data-crisis-kind="violence"' in html
    assert html.index("crisis-panel") < html.index("<h1>Practise a message</h1>")
    assert "tel:18007997233" in html


def test_html_in_a_draft_is_shown_escaped(client, alice):
    client.force_login(alice)
    text = '<script>alert("x")</script> You never <b>listen</b>'
    html = client.post(URL, {"text": text, "analyze": "1"}).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html
    assert "<b>listen</b>" not in html


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Write a message first"), ("x" * 5001, "reads up to 5000 characters")],
)
def test_bad_input_gets_a_clear_error_and_keeps_the_title(client, alice, text, message):
    client.force_login(alice)
    response = client.post(URL, {"text": text, "title": "For Sam", "analyze": "1"})
    html = response.content.decode()
    assert response.status_code == 422
    assert message in html
    assert 'value="For Sam"' in html
    assert 'aria-invalid="true"' in html


def test_saving_a_draft_keeps_it_private_and_encrypted(client, alice):
    client.force_login(alice)
    response = client.post(
        URL, {"text": "I'm proud of you for going today.", "title": "Proud", "save": "1"}
    )
    draft = PracticeDraft.objects.get(member=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("coach:draft", args=[draft.pk])
    with connection.cursor() as cursor:
        cursor.execute("SELECT text, title FROM coach_practicedraft")
        raw_text, raw_title = cursor.fetchone()
    assert "proud" not in raw_text.lower()
    assert "Proud" not in raw_title
    page = client.get(response["Location"]).content.decode()
    assert "I&#x27;m proud of you for going today." in page
    assert "Proud" in page


def test_updating_a_draft(client, alice):
    draft = practice_draft_save(member=alice, text="first version")
    client.force_login(alice)
    client.post(reverse("coach:draft", args=[draft.pk]), {"text": "second version", "save": "1"})
    draft.refresh_from_db()
    assert draft.text == "second version"
    assert PracticeDraft.objects.count() == 1


@pytest.mark.parametrize("who", ["bob", "coach", "editor", "admin_user"])
def test_nobody_else_can_open_or_delete_a_draft(client, alice, who, request):
    draft = practice_draft_save(member=alice, text="between me and the coach")
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("coach:draft", args=[draft.pk])).status_code == 404
    assert client.post(reverse("coach:draft_delete", args=[draft.pk])).status_code == 404
    assert PracticeDraft.objects.filter(pk=draft.pk).exists()
    assert "between me" not in client.get(URL).content.decode()


def test_a_member_deletes_their_draft(client, alice):
    draft = practice_draft_save(member=alice, text="not needed any more")
    client.force_login(alice)
    assert client.get(reverse("coach:draft_delete", args=[draft.pk])).status_code == 405
    response = client.post(reverse("coach:draft_delete", args=[draft.pk]))
    assert response.status_code == 302
    assert not PracticeDraft.objects.exists()


def test_the_draft_list_costs_the_same_queries_for_many_drafts(
    client, alice, django_assert_max_num_queries
):
    client.force_login(alice)
    practice_draft_save(member=alice, text="one")
    client.get(URL)
    with django_assert_max_num_queries(20) as one:
        client.get(URL)
    for number in range(15):
        practice_draft_save(member=alice, text=f"draft {number}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(URL)


def test_a_verified_person_without_membership_is_sent_to_join(client, carol):
    client.force_login(carol)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("memberships:join")


def test_drafts_are_in_download_my_data(alice):
    from kindred.accounts.data_export import build_export

    practice_draft_save(member=alice, text="I'm proud of you", title="Sunday")
    export = build_export(alice)
    [draft] = export["practice_drafts"]["drafts"]
    assert (draft["title"], draft["text"]) == ("Sunday", "I'm proud of you")


def test_the_member_home_offers_the_practice_page(client, alice):
    practice_draft_save(member=alice, text="one")
    client.force_login(alice)
    html = client.get("/my/").content.decode()
    assert reverse("coach:practice") in html
    assert "1 saved draft" in html


def test_the_may_hurt_verdict_comes_first(client, alice):
    client.force_login(alice)
    text = "Should we throw you a parade for coming home sober?"
    html = client.post(URL, {"text": text, "analyze": "1"}).content.decode()
    verdict = html.index('data-may-hurt="true"')
    assert "This message may hurt." in html
    assert verdict < html.index("coach-score__number") < html.index("What may hurt")


def test_a_kind_message_gets_the_calm_verdict(client, alice):
    client.force_login(alice)
    text = "I missed you tonight. Want to get tacos tomorrow?"
    html = client.post(URL, {"text": text, "analyze": "1"}).content.decode()
    assert 'data-may-hurt="false"' in html and "Nothing here is likely to hurt." in html
