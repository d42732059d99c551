"""Writes for asking a coach: drafts, submitting, the thread, assignment, notes, access log.

Publishing lives in ``publishing.py``; notifications and email in ``notify.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from kindred.accounts.models import User
from kindred.coach.crisis import CrisisAlert, check_for_crisis
from kindred.questions.models import AccessRecord, InternalNote, Message, Question
from kindred.questions.models.private import Status


@dataclass(frozen=True)
class QuestionFields:
    """What the member types on the ask page (every field may be empty in a draft)."""

    title: str = ""
    body: str = ""
    context: str = ""
    relationship: str = ""
    substances: tuple[str, ...] = ()
    duration: str = ""
    category_id: int | None = None
    allow_publish: bool = False
    show_pseudonym: bool = False


def _own_draft(member: User, question: Question | None) -> Question:
    if question is None:
        return Question(member=member)
    if question.member_id != member.pk:
        raise PermissionError("a member can only change their own questions")
    if question.status != Status.DRAFT:
        raise PermissionError("a question that was sent can no longer be edited")
    return question


def question_draft_save(
    *, member: User, fields: QuestionFields, question: Question | None = None
) -> Question:
    """Create or update the member's draft (the autosave and the "Save draft" button)."""
    question = _own_draft(member, question)
    question.title = fields.title.strip()
    question.body = fields.body
    question.context = fields.context
    question.relationship = fields.relationship
    question.substances = list(fields.substances)
    question.duration = fields.duration
    question.category_id = fields.category_id
    question.allow_publish = fields.allow_publish
    question.show_pseudonym = fields.allow_publish and fields.show_pseudonym
    question.save()
    return question


@transaction.atomic
def question_submit(
    *, member: User, fields: QuestionFields, question: Question | None = None
) -> tuple[Question, CrisisAlert | None]:
    """Send the question to the coaches. Runs the crisis check on everything the member wrote;
    a crisis marks the question urgent (only the kind is kept, never the words).

    A draft is locked first: sent from two tabs at once, it is sent (and the coaches told) once;
    the later call returns the question as sent, with no alert of its own."""
    if question is not None and question.pk is not None:
        locked = Question.objects.select_for_update().filter(pk=question.pk).first()
        if locked is not None and locked.member_id == member.pk:
            if locked.status != Status.DRAFT:
                return locked, None
            question = locked
    question = question_draft_save(member=member, fields=fields, question=question)
    alert = check_for_crisis("\n".join([question.title, question.body, question.context]))
    now = timezone.now()
    question.status = Status.WAITING
    question.urgent_reason = alert.kind if alert else ""
    question.submitted_at = now
    question.waiting_since = now
    question.save()
    from kindred.questions.notify import notify_coaches_of_question

    transaction.on_commit(lambda: notify_coaches_of_question(question))
    return question, alert


def question_draft_delete(*, member: User, question: Question) -> None:
    """Delete one of the member's unsent drafts."""
    _own_draft(member, question).delete()


@transaction.atomic
def member_reply(*, member: User, question: Question, text: str) -> Message:
    """The member adds to the thread; the question goes back to the coaches' queue.

    A reply can also reveal a crisis: it marks the question urgent the same way.
    """
    if question.member_id != member.pk or question.status == Status.DRAFT:
        raise PermissionError("a member can only reply on their own sent questions")
    message = Message.objects.create(question=question, author=member, role="member", body=text)
    alert = check_for_crisis(text)
    if alert and not question.urgent_reason:
        question.urgent_reason = alert.kind
    question.status = Status.WAITING
    question.waiting_since = timezone.now()
    question.save(update_fields=["status", "waiting_since", "urgent_reason", "updated_at"])
    return message


@transaction.atomic
def coach_reply(
    *,
    coach: User,
    question: Question,
    text: str,
    asks_for_detail: bool = False,
    suggested_page_ids: Iterable[int] = (),
) -> Message:
    """A coach answers (or asks for more detail). The member is told in-app and by email."""
    if question.status == Status.DRAFT:
        raise PermissionError("a draft has not been sent to the coaches")
    message = Message.objects.create(
        question=question,
        author=coach,
        role="coach",
        body=text,
        asks_for_detail=asks_for_detail,
    )
    ids = list(suggested_page_ids)
    if ids:
        message.suggested_pages.set(ids)
    now = timezone.now()
    question.status = Status.WAITING_MEMBER if asks_for_detail else Status.ANSWERED
    question.waiting_since = None
    if not asks_for_detail and question.first_answered_at is None:
        question.first_answered_at = now
    if question.assigned_to_id is None:
        question.assigned_to = coach
    question.save()
    from kindred.questions.notify import notify_member_of_message

    transaction.on_commit(lambda: notify_member_of_message(question, asks_for_detail))
    return message


def question_assign(*, coach: User, question: Question, assignee: User | None) -> Question:
    """Assign the question to a coach (``assignee=None`` releases it)."""
    question.assigned_to = assignee
    question.save(update_fields=["assigned_to", "updated_at"])
    return question


def question_set_category(*, question: Question, category_id: int | None) -> Question:
    """File the question under a category (metadata the queue filters on)."""
    question.category_id = category_id
    question.save(update_fields=["category", "updated_at"])
    return question


def note_add(*, coach: User, question: Question, text: str) -> InternalNote:
    """An internal note for other coaches. Never shown to the member nor exported to them."""
    return InternalNote.objects.create(question=question, author=coach, body=text)


def access_record_write(
    *, staff: Any, question: Question, action: str = AccessRecord.Action.OPENED
) -> AccessRecord:
    """Log that a staff member opened (or published) a member's question."""
    return AccessRecord.objects.create(
        question=question, staff=staff, staff_pseudonym=staff.pseudonym, action=action
    )


def notifications_mark_read(*, user: User) -> int:
    """Mark every unread notification of ``user`` read; returns how many were unread."""
    from kindred.questions.models import Notification

    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def email_preference_set(*, user: User, email_on: bool) -> None:
    """Turn question emails on or off for ``user``."""
    from kindred.questions.models import EmailPreference

    EmailPreference.objects.update_or_create(user=user, defaults={"email_on": email_on})
