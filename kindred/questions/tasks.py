"""Background email (django_tasks): thin wrappers around ``notify``."""

from __future__ import annotations

from django_tasks import task

from kindred.questions import notify


@task()
def send_member_message_email(member_id: int) -> bool:
    return notify.email_member_about_message(member_id)


@task()
def send_coach_question_email(urgent: bool) -> int:
    return notify.email_coaches_about_question(urgent)
