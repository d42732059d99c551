"""The same form sent several times at once (a double click, a resent page) does its work once.

A form that creates something carries ``{% submission_key %}`` (``core_tags``): a hidden, random
key made when the page is rendered. The view runs its work through ``submit_once``: the first
request with a key inserts it (``FormSubmission``, the key is the primary key) in the same
transaction as the work; every other request with that key waits on the unique index until the
first commits, then answers as the first did (a redirect to the same place) without doing the
work again. When the first did nothing (the form had errors, a rate limit refused it) the key
is released, so the member can correct the form and send it again; what they typed is shown
again by the view as before. A request without a key (an old page) is handled as before.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone

from kindred.core.models import FormSubmission

logger = logging.getLogger(__name__)

FIELD = "submission_key"
KEEP = dt.timedelta(days=1)


def key_from(request: HttpRequest) -> uuid.UUID | None:
    raw = request.POST.get(FIELD, "") if request.method == "POST" else ""
    try:
        return uuid.UUID(raw[:36])
    except ValueError:
        return None


def done(response: HttpResponse) -> HttpResponse:
    """Mark a response that is not a redirect as "the work was done" (a thank-you page)."""
    response.submission_done = True  # type: ignore[attr-defined]
    return response


def submit_once(
    request: HttpRequest,
    work: Callable[[], HttpResponse],
    *,
    repeat: Callable[[], HttpResponse] | None = None,
) -> HttpResponse:
    """Run ``work`` once per submission key. A repeat gets a redirect to where the first went,
    or ``repeat()`` when the first answered with a page (``done``)."""
    key = key_from(request)
    if key is None:
        return work()
    with transaction.atomic():
        try:
            with transaction.atomic():
                FormSubmission.objects.create(key=key)
        except IntegrityError:
            outcome = FormSubmission.objects.filter(key=key).values_list("outcome", flat=True)
            logger.info("A repeated form submission was answered without doing it again.")
            if outcome and outcome[0]:
                return HttpResponseRedirect(outcome[0])
            return repeat() if repeat else HttpResponseRedirect(request.get_full_path())
        response = work()
        if 300 <= response.status_code < 400 and response.has_header("Location"):
            FormSubmission.objects.filter(key=key).update(outcome=response["Location"][:500])
        elif not getattr(response, "submission_done", False):
            FormSubmission.objects.filter(key=key).delete()  # nothing done: may be sent again
        FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    return response
