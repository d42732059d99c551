"""Understanding the pattern: /toolkit/analysis/ (the worksheets), new and edit."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kindred.toolkit.forms.analysis import AnalysisForm
from kindred.toolkit.models import AnalysisKind, FunctionalAnalysis
from kindred.toolkit.services import analysis
from kindred.toolkit.services.records import owned_or_404
from kindred.toolkit.views.common import post_form, render_tool, toolkit_view


def _edit_url(record: Any) -> str:
    return reverse("toolkit:analysis_edit", args=[record.pk])


@require_safe
@toolkit_view
def index(request: HttpRequest) -> HttpResponse:
    return render_tool(
        request,
        "toolkit/analysis/index.html",
        {"worksheets": analysis.worksheets_for(request.user), "kinds": AnalysisKind.choices},
    )


def _form_page(
    request: HttpRequest, form: AnalysisForm, worksheet: Any, posted: Any = None
) -> HttpResponse:
    suggestions = analysis.suggested_triggers(request.user) if form.sheet_kind == "using" else []
    return render_tool(
        request,
        "toolkit/analysis/form.html",
        {
            "form": form,
            "worksheet": worksheet,
            "suggestions": suggestions,
            "crisis": posted.crisis if posted else None,
            "saved_draft": posted.saved_draft if posted else "",
        },
        status=posted.status if posted else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        posted = post_form(request, AnalysisForm, success_url=_edit_url, message="Worksheet saved.")
        return posted.redirect or _form_page(request, posted.form, None, posted)
    kind = request.GET.get("kind", "using")
    if kind not in AnalysisKind.values:
        kind = "using"
    initial: dict[str, Any] = {"kind": kind}
    if kind == "using":
        suggestions = analysis.suggested_triggers(request.user)
        if suggestions:
            initial["outer_triggers"] = "\n".join(suggestions[:3])
    form = AnalysisForm(member=request.user, initial=initial)
    return _form_page(request, form, None)


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def edit(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    worksheet = owned_or_404(FunctionalAnalysis, request.user, record_id)
    if request.method == "POST":
        data = request.POST.copy()
        data["record_id"] = str(worksheet.pk)
        data["kind"] = worksheet.kind
        posted = post_form(
            request, AnalysisForm, success_url=_edit_url, message="Worksheet saved.", data=data
        )
        return posted.redirect or _form_page(request, posted.form, worksheet, posted)
    return _form_page(request, AnalysisForm(instance=worksheet, member=request.user), worksheet)


@require_POST
@toolkit_view
def delete(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    worksheet = owned_or_404(FunctionalAnalysis, request.user, record_id)
    analysis.delete_worksheet(member=request.user, worksheet=worksheet)
    messages.success(request, "Worksheet deleted.")
    return HttpResponseRedirect(reverse("toolkit:analysis"))
