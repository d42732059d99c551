"""The API answers malformed requests with a JSON 4xx, never a 500 (security issue 11).

Every error has the shape the OpenAPI document gives it (``kindred.core.api``): an
``{"error": "<one sentence>"}`` object, with ``errors`` by field for a 422. django-ninja's own
errors (``{"detail": ...}``: a failed CSRF check, a 404, a refused parameter or field) are
turned into that shape, so a page's script can always show ``error``.
"""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, RawPostDataException
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

CSRF_FAILED = "This page's security check failed. Reload the page and try again."
NOT_FOUND = "We could not find that."
# Where pydantic puts a value, before its name: the part of the request and the view's argument.
_LOCATIONS = {"body", "path", "query", "header", "cookie", "form", "file", "payload"}


def field_name(location: tuple[object, ...] | list[object]) -> str:
    """``("body", "payload", "fields", "x")`` -> ``"fields.x"``: the name a client sent."""
    parts = [str(part) for part in location]
    while len(parts) > 1 and parts[0] in _LOCATIONS:
        parts.pop(0)
    return ".".join(parts) or "request"


def install_error_handlers(api: NinjaAPI) -> None:
    """413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE, 415 for a form post, and ninja's
    errors in the API's own shape."""

    def too_big(
        request: HttpRequest, exc: RequestDataTooBig | type[RequestDataTooBig]
    ) -> HttpResponse:
        return api.create_response(request, {"error": "The request is too large."}, status=413)

    def not_json(
        request: HttpRequest, exc: RawPostDataException | type[RawPostDataException]
    ) -> HttpResponse:
        # CSRF protection reads a form post's fields first; its raw body is then gone.
        return api.create_response(request, {"error": "Send the request body as JSON."}, status=415)

    def http_error(request: HttpRequest, exc: HttpError | type[HttpError]) -> HttpResponse:
        status = exc.status_code if isinstance(exc, HttpError) else 400
        message = str(exc)
        if isinstance(exc.__cause__, HttpError):
            # ninja wraps the body parser's refusal in "Cannot parse request body"; the
            # parser's own sentence (kindred/core/api.py) says what was wrong.
            message = str(exc.__cause__)
        if status == 403 and message == "CSRF check Failed":  # ninja's SessionAuth
            message = CSRF_FAILED
        return api.create_response(request, {"error": message}, status=status)

    def not_found(request: HttpRequest, exc: Http404 | type[Http404]) -> HttpResponse:
        return api.create_response(request, {"error": NOT_FOUND}, status=404)

    def invalid(request: HttpRequest, exc: ValidationError | type[ValidationError]) -> HttpResponse:
        errors: dict[str, list[str]] = {}
        for error in exc.errors if isinstance(exc, ValidationError) else []:
            errors.setdefault(field_name(error.get("loc", ())), []).append(str(error.get("msg")))
        names = ", ".join(errors)
        return api.create_response(
            request,
            {"error": f"Missing or not valid: {names}.", "errors": errors},
            status=422,
        )

    api.add_exception_handler(RequestDataTooBig, too_big)
    api.add_exception_handler(RawPostDataException, not_json)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(ValidationError, invalid)
