"""Telling people something happened: in-app notifications and discreet email.

Nothing a member or a coach wrote ever goes into a notification or an email: the subject and
body only say there is something to read, with a link, and every email can be turned off with
one click (a signed link that works without signing in, plus List-Unsubscribe headers).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from kindred.accounts.models import User
from kindred.questions.models import Notification, Question
from kindred.questions.selectors import coaches, email_on

UNSUBSCRIBE_SALT = "kindred.questions.unsubscribe"
MEMBER_SUBJECT = "You have a new message on Kindred"
COACH_SUBJECT = "A new question is waiting on Kindred"
URGENT_SUBJECT = "An urgent question is waiting on Kindred"


def unsubscribe_token(user: User) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_from_unsubscribe_token(token: str) -> User | None:
    """The user a signed unsubscribe token names, or None if it was tampered with."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk).first()


def unsubscribe_url(user: User) -> str:
    path = reverse("questions:unsubscribe", kwargs={"token": unsubscribe_token(user)})
    return f"{settings.SITE_URL}{path}"


def notify_member_of_message(question: Question, asks_for_detail: bool) -> None:
    """In-app notice for the member, and an email task (if they want email)."""
    from kindred.questions.tasks import send_member_message_email

    kind = Notification.Kind.DETAIL if asks_for_detail else Notification.Kind.REPLY
    Notification.objects.create(user_id=question.member_id, question=question, kind=kind)
    send_member_message_email.enqueue(question.member_id)


def notify_coaches_of_question(question: Question) -> None:
    """In-app notices for every coach; email at once (urgent or not: one email a question)."""
    from kindred.questions.tasks import send_coach_question_email

    kind = (
        Notification.Kind.URGENT_QUESTION
        if question.urgent_reason
        else Notification.Kind.NEW_QUESTION
    )
    Notification.objects.bulk_create(
        [Notification(user=coach, question=question, kind=kind) for coach in coaches()]
    )
    send_coach_question_email.enqueue(bool(question.urgent_reason))


def _send(user: User, subject: str, template: str, context: dict[str, Any]) -> bool:
    if not user.email or not user.is_active or not email_on(user):
        return False
    unsubscribe = unsubscribe_url(user)
    body = render_to_string(
        template,
        {
            **context,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "site_url": settings.SITE_URL,
            "unsubscribe_url": unsubscribe,
        },
    )
    message = EmailMessage(
        subject=subject,
        body=body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()
    return True


def email_member_about_message(member_id: int) -> bool:
    """Email a member that a coach wrote to them. Says nothing about what was written."""
    member = User.objects.filter(pk=member_id).first()
    if member is None:
        return False
    return _send(
        member,
        MEMBER_SUBJECT,
        "questions/email/member_message.txt",
        {"link": f"{settings.SITE_URL}{reverse('questions:my_questions')}"},
    )


def email_coaches_about_question(urgent: bool) -> int:
    """Email every coach that a question is waiting; the subject only says whether it is
    urgent. Returns how many emails went out."""
    link = f"{settings.SITE_URL}{reverse('questions:queue')}"
    sent = 0
    for coach in coaches():
        sent += _send(
            coach,
            URGENT_SUBJECT if urgent else COACH_SUBJECT,
            "questions/email/coach_question.txt",
            {"link": link, "urgent": urgent},
        )
    return sent
