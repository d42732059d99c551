"""What every toolkit page shares: members only, never cached, and nothing typed is lost.

``toolkit_view`` wraps a view: active members only (``kindred.memberships.access``), and the
response is ``private, no-store`` whatever happens. A form posted after the session timed
out (no JavaScript) is kept, sealed, in the anonymous session and offered again on the same
page after signing in (``restored_post``), as the lessons' reflections do.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control

from kindred.coach.crisis import CrisisAlert
from kindred.core.encryption import DecryptionError, keyring
from kindred.memberships.access import member_access_response
from kindred.toolkit.services.records import ToolkitError

PENDING_KEY = "toolkit_pending_posts"
MAX_PENDING_CHARACTERS = 200_000


def private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


def toolkit_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = member_access_response(request)
        if refused is not None:
            if request.method == "POST" and not request.user.is_authenticated:
                _keep_signed_out_post(request)
            return private(refused)
        return private(view(request, *args, **kwargs))

    return wrapper


def _context(path: str) -> str:
    return f"toolkit.pending.{path}"


def _keep_signed_out_post(request: HttpRequest) -> None:
    fields = {
        name: request.POST.getlist(name) for name in request.POST if name != "csrfmiddlewaretoken"
    }
    payload = json.dumps(fields)
    if not fields or len(payload) > MAX_PENDING_CHARACTERS:
        return
    stash = request.session.get(PENDING_KEY, {})
    stash[request.path] = keyring().seal(payload, _context(request.path))
    request.session[PENDING_KEY] = stash


def restored_post(request: HttpRequest) -> QueryDict | None:
    """What was posted to this page while signed out, once (then forgotten)."""
    stash = request.session.get(PENDING_KEY)
    if not stash or request.path not in stash:
        return None
    sealed = stash.pop(request.path)
    request.session[PENDING_KEY] = stash
    try:
        fields = json.loads(keyring().open(sealed, _context(request.path)))
    except (DecryptionError, ValueError):
        return None
    data = QueryDict(mutable=True)
    for name, values in fields.items():
        data.setlist(name, values)
    return data


SAVED_PATTERN = re.compile(r"^[a-z][a-z-]{0,40}:[0-9a-f-]{10,36}$")


def render_tool(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """Render a toolkit page. ``?saved=kind:uuid`` (set by a redirect after a plain submit)
    lets the autosave script forget the device copy of what was just saved."""
    saved = request.GET.get("saved", "")
    if SAVED_PATTERN.match(saved):
        context.setdefault("saved_draft", saved)
    return render(request, template, context, status=status)


def saved_url(url: str, kind: str, record_id: Any) -> str:
    """``url`` with the marker that tells the autosave script the submit was saved."""
    url, hash_mark, fragment = url.partition("#")
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}{urlencode({'saved': f'{kind}:{record_id}'})}{hash_mark}{fragment}"


def bad_request(request: HttpRequest, message: str, status: int = 400) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"status": status, "title": "We could not do that", "message": message},
        status=status,
    )


@dataclass
class Posted:
    """What ``post_form`` did: a redirect when saved, or the form to show again (with the
    crisis panel first when the member's words suggest danger; the text is saved then too)."""

    form: Any
    redirect: HttpResponse | None = None
    crisis: CrisisAlert | None = None
    status: int = 200
    saved_draft: str = ""


def post_form(
    request: HttpRequest,
    form_class: Any,
    *,
    success_url: Callable[[Any], str],
    message: str = "Saved. Only you can see it.",
    data: Any = None,
) -> Posted:
    """Validate and save a toolkit form posted without JavaScript; never loses the text."""
    member = request.user
    form = form_class.bound_for(member, request.POST if data is None else data)
    if not form.is_valid():
        return Posted(form, status=422)
    try:
        saved = form.save_for(member)
    except ToolkitError as error:
        form.add_error(None, str(error))
        return Posted(form, status=409)
    kind = form_class.autosave_kind
    if saved.crisis is not None:
        messages.success(request, message)
        return Posted(
            form_class(instance=saved.record, member=member),
            crisis=saved.crisis,
            saved_draft=f"{kind}:{saved.record.pk}",
        )
    messages.success(request, message)
    return Posted(
        form,
        redirect=HttpResponseRedirect(saved_url(success_url(saved.record), kind, saved.record.pk)),
    )


def edit_record_page(
    request: HttpRequest,
    record: Any,
    form_class: Any,
    *,
    template: str,
    name: str,
    success_url: Callable[[Any], str],
    message: str,
) -> HttpResponse:
    """The page that edits one of the member's own records (already checked with
    ``owned_or_404``): the form on GET; on POST ``post_form`` for this record, then the page
    again with the crisis panel and the member's text when it did not redirect."""
    posted = None
    if request.method == "POST":
        data = request.POST.copy()
        data["record_id"] = str(record.pk)
        posted = post_form(request, form_class, success_url=success_url, message=message, data=data)
        if posted.redirect:
            return posted.redirect
        form = posted.form
    else:
        form = form_class(instance=record, member=request.user)
    return render_tool(
        request,
        template,
        {
            "form": form,
            name: record,
            "crisis": posted.crisis if posted else None,
            "saved_draft": posted.saved_draft if posted else "",
        },
        status=posted.status if posted else 200,
    )
