"""GET /api/accounts/pseudonym-suggestion: a free name for the sign-up and settings pages."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from kindred.accounts.pseudonyms import suggest_pseudonym

router = Router(tags=["accounts"])


class PseudonymSuggestion(Schema):
    pseudonym: str


@router.get(
    "/pseudonym-suggestion",
    response=PseudonymSuggestion,
    auth=None,  # the sign-up page asks before there is an account
    url_name="pseudonym_suggestion",
    summary="Suggest a pseudonym",
)
def pseudonym_suggestion(request: HttpRequest) -> dict[str, str]:
    """A random, currently free pseudonym such as "Steady Heron 42"; it says nothing about
    anyone and reserves nothing."""
    return {"pseudonym": suggest_pseudonym()}
