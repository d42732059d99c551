"""Writes of the resource directory."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from kindred.resources.models import ProblemReport, ResourcePage, SavedResource

VERIFIED_ACTION = "resources.verified"


def resource_save_for_member(user: Any, resource: ResourcePage) -> SavedResource:
    """Add ``resource`` to the member's "My resources" (saving twice keeps one)."""
    existing = SavedResource.objects.filter(user=user, resource=resource).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return SavedResource.objects.create(user=user, resource=resource)
    except IntegrityError:  # saved at the same moment from another tab
        return SavedResource.objects.get(user=user, resource=resource)


def resource_unsave_for_member(user: Any, resource: ResourcePage) -> None:
    """Remove ``resource`` from the member's "My resources"."""
    SavedResource.objects.filter(user=user, resource=resource).delete()


def problem_report_create(resource: ResourcePage, problem: str, details: str) -> ProblemReport:
    """Queue a visitor's report about a listing for the editors. Nothing about the visitor is
    stored: no account, no address, no IP."""
    return ProblemReport.objects.create(resource=resource, problem=problem, details=details)


def problem_report_close(report: ProblemReport, status: str, note: str = "") -> ProblemReport:
    """Mark a report resolved or dismissed (an editor's action)."""
    report.status = status
    report.editor_note = note or report.editor_note
    report.resolved_at = timezone.now() if status != ProblemReport.Status.OPEN else None
    report.save(update_fields=["status", "editor_note", "resolved_at"])
    return report


@transaction.atomic
def resource_mark_verified(resource: ResourcePage, user: Any) -> ResourcePage:
    """Record that ``user`` checked the entry's details today.

    Only the date changes, so no new revision goes through moderation: the live row and the
    latest revision (so a draft published later keeps the new date) are updated, and the
    action is written to the page's history.
    """
    today = timezone.localdate()
    ResourcePage.objects.filter(pk=resource.pk).update(last_verified=today)
    revision = resource.latest_revision
    if revision is not None and isinstance(revision.content, dict):
        revision.content["last_verified"] = today.isoformat()
        revision.save(update_fields=["content"])
    resource.last_verified = today
    log(instance=resource, action=VERIFIED_ACTION, user=user)
    return resource
