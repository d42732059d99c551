"""Member pages (/groups/), the private calendar feed, and the facilitator's pages.

Every time is rendered in the viewer's own zone (``timezone.override``); every page here is
``private, no-store``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_POST, require_safe

from kindred.core.video import EXTERNAL_VIDEO_FRAME_SOURCES
from kindred.groups import feeds, selectors, services
from kindred.groups.forms import FeedSettingsForm, MessageForm, MoveForm, RsvpForm
from kindred.groups.permissions import can_run, facilitator_required
from kindred.groups.recordings import parse_chapters, transcript_turns
from kindred.memberships.access import member_required


def _private(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        patch_cache_control(response, no_store=True, private=True)
        return response

    return wrapper


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], **kw: Any
) -> HttpResponse:
    zone = selectors.zone_for(request.user)
    with timezone.override(zone):
        return render(
            request, template, {**context, "zone_name": str(zone).replace("_", " ")}, **kw
        )


# --- Members ----------------------------------------------------------------------------------


@_private
@member_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    member = request.user
    notices = selectors.notices_for(member)
    response = _render(
        request,
        "groups/member/index.html",
        {
            "sessions": selectors.upcoming_sessions(member),
            "mine": selectors.my_sessions(member),
            "notices": notices,
            "recordings": selectors.recordings_for_members()[:3],
        },
    )
    services.notices_mark_read(member)
    return response


@_private
@member_required
@require_safe
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_for_member(slug)
    return _render(
        request,
        "groups/member/group.html",
        {
            "group": group,
            "sessions": selectors.group_sessions(group, request.user),
            "recordings": selectors.recordings_for_members(group),
        },
    )


def _session_page(
    request: HttpRequest, session_id: int, form: RsvpForm | None = None, status: int = 200
) -> HttpResponse:
    session = selectors.session_for_member(session_id, request.user)
    now = timezone.now()
    opens, closes = selectors.link_window(session)
    return _render(
        request,
        "groups/member/session.html",
        {
            "session": session,
            "form": form or RsvpForm(session=session),
            "link_visible": selectors.link_visible(session, request.user, now),
            "link_opens": opens,
            "has_ended": closes <= now,
            "waiting_position": selectors.waiting_position(session, request.user),
            "recording": getattr(session, "recording", None),
        },
        status=status,
    )


@_private
@member_required
@require_safe
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    return _session_page(request, session_id)


@_private
@member_required
@require_POST
def rsvp(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.session_for_member(session_id, request.user)
    form = RsvpForm(request.POST, session=session)
    if not form.is_valid():
        return _session_page(request, session_id, form, status=400)
    try:
        result = services.rsvp_create(
            session_id=session.pk,
            member=request.user,
            consent=form.cleaned_data.get("consent", False),
        )
    except services.RsvpRefused as refused:
        messages.error(request, str(refused))
        return redirect("groups:session", session_id=session.pk)
    if result.status == result.Status.GOING:
        messages.success(request, "You have a place. We will email you a reminder an hour before.")
    else:
        messages.success(
            request,
            "This session is full, so you are on the waiting list. If a place opens up, it is "
            "yours and we will tell you.",
        )
    return redirect("groups:session", session_id=session.pk)


@_private
@member_required
@require_POST
def rsvp_cancel(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.session_for_member(session_id, request.user)
    if services.rsvp_cancel(session_id=session.pk, member=request.user):
        messages.success(request, "Your place is cancelled. Thank you for letting us know.")
    return redirect("groups:session", session_id=session.pk)


@_private
@member_required
@require_safe
def recordings(request: HttpRequest) -> HttpResponse:
    return _render(
        request, "groups/member/recordings.html", {"recordings": selectors.recordings_for_members()}
    )


@_private
@member_required
@require_safe
def recording_detail(request: HttpRequest, recording_id: int) -> HttpResponse:
    recording = selectors.recording_for_member(recording_id)
    response = _render(
        request,
        "groups/member/recording.html",
        {
            "recording": recording,
            "session": recording.session,
            "chapters": parse_chapters(recording.chapters),
            "turns": transcript_turns(recording.transcript),
        },
    )
    if recording.external_video is not None:
        # Only this response may frame the two video sites, after the member's click.
        response._csp_config = {  # type: ignore[attr-defined]
            **settings.SECURE_CSP,
            "frame-src": EXTERNAL_VIDEO_FRAME_SOURCES,
        }
    return response


@_private
@member_required
def calendar(request: HttpRequest) -> HttpResponse:
    feed = services.feed_get_or_create(request.user)
    form = FeedSettingsForm(initial={"show_titles": feed.show_titles})
    if request.method == "POST":
        if request.POST.get("action") == "reset":
            services.feed_reset(request.user)
            messages.success(
                request, "You have a new calendar address. The old one no longer works."
            )
            return redirect("groups:calendar")
        form = FeedSettingsForm(request.POST)
        if form.is_valid():
            services.feed_set_show_titles(request.user, form.cleaned_data["show_titles"])
            messages.success(request, "Saved.")
            return redirect("groups:calendar")
    elif request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    return _render(
        request,
        "groups/member/calendar.html",
        {
            "feed": feed,
            "form": form,
            "feed_url": feeds.feed_url(feed),
            "webcal_url": feeds.webcal_url(feed),
        },
    )


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private calendar: the token is the only key. An old or unknown token: 404."""
    found = selectors.feed_by_token(token)
    if found is None or not found.member.is_active:
        raise Http404
    sessions = selectors.feed_sessions(found.member)
    from kindred.memberships.access import has_active_membership

    if not has_active_membership(found.member):
        sessions = []
    response = HttpResponse(
        feeds.calendar_for(found, sessions), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="sessions.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


# --- Facilitators -----------------------------------------------------------------------------


@_private
@facilitator_required
@require_safe
def facilitate(request: HttpRequest) -> HttpResponse:
    return _render(
        request,
        "groups/facilitator/index.html",
        {"sessions": selectors.sessions_run_by(request.user)},
    )


@_private
@facilitator_required
def facilitate_session(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.session_for_facilitator(session_id, request.user)
    if not can_run(request.user, session.group):  # belt and braces: the selector scopes it
        raise Http404
    now = timezone.now()
    message_form = MessageForm()
    move_form = MoveForm(session=session, now=now)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "message":
            message_form = MessageForm(request.POST)
            if message_form.is_valid():
                told = services.attendees_message(
                    session, message_form.cleaned_data["message"], by=request.user
                )
                messages.success(
                    request, f"Message sent to {told} member{'s' if told != 1 else ''}."
                )
                return redirect("groups:facilitate_session", session_id=session.pk)
        elif action in ("move", "cancel") and (session.is_cancelled or session.ends_at <= now):
            # The page offers neither; a stale page or a hand-made post must not tell members
            # that a cancelled or finished session has a new time, or is cancelled now.
            messages.error(
                request,
                "This session is cancelled or has ended, so it cannot be moved or cancelled.",
            )
        elif action == "move":
            move_form = MoveForm(request.POST, session=session, now=now)
            if move_form.is_valid():
                services.session_move(session, move_form.cleaned_data["starts_at"], by=request.user)
                messages.success(request, "Session moved. Everyone who signed up has been told.")
                return redirect("groups:facilitate_session", session_id=session.pk)
        elif action == "cancel":
            services.session_cancel(session, by=request.user)
            messages.success(request, "Session cancelled. Everyone who signed up has been told.")
            return redirect("groups:facilitate_session", session_id=session.pk)
        status = 400
    elif request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    return _render(
        request,
        "groups/facilitator/session.html",
        {
            "session": session,
            "roster": selectors.roster(session),
            "message_form": message_form,
            "move_form": move_form,
            "group_zone": session.group.time_zone.replace("_", " "),
            "has_ended": session.ends_at <= now,
        },
        status=status,
    )


@_private
@facilitator_required
@require_safe
def facilitate_print(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.session_for_facilitator(session_id, request.user)
    return _render(
        request,
        "groups/facilitator/print.html",
        {"session": session, "roster": selectors.roster(session)},
    )
