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


def _new_facilitator_data(groups):
    return {
        "email": "newfacilitator@example.com",
        "pseudonym": "New Facilitator",
        "password1": "a-long-and-unusual-passphrase-42",
        "password2": "a-long-and-unusual-passphrase-42",
        "is_active": "on",
        "groups": [g.pk for g in groups],
    }


def test_only_an_organisation_admin_can_make_someone_a_facilitator(facilitator):
    """Through Wagtail's user admin, as people do it: an organisation admin may; someone else
    allowed to add and edit users may neither grant nor take away the role."""
    from django.contrib.auth.models import Group, Permission
    from django.urls import reverse

    from kindred.accounts.models import User
    from kindred.testing.factories import VerifiedUserFactory

    facilitators = Group.objects.get(name="Facilitators")
    members = Group.objects.get(name="Members")
    helper = VerifiedUserFactory.create(email="helper@example.com", is_staff=True)
    helper.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "add_user", "change_user"])
    )
    client = Client()
    client.force_login(helper)
    page = client.get("/admin/users/new/").content.decode()
    assert "Facilitators." in page  # the help text names the role
    response = client.post("/admin/users/new/", _new_facilitator_data([facilitators]))
    assert response.status_code == 200
    errors = str(response.context["form"].errors)
    assert "Only an organisation admin" in errors and "Facilitators" in errors
    assert not User.objects.filter(email="newfacilitator@example.com").exists()
    # Nor can they take the role away from a facilitator.
    edit = client.post(
        reverse("wagtailusers_users:edit", args=[facilitator.pk]),
        {
            "email": facilitator.email,
            "pseudonym": facilitator.pseudonym,
            "is_active": "on",
            "groups": [members.pk],
        },
    )
    assert edit.status_code == 200
    assert "Only an organisation admin" in str(edit.context["form"].errors)
    assert facilitator.groups.filter(name="Facilitators").exists()

    organisation_admin = VerifiedUserFactory.create(email="orgadmin@example.com", is_staff=True)
    organisation_admin.groups.add(Group.objects.get(name="Organisation admins"))
    client.force_login(organisation_admin)
    response = client.post("/admin/users/new/", _new_facilitator_data([facilitators]))
    assert response.status_code == 302, response.context["form"].errors
    made = User.objects.get(email="newfacilitator@example.com")
    assert list(made.groups.values_list("name", flat=True)) == ["Facilitators"]


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


def _group_form(**overrides):
    data = {
        "title": "Morning group",
        "slug": "morning-group",
        "description": "A morning group.",
        "language": "en",
        "time_zone": "America/New_York",
        "frequency": "weekly",
        "weekday": "2",
        "week_of_month": "",
        "start_time": "09:00",
        "starts_on": "2026-01-01",
        "ends_on": "",
        "duration_minutes": "60",
        "capacity": "10",
        "meeting_url": "https://meet.example.org/morning",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_a_facilitator_adds_a_group_for_themselves_and_cannot_hand_one_over(
    facilitator, other_facilitator
):
    from django.urls import reverse

    from kindred.groups.models import SupportGroup

    client = Client()
    client.force_login(facilitator)
    response = client.post(
        reverse("live_groups:add"), _group_form(facilitator=str(other_facilitator.pk))
    )
    assert response.status_code == 302
    group = SupportGroup.objects.get(slug="morning-group")
    assert group.facilitator == facilitator  # the posted facilitator is ignored
    assert group.sessions.exists()  # saving creates the sessions ahead
    response = client.post(
        reverse("live_groups:edit", args=[group.pk]),
        _group_form(title="Renamed", facilitator=str(other_facilitator.pk)),
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.title, group.facilitator) == ("Renamed", facilitator)
    # Another facilitator can neither edit nor delete it.
    client.force_login(other_facilitator)
    for name in ("live_groups:edit", "live_groups:delete"):
        assert client.post(reverse(name, args=[group.pk]), _group_form()).status_code in (
            302,
            403,
        )
    group.refresh_from_db()
    assert group.title == "Renamed"


def test_recordings_in_the_admin_are_scoped_to_the_facilitators_own_groups(
    facilitator, other_facilitator, admin_user
):
    from django.urls import reverse

    recorded = make_group(facilitator, slug="recorded", is_recorded=True)
    past = make_session(recorded, timezone.now() - dt.timedelta(days=7))
    recording = Recording.objects.create(session=past, transcript="Facilitator: Welcome.")
    theirs_group = make_group(other_facilitator, slug="theirs", is_recorded=True)
    theirs_past = make_session(theirs_group, timezone.now() - dt.timedelta(days=7))
    mine, theirs, admin = Client(), Client(), Client()
    mine.force_login(facilitator)
    theirs.force_login(other_facilitator)
    admin.force_login(admin_user)
    index = reverse("group_recordings:index")
    assert "Recording: Evening group" in mine.get(index).content.decode()
    assert "Recording: Evening group" not in theirs.get(index).content.decode()
    assert "Recording: Evening group" in admin.get(index).content.decode()
    edit = reverse("group_recordings:edit", args=[recording.pk])
    delete = reverse("group_recordings:delete", args=[recording.pk])
    assert mine.get(edit).status_code == 200
    assert theirs.get(edit).status_code in (302, 403)
    assert theirs.post(delete).status_code in (302, 403)
    assert Recording.objects.filter(pk=recording.pk).exists()
    # The add form offers only their own recorded sessions; another's is refused.
    response = theirs.post(
        reverse("group_recordings:add"), {"session": str(past.pk), "transcript": "Taken over."}
    )
    assert response.status_code == 200 and "session" in response.context["form"].errors
    response = theirs.post(
        reverse("group_recordings:add"),
        {"session": str(theirs_past.pk), "transcript": "Facilitator: Hello."},
    )
    assert response.status_code == 302
    assert Recording.objects.filter(session=theirs_past).exists()


def test_members_see_the_facilitator_by_pseudonym_only(client, alice, facilitator, session):
    client.force_login(alice)
    for url in ("/groups/", "/groups/parents-evening/", f"/groups/sessions/{session.pk}/"):
        page = client.get(url).content.decode()
        assert "FacilitatorFran" in page, url
        assert facilitator.email not in page and "fran@" not in page, url
