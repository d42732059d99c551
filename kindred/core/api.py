"""What every JSON endpoint shares: how a body is read, and the shape of an error.

Malformed JSON of any shape is a 400, never a 500.

django-ninja answers 400 when its parser raises, but its default parser accepts text that can
never be stored or shown (a lone UTF-16 surrogate such as ``"\\ud800"``), which then fails
deep inside the view. This parser refuses it, and names each problem in plain words.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja import Schema
from ninja.errors import HttpError
from ninja.parser import Parser


class ErrorOut(Schema):
    """Every refusal: one sentence a person can act on."""

    error: str


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
        return data
