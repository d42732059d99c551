"""Security headers that depend on where a request goes."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware


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
