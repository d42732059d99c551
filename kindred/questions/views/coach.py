"""The coaches' area: the queue, a question (reply, notes, assignment), publishing, and the
access log for organisation admins. A Django area of its own: members' text never goes
through the Wagtail admin's generic views."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from kindred.accounts.roles import is_organisation_admin
from kindred.content.selectors import category_list
from kindred.core.converters import parse_id
from kindred.questions import selectors, services
from kindred.questions.forms import CoachReplyForm, NoteForm, PublishForm
from kindred.questions.models import Question
from kindred.questions.permissions import coach_required, organisation_admin_required
from kindred.questions.publishing import (
    PublicVersion,
    PublishNotAllowed,
    can_publish,
    question_publish,
    split_tags,
)


def _filters(request: HttpRequest) -> selectors.QueueFilters:
    state = request.GET.get("state", "open")
    if state not in selectors.QUEUE_STATES:
        state = "open"
    raw_category = request.GET.get("category", "")
    age = request.GET.get("age", "")
    return selectors.QueueFilters(
        state=state,
        category=parse_id(raw_category),
        assigned=request.GET.get("assigned", "")[:12],
        age=age if age in selectors.AGE_FILTERS else "",
    )


@never_cache
@coach_required
def queue(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    return render(
        request,
        "questions/coach/queue.html",
        {
            "questions": list(selectors.queue(request.user, filters)[:200]),  # type: ignore[arg-type]
            "filters": filters,
            "states": selectors.QUEUE_STATES,
            "categories": list(category_list()),
            "coaches": selectors.coaches(),
            "median_first_answer": selectors.median_first_answer(),
            "now": timezone.now(),
            "is_org_admin": is_organisation_admin(request.user),
        },
    )


def _detail_context(
    request: HttpRequest,
    question: Question,
    reply_form: CoachReplyForm | None = None,
    note_form: NoteForm | None = None,
) -> dict[str, Any]:
    pages = selectors.suggestable_pages()
    templates = selectors.reply_templates()
    return {
        "question": question,
        "messages_thread": selectors.thread(question),
        "notes": list(question.notes.select_related("author")),
        "reply_form": reply_form or CoachReplyForm(pages=pages),
        "note_form": note_form or NoteForm(),
        "reply_templates": templates,
        "reply_template_bodies": {t.slug: t.body for t in templates},
        "categories": list(category_list()),
        "can_publish": can_publish(question),
        "now": timezone.now(),
    }


@never_cache
@coach_required
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def question_detail(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    question = selectors.question_for_staff(question_id)
    coach = request.user
    services.access_record_write(staff=coach, question=question)
    if request.method != "POST":
        return render(request, "questions/coach/detail.html", _detail_context(request, question))

    action = request.POST.get("action", "")
    if action == "assign":
        services.question_assign(coach=coach, question=question, assignee=coach)  # type: ignore[arg-type]
        messages.success(request, "Assigned to you.")
        return redirect("questions:coach_question", question_id=question.pk)
    if action == "release":
        services.question_assign(coach=coach, question=question, assignee=None)  # type: ignore[arg-type]
        messages.success(request, "Released: it is unassigned again.")
        return redirect("questions:coach_question", question_id=question.pk)
    if action == "category":
        raw = request.POST.get("category", "")
        valid = {c.pk for c in category_list()}
        services.question_set_category(
            question=question, category_id=parse_id(raw) if parse_id(raw) in valid else None
        )
        messages.success(request, "Category saved.")
        return redirect("questions:coach_question", question_id=question.pk)
    if action == "note":
        note_form = NoteForm(data=request.POST)
        if note_form.is_valid():
            services.note_add(coach=coach, question=question, text=note_form.cleaned_data["note"])  # type: ignore[arg-type]
            messages.success(request, "Note added (coaches only).")
            return redirect("questions:coach_question", question_id=question.pk)
        return render(
            request,
            "questions/coach/detail.html",
            _detail_context(request, question, note_form=note_form),
            status=422,
        )
    return _reply(request, question)


def _reply(request: HttpRequest, question: Question) -> HttpResponse:
    pages = selectors.suggestable_pages()
    form = CoachReplyForm(data=request.POST, pages=pages)
    if "insert_template" in request.POST:
        # Without JavaScript: add the chosen template to the end of the reply, send nothing.
        data = request.POST.copy()
        chosen = next(
            (t for t in selectors.reply_templates() if t.slug == data.get("template")), None
        )
        if chosen is not None:
            text = data.get("text", "").rstrip()
            data["text"] = f"{text}\n\n{chosen.body}".lstrip()
        form = CoachReplyForm(
            initial={
                "text": data.get("text", ""),
                "asks_for_detail": data.get("asks_for_detail") == "on",
                "suggested": data.getlist("suggested"),
            },
            pages=pages,
        )
        return render(
            request,
            "questions/coach/detail.html",
            _detail_context(request, question, reply_form=form),
        )
    if not form.is_valid():
        return render(
            request,
            "questions/coach/detail.html",
            _detail_context(request, question, reply_form=form),
            status=422,
        )
    try:
        services.coach_reply(
            coach=request.user,  # type: ignore[arg-type]
            question=question,
            text=form.cleaned_data["text"],
            asks_for_detail=form.cleaned_data["asks_for_detail"],
            suggested_page_ids=form.cleaned_data["suggested"],
        )
    except PermissionError:
        messages.error(request, "This question cannot be answered.")
        return redirect("questions:queue")
    messages.success(request, "Reply sent. The member has been told.")
    return redirect("questions:coach_question", question_id=question.pk)


@never_cache
@coach_required
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    question = selectors.question_for_staff(question_id)
    categories = list(category_list())
    if not can_publish(question):
        return render(
            request, "questions/coach/publish_refused.html", {"question": question}, status=403
        )
    services.access_record_write(staff=request.user, question=question)
    if request.method != "POST":
        last_answer = next(
            (
                m
                for m in reversed(selectors.thread(question))
                if m.role == "coach" and not m.asks_for_detail
            ),
            None,
        )
        form = PublishForm(
            initial={
                "title": question.title,
                "question": question.body,
                "answer": last_answer.body if last_answer else "",
                "categories": [question.category_id] if question.category_id else [],
            },
            categories=categories,
        )
        return render(request, "questions/coach/publish.html", {"question": question, "form": form})
    form = PublishForm(data=request.POST, categories=categories)
    if not form.is_valid():
        return render(
            request,
            "questions/coach/publish.html",
            {"question": question, "form": form},
            status=422,
        )
    data = form.cleaned_data
    try:
        page = question_publish(
            coach=request.user,  # type: ignore[arg-type]
            question=question,
            version=PublicVersion(
                title=data["title"],
                question=data["question"],
                answer=data["answer"],
                category_ids=tuple(data["categories"]),
                tags=split_tags(data["tags"]),
            ),
        )
    except PublishNotAllowed:
        return render(
            request, "questions/coach/publish_refused.html", {"question": question}, status=403
        )
    messages.success(request, "Published. The member can see it and withdraw it at any time.")
    return redirect(page.url)


@never_cache
@organisation_admin_required
def access_log(request: HttpRequest) -> HttpResponse:
    """Read-only: who opened which question, when."""
    return render(request, "questions/coach/access_log.html", {"records": selectors.access_log()})
