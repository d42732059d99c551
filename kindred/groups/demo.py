# ruff: noqa: E501  (the transcripts are prose, one paragraph a line)
"""Demo live groups: three groups, two facilitators in two time zones, two past sessions with
recordings and transcripts (our own writing), and the demo member signed up for the next
parents' session. Idempotent."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from kindred.accounts.models import Profile, User
from kindred.accounts.roles import FACILITATORS
from kindred.groups import schedule, services
from kindred.groups.models import Recording, Rsvp, Session, SupportGroup

FACILITATORS_DEMO = [
    # email, pseudonym, time zone
    ("facilitator@example.com", "Facilitator Dana", "America/New_York"),
    ("facilitadora@example.com", "Facilitadora Lucía", "America/Los_Angeles"),
]

GROUPS: list[dict[str, Any]] = [
    {
        "slug": "parents-tuesday-evening",
        "title": "Tuesday evening group for parents",
        "facilitator": "facilitator@example.com",
        "time_zone": "America/New_York",
        "frequency": "weekly",
        "weekday": 1,
        "start_time": dt.time(19, 30),
        "duration_minutes": 75,
        "capacity": 12,
        "is_recorded": True,
        "language": "en",
        "description": (
            "For parents of a teenager or an adult child who uses alcohol or other drugs. Each "
            "week we take one CRAFT skill, hear how it went for people who tried it, and plan "
            "one small step for the week ahead.\n\nYou can listen without speaking, keep your "
            "camera off, and use any name. What is said in the group stays in the group."
        ),
    },
    {
        "slug": "partners-every-other-thursday",
        "title": "Partners' group, every other Thursday",
        "facilitator": "facilitadora@example.com",
        "time_zone": "America/Los_Angeles",
        "frequency": "fortnightly",
        "weekday": 3,
        "start_time": dt.time(18, 0),
        "duration_minutes": 60,
        "capacity": 10,
        "is_recorded": False,
        "language": "en",
        "description": (
            "For people whose partner or spouse uses substances. We talk about living together "
            "through it: staying safe, saying what you need without a fight, and keeping a life "
            "of your own.\n\nThis group is not recorded."
        ),
    },
    {
        "slug": "grupo-mensual-en-espanol",
        "title": "Grupo mensual en español",
        "facilitator": "facilitadora@example.com",
        "time_zone": "America/Los_Angeles",
        "frequency": "monthly",
        "weekday": 5,
        "week_of_month": 1,
        "start_time": dt.time(10, 0),
        "duration_minutes": 90,
        "capacity": 15,
        "is_recorded": True,
        "language": "es",
        "description": (
            "Para familias que hablan español: madres, padres, parejas, hermanos. Una vez al "
            "mes practicamos juntos una habilidad de CRAFT y compartimos cómo nos fue.\n\n"
            "Puede escuchar sin hablar y dejar la cámara apagada."
        ),
    },
]

PARENTS_RECORDING = {
    "summary": "Noticing the good hours: how parents reward the times their child is not using.",
    "chapters": "0:00 Welcome and check-in\n6:15 What counts as a reward\n21:40 "
    "Two parents try it\n38:05 When the reward gets refused\n52:30 One step for this week",
    "transcript": """Facilitator Dana: Welcome, everyone. Tonight is about the hours that go well. Most of us have become experts at spotting the bad evenings. We are going to practise spotting the good ones.

Maple: I honestly don't know if there are good ones. I'm braced all the time.

Facilitator Dana: That makes sense. Being braced is tiring, and it is how you have kept yourself and your family safe. I'm not asking you to stop watching. I'm asking you to also notice when your son walks in and he is clear, and you can tell.

Maple: Last Sunday he helped me carry the shopping in. He was himself.

Facilitator Dana: That is exactly the moment. What did you do?

Maple: Nothing. I was waiting for it to go wrong.

Facilitator Dana: Many parents say the same. The skill is small: in that moment, do something he likes. Make the coffee the way he likes it. Say "it was good to have you with me today." Short, warm, no speech about the bad days.

Heron: What if he thinks I'm being fake?

Facilitator Dana: Keep it simple and true. You are not pretending the problem is gone. You are letting the sober hours feel better than the other ones. Over time that matters.

Heron: And money? He always asks for money when he's in a good mood.

Facilitator Dana: A reward should never be cash or anything that can be traded. Your time, a meal, a lift somewhere he wants to go, watching the match together. Those are the rewards.

Maple: I can do the coffee. I can do that.

Facilitator Dana: Then that is your step for this week. Notice one good hour, and mark it with something small he enjoys. Next week we will hear how it went. And if at any point you feel unsafe at home, the Get help now page has the numbers. Thank you all for coming.""",
}

SPANISH_RECORDING = {
    "summary": "Comunicación positiva: cómo pedir algo sin reproches.",
    "chapters": "0:00 Bienvenida\n8:00 Frases en primera persona\n27:30 Práctica en parejas\n"
    "55:10 Qué hacer si la conversación se calienta\n1:15:00 Un paso para este mes",
    "transcript": """Facilitadora Lucía: Buenos días a todas y a todos. Hoy vamos a practicar cómo decir lo que sentimos sin que suene a reproche.

Ceiba: En mi casa cualquier cosa que digo termina en pelea.

Facilitadora Lucía: Le pasa a muchas familias. Vamos a probar algo concreto. En lugar de "siempre llegas tarde y nunca avisas", intente empezar por usted: "Me preocupo cuando no sé dónde estás. Me ayudaría un mensaje corto".

Ceiba: Suena muy distinto.

Facilitadora Lucía: Es distinto. Dice lo que usted siente, pide algo pequeño y concreto, y no pone una etiqueta a la persona.

Roble: ¿Y si mi hija está tomada cuando llega?

Facilitadora Lucía: Entonces no es el momento. Estas conversaciones se tienen cuando la persona está sobria y tranquila. Si hay peligro, su seguridad va primero: salga, pida ayuda, y tenga a mano los números de la página "Get help now".

Roble: Entonces espero a la mañana.

Facilitadora Lucía: Exacto. Y puede añadir una frase de comprensión: "Sé que estás pasando por mucho". Y ofrecer ayuda: "Si quieres, te acompaño a la cita".

Ceiba: Voy a escribir la frase y practicarla en voz alta.

Facilitadora Lucía: Muy buena idea. Ese es el paso para este mes: una frase en primera persona, dicha en un momento tranquilo. Nos vemos el próximo mes.""",
}


def is_loaded() -> bool:
    return Recording.objects.filter(session__group__slug=GROUPS[0]["slug"]).exists()


def _facilitators() -> dict[str, User]:
    from kindred.accounts.demo import DEMO_PASSWORD

    role, _ = Group.objects.get_or_create(name=FACILITATORS)
    found = {}
    for email, pseudonym, zone in FACILITATORS_DEMO:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, pseudonym=pseudonym, is_staff=True)
            user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        user.groups.add(role)
        Profile.objects.update_or_create(user=user, defaults={"time_zone": zone})
        found[email] = user
    return found


def _past_session(group: SupportGroup, now: dt.datetime) -> Session | None:
    past = schedule.occurrences(group, now - dt.timedelta(days=70), now - dt.timedelta(hours=3))
    if not past:
        return None
    start, end = past[-1]
    session, _ = Session.objects.get_or_create(
        group=group, scheduled_for=start, defaults={"starts_at": start, "ends_at": end}
    )
    return session


def load(stdout: Any = None) -> None:
    now = timezone.now()
    people = _facilitators()
    groups = {}
    for spec in GROUPS:
        values = {k: v for k, v in spec.items() if k != "slug"}
        values["facilitator"] = people[spec["facilitator"]]
        values.setdefault("week_of_month", None)
        values["meeting_url"] = f"https://meet.example.org/kindred-{spec['slug']}"
        values["starts_on"] = dt.date(2026, 1, 1)
        group, _ = SupportGroup.objects.update_or_create(slug=spec["slug"], defaults=values)
        groups[spec["slug"]] = group
        services.schedule_extend(group, now)
    for slug, content in (
        ("parents-tuesday-evening", PARENTS_RECORDING),
        ("grupo-mensual-en-espanol", SPANISH_RECORDING),
    ):
        session = _past_session(groups[slug], now)
        if session is not None:
            Recording.objects.update_or_create(session=session, defaults=content)
    member = User.objects.filter(email="member@example.com").first()
    upcoming = (
        Session.objects.filter(group=groups["parents-tuesday-evening"], starts_at__gt=now)
        .order_by("starts_at")
        .first()
    )
    if (
        member is not None
        and upcoming is not None
        and not Rsvp.objects.filter(member=member).exists()
    ):
        with contextlib.suppress(services.RsvpRefused):
            services.rsvp_create(session_id=upcoming.pk, member=member, consent=True)


def banner() -> str:
    lines = ["Demo facilitators (same password; live groups at /groups/facilitate/):"]
    lines += [f"  {email} ({zone})" for email, _, zone in FACILITATORS_DEMO]
    return "\n".join(lines) + "\n"
