"""Security headers that depend on where a request goes."""

from __future__ import annotations

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
