"""Reads for the communication coach, always scoped to the member who asks."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

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


def export_practice_drafts(member: User) -> dict[str, Any]:
    """The member's drafts for "download my data" (decrypted: it is their own copy)."""
    return {
        "drafts": [
            {
                "id": str(draft.pk),
                "title": draft.title,
                "text": draft.text,
                "score": draft.score,
                "created_at": draft.created_at.isoformat(),
                "updated_at": draft.updated_at.isoformat(),
            }
            for draft in practice_drafts_for_member(member)
        ]
    }


def home_card_context(request: HttpRequest) -> dict[str, Any]:
    return {"draft_count": practice_drafts_for_member(request.user).count()}  # type: ignore[arg-type]
