"""The program's pages (served through Wagtail) and the member's own endpoints.

Program, module and lesson pages are members only: ``serve_program_page`` checks membership
before anything else, so a non-member gets the way in, never the content. Every response that
shows a member's progress or reflections is ``private, no-store``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from kindred.coach.crisis import CrisisAlert, check_for_crisis
from kindred.core.context_processors import draft_owner
from kindred.core.converters import parse_id
from kindred.core.encryption import DecryptionError, keyring
from kindred.core.extensions import lesson_tool
from kindred.core.video import EXTERNAL_VIDEO_FRAME_SOURCES
from kindred.learning import access, selectors, services
from kindred.learning.knowledge_check import UnknownChoice, mark, questions_of
from kindred.learning.models import (
    MAX_REFLECTION_CHARACTERS,
    LessonPage,
    ModulePage,
    ProgramPage,
)

PENDING_KEY = "learning_pending_reflections"


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
    return response


def preview_context(page: Any, request: HttpRequest) -> dict[str, Any]:
    """What an editor's preview renders: the content, with no member's data."""
    context: dict[str, Any] = {"page": page, "self": page, "request": request, "preview": True}
    if isinstance(page, LessonPage):
        context["questions"] = questions_of(page)
        context["prompts"] = [{"id": i, "prompt": p, "text": ""} for i, p in page.prompts()]
        context["tool"] = lesson_tool(page.slug)
    return context


def serve_program_page(page: Any, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    refused = access.refusal(request)
    if refused is not None:
        if request.method == "POST" and isinstance(page, LessonPage):
            _keep_signed_out_text(request, page)
        return _private(refused)
    if isinstance(page, ProgramPage):
        return _private(_program(request, page))
    if isinstance(page, ModulePage):
        return _private(_module(request, page))
    response = _lesson(request, page)
    if page.has_external_video():
        # Only this response may frame the two video sites; every other page frames nothing.
        response._csp_config = {  # type: ignore[attr-defined]
            **settings.SECURE_CSP,
            "frame-src": EXTERNAL_VIDEO_FRAME_SOURCES,
        }
    return _private(response)


# --- Program and module -----------------------------------------------------------------------


def _program(request: HttpRequest, page: ProgramPage) -> HttpResponse:
    if request.method != "GET" and request.method != "HEAD":
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    overview = selectors.program_overview(request.user, page)
    return render(
        request,
        page.get_template(request),
        {
            "page": page,
            "self": page,
            "overview": overview,
            "continue_lesson": overview.continue_lesson(),
            "plan": list(selectors.plan_for_member(request.user)),
        },
    )


def _module(request: HttpRequest, page: ModulePage) -> HttpResponse:
    if request.method == "POST":
        if request.POST.get("action") != "plan-remove":
            return _bad_request(request, "We did not understand that request.")
        return _plan_remove(request, page.url)
    overview = selectors.program_overview(request.user)
    module = overview.module(page.pk)
    lesson_ids = {entry.page.pk for entry in module.lessons} if module else set()
    plan = [
        item for item in selectors.plan_for_member(request.user) if item.lesson_id in lesson_ids
    ]
    return render(
        request,
        page.get_template(request),
        {"page": page, "self": page, "overview": overview, "module": module, "plan": plan},
    )


def _plan_remove(request: HttpRequest, back_to: str) -> HttpResponse:
    item_id = parse_id(request.POST.get("item", ""))
    if item_id is None:
        return _bad_request(request, "We could not tell which practice to remove.")
    item = selectors.plan_item_for_member(request.user, item_id)
    services.plan_remove(member=request.user, item=item)
    messages.success(request, "Removed from your plan.")
    return HttpResponseRedirect(back_to)


def _bad_request(request: HttpRequest, message: str, status: int = 400) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"status": status, "title": "We could not do that", "message": message},
        status=status,
    )


# --- Lesson -----------------------------------------------------------------------------------


def _lesson(request: HttpRequest, page: LessonPage) -> HttpResponse:
    if request.method == "POST":
        return _lesson_post(request, page)
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    services.lesson_open(member=request.user, lesson=page)
    return _render_lesson(request, page, restored=_pop_signed_out_text(request, page))


def _lesson_post(request: HttpRequest, page: LessonPage) -> HttpResponse:
    if request.POST.get("lesson") != str(page.pk):
        return _bad_request(
            request,
            "That form belongs to a different lesson. Please go back, reload the page and try "
            "again.",
        )
    action = request.POST.get("action")
    if action == "complete":
        try:
            services.lesson_complete(member=request.user, lesson=page)
        except services.LearningError as error:
            return _render_lesson(request, page, error=str(error), status=409)
        messages.success(request, "Lesson marked complete. Well done for making the time.")
        return HttpResponseRedirect(page.url + "#lesson-done")
    if action == "reopen":
        services.lesson_reopen(member=request.user, lesson=page)
        return HttpResponseRedirect(page.url + "#lesson-done")
    if action == "reflection":
        return _save_reflections(request, page)
    if action == "check":
        try:
            results = mark(page, request.POST)
        except UnknownChoice:
            return _render_lesson(
                request,
                page,
                error="One of those answers is not a choice in this lesson any more (it may have "
                "been edited). Please choose again.",
                status=400,
            )
        return _render_lesson(request, page, results=results)
    if action == "plan-add":
        try:
            services.plan_add(member=request.user, lesson=page)
        except services.LearningError as error:
            return _render_lesson(request, page, error=str(error), status=400)
        messages.success(request, "Added to your plan for this week.")
        return HttpResponseRedirect(page.url + "#try-this-week")
    if action == "plan-remove":
        return _plan_remove(request, page.url + "#try-this-week")
    return _bad_request(request, "We did not understand that request.")


def _save_reflections(request: HttpRequest, page: LessonPage) -> HttpResponse:
    typed: dict[str, str] = {}
    for prompt_id, _ in page.prompts():
        text = request.POST.get(f"prompt-{prompt_id}")
        if text is not None:
            typed[prompt_id] = text
    errors: dict[str, str] = {}
    crisis: CrisisAlert | None = None
    for prompt_id, text in typed.items():
        try:
            _, alert = services.reflection_save(
                member=request.user, lesson=page, prompt_id=prompt_id, text=text
            )
        except services.LearningError as error:
            errors[prompt_id] = str(error)
            continue
        crisis = crisis or alert
    if errors or not typed:
        return _render_lesson(
            request,
            page,
            typed=typed,
            errors=errors,
            error=None if typed else "There was nothing to save.",
            status=422 if errors else 400,
        )
    messages.success(request, "Saved. Only you can see what you write here.")
    return HttpResponseRedirect(page.url + "#reflection")


def _render_lesson(
    request: HttpRequest,
    page: LessonPage,
    *,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    restored: dict[str, str] | None = None,
    results: list[Any] | None = None,
    error: str | None = None,
    status: int = 200,
) -> HttpResponse:
    overview = selectors.program_overview(request.user)
    lessons = overview.lessons
    index = next((i for i, e in enumerate(lessons) if e.page.pk == page.pk), None)
    entry = lessons[index] if index is not None else None
    module = next(
        (m for m in overview.modules if page.path.startswith(m.page.path)),
        None,
    )
    saved = selectors.reflections_for_lesson(request.user, page)
    typed, errors, restored = typed or {}, errors or {}, restored or {}
    prompts = []
    crisis = None
    for prompt_id, prompt in page.prompts():
        reflection = saved.get(prompt_id)
        saved_text = reflection.text if reflection else ""
        crisis = crisis or check_for_crisis(saved_text)
        prompts.append(
            {
                "id": prompt_id,
                "prompt": prompt,
                "text": typed.get(prompt_id, restored.get(prompt_id, saved_text)),
                "error": errors.get(prompt_id),
                "restored": prompt_id in restored and prompt_id not in typed,
                "saved_at": reflection.updated_at if reflection else None,
            }
        )
    plan_item = next(
        (item for item in selectors.plan_for_member(request.user) if item.lesson_id == page.pk),
        None,
    )
    context = {
        "page": page,
        "self": page,
        "overview": overview,
        "module": module,
        "entry": entry,
        "previous": lessons[index - 1] if index else None,
        "next": lessons[index + 1] if index is not None and index + 1 < len(lessons) else None,
        "prompts": prompts,
        "crisis": crisis,
        "questions": results if results is not None else questions_of(page),
        "checked": results is not None,
        "plan_item": plan_item,
        "tool": lesson_tool(page.slug),
        "error": error,
        "max_reflection": MAX_REFLECTION_CHARACTERS,
        "login_url": resolve_url(settings.LOGIN_URL),
    }
    return render(request, page.get_template(request), context, status=status)


# --- Text typed while signed out (no JavaScript) ----------------------------------------------


def _seal_context(owner: str, lesson_id: int, prompt_id: str) -> str:
    return f"learning.pending.{owner}.{lesson_id}.{prompt_id}"


def _keep_signed_out_text(request: HttpRequest, page: LessonPage) -> None:
    """Keep reflections posted after the session expired, sealed, until the member signs in.

    Django keeps an anonymous session's data across login, so the lesson can offer the text
    again. It is encrypted like a saved reflection, bound to the member who wrote it (the
    page's opaque draft owner, posted with the form) and removed once shown. On a shared
    device, someone else who signs in next never sees it.
    """
    if request.POST.get("action") != "reflection" or request.user.is_authenticated:
        return
    owner = request.POST.get("draft_owner", "")
    if not owner.isalnum() or len(owner) > 64:
        return  # we cannot tell whose words these are: keep nothing
    pending = {}
    for prompt_id, _ in page.prompts():
        text = request.POST.get(f"prompt-{prompt_id}", "")
        if text.strip() and len(text) <= MAX_REFLECTION_CHARACTERS:
            pending[prompt_id] = keyring().seal(text, _seal_context(owner, page.pk, prompt_id))
    if pending:
        stash = request.session.get(PENDING_KEY, {})
        stash[str(page.pk)] = {"owner": owner, "prompts": pending}
        request.session[PENDING_KEY] = stash


def _pop_signed_out_text(request: HttpRequest, page: LessonPage) -> dict[str, str]:
    """The signed-out text of this lesson, if the signed-in member wrote it.

    Whatever another member left in this browser's session is dropped unread.
    """
    stash = request.session.get(PENDING_KEY)
    if not stash:
        return {}
    owner = draft_owner(request)
    mine = {key: entry for key, entry in stash.items() if _owned_by(entry, owner)}
    entry = mine.pop(str(page.pk), None)
    if mine:
        request.session[PENDING_KEY] = mine
    else:
        del request.session[PENDING_KEY]
    if entry is None:
        return {}
    restored = {}
    for prompt_id, sealed in entry["prompts"].items():
        try:
            restored[prompt_id] = keyring().open(sealed, _seal_context(owner, page.pk, prompt_id))
        except DecryptionError:
            continue
    return restored


def _owned_by(entry: Any, owner: str) -> bool:
    return isinstance(entry, dict) and bool(owner) and entry.get("owner") == owner


# --- The member's own endpoints ---------------------------------------------------------------


@never_cache
@require_safe
def my_reflections(request: HttpRequest) -> HttpResponse:
    refused = access.refusal(request)
    if refused is not None:
        return _private(refused)
    return render(
        request,
        "learning/my_reflections.html",
        {"reflections": list(selectors.reflections_for_member(request.user))},
    )


@never_cache
@require_POST
def reflection_delete(request: HttpRequest, reflection_id: Any) -> HttpResponse:
    refused = access.refusal(request)
    if refused is not None:
        return _private(refused)
    reflection = selectors.reflection_for_member(request.user, reflection_id)
    services.reflection_delete(member=request.user, reflection=reflection)
    messages.success(request, "Reflection deleted.")
    return HttpResponseRedirect(reverse("learning:reflections"))
