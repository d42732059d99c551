"""What every toolkit page shares: members only, never cached, and nothing typed is lost.

``toolkit_view`` wraps a view: active members only (``kindred.memberships.access``), and the
response is ``private, no-store`` whatever happens. A form posted after the session timed
out (no JavaScript) is kept, sealed, in the anonymous session and offered again on the same
page after signing in (``restored_post``), as the lessons' reflections do.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.cache import add_never_cache_headers, patch_cache_control

from kindred.core.encryption import DecryptionError, keyring
from kindred.memberships.access import member_access_response

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
        name: request.POST.getlist(name)
        for name in request.POST
        if name != "csrfmiddlewaretoken"
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
