"""Security headers that depend on where a request goes."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware

from kindred.core.views import refused_input


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    """Django's CSP middleware, with the admin's own (looser) policy on admin paths.

    Public and member pages get settings.SECURE_CSP: no inline code, scripts only with a nonce.
    The Wagtail admin still needs inline scripts and styles, so it gets KINDRED_ADMIN_CSP.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if request.path.startswith(settings.KINDRED_ADMIN_PATH_PREFIXES) and not hasattr(
            response, "_csp_config"
        ):
            response._csp_config = settings.KINDRED_ADMIN_CSP  # type: ignore[attr-defined]
        return super().process_response(request, response)


PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)


class PermissionsPolicyMiddleware:
    """Every response turns off the browser features Kindred never uses (camera, location…)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
NUL_MESSAGE = "The request contains a NUL character (\\x00), which no text on Kindred can hold."


class RefuseNulCharactersMiddleware:
    """A NUL character in the address, the query, a header or a form's fields is a 400.

    No one types a NUL, and PostgreSQL's text columns cannot hold one: left to the views, a NUL
    in a field that reaches a query (a code looked up, a slug filtered on) is a 500 on
    PostgreSQL and nothing on SQLite. Refusing it here, once, covers every door, the ones added
    later too. JSON bodies are checked by the API's parser (kindred/core/api.py).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            return refused_input(request, NUL_MESSAGE)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path_info:
            return True
        if any(
            "\x00" in value
            for name, value in request.META.items()
            if name.startswith("HTTP_") and isinstance(value, str)
        ):
            return True  # the user agent is stored with a member's sessions, for one
        fields = [request.GET]
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            fields.append(request.POST)
        return any(
            "\x00" in key or any("\x00" in value for value in values)
            for query in fields
            for key, values in query.lists()
        )
