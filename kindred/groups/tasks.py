"""Background work (django_tasks): thin wrappers around services and ``notify``.

``manage.py groups_tick``, run every minute like ``publish_scheduled``, enqueues
``send_due_reminders``; a reminder is sent once however often the task runs.
"""

from __future__ import annotations

from django_tasks import task

from kindred.groups import notify, services


@task()
def send_due_reminders() -> int:
    return services.reminders_send_due()


@task()
def send_notice_email(notice_id: int) -> bool:
    return notify.email_notice(notice_id)
