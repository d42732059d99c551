"""Template helpers for the public site's pages."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.http import HttpRequest

register = template.Library()


@register.filter
def absolute_url(path: str | None) -> str:
    """``/articles/x/`` -> ``https://kindred.example.org/articles/x/`` (canonical, Open Graph)."""
    if not path:
        return settings.SITE_URL + "/"
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


@register.simple_tag(takes_context=True)
def page_query(context: template.Context, number: int) -> str:
    """The current query string with ``page`` set to ``number`` (filters are kept)."""
    request: HttpRequest = context["request"]
    params = request.GET.copy()
    params["page"] = str(number)
    return "?" + params.urlencode()
