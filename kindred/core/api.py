"""What every JSON endpoint shares: how a body is read, and the shape of an error.

Malformed JSON of any shape is a 400, never a 500.

django-ninja answers 400 when its parser raises, but its default parser accepts text that can
never be stored or shown (a lone UTF-16 surrogate such as ``"\\ud800"``), which then fails
deep inside the view. This parser refuses it, and names each problem in plain words.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Schema
from ninja.errors import HttpError
from ninja.parser import Parser
from pydantic import BeforeValidator


def _date_text(value: object) -> object:
    """Only text is a date: pydantic would read the number 0 as 1970-01-01."""
    if not isinstance(value, str | dt.date):
        raise ValueError("Give the date as text, YYYY-MM-DD.")
    return value


# A date field of a request body: "YYYY-MM-DD" (what the schema says), never a number.
IsoDate = Annotated[dt.date, BeforeValidator(_date_text)]


class ErrorOut(Schema):
    """Every refusal: one sentence a person can act on."""

    error: str


class SignedOutOut(Schema):
    """401: the session ended (the page keeps what was typed and says so)."""

    error: str
    signed_out: bool


class InvalidOut(Schema):
    """422: a value the operation refuses, with the messages by field."""

    error: str
    errors: dict[str, list[str]] = {}


# What any operation that needs a signed-in member can answer besides its own responses
# (kindred/api/errors.py and the API's 401 handler give every one of them this shape):
SIGNED_IN_ERRORS: dict[int, type[Schema]] = {
    401: SignedOutOut,  # no session, or it ended
    403: ErrorOut,  # the CSRF check failed, or not a member
}
# ... and one that takes path or query parameters:
PARAMETER_ERRORS: dict[int, type[Schema]] = {422: InvalidOut}
# ... and one that takes a JSON body:
BODY_ERRORS: dict[int, type[Schema]] = {
    400: ErrorOut,  # not JSON, not an object, nested too deeply, text that cannot be stored
    413: ErrorOut,  # over DATA_UPLOAD_MAX_MEMORY_SIZE (or the operation's own limit)
    415: ErrorOut,  # a form post instead of JSON
    422: InvalidOut,  # a field missing or of the wrong type
}


def responses(own: dict[int, Any], *common: dict[int, type[Schema]]) -> dict[int, Any]:
    """An operation's ``response=``: its own answers plus the common errors it can give."""
    merged: dict[int, Any] = {}
    for errors in common:
        merged.update(errors)
    merged.update(own)
    return dict(sorted(merged.items()))


class StrictJSONParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        """The body as a dict; anything else raises (ninja answers 400)."""
        try:
            data = json.loads(request.body)
        except RecursionError as error:
            raise HttpError(400, "The JSON document is nested too deeply.") from error
        except (ValueError, UnicodeDecodeError) as error:
            raise HttpError(400, "The request body is not valid JSON.") from error
        if not isinstance(data, dict):
            # Every Kindred endpoint takes an object; ninja would otherwise read an array or a
            # bare value as "no fields given" and act on the defaults.
            raise HttpError(400, "Send a JSON object.")
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as error:
            raise HttpError(400, "The text contains characters that cannot be stored.") from error
        if _has_nul(data):
            # PostgreSQL's text columns cannot hold one (the same rule as for forms:
            # kindred/core/middleware.py, RefuseNulCharactersMiddleware).
            raise HttpError(400, "The text contains a NUL character, which cannot be stored.")
        return data


def _has_nul(document: Any) -> bool:
    """Whether any key or string in a decoded JSON document holds a NUL (without recursion)."""
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return True
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False
