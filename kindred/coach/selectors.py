"""Reads for the communication coach, always scoped to the member who asks."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404

from kindred.accounts.models import User
from kindred.coach.models import PracticeDraft


def practice_drafts_for_member(member: User) -> QuerySet[PracticeDraft]:
    """The member's own drafts, newest first."""
    return PracticeDraft.objects.filter(member=member).order_by("-updated_at")


def practice_draft_for_member(member: User, draft_id: uuid.UUID) -> PracticeDraft:
    """One of the member's drafts; 404 for anyone else's (staff included)."""
    try:
        return PracticeDraft.objects.get(pk=draft_id, member=member)
    except PracticeDraft.DoesNotExist:
        raise Http404("No such draft") from None
