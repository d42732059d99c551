"""Members ask a coach, follow the thread, withdraw a publication; notifications; unsubscribe."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from kindred.coach.crisis import alert_for
from kindred.content.selectors import category_list
from kindred.core.ratelimit import SLOW_DOWN, allow_member
from kindred.core.submissions import submit_once
from kindred.memberships.access import member_required
from kindred.questions import selectors, services
from kindred.questions.forms import AskForm, MemberReplyForm
from kindred.questions.models import Question
from kindred.questions.models.private import Status
from kindred.questions.notify import user_from_unsubscribe_token
from kindred.questions.publishing import question_withdraw


def _initial(question: Question) -> dict[str, Any]:
    publish = "private"
    if question.allow_publish:
        publish = "pseudonym" if question.show_pseudonym else "anonymous"
    return {
        "title": question.title,
        "body": question.body,
        "context": question.context,
        "relationship": question.relationship,
        "substances": question.substances,
        "duration": question.duration,
        "category": question.category_id,
        "publish": publish,
    }


def _draft(request: HttpRequest, question_id: uuid.UUID | None) -> Question | None:
    if question_id is None:
        return None
    question = selectors.question_for_member(request.user, question_id)  # type: ignore[arg-type]
    if question.status != Status.DRAFT:
        return None
    return question


@never_cache
@member_required
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, question_id: uuid.UUID | None = None) -> HttpResponse:
    draft = _draft(request, question_id)
    if question_id is not None and draft is None:  # already sent: show it instead
        return redirect("questions:my_question", question_id=question_id)
    categories = list(category_list())
    if request.method != "POST":
        form = AskForm(initial=_initial(draft) if draft else None, categories=categories)
        return _render_ask(request, form, draft)
    form = AskForm(data=request.POST, categories=categories)
    # Sent several times at once (a double click), the question is sent once (submit_once).
    return submit_once(request, lambda: _post_ask(request, form, draft))


def _post_ask(request: HttpRequest, form: AskForm, draft: Question | None) -> HttpResponse:
    member = request.user
    if "send" in request.POST:
        if not form.check_ready_to_send():
            return _render_ask(request, form, draft, status=422)
        if not allow_member("question-send", member.pk, "KINDRED_QUESTION_SEND_LIMIT"):
            # The form keeps everything the member typed; nothing is sent or lost.
            form.add_error(None, SLOW_DOWN + " Your question is still here, not sent yet.")
            return _render_ask(request, form, draft, status=429)
        question, _alert = services.question_submit(
            member=member,  # type: ignore[arg-type]
            fields=form.question_fields(),
            question=draft,
        )
        return redirect("questions:sent", question_id=question.pk)
    if not form.is_valid():
        return _render_ask(request, form, draft, status=422)
    saved = services.question_draft_save(
        member=member,  # type: ignore[arg-type]
        fields=form.question_fields(),
        question=draft,
    )
    messages.success(request, "Draft saved. Only you can see it until you send it.")
    return redirect("questions:ask_draft", question_id=saved.pk)


def _render_ask(
    request: HttpRequest, form: AskForm, draft: Question | None, status: int = 200
) -> HttpResponse:
    return render(
        request, "questions/member/ask.html", {"form": form, "draft": draft}, status=status
    )


@never_cache
@member_required
def sent(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    question = selectors.question_for_member(request.user, question_id)  # type: ignore[arg-type]
    crisis = alert_for(question.urgent_reason) if question.urgent_reason else None
    return render(request, "questions/member/sent.html", {"question": question, "crisis": crisis})


@never_cache
@member_required
def my_questions(request: HttpRequest) -> HttpResponse:
    user = request.user
    questions = list(selectors.questions_for_member(user))  # type: ignore[arg-type]
    return render(
        request,
        "questions/member/my_questions.html",
        {
            "drafts": [q for q in questions if q.status == Status.DRAFT],
            "sent_questions": [q for q in questions if q.status != Status.DRAFT],
            "email_on": selectors.email_on(user),  # type: ignore[arg-type]
        },
    )


@never_cache
@member_required
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def my_question(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    question = selectors.question_for_member(request.user, question_id)  # type: ignore[arg-type]
    if question.status == Status.DRAFT:
        return redirect("questions:ask_draft", question_id=question.pk)
    form = MemberReplyForm()
    status = 200
    if request.method == "POST":
        form = MemberReplyForm(data=request.POST)
        if form.is_valid():
            services.member_reply(
                member=request.user,  # type: ignore[arg-type]
                question=question,
                text=form.cleaned_data["text"],
            )
            messages.success(request, "Reply sent. A coach will read it soon.")
            return redirect("questions:my_question", question_id=question.pk)
        status = 422
    return render(
        request,
        "questions/member/my_question.html",
        {"question": question, "messages_thread": selectors.thread(question), "form": form},
        status=status,
    )


@never_cache
@member_required
@require_POST
def withdraw(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    question = selectors.question_for_member(request.user, question_id)  # type: ignore[arg-type]
    question_withdraw(member=request.user, question=question)  # type: ignore[arg-type]
    messages.success(request, "Done: it is no longer published, and it will stay private.")
    return redirect("questions:my_question", question_id=question.pk)


@never_cache
@member_required
@require_POST
def draft_delete(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    question = _draft(request, question_id)
    if question is not None:
        services.question_draft_delete(member=request.user, question=question)  # type: ignore[arg-type]
        messages.success(request, "Draft deleted.")
    return redirect("questions:my_questions")


@never_cache
@login_required
@require_POST
def email_preference(request: HttpRequest) -> HttpResponse:
    email_on = request.POST.get("email_on") == "1"
    services.email_preference_set(user=request.user, email_on=email_on)  # type: ignore[arg-type]
    messages.success(
        request, "We will email you when there is news." if email_on else "Emails are off."
    )
    back = request.POST.get("next") == "notifications"
    return redirect("questions:notifications" if back else "questions:my_questions")


@never_cache
@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The person's notifications; opening the list marks them read."""
    user = request.user
    items = selectors.notifications_for(user)  # type: ignore[arg-type]
    services.notifications_mark_read(user=user)  # type: ignore[arg-type]
    return render(
        request,
        "questions/member/notifications.html",
        {"items": items, "unread_notifications": 0, "email_on": selectors.email_on(user)},  # type: ignore[arg-type]
    )


@csrf_exempt  # the signed token is the credential; mail providers POST without a CSRF token
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe, without signing in. GET asks for the click (so link scanners
    cannot unsubscribe anyone); POST, from the page or a mail client (RFC 8058), does it."""
    user = user_from_unsubscribe_token(token)
    if user is None:
        return render(request, "questions/member/unsubscribe.html", {"invalid": True}, status=404)
    done = False
    if request.method == "POST":
        services.email_preference_set(user=user, email_on=False)
        done = True
    return render(request, "questions/member/unsubscribe.html", {"done": done, "token": token})
