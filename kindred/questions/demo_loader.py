"""Demo data for Ask a coach (development only): 10 answered and published questions, 3
waiting (one urgent), and the reply templates, from kindred/questions/demo/*.yaml.

Idempotent: accounts are looked up by email, pages by slug, templates by slug; what exists is
left alone. Demo askers get accounts `qa-<n>@example.com` / `waiting-<n>@example.com` with
unusable passwords (nobody signs in as them).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from kindred.accounts.models import User
from kindred.content.models import Category
from kindred.questions.models import Message, Question, QuestionPage, ReplyTemplate
from kindred.questions.models.private import Publication, Status
from kindred.questions.publishing import ensure_question_index
from kindred.questions.rendering import reply_as_richtext

DEMO_DIR = Path(__file__).resolve().parent / "demo"
DEMO_COACH_EMAIL = "coach@example.com"


def _read(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((DEMO_DIR / name).read_text(encoding="utf-8")) or []


def _asker(email: str, pseudonym: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, pseudonym=pseudonym)
        user.set_unusable_password()
        user.save()
    return user


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    moment = dt.datetime.combine(day, dt.time(hour, 0), tzinfo=timezone.get_current_timezone())
    return min(moment, timezone.now() - dt.timedelta(hours=1))


@transaction.atomic
def load(stdout: Any = None) -> None:
    load_reply_templates()
    index = ensure_question_index()
    coach = User.objects.filter(email=DEMO_COACH_EMAIL).first()
    if index is None or coach is None:
        return
    published = 0
    for n, item in enumerate(_read("published.yaml"), start=1):
        if QuestionPage.objects.filter(slug=item["slug"]).exists():
            continue
        _load_published(n, item, index, coach)
        published += 1
    waiting = 0
    for n, item in enumerate(_read("waiting.yaml"), start=1):
        member = _asker(f"waiting-{n}@example.com", item["pseudonym"])
        if Question.objects.filter(member=member).exists():
            continue
        asked = _at(item["asked"])
        Question.objects.create(
            member=member,
            title=item["title"],
            body=item["original"],
            relationship=item.get("relationship", ""),
            substances=item.get("substances", []),
            status=Status.WAITING,
            urgent_reason=item.get("urgent_reason", ""),
            allow_publish=item.get("allow_publish", False),
            submitted_at=asked,
            waiting_since=asked,
        )
        waiting += 1
    if stdout is not None:
        stdout.write(f"Questions: {published} published, {waiting} waiting")


def _load_published(n: int, item: dict[str, Any], index: Any, coach: User) -> None:
    member = _asker(f"qa-{n}@example.com", item["pseudonym"])
    asked = _at(item["asked"])
    answered = asked + dt.timedelta(hours=20)
    categories = list(Category.objects.filter(slug__in=item.get("categories", [])))
    page = QuestionPage(
        title=item["title"],
        slug=item["slug"],
        question=item["question"].strip(),
        answer=reply_as_richtext(item["answer"]),
        asker_name=item["pseudonym"] if item.get("show_pseudonym") else "A member",
        answered_by=item.get("answered_by", ""),
        published_date=(asked + dt.timedelta(days=2)).date(),
        live=False,
    )
    index.add_child(instance=page)
    page.categories.set(categories)
    page.tags.set(item.get("tags", []))
    page.save_revision().publish()
    question = Question.objects.create(
        member=member,
        title=item["title"],
        body=item["original"],
        relationship=item.get("relationship", ""),
        substances=item.get("substances", []),
        category=categories[0] if categories else None,
        status=Status.ANSWERED,
        allow_publish=True,
        show_pseudonym=bool(item.get("show_pseudonym")),
        assigned_to=coach,
        submitted_at=asked,
        first_answered_at=answered,
        publication=Publication.PUBLISHED,
        public_page=page,
    )
    message = Message.objects.create(
        question=question, author=coach, role="coach", body=item["answer"]
    )
    Message.objects.filter(pk=message.pk).update(created_at=answered)
    Question.objects.filter(pk=question.pk).update(created_at=asked)


def load_reply_templates() -> None:
    for item in _read("reply_templates.yaml"):
        ReplyTemplate.objects.get_or_create(
            slug=item["slug"], defaults={"title": item["title"], "body": item["body"].strip()}
        )
