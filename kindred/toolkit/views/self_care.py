"""The self-care plan: /toolkit/self-care/ (the goals, each with the last week's done / not
yet answers, and suggestions from module 7's lessons), a goal's page, and the log."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from kindred.toolkit import selectors
from kindred.toolkit.forms.self_care import LogForm, SelfCareGoalForm
from kindred.toolkit.models import SelfCareGoal
from kindred.toolkit.services import self_care
from kindred.toolkit.services.records import owned_or_404
from kindred.toolkit.services.tracker import member_today
from kindred.toolkit.views.common import (
    Posted,
    edit_record_page,
    post_form,
    render_tool,
    toolkit_view,
)


def _index_url(goal: Any = None) -> str:
    url = reverse("toolkit:self_care")
    return f"{url}#goal-{goal.pk}" if goal is not None else url


def _page(request: HttpRequest, *, form: Any = None, posted: Posted | None = None) -> HttpResponse:
    member = request.user
    today = member_today(member)
    lessons = selectors.lessons_by_slug(self_care.LESSON_SLUGS)
    return render_tool(
        request,
        "toolkit/self_care/index.html",
        {
            "form": form or SelfCareGoalForm(member=member),
            "goals": self_care.goal_weeks(member, self_care.goals_for(member), today),
            "today": today,
            "suggestions": [
                (suggestion, lessons.get(suggestion.lesson_slug))
                for suggestion in self_care.SUGGESTIONS
            ],
            "lessons": [lessons[slug] for slug in self_care.LESSON_SLUGS if slug in lessons],
            "crisis": posted.crisis if posted else None,
            "saved_draft": posted.saved_draft if posted else "",
        },
        status=posted.status if posted else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def index(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        posted = post_form(
            request,
            SelfCareGoalForm,
            success_url=_index_url,
            message="Goal saved. Only you can see it.",
        )
        return posted.redirect or _page(request, form=posted.form, posted=posted)
    return _page(request)


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def edit(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    goal = owned_or_404(SelfCareGoal, request.user, record_id)
    return edit_record_page(
        request,
        goal,
        SelfCareGoalForm,
        template="toolkit/self_care/edit.html",
        name="goal",
        success_url=_index_url,
        message="Goal saved.",
    )


@require_POST
@toolkit_view
def delete(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    goal = owned_or_404(SelfCareGoal, request.user, record_id)
    self_care.delete_goal(member=request.user, goal=goal)
    messages.success(request, "Goal deleted, with its log.")
    return HttpResponseRedirect(_index_url())


@require_POST
@toolkit_view
def log(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    member: Any = request.user
    goal = owned_or_404(SelfCareGoal, member, record_id)
    form = LogForm(request.POST, today=member_today(member))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, str(errors[0]))
            break
        return HttpResponseRedirect(_index_url(goal))
    day = form.cleaned_data["day"]
    done = form.cleaned_data["done"]
    self_care.note_day(member=member, goal=goal, day=day, done=done)
    messages.success(
        request,
        f"Noted for {day:%A %-d %B}: "
        + ("done. Well done for looking after yourself." if done else "not yet. That's fine."),
    )
    return HttpResponseRedirect(_index_url(goal))
