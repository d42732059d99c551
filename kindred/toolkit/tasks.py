"""Background work (django_tasks): thin wrappers around services.

``manage.py toolkit_tick``, run every minute (or hourly) like ``groups_tick``, enqueues
``send_wellbeing_reminders``; each opted-in member gets one reminder per ISO week however
often it runs.
"""

from __future__ import annotations

from django_tasks import task

from kindred.toolkit.services import wellbeing


@task()
def send_wellbeing_reminders() -> int:
    return wellbeing.reminders_send_due()
