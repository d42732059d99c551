"""Every view, every role: anonymous, alice and bob (members), carol (no membership), coach,
editor, admin_user, a facilitator, and a facilitator of another group."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from kindred.groups import services
from kindred.groups.models import Recording

from .conftest import make_group, make_session

MEMBER_ONLY = "member_only"
FACILITATOR_ONLY = "facilitator_only"


@pytest.fixture
def urls(session, facilitator):
    recorded = make_group(facilitator, slug="recorded", is_recorded=True)
    past = make_session(recorded, timezone.now() - dt.timedelta(days=7))
    recording = Recording.objects.create(session=past, transcript="Facilitator: Welcome.")
    return {
        "/groups/": MEMBER_ONLY,
        "/groups/parents-evening/": MEMBER_ONLY,
        f"/groups/sessions/{session.pk}/": MEMBER_ONLY,
        "/groups/recordings/": MEMBER_ONLY,
        f"/groups/recordings/{recording.pk}/": MEMBER_ONLY,
        "/groups/calendar/": MEMBER_ONLY,
        "/groups/facilitate/": FACILITATOR_ONLY,
        f"/groups/facilitate/sessions/{session.pk}/": FACILITATOR_ONLY,
        f"/groups/facilitate/sessions/{session.pk}/print/": FACILITATOR_ONLY,
    }


def _get(user, url):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_anonymous_is_sent_to_sign_in_everywhere(urls):
    for url in urls:
        response = _get(None, url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


def test_members_see_member_pages_and_not_facilitator_pages(urls, alice, bob):
    for user in (alice, bob):
        for url, kind in urls.items():
            response = _get(user, url)
            expected = 200 if kind == MEMBER_ONLY else 403
            assert response.status_code == expected, (user, url)
            if kind == MEMBER_ONLY:
                assert (
                    "private" in response["Cache-Control"]
                    and "no-store" in response["Cache-Control"]
                )


def test_carol_without_membership_is_sent_to_join(urls, carol):
    for url, kind in urls.items():
        response = _get(carol, url)
        if kind == MEMBER_ONLY:
            assert response.status_code == 302 and response["Location"] == "/my/join/", url
        else:
            assert response.status_code == 403, url


@pytest.mark.parametrize("role", ["coach", "editor"])
def test_coach_and_editor_are_members_here_but_not_facilitators(request, urls, role):
    user = request.getfixturevalue(role)
    for url, kind in urls.items():
        assert _get(user, url).status_code == (200 if kind == MEMBER_ONLY else 403), url


def test_organisation_admin_and_the_groups_facilitator_reach_everything(
    urls, admin_user, facilitator
):
    for user in (admin_user, facilitator):
        for url in urls:
            assert _get(user, url).status_code == 200, (user, url)


def test_another_facilitator_cannot_see_this_groups_roster(urls, other_facilitator, session):
    assert _get(other_facilitator, "/groups/facilitate/").status_code == 200
    assert (
        "Evening group for parents"
        not in _get(other_facilitator, "/groups/facilitate/").content.decode()
    )
    for suffix in ("", "print/"):
        assert (
            _get(
                other_facilitator, f"/groups/facilitate/sessions/{session.pk}/{suffix}"
            ).status_code
            == 404
        )
    client = Client()
    client.force_login(other_facilitator)
    response = client.post(f"/groups/facilitate/sessions/{session.pk}/", {"action": "cancel"})
    assert response.status_code == 404
    session.refresh_from_db()
    assert not session.is_cancelled


def test_posts_need_a_member(session, carol):
    client = Client()
    assert client.post(f"/groups/sessions/{session.pk}/rsvp/").status_code == 302
    client.force_login(carol)
    assert client.post(f"/groups/sessions/{session.pk}/rsvp/")["Location"] == "/my/join/"
    assert not session.rsvps.exists()


def test_inactive_groups_are_hidden_from_members(client, alice, session):
    session.group.is_active = False
    session.group.save()
    client.force_login(alice)
    assert client.get(f"/groups/sessions/{session.pk}/").status_code == 404
    assert client.get("/groups/parents-evening/").status_code == 404


def test_facilitators_need_two_factor_like_every_staff_role(settings, facilitator, session):
    from kindred.accounts.roles import has_staff_role

    assert has_staff_role(facilitator)
    settings.KINDRED_STAFF_MFA_REQUIRED = True
    client = Client()
    client.force_login(facilitator)
    for url in ("/groups/facilitate/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/2fa/" in response["Location"] or "mfa" in response["Location"], url


def test_only_an_organisation_admin_can_make_someone_a_facilitator(client, alice):
    from django.contrib.auth.models import Group, Permission

    from kindred.accounts.wagtail_users import KindredUserEditForm

    facilitators = Group.objects.get(name="Facilitators")
    # A staff member allowed to edit users, who is not an organisation admin:
    user_editor = alice
    user_editor.user_permissions.add(*Permission.objects.filter(codename__in=["change_user"]))
    form = KindredUserEditForm(
        instance=alice, for_user=user_editor, data={"groups": [facilitators.pk]}
    )
    form.is_valid()
    assert "groups" in form.errors


def test_admin_viewsets_are_scoped_to_the_facilitators_own_groups(
    facilitator, other_facilitator, admin_user, session
):
    group = session.group
    mine = Client()
    mine.force_login(facilitator)
    theirs = Client()
    theirs.force_login(other_facilitator)
    admin = Client()
    admin.force_login(admin_user)
    index = "/admin/groups/supportgroup/"
    edit = f"/admin/groups/supportgroup/edit/{group.pk}/"
    from django.urls import reverse

    index = reverse("live_groups:index")
    edit = reverse("live_groups:edit", args=[group.pk])
    assert group.title in mine.get(index).content.decode()
    assert group.title not in theirs.get(index).content.decode()
    assert group.title in admin.get(index).content.decode()
    assert mine.get(edit).status_code == 200
    assert theirs.get(edit).status_code in (302, 403)
    assert admin.get(edit).status_code == 200


def test_members_cannot_open_the_admin_views(alice):
    from django.urls import reverse

    client = Client()
    client.force_login(alice)
    assert client.get(reverse("live_groups:index")).status_code in (302, 403)


def test_group_notices_reach_only_people_with_an_rsvp(facilitator, session, alice, bob):
    services.rsvp_create(session_id=session.pk, member=alice)
    assert services.attendees_message(session, "Starting ten minutes late.", by=facilitator) == 1
    assert alice.group_notices.count() == 1
    assert bob.group_notices.count() == 0
