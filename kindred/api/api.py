"""Kindred's JSON API: schema at /api/openapi.json, interactive docs at /api/docs.

Authentication is the member's own signed-in session (with CSRF protection); the docs page
is served from our static files (Swagger UI bundled with django-ninja), never a CDN.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import SessionAuth

from kindred.accounts.api import router as accounts_router
from kindred.api.errors import install_error_handlers
from kindred.coach.api import router as coach_router
from kindred.core.api import StrictJSONParser
from kindred.learning.api import router as learning_router
from kindred.questions.api import router as questions_router
from kindred.toolkit.api import router as toolkit_router

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
    parser=StrictJSONParser(),
)
api.add_router("/accounts", accounts_router)
api.add_router("/coach", coach_router)
api.add_router("/learning", learning_router)
api.add_router("/toolkit", toolkit_router)
api.add_router("/questions", questions_router)


@api.exception_handler(AuthenticationError)
def signed_out(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    """A member whose session ended while typing: the page keeps its copy and says so."""
    return api.create_response(
        request,
        {
            "error": "You have been signed out. What you typed is kept on this device; sign in "
            "to save it.",
            "signed_out": True,
        },
        status=401,
    )


install_error_handlers(api)
