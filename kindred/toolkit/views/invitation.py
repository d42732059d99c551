"""The treatment-invitation planner: /toolkit/invitation/ (the plan, with the coach's reading
of the words), its windows of opportunity (also noted from /my/), prepared answers, and the
treatment options ready before the moment (typed in or copied from the directory)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from kindred.coach.analysis import client_labels
from kindred.core.converters import parse_id
from kindred.resources.selectors import resource_get, treatment_options_for
from kindred.toolkit.forms.invitation import (
    InvitationPlanForm,
    PreparedAnswerForm,
    TreatmentOptionForm,
    WindowForm,
)
from kindred.toolkit.models import (
    InvitationPlan,
    OpportunityWindow,
    PreparedAnswer,
    TreatmentOption,
)
from kindred.toolkit.services import invitation
from kindred.toolkit.services.records import owned_or_404
from kindred.toolkit.views.common import (
    Posted,
    edit_record_page,
    post_form,
    render_tool,
    restored_post,
    toolkit_view,
)

RECENT_WINDOWS = 5


def _planner_url(anchor: str = "") -> str:
    return reverse("toolkit:invitation") + (f"#{anchor}" if anchor else "")


def _usual_replies(form: Any) -> list[tuple[invitation.UsualReply, Any]]:
    return [(reply, form[reply.field]) for reply in invitation.USUAL_REPLIES]


def _planner(
    request: HttpRequest,
    *,
    plan_form: Any = None,
    answer_form: Any = None,
    window_form: Any = None,
    posted: Posted | None = None,
) -> HttpResponse:
    member: Any = request.user
    plan = invitation.plan_for(member)
    if plan_form is None:
        plan_form = InvitationPlanForm(
            instance=plan or InvitationPlan(member=member), member=member
        )
    words = plan_form["words"].value() or ""
    return render_tool(
        request,
        "toolkit/invitation/planner.html",
        {
            "plan": plan,
            "plan_form": plan_form,
            "usual_replies": _usual_replies(plan_form),
            "reading": invitation.reading_for(words),
            "words_too_long_for_coach": len(words) > invitation.COACH_MAX_CHARACTERS,
            "answer_form": answer_form or PreparedAnswerForm(member=member),
            "window_form": window_form or WindowForm(member=member),
            "answers": invitation.answers_for(member),
            "options": invitation.options_for(member),
            "windows": invitation.windows_for(member, limit=RECENT_WINDOWS),
            "timing_rule": invitation.TIMING_RULE,
            "coach_labels": client_labels(),
            "crisis": posted.crisis if posted else None,
            "saved_draft": posted.saved_draft if posted else "",
        },
        status=posted.status if posted else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def planner(request: HttpRequest) -> HttpResponse:
    member: Any = request.user
    plan = invitation.plan_for(member)
    if request.method == "POST":
        data = request.POST.copy()
        if plan is not None:
            data["record_id"] = str(plan.pk)  # one plan per member, whatever the form said
        posted = post_form(
            request,
            InvitationPlanForm,
            data=data,
            success_url=lambda record: _planner_url("words"),
            message="Your plan is saved. Only you can see it.",
        )
        if posted.redirect:
            return posted.redirect
        return _planner(request, plan_form=posted.form, posted=posted)
    restored = restored_post(request)
    if restored is not None:
        if plan is not None:
            restored["record_id"] = str(plan.pk)
        return _planner(request, plan_form=InvitationPlanForm.bound_for(member, restored))
    return _planner(request)


# --- Windows of opportunity ---------------------------------------------------------------


def _windows_page(
    request: HttpRequest, *, form: Any = None, posted: Posted | None = None
) -> HttpResponse:
    member: Any = request.user
    return render_tool(
        request,
        "toolkit/invitation/windows.html",
        {
            "form": form or WindowForm(member=member),
            "windows": invitation.windows_for(member),
            "timing_rule": invitation.TIMING_RULE,
            "crisis": posted.crisis if posted else None,
            "saved_draft": posted.saved_draft if posted else "",
        },
        status=posted.status if posted else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def windows(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        from_home = request.POST.get("from") == "my"
        posted = post_form(
            request,
            WindowForm,
            # Back to the top of /my/, where the confirmation is shown.
            success_url=lambda record: (
                reverse("accounts:home") if from_home else reverse("toolkit:invitation_windows")
            ),
            message="Noted. A window like this can pass quickly: when things are calm and "
            "private, your invitation plan is ready.",
        )
        return posted.redirect or _windows_page(request, form=posted.form, posted=posted)
    restored = restored_post(request)
    if restored is not None:
        return _windows_page(request, form=WindowForm.bound_for(request.user, restored))
    return _windows_page(request)


@require_POST
@toolkit_view
def window_delete(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    window = owned_or_404(OpportunityWindow, request.user, record_id)
    invitation.delete_window(member=request.user, window=window)
    messages.success(request, "Window deleted.")
    return HttpResponseRedirect(reverse("toolkit:invitation_windows"))


# --- Prepared answers of the member's own ---------------------------------------------------


@require_POST
@toolkit_view
def answer_add(request: HttpRequest) -> HttpResponse:
    posted = post_form(
        request,
        PreparedAnswerForm,
        success_url=lambda record: _planner_url("answers"),
        message="Answer saved.",
    )
    return posted.redirect or _planner(request, answer_form=posted.form, posted=posted)


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def answer_edit(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    answer = owned_or_404(PreparedAnswer, request.user, record_id)
    return edit_record_page(
        request,
        answer,
        PreparedAnswerForm,
        template="toolkit/invitation/answer_edit.html",
        name="answer",
        success_url=lambda record: _planner_url("answers"),
        message="Answer saved.",
    )


@require_POST
@toolkit_view
def answer_delete(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    answer = owned_or_404(PreparedAnswer, request.user, record_id)
    invitation.delete_answer(member=request.user, answer=answer)
    messages.success(request, "Answer deleted.")
    return HttpResponseRedirect(_planner_url("answers"))


# --- Treatment options ----------------------------------------------------------------------


def _option_page(
    request: HttpRequest, *, form: Any, option: TreatmentOption | None, posted: Posted | None
) -> HttpResponse:
    return render_tool(
        request,
        "toolkit/invitation/option_form.html",
        {
            "form": form,
            "option": option,
            "crisis": posted.crisis if posted else None,
            "saved_draft": posted.saved_draft if posted else "",
        },
        status=posted.status if posted else 200,
    )


def _post_option(request: HttpRequest, data: Any = None) -> Posted:
    return post_form(
        request,
        TreatmentOptionForm,
        data=data,
        success_url=lambda record: _planner_url("options"),
        message="Treatment option saved.",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def option_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        posted = _post_option(request)
        return posted.redirect or _option_page(
            request, form=posted.form, option=None, posted=posted
        )
    restored = restored_post(request)
    form = (
        TreatmentOptionForm.bound_for(request.user, restored)
        if restored is not None
        else TreatmentOptionForm(member=request.user)
    )
    return _option_page(request, form=form, option=None, posted=None)


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def option_edit(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    option = owned_or_404(TreatmentOption, request.user, record_id)
    if request.method == "POST":
        data = request.POST.copy()
        data["record_id"] = str(option.pk)
        posted = _post_option(request, data)
        return posted.redirect or _option_page(
            request, form=posted.form, option=option, posted=posted
        )
    form = TreatmentOptionForm(instance=option, member=request.user)
    return _option_page(request, form=form, option=option, posted=None)


@require_POST
@toolkit_view
def option_delete(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    option = owned_or_404(TreatmentOption, request.user, record_id)
    invitation.delete_option(member=request.user, option=option)
    messages.success(request, "Treatment option deleted.")
    return HttpResponseRedirect(_planner_url("options"))


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def option_directory(request: HttpRequest) -> HttpResponse:
    """Choose a treatment option from the resource directory (near a ZIP code if given);
    choosing one copies its details into a new option of the member's."""
    member: Any = request.user
    if request.method == "POST":
        resource_id = parse_id(request.POST.get("resource"))
        resource = resource_get(resource_id) if resource_id is not None else None
        if resource is None:
            messages.error(
                request, "That entry is no longer in the directory. Please choose another."
            )
            return HttpResponseRedirect(reverse("toolkit:invitation_directory"))
        option = invitation.option_from_resource(member=member, resource=resource)
        messages.success(
            request,
            f"{option.name} is in your options. Check the details, and ask them whether a "
            "new person can be seen within a day or two.",
        )
        return HttpResponseRedirect(reverse("toolkit:invitation_option", args=[option.pk]))
    zip_code = request.GET.get("zip", "")[:10].strip()
    return render_tool(
        request,
        "toolkit/invitation/directory.html",
        {"zip_code": zip_code, "entries": treatment_options_for(member, zip_code)},
    )


# --- The /my/ card ------------------------------------------------------------------------


def home_card_context(request: HttpRequest) -> dict[str, Any]:
    member: Any = request.user
    return {
        "window_form": WindowForm(member=member, auto_id="my-window-%s"),
        "recent_windows": len(invitation.open_windows_for(member)),
    }
