"""Publishing an anonymised version of a question, and the member withdrawing it.

The public page is built only from what the coach typed on the publish form (an edited
question, an answer). The member's private original is never copied into it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page

from kindred.accounts.models import User
from kindred.questions.models import AccessRecord, Notification, Question, QuestionIndexPage
from kindred.questions.models.pages import RESERVED_SLUGS, QuestionPage
from kindred.questions.models.private import Publication, Status
from kindred.questions.rendering import reply_as_richtext
from kindred.questions.services import access_record_write


class PublishNotAllowed(Exception):
    """The member did not allow publication (or withdrew it), or there is no answer yet."""


@dataclass(frozen=True)
class PublicVersion:
    title: str
    question: str
    answer: str  # Markdown, as the coach wrote it
    category_ids: tuple[int, ...] = ()
    tags: tuple[str, ...] = ()


def ensure_question_index() -> QuestionIndexPage | None:
    """The /questions/ page under the site's home page, created if missing (idempotent).

    Safe to call at any time (the demo loader and every publication call it); returns None
    when there is no home page yet.
    """
    from kindred.content.models import HomePage

    existing = QuestionIndexPage.objects.first()
    if existing is not None:
        return existing
    home = HomePage.objects.first()
    if home is None:
        return None
    index = QuestionIndexPage(
        title="Questions",
        slug="questions",
        introduction=(
            "<p>Members ask a trained coach about what is happening at home. With their "
            "permission, some answers are shared here, with names and details changed.</p>"
        ),
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def can_publish(question: Question) -> bool:
    return (
        question.allow_publish
        and question.status == Status.ANSWERED
        and question.publication != Publication.PUBLISHED
    )


def _unique_slug(title: str) -> str:
    base = slugify(title)[:70].strip("-") or "question"
    if base in RESERVED_SLUGS:
        base = f"{base}-question"
    slug, n = base, 2
    while Page.objects.filter(slug=slug, depth__gte=3).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def question_publish(*, coach: User, question: Question, version: PublicVersion) -> QuestionPage:
    """Publish the coach's anonymised version at /questions/<slug>/ under the member's chosen
    name. Refuses if the member did not allow it."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if not can_publish(question):
        raise PublishNotAllowed("This question may not be published.")
    index = ensure_question_index()
    if index is None:
        raise PublishNotAllowed("The site has no home page yet.")
    page = QuestionPage(
        title=version.title.strip(),
        slug=_unique_slug(version.title),
        question=version.question.strip(),
        answer=reply_as_richtext(version.answer),
        asker_name=question.member.pseudonym if question.show_pseudonym else "A member",
        answered_by=coach.pseudonym,
        live=False,
    )
    index.add_child(instance=page)
    page.categories.set(list(version.category_ids))
    page.tags.set(list(version.tags))
    # The coach area decided who may publish (coach_required); Wagtail's page permissions
    # are for editors, so they are not asked again here. The revision records the coach.
    page.save_revision(user=coach).publish(user=coach, skip_permission_checks=True)
    question.public_page = page
    question.publication = Publication.PUBLISHED
    question.save(update_fields=["public_page", "publication", "updated_at"])
    access_record_write(staff=coach, question=question, action=AccessRecord.Action.PUBLISHED)
    Notification.objects.create(
        user_id=question.member_id, question=question, kind=Notification.Kind.PUBLISHED
    )
    return page


@transaction.atomic
def question_withdraw(*, member: User, question: Question) -> None:
    """The member takes the public version down: unpublished at once, and never republished
    unless the member allows it again."""
    if question.member_id != member.pk:
        raise PermissionError("a member can only withdraw their own questions")
    page = question.public_page
    if page is not None and page.live:
        page.unpublish()
    question.allow_publish = False
    question.publication = (
        Publication.WITHDRAWN if question.publication == Publication.PUBLISHED else ""
    )
    question.save(update_fields=["allow_publish", "publication", "updated_at"])


def split_tags(raw: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.strip().lower() for t in raw.split(",") if t.strip()))


def public_pages_delete_for_member(member: User) -> None:
    """Before a member's account is deleted: remove the public Q&A pages made from their
    questions (anonymised, but still theirs)."""
    questions = Question.objects.filter(member=member, public_page__isnull=False)
    for question in questions.select_related("public_page"):
        page = question.public_page
        question.public_page = None
        question.save(update_fields=["public_page"])
        if page is not None:
            page.delete()
