"""The one rule for member-only pages, and who may open each page of this app."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from django.views import View

from kindred.memberships.access import MemberRequiredMixin, has_active_membership, member_required
from kindred.memberships.selectors import membership_status
from kindred.testing.factories import MembershipFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


@member_required
def secret_view(request):
    return HttpResponse("member content")


class SecretView(MemberRequiredMixin, View):
    def get(self, request):
        return HttpResponse("member content")


def call(view, user):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/my/secret/?x=1")
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    return view(request)


@pytest.mark.parametrize("view", [secret_view, SecretView.as_view()], ids=["decorator", "mixin"])
def test_anonymous_visitors_go_to_sign_in_with_next(view):
    response = call(view, None)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/my/secret/%3Fx%3D1"


@pytest.mark.parametrize("view", [secret_view, SecretView.as_view()], ids=["decorator", "mixin"])
def test_unverified_people_go_to_the_verify_page(view):
    user = VerifiedUserFactory.create()
    EmailAddress.objects.filter(user=user).update(verified=False)
    MembershipFactory.create(user=user)
    response = call(view, user)
    assert response["Location"] == "/accounts/confirm-email/"


@pytest.mark.parametrize("view", [secret_view, SecretView.as_view()], ids=["decorator", "mixin"])
def test_people_without_a_membership_go_to_join(view, carol):
    response = call(view, carol)
    assert response.status_code == 302
    assert response["Location"] == "/my/join/"
    assert b"member content" not in response.content


@pytest.mark.parametrize("view", [secret_view, SecretView.as_view()], ids=["decorator", "mixin"])
def test_members_get_the_content(view, alice):
    assert call(view, alice).content == b"member content"


def test_the_join_page_explains_what_to_do_and_is_never_a_500(client, carol):
    client.force_login(carol)
    response = client.get("/my/join/")
    assert response.status_code == 403
    assert b"Enter an access code" in response.content


def test_membership_states(carol):
    today = timezone.localdate()
    assert membership_status(carol).state == "none"
    MembershipFactory.create(
        user=carol, starts_on=today - datetime.timedelta(days=60),
        ends_on=today - datetime.timedelta(days=1),
    )  # fmt: skip
    del carol._kindred_membership_status
    assert membership_status(carol).state == "expired"
    assert not has_active_membership(carol)
    MembershipFactory.create(user=carol, ends_on=today + datetime.timedelta(days=10))
    del carol._kindred_membership_status
    status = membership_status(carol)
    assert status.state == "active"
    assert status.ends_on == today + datetime.timedelta(days=10)
    assert has_active_membership(carol)


def test_a_membership_that_starts_tomorrow_is_not_active_yet(carol):
    MembershipFactory.create(
        user=carol, starts_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    assert not has_active_membership(carol)


# Every page of this app, for every kind of visitor.
PAGES = ["/my/join/", "/my/redeem/"]
EXPECTED = {
    # visitor: (join, redeem)
    "anonymous": (200, 302),
    "alice": (200, 200),
    "bob": (200, 200),
    "carol": (403, 200),
    "coach": (200, 200),
    "editor": (200, 200),
    "admin_user": (200, 200),
}


@pytest.mark.parametrize("visitor", list(EXPECTED))
def test_who_may_open_each_page(client, request, visitor):
    if visitor != "anonymous":
        client.force_login(request.getfixturevalue(visitor))
    statuses = tuple(client.get(page).status_code for page in PAGES)
    assert statuses == EXPECTED[visitor]


def test_a_membership_that_starts_today_counts_whatever_the_members_own_zone(alice) -> None:  # type: ignore[no-untyped-def]
    """Membership dates are the organisation's (TIME_ZONE): a member far west of it, for whom
    the organisation's "today" has not begun yet, is not refused on the first day."""
    from django.utils import timezone as tz

    from kindred.memberships.models import Membership
    from kindred.memberships.selectors import organisation_today

    Membership.objects.filter(user=alice).update(starts_on=organisation_today())
    for zone in ("Pacific/Pago_Pago", "Pacific/Kiritimati", "America/Los_Angeles"):
        alice = type(alice).objects.get(pk=alice.pk)  # no cached status
        with tz.override(zone):
            assert membership_status(alice).is_active, zone
