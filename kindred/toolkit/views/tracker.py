"""The day tracker: /toolkit/tracker/ (a month, ?month=2026-11, and the patterns),
/toolkit/tracker/<YYYY-MM-DD>/ (one day), "today" from /my/, and adding a tag."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kindred.toolkit.forms.tracker import TagForm, TrackerDayForm
from kindred.toolkit.models import TrackerDay, Used
from kindred.toolkit.services import rewards as rewards_service
from kindred.toolkit.services import tracker
from kindred.toolkit.services.records import ToolkitError
from kindred.toolkit.views.common import (
    bad_request,
    render_tool,
    restored_post,
    saved_url,
    toolkit_view,
)


def _month_url(day: dt.date) -> str:
    return f"{reverse('toolkit:tracker')}?month={day:%Y-%m}"


@require_safe
@toolkit_view
def month(request: HttpRequest) -> HttpResponse:
    member: Any = request.user
    today = tracker.member_today(member)
    first, month_note = tracker.read_month(request.GET.get("month"), today)
    first, last = tracker.month_bounds(first)
    previous = tracker.shift_month(first, -1)
    entries = tracker.days_between(member, first, last)
    given = rewards_service.given_by_day(member, first, last)
    rows = tracker.pattern_rows(member)
    own = tracker.own_tags(member)
    lookup = tracker.tag_lookup(own)
    in_month = [row for row in rows if first <= row.day <= last]
    return render_tool(
        request,
        "toolkit/tracker/month.html",
        {
            "first": first,
            "today": today,
            "weeks": tracker.calendar_weeks(first, entries, today),
            "given": given,
            "month_note": month_note,
            "previous": previous if previous >= tracker.EARLIEST else None,
            "next": tracker.shift_month(first, 1) if last < today else None,
            "month_counts": tracker.counts(in_month),
            "total_counts": tracker.counts(rows),
            "charts": tracker.charts(rows, lookup),
            "today_entry": entries.get(today),
        },
    )


def _parse_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def day(request: HttpRequest, day: str) -> HttpResponse:
    member: Any = request.user
    date = _parse_day(day)
    if date is None:
        return bad_request(request, "That is not a date we understand. Dates look like 2026-11-03.")
    today = tracker.member_today(member)
    try:
        tracker.check_day(date, today)
    except ToolkitError as refusal:
        return bad_request(request, str(refusal))
    entry = TrackerDay.objects.filter(member=member, day=date).first()
    crisis = None
    status = 200
    error: str | None = None
    if request.method == "POST":
        form = TrackerDayForm.bound_for(member, request.POST)
        if form.is_valid():
            try:
                saved = form.save_for(member)
            except ToolkitError as refused:
                error, status = str(refused), 409
            else:
                if saved.crisis is None:
                    messages.success(request, f"Saved {date:%A %-d %B}. Only you can see it.")
                    return HttpResponseRedirect(
                        saved_url(_month_url(date), "tracker-day", date.isoformat())
                    )
                crisis = saved.crisis
                entry = saved.record
                form = TrackerDayForm(instance=entry, member=member)
        else:
            status = 422
    else:
        restored = restored_post(request)
        if restored is not None:
            form = TrackerDayForm.bound_for(member, restored)
            messages.info(
                request, "We kept what you typed before you were signed out. Save it now."
            )
        else:
            initial: dict[str, Any] = {"day": date}
            if entry is None:
                initial["used"] = (
                    request.GET.get("used", "") if request.GET.get("used") in Used.values else ""
                )
            form = TrackerDayForm(instance=entry, member=member, initial=initial)
    return render_tool(
        request,
        "toolkit/tracker/day.html",
        {
            "date": date,
            "entry": entry,
            "form": form,
            "crisis": crisis,
            "error": error,
            "tag_form": TagForm(),
            "month_url": _month_url(date),
        },
        status=status,
    )


@require_POST
@toolkit_view
def today(request: HttpRequest) -> HttpResponse:
    """The /my/ card's one-tap answer for today; then the day's page for anything more."""
    member: Any = request.user
    used = request.POST.get("used", "")
    date = tracker.member_today(member)
    day_url = reverse("toolkit:tracker_day", args=[date.isoformat()])
    if used not in Used.values:
        return HttpResponseRedirect(day_url)
    existing = TrackerDay.objects.filter(member=member, day=date).first()
    if existing is None:
        try:
            tracker.save_day(
                member=member,
                values=tracker.DayValues(day=date, used=used, tags=[], between_us=None, note=""),
                create_only=True,
            )
        except ToolkitError:
            pass  # noted a moment ago (another tap or window): show what is saved
        else:
            messages.success(request, "Today is noted. Add more below if you like.")
    return HttpResponseRedirect(day_url)


@require_POST
@toolkit_view
def add_tag(request: HttpRequest) -> HttpResponse:
    member: Any = request.user
    back = request.POST.get("next", "")
    if not back.startswith("/toolkit/tracker/") or not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}
    ):
        back = reverse("toolkit:tracker")
    form = TagForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a kind and type a name (up to 60 characters) for the tag.")
        return HttpResponseRedirect(back)
    try:
        tracker.add_tag(
            member=member, kind=form.cleaned_data["kind"], label=form.cleaned_data["label"]
        )
    except ToolkitError as refused_tag:
        messages.error(request, str(refused_tag))
    else:
        messages.success(request, "Tag added. You can choose it on any day.")
    return HttpResponseRedirect(back + "#tags")
