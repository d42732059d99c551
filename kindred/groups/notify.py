"""Discreet email about group sessions. Subjects and bodies never name a substance, a group or
anything a member wrote: a time, in the member's own zone, and a link."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kindred.groups.models import GroupNotice, Rsvp, Session
from kindred.groups.selectors import zone_for

REMINDER_SUBJECT = "Your session starts in an hour"
NOTICE_SUBJECT = "An update about a session you signed up for"


def _send(to: str, subject: str, template: str, session: Session, member: object) -> None:
    zone = zone_for(member)
    with timezone.override(zone):  # every time in the email is in the member's own zone
        body = render_to_string(
            template,
            {
                "site_name": settings.WAGTAIL_SITE_NAME,
                "starts_at": session.starts_at,
                "zone_name": str(zone).replace("_", " "),
                "link": f"{settings.SITE_URL}{reverse('groups:session', args=[session.pk])}",
            },
        )
    EmailMessage(subject=subject, body=body, to=[to]).send()


def email_reminder(rsvp: Rsvp) -> None:
    _send(
        rsvp.member.email, REMINDER_SUBJECT, "groups/email/reminder.txt", rsvp.session, rsvp.member
    )


def email_notice(notice_id: int) -> bool:
    """Email a member that something changed about a session (the details are in the app)."""
    notice = GroupNotice.objects.select_related("member", "session").filter(pk=notice_id).first()
    if notice is None or not notice.member.is_active or not notice.member.email:
        return False
    _send(
        notice.member.email,
        NOTICE_SUBJECT,
        "groups/email/notice.txt",
        notice.session,
        notice.member,
    )
    return True
