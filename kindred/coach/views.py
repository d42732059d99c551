"""'Practise a message': a member writes a draft and sees what will help and what will hurt."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from kindred.coach.analysis import MAX_CHARACTERS, client_labels, coach_message
from kindred.coach.forms import PracticeForm
from kindred.coach.models import PracticeDraft
from kindred.coach.selectors import practice_draft_for_member, practice_drafts_for_member
from kindred.coach.services import practice_draft_delete, practice_draft_save
from kindred.memberships.access import member_required


def _render(
    request: HttpRequest, form: PracticeForm, draft: PracticeDraft | None, status: int = 200
) -> HttpResponse:
    result = None
    if form.is_bound and form.is_valid():
        result = coach_message(form.cleaned_data["text"])
    return render(
        request,
        "coach/practice.html",
        {
            "form": form,
            "draft": draft,
            "result": result,
            "crisis": result.crisis if result else None,
            "drafts": practice_drafts_for_member(request.user)[:20],  # type: ignore[arg-type]
            "max_characters": MAX_CHARACTERS,
            "coach_labels": client_labels(),
        },
        status=status,
    )


def _handle(request: HttpRequest, draft: PracticeDraft | None) -> HttpResponse:
    if request.method != "POST":
        initial = {"title": draft.title, "text": draft.text} if draft else None
        form = PracticeForm(initial=initial)
        if draft:  # show the analysis of a saved draft at once
            form = PracticeForm(data=initial)
        return _render(request, form, draft)

    form = PracticeForm(data=request.POST)
    if not form.is_valid():
        return _render(request, form, draft, status=422)
    if "save" in request.POST:
        saved = practice_draft_save(
            member=request.user,  # type: ignore[arg-type]
            text=form.cleaned_data["text"],
            title=form.cleaned_data["title"],
            draft=draft,
        )
        messages.success(request, "Draft saved. Only you can see it.")
        return redirect("coach:draft", draft_id=saved.pk)
    return _render(request, form, draft)


@never_cache
@member_required
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def practice(request: HttpRequest) -> HttpResponse:
    return _handle(request, None)


@never_cache
@member_required
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def draft_detail(request: HttpRequest, draft_id: uuid.UUID) -> HttpResponse:
    draft = practice_draft_for_member(request.user, draft_id)  # type: ignore[arg-type]
    return _handle(request, draft)


@never_cache
@member_required
@require_POST
def draft_delete(request: HttpRequest, draft_id: uuid.UUID) -> HttpResponse:
    draft = practice_draft_for_member(request.user, draft_id)  # type: ignore[arg-type]
    practice_draft_delete(member=request.user, draft=draft)  # type: ignore[arg-type]
    messages.success(request, "Draft deleted.")
    return redirect("coach:practice")
