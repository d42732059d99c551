"""Reads for questions: scoped to the member who asks, or to the coaches' queue.

The queue filters and orders on metadata only (status, urgency, category, assignee, dates):
encrypted columns cannot be filtered, and must not be.
"""

from __future__ import annotations

import datetime as dt
import statistics
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404, HttpRequest
from django.utils import timezone

from kindred.accounts.models import User
from kindred.core.converters import parse_id
from kindred.questions.models import (
    AccessRecord,
    Message,
    Notification,
    Question,
    QuestionIndexPage,
    QuestionPage,
    ReplyTemplate,
)
from kindred.questions.models.private import Publication, Status

RELATED_LIMIT = 4
AGE_FILTERS = {"24h": dt.timedelta(hours=24), "72h": dt.timedelta(hours=72)}
QUEUE_STATES = {
    "open": "Needs a coach",
    Status.WAITING_MEMBER.value: "Waiting for the member",
    Status.ANSWERED.value: "Answered",
    "published": "Published",
    "all": "All",
}


# --- Members -----------------------------------------------------------------------------


def questions_for_member(member: User) -> QuerySet[Question]:
    """The member's own questions, most recently changed first."""
    return (
        Question.objects.filter(member=member).select_related("public_page").order_by("-updated_at")
    )


def question_for_member(member: User, question_id: uuid.UUID) -> Question:
    """One of the member's questions; 404 for anyone else's (staff included)."""
    try:
        return questions_for_member(member).get(pk=question_id)
    except Question.DoesNotExist:
        raise Http404("No such question") from None


def thread(question: Question) -> list[Message]:
    """The messages of a question, oldest first, with the coach and suggested pages."""
    return list(question.messages.select_related("author").prefetch_related("suggested_pages"))


def unread_notification_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_for(user: User, limit: int = 50) -> list[Notification]:
    return list(Notification.objects.filter(user=user).order_by("-created_at")[:limit])


def email_on(user: User) -> bool:
    from kindred.questions.models import EmailPreference

    preference = EmailPreference.objects.filter(user=user).first()
    return preference is None or preference.email_on


# --- Coaches -----------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilters:
    state: str = "open"
    category: int | None = None
    assigned: str = ""  # "", "me", "none" or a coach's id
    age: str = ""  # "", "24h", "72h"


def queue(viewer: User, filters: QueueFilters) -> QuerySet[Question]:
    """Sent questions for the coaches: urgent first, then the longest waiting."""
    questions = Question.objects.exclude(status=Status.DRAFT)
    if filters.state == "open":
        questions = questions.filter(status=Status.WAITING)
    elif filters.state == "published":
        questions = questions.filter(publication=Publication.PUBLISHED)
    elif filters.state in (Status.WAITING_MEMBER, Status.ANSWERED):
        questions = questions.filter(status=filters.state)
    if filters.category:
        questions = questions.filter(category_id=filters.category)
    if filters.assigned == "me":
        questions = questions.filter(assigned_to=viewer)
    elif filters.assigned == "none":
        questions = questions.filter(assigned_to__isnull=True)
    elif parse_id(filters.assigned) is not None:
        questions = questions.filter(assigned_to_id=parse_id(filters.assigned))
    if filters.age in AGE_FILTERS:
        cutoff = timezone.now() - AGE_FILTERS[filters.age]
        questions = questions.filter(waiting_since__lte=cutoff)
    urgent_first = Case(
        When(urgent_reason="", then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    return (
        questions.select_related("member", "assigned_to", "category")
        .annotate(urgent_rank=urgent_first, message_count=Count("messages"))
        .order_by("urgent_rank", "waiting_since", "submitted_at")
    )


def question_for_staff(question_id: uuid.UUID) -> Question:
    """A sent question for a coach (drafts are the member's alone: 404)."""
    try:
        return (
            Question.objects.exclude(status=Status.DRAFT)
            .select_related("member", "assigned_to", "category", "public_page")
            .get(pk=question_id)
        )
    except Question.DoesNotExist:
        raise Http404("No such question") from None


def coaches() -> list[User]:
    from kindred.accounts.roles import COACHES

    return list(
        User.objects.filter(groups__name=COACHES, is_active=True).distinct().order_by("pseudonym")
    )


def median_first_answer(now: dt.datetime | None = None) -> dt.timedelta | None:
    """Median time from sending to the first answer, for questions first answered this
    month (in the organisation's time zone). None when nothing was answered yet."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    pairs = Question.objects.filter(
        first_answered_at__gte=month_start, submitted_at__isnull=False
    ).values_list("submitted_at", "first_answered_at")
    waits = [(answered - sent).total_seconds() for sent, answered in pairs if sent and answered]
    if not waits:
        return None
    return dt.timedelta(seconds=statistics.median(waits))


def reply_templates() -> list[ReplyTemplate]:
    return list(ReplyTemplate.objects.order_by("title"))


def suggestable_pages() -> list[Any]:
    """Live, public articles and lessons a coach may suggest under a reply.

    Lesson pages join the list as soon as a learning app registers them; members-only
    articles are left out (the suggestion is a plain link that must open for the member).
    """
    from django.apps import apps
    from wagtail.models import Page

    models = []
    for label in ("content.ArticlePage", "learning.LessonPage"):
        try:
            models.append(apps.get_model(label))
        except LookupError:
            continue
    pages = Page.objects.live().public().type(*models).specific().order_by("title")
    return [p for p in pages if not getattr(p, "members_only", False)]


def access_log(limit: int = 200) -> list[AccessRecord]:
    return list(AccessRecord.objects.order_by("-created_at")[:limit])


# --- The public Q&A ----------------------------------------------------------------------


def public_questions() -> Any:
    """Live pages outside Wagtail's privacy restrictions (a PageQuerySet)."""
    return QuestionPage.objects.live().public()


def public_question_list(
    index: QuestionIndexPage, *, category: Any = None
) -> QuerySet[QuestionPage]:
    """Published questions under the index, newest first, with their categories."""
    pages = public_questions().child_of(index)
    if category is not None:
        pages = pages.filter(categories=category)
    return pages.prefetch_related("categories").order_by(
        "-published_date", "-first_published_at", "-pk"
    )


def related_questions(page: QuestionPage, limit: int = RELATED_LIMIT) -> list[QuestionPage]:
    """Other published questions: same category first, then the most shared tags, newest."""
    category_ids = list(page.categories.values_list("pk", flat=True))
    tag_ids = list(page.tagged_items.values_list("tag_id", flat=True))
    if not category_ids and not tag_ids:
        return []
    first_category = category_ids[0] if category_ids else None
    same_category = Exists(
        QuestionPage.categories.through.objects.filter(
            questionpage_id=OuterRef("pk"), category_id=first_category
        )
    )
    candidates = (
        public_questions()
        .exclude(pk=page.pk)
        .annotate(
            same_category=same_category,
            shared_tags=Count(
                "tagged_items",
                filter=Q(tagged_items__tag_id__in=tag_ids),
                distinct=True,
            ),
        )
        .filter(Q(same_category=True) | Q(shared_tags__gt=0))
        .order_by("-same_category", "-shared_tags", "-published_date", "-pk")
    )
    return list(candidates[:limit])


# --- Other apps' hooks -------------------------------------------------------------------


def export_questions(member: User) -> dict[str, Any]:
    """The member's questions, threads and notifications for "download my data".

    Internal notes are coaches' working notes and the access log is the organisation's
    record; neither is part of what the member wrote or received.
    """
    questions = questions_for_member(member).prefetch_related(
        Prefetch("messages", queryset=Message.objects.select_related("author"))
    )
    return {
        "questions": [
            {
                "id": str(q.pk),
                "title": q.title,
                "question": q.body,
                "context": q.context,
                "relationship": q.relationship,
                "substances": q.substances,
                "duration": q.duration,
                "state": q.state_label,
                "urgent_reason": q.urgent_reason,
                "allow_publish": q.allow_publish,
                "show_pseudonym": q.show_pseudonym,
                "public_url": q.public_page.url if q.public_page else None,
                "created_at": q.created_at.isoformat(),
                "submitted_at": q.submitted_at.isoformat() if q.submitted_at else None,
                "messages": [
                    {
                        "from": m.role,
                        "text": m.body,
                        "asks_for_detail": m.asks_for_detail,
                        "created_at": m.created_at.isoformat(),
                    }
                    for m in q.messages.all()
                ],
            }
            for q in questions
        ],
        "notifications": [
            {
                "text": n.text,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
            for n in Notification.objects.filter(user=member).order_by("created_at")
        ],
        "email_notifications": email_on(member),
    }


def home_card_context(request: HttpRequest) -> dict[str, Any]:
    counts = (
        Question.objects.filter(member=request.user)  # type: ignore[misc]
        .exclude(status=Status.DRAFT)
        .aggregate(
            waiting_for_you=Count("pk", filter=Q(status=Status.WAITING_MEMBER)),
            answered=Count("pk", filter=Q(status=Status.ANSWERED)),
        )
    )
    return counts
