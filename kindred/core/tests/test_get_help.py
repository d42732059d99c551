from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.urls import reverse

from kindred.core import get_help
from kindred.core.get_help import get_help_content
from kindred.core.models import GET_HELP_CACHE_KEY, GetHelpSettings
from kindred.testing.factories import helpline_block

pytestmark = pytest.mark.django_db


def test_get_help_lists_every_us_number_as_a_link(client):
    response = client.get(reverse("get_help"))
    html = response.content.decode()
    assert response.status_code == 200
    for href in [
        'href="tel:911"',
        'href="tel:988"',
        'href="sms:988"',
        'href="tel:18006624357"',
        'href="tel:18007997233"',
        'href="sms:88788?&amp;body=START"',
        'href="sms:741741?&amp;body=HOME"',
    ]:
        assert href in html, href
    assert "naloxone" in html
    assert "on their side" in html


def test_get_help_needs_at_most_one_query_once_warm(client, django_assert_max_num_queries):
    client.get(reverse("get_help"))
    # One read of the cache (none with Redis), nothing for the session or the user.
    with django_assert_max_num_queries(1):
        response = client.get(reverse("get_help"))
    assert response.status_code == 200


def test_get_help_reads_the_settings_once_when_the_cache_is_cold(client):
    GetHelpSettings.load()
    cache.delete(GET_HELP_CACHE_KEY)
    with mock.patch.object(GetHelpSettings, "load", wraps=GetHelpSettings.load) as load:
        client.get(reverse("get_help"))
        client.get(reverse("get_help"))
    assert load.call_count == 1


def test_get_help_works_for_a_signed_in_member(client, alice):
    client.force_login(alice)
    assert client.get(reverse("get_help")).status_code == 200


def test_staff_can_set_other_numbers_and_they_show_at_once(client):
    settings = GetHelpSettings.load()
    settings.emergency_number = "112"
    settings.helplines = [
        helpline_block("Samaritans", "116 123", hours="24/7", situations=("suicide",))
    ]
    settings.save()
    html = client.get(reverse("get_help")).content.decode()
    assert 'href="tel:112"' in html
    assert 'href="tel:116123"' in html
    assert "tel:988" not in html


def test_helplines_are_grouped_by_situation():
    content = get_help_content()
    assert [line.name for line in content.helplines_for("violence")] == [
        "National Domestic Violence Hotline",
        "Crisis Text Line",
    ]
    assert "988 Suicide & Crisis Lifeline" in [
        line.name for line in content.helplines_for("suicide")
    ]


def test_get_help_refuses_a_post(client):
    assert client.post(reverse("get_help")).status_code == 405


def database_down():
    return mock.patch.object(
        GetHelpSettings, "load", side_effect=OperationalError("the database is restarting")
    )


def test_get_help_answers_with_the_built_in_numbers_while_the_database_is_down(client):
    cache.delete(GET_HELP_CACHE_KEY)
    with mock.patch.object(get_help, "_last_read", None), database_down():
        response = client.get(reverse("get_help"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="tel:911"' in html
    assert 'href="tel:988"' in html
    # The fallback is not cached: the staff's own content comes back with the database.
    assert cache.get(GET_HELP_CACHE_KEY) is None


def test_while_the_database_is_down_the_staffs_last_numbers_are_shown(client):
    settings = GetHelpSettings.load()
    settings.emergency_number = "112"
    settings.save()
    assert get_help_content().emergency_number == "112"  # read once by this process
    cache.delete(GET_HELP_CACHE_KEY)
    with database_down():
        html = client.get(reverse("get_help")).content.decode()
    assert 'href="tel:112"' in html
