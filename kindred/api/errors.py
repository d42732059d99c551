"""The API answers malformed requests with a JSON 4xx, never a 500 (security issue 11)."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, RawPostDataException
from ninja import NinjaAPI


def install_error_handlers(api: NinjaAPI) -> None:
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE: 413; a form post instead of JSON: 415."""

    def too_big(
        request: HttpRequest, exc: RequestDataTooBig | type[RequestDataTooBig]
    ) -> HttpResponse:
        return api.create_response(request, {"error": "The request is too large."}, status=413)

    def not_json(
        request: HttpRequest, exc: RawPostDataException | type[RawPostDataException]
    ) -> HttpResponse:
        # CSRF protection reads a form post's fields first; its raw body is then gone.
        return api.create_response(request, {"error": "Send the request body as JSON."}, status=415)

    api.add_exception_handler(RequestDataTooBig, too_big)
    api.add_exception_handler(RawPostDataException, not_json)
