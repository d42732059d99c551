"""Kindred's JSON API: schema at /api/openapi.json, interactive docs at /api/docs.

Authentication is the member's own signed-in session (with CSRF protection); the docs page
is served from our static files (Swagger UI bundled with django-ninja), never a CDN.
"""

from __future__ import annotations

from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from ninja import NinjaAPI
from ninja.security import SessionAuth

from kindred.api.errors import install_error_handlers
from kindred.coach.api import router as coach_router

# Swagger UI sets inline styles and shows data: images; the docs page alone may do so.
DOCS_CSP: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}

api = NinjaAPI(
    title="Kindred API",
    version="1",
    description="The JSON API of Kindred, a CRAFT family program. Sign in to use it.",
    urls_namespace="api",
    auth=SessionAuth(csrf=True),
    docs_decorator=csp_override(DOCS_CSP),
)
api.add_router("/coach", coach_router)
install_error_handlers(api)
