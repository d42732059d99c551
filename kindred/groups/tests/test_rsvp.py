"""RSVPs: capacity, the waiting list promoted automatically, consent for recorded sessions,
and concurrent RSVPs that never go over capacity (PostgreSQL, several threads)."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from kindred.groups import services
from kindred.groups.models import GroupNotice, Rsvp

from .conftest import make_group, make_session, member


def test_places_then_waiting_list_then_promotion_in_order(session, alice, bob, carol):
    from kindred.testing.factories import MembershipFactory

    MembershipFactory.create(user=carol)
    dan, eve = member("dan@example.com", "Dan"), member("eve@example.com", "Eve")
    for person in (alice, bob, carol, dan, eve):
        services.rsvp_create(session_id=session.pk, member=person)
    statuses = dict(Rsvp.objects.filter(session=session).values_list("member__pseudonym", "status"))
    assert statuses == {
        "Alice": "going",
        "Bob": "going",
        "Carol": "going",
        "Dan": "waiting",
        "Eve": "waiting",
    }
    assert services.rsvp_cancel(session_id=session.pk, member=bob)
    statuses = dict(Rsvp.objects.filter(session=session).values_list("member__pseudonym", "status"))
    assert statuses == {"Alice": "going", "Carol": "going", "Dan": "going", "Eve": "waiting"}
    assert GroupNotice.objects.filter(member=dan, kind="promoted").count() == 1
    assert not GroupNotice.objects.filter(member=eve).exists()


def test_rsvp_twice_keeps_one_place(session, alice):
    first = services.rsvp_create(session_id=session.pk, member=alice)
    second = services.rsvp_create(session_id=session.pk, member=alice)
    assert first.pk == second.pk
    assert Rsvp.objects.filter(session=session).count() == 1


def test_a_bigger_capacity_promotes_people_waiting(group, alice, bob):
    group.capacity = 1
    group.save()
    services.schedule_extend(group)
    session = group.sessions.order_by("starts_at").first()
    services.rsvp_create(session_id=session.pk, member=alice)
    assert services.rsvp_create(session_id=session.pk, member=bob).status == "waiting"
    session.group.capacity = 2
    session.group.save()
    services.schedule_extend(session.group)
    assert Rsvp.objects.get(member=bob).status == "going"


def test_recorded_sessions_need_consent(facilitator, alice):
    group = make_group(facilitator, is_recorded=True)
    session = make_session(group, timezone.now() + dt.timedelta(days=1))
    with pytest.raises(services.RsvpRefused, match="recorded"):
        services.rsvp_create(session_id=session.pk, member=alice)
    rsvp = services.rsvp_create(session_id=session.pk, member=alice, consent=True)
    assert rsvp.consented_at is not None


def test_refused_without_membership_or_for_cancelled_or_finished_sessions(session, carol, alice):
    with pytest.raises(services.RsvpRefused, match="for members"):
        services.rsvp_create(session_id=session.pk, member=carol)
    with pytest.raises(services.RsvpRefused, match="ended"):
        services.rsvp_create(session_id=session.pk, member=alice, now=session.ends_at)
    services.session_cancel(session, by=None)
    with pytest.raises(services.RsvpRefused, match="cancelled"):
        services.rsvp_create(session_id=session.pk, member=alice)


def test_the_member_page_rsvp_and_cancel(client, session, alice):
    client.force_login(alice)
    response = client.post(f"/groups/sessions/{session.pk}/rsvp/", follow=True)
    assert "You have a place" in response.content.decode()
    client.post(f"/groups/sessions/{session.pk}/cancel/")
    assert not Rsvp.objects.exists()


def test_the_consent_box_is_required_and_explained(client, facilitator, alice):
    group = make_group(facilitator, is_recorded=True)
    session = make_session(group, timezone.now() + dt.timedelta(days=1))
    client.force_login(alice)
    page = client.get(f"/groups/sessions/{session.pk}/").content.decode()
    assert "This session is recorded" in page
    response = client.post(f"/groups/sessions/{session.pk}/rsvp/")
    assert response.status_code == 400
    assert "Tick the box to agree" in response.content.decode()
    assert not Rsvp.objects.exists()
    client.post(f"/groups/sessions/{session.pk}/rsvp/", {"consent": "on"})
    assert Rsvp.objects.get().consented_at is not None


@pytest.mark.django_db(transaction=True)
def test_concurrent_rsvps_never_go_over_capacity():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (run with DATABASE_URL=postgres://...)")
    group = make_group(None, capacity=5)
    session = make_session(group, timezone.now() + dt.timedelta(days=1))
    people = [member(f"p{i}@example.com", f"Person{i}") for i in range(16)]
    barrier = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def take_place(person):
        try:
            barrier.wait()
            services.rsvp_create(session_id=session.pk, member=person)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take_place, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Rsvp.objects.filter(session=session, status="going").count() == 5
    assert Rsvp.objects.filter(session=session, status="waiting").count() == 11

    # Now everyone going cancels at once: the five first waiting take the places, no more.
    going = [r.member for r in Rsvp.objects.filter(session=session, status="going")]
    waiting_order = list(
        Rsvp.objects.filter(session=session, status="waiting")
        .order_by("created_at", "pk")
        .values_list("member_id", flat=True)
    )
    barrier2 = threading.Barrier(len(going))

    def give_up(person):
        try:
            barrier2.wait()
            services.rsvp_cancel(session_id=session.pk, member=person)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=give_up, args=(p,)) for p in going]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    now_going = set(
        Rsvp.objects.filter(session=session, status="going").values_list("member_id", flat=True)
    )
    assert now_going == set(waiting_order[:5])
