"""Stepping back: /toolkit/stepping-back/ (the list, each item with its safety check)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from kindred.toolkit.forms.stepping_back import SteppingBackForm
from kindred.toolkit.models import SteppingBackItem
from kindred.toolkit.services import stepping_back
from kindred.toolkit.services.records import owned_or_404
from kindred.toolkit.views.common import Posted, post_form, render_tool, toolkit_view


def _item_url(item: Any) -> str:
    return f"{reverse('toolkit:stepping_back')}#item-{item.pk}"


def _context(posted: Posted | None) -> dict[str, Any]:
    return {
        "crisis": posted.crisis if posted else None,
        "saved_draft": posted.saved_draft if posted else "",
        "never_about_danger": stepping_back.NEVER_ABOUT_DANGER,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def index(request: HttpRequest) -> HttpResponse:
    posted = None
    form = SteppingBackForm(member=request.user)
    if request.method == "POST":
        posted = post_form(request, SteppingBackForm, success_url=_item_url, message="Saved.")
        if posted.redirect:
            return posted.redirect
        form = posted.form if posted.crisis is None else SteppingBackForm(member=request.user)
    items = stepping_back.items_for(request.user)
    return render_tool(
        request,
        "toolkit/stepping_back/index.html",
        {
            "form": form,
            "items": [(item, stepping_back.flags_of(item)) for item in items],
            **_context(posted),
        },
        status=posted.status if posted else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def edit(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    item = owned_or_404(SteppingBackItem, request.user, record_id)
    posted = None
    if request.method == "POST":
        data = request.POST.copy()
        data["record_id"] = str(item.pk)
        posted = post_form(request, SteppingBackForm, success_url=_item_url, data=data)
        if posted.redirect:
            return posted.redirect
        form = posted.form
        item = owned_or_404(SteppingBackItem, request.user, record_id)
    else:
        form = SteppingBackForm(instance=item, member=request.user, initial={"risks": item.risks})
    return render_tool(
        request,
        "toolkit/stepping_back/edit.html",
        {"form": form, "item": item, "flags": stepping_back.flags_of(item), **_context(posted)},
        status=posted.status if posted else 200,
    )


@require_POST
@toolkit_view
def delete(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    item = owned_or_404(SteppingBackItem, request.user, record_id)
    stepping_back.delete_item(member=request.user, item=item)
    messages.success(request, "Removed.")
    return HttpResponseRedirect(reverse("toolkit:stepping_back"))
