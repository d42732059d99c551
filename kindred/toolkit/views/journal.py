"""The journal: /toolkit/journal/ (a new entry, search, the entries), an entry's page and
deleting it."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from kindred.toolkit.forms.journal import JournalEntryForm
from kindred.toolkit.models import JournalEntry
from kindred.toolkit.services import journal
from kindred.toolkit.services.records import owned_or_404
from kindred.toolkit.views.common import (
    Posted,
    edit_record_page,
    post_form,
    render_tool,
    restored_post,
    toolkit_view,
)


def _entry_url(entry: Any) -> str:
    return f"{reverse('toolkit:journal')}#entry-{entry.pk}"


def _page(request: HttpRequest, *, form: Any = None, posted: Posted | None = None) -> HttpResponse:
    member = request.user
    query = request.GET.get("q", "")[: journal.MAX_QUERY].strip()
    entries = journal.search(member, query) if query else journal.entries_for(member)
    return render_tool(
        request,
        "toolkit/journal/index.html",
        {
            "form": form or JournalEntryForm(member=member),
            "entries": entries,
            "query": query,
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
            request, JournalEntryForm, success_url=_entry_url, message="Saved. Only you can see it."
        )
        return posted.redirect or _page(request, form=posted.form, posted=posted)
    restored = restored_post(request)
    if restored is not None:
        messages.info(request, "We kept what you wrote before you were signed out. Save it now.")
        return _page(request, form=JournalEntryForm.bound_for(request.user, restored))
    return _page(request)


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def edit(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    entry = owned_or_404(JournalEntry, request.user, record_id)
    return edit_record_page(
        request,
        entry,
        JournalEntryForm,
        template="toolkit/journal/edit.html",
        name="entry",
        success_url=_entry_url,
        message="Saved.",
    )


@require_POST
@toolkit_view
def delete(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    entry = owned_or_404(JournalEntry, request.user, record_id)
    journal.delete_entry(member=request.user, entry=entry)
    messages.success(request, "Entry deleted.")
    return HttpResponseRedirect(reverse("toolkit:journal"))
