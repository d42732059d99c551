"""The safety plan: /toolkit/safety-plan/ (fill it in), /toolkit/safety-plan/print/ (print
it), and the blank plan anyone can print from /get-help/ (/get-help/safety-plan/)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from kindred.core.get_help import get_help_content
from kindred.toolkit.forms.safety_plan import SafetyPlanForm
from kindred.toolkit.services import safety_plan
from kindred.toolkit.views.common import post_form, render_tool, restored_post, toolkit_view


def _help() -> dict[str, Any]:
    content = get_help_content()
    return {
        "help": content,
        "violence_lines": content.helplines_for("violence"),
        "suicide_lines": content.helplines_for("suicide"),
        "overdose_lines": content.helplines_for("overdose"),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def edit(request: HttpRequest) -> HttpResponse:
    member: Any = request.user
    plan = safety_plan.plan_for(member)
    crisis = None
    status = 200
    saved_draft = ""
    if request.method == "POST":
        data = request.POST.copy()
        if plan is not None:
            data["record_id"] = str(plan.pk)
        posted = post_form(
            request,
            SafetyPlanForm,
            data=data,
            success_url=lambda record: reverse("toolkit:safety_plan"),
            message="Your safety plan is saved. Only you can see it.",
        )
        if posted.redirect:
            return posted.redirect
        form, crisis, status, saved_draft = (
            posted.form,
            posted.crisis,
            posted.status,
            posted.saved_draft,
        )
    else:
        restored = restored_post(request)
        if restored is not None:
            if plan is not None:
                restored["record_id"] = str(plan.pk)
            form = SafetyPlanForm.bound_for(member, restored)
        else:
            form = SafetyPlanForm(
                instance=plan or safety_plan.SafetyPlan(member=member),
                member=member,
                initial={"things_ready": plan.things_ready if plan else []},
            )
    return render_tool(
        request,
        "toolkit/safety_plan/edit.html",
        {"form": form, "plan": plan, "crisis": crisis, "saved_draft": saved_draft, **_help()},
        status=status,
    )


@require_safe
@toolkit_view
def print_view(request: HttpRequest) -> HttpResponse:
    plan = safety_plan.plan_for(request.user)
    return render_tool(
        request,
        "toolkit/safety_plan/print.html",
        {"plan": plan, "ready": safety_plan.ready_labels(plan), "blank": False, **_help()},
    )


@require_safe
def blank_plan(request: HttpRequest) -> HttpResponse:
    """A printable blank plan for anyone, signed in or not (linked from /get-help/)."""
    return render(
        request,
        "toolkit/safety_plan/print.html",
        {"plan": None, "ready": safety_plan.ready_labels(None), "blank": True, **_help()},
    )
