"""Writes for the communication coach: saving and deleting a member's practice drafts."""

from __future__ import annotations

from kindred.accounts.models import User
from kindred.coach.analysis import coach_message
from kindred.coach.models import PracticeDraft


def practice_draft_save(
    *, member: User, text: str, title: str = "", draft: PracticeDraft | None = None
) -> PracticeDraft:
    """Create or update a member's draft; stores the score so the list needs no decryption."""
    if draft is not None and draft.member_id != member.pk:
        raise PermissionError("a member can only change their own drafts")
    draft = draft or PracticeDraft(member=member)
    draft.title = title.strip()
    draft.text = text
    draft.score = coach_message(text).analysis.score
    draft.save()
    return draft


def practice_draft_delete(*, member: User, draft: PracticeDraft) -> None:
    """Delete one of the member's drafts for good."""
    if draft.member_id != member.pk:
        raise PermissionError("a member can only delete their own drafts")
    draft.delete()
