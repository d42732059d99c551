"""Wellbeing check-ins: /toolkit/wellbeing/ (a new check-in, the change since the first one,
the charts and the reminder setting), deleting a check-in, and the reminder setting."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from kindred.toolkit.forms.wellbeing import CheckInForm, ReminderForm
from kindred.toolkit.models import CheckIn
from kindred.toolkit.services import wellbeing
from kindred.toolkit.services.records import ToolkitError, owned_or_404
from kindred.toolkit.views.common import render_tool, restored_post, toolkit_view


def _page(
    request: HttpRequest,
    form: CheckInForm,
    *,
    reminder_form: ReminderForm | None = None,
    status: int = 200,
    error: str | None = None,
) -> HttpResponse:
    member = request.user
    rows = wellbeing.checkins_for(member)
    reminder = wellbeing.reminder_for(member)
    weekly = bool(reminder and reminder.weekly)
    return render_tool(
        request,
        "toolkit/wellbeing/index.html",
        {
            "form": form,
            "error": error,
            "checkins": rows,
            "changes": wellbeing.changes(rows[0] if rows else None, rows[-1] if rows else None),
            "progress_message": wellbeing.progress_message(len(rows)),
            "charts": wellbeing.charts(rows),
            "weekly": weekly,
            "reminder_form": reminder_form
            or ReminderForm(initial={"weekly": "on" if weekly else "off"}),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def index(request: HttpRequest) -> HttpResponse:
    member: Any = request.user
    if request.method != "POST":
        restored = restored_post(request)
        if restored is not None:
            messages.info(
                request, "We kept what you chose before you were signed out. Save it now."
            )
            return _page(request, CheckInForm.bound_for(member, restored))  # type: ignore[arg-type]
        return _page(request, CheckInForm(member=member))
    form: Any = CheckInForm.bound_for(member, request.POST)
    if not form.is_valid():
        return _page(request, form, status=422)
    try:
        form.save_for(member)
    except ToolkitError as refused:
        return _page(request, form, status=409, error=str(refused))
    messages.success(request, "Thank you for checking in. Only you can see it.")
    return HttpResponseRedirect(reverse("toolkit:wellbeing") + "#progress")


@require_POST
@toolkit_view
def delete(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    checkin = owned_or_404(CheckIn, request.user, record_id)
    checkin.delete()
    messages.success(request, "That check-in is deleted.")
    return HttpResponseRedirect(reverse("toolkit:wellbeing") + "#checkins")


@require_POST
@toolkit_view
def reminder(request: HttpRequest) -> HttpResponse:
    form = ReminderForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whether you would like the weekly reminder.")
        return HttpResponseRedirect(reverse("toolkit:wellbeing") + "#reminder")
    weekly = form.cleaned_data["weekly"]
    wellbeing.set_weekly_reminder(member=request.user, weekly=weekly)
    messages.success(
        request,
        "You will get a short reminder once a week."
        if weekly
        else "Weekly reminders are off. You can turn them on again here at any time.",
    )
    return HttpResponseRedirect(reverse("toolkit:wellbeing") + "#reminder")
