"""Placeholder: filled in by the safety_plan tool."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kindred.toolkit.views.common import toolkit_view


@toolkit_view
def _placeholder(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return render(request, "toolkit/home.html", {"entries": []})


edit = print_view = blank_plan = _placeholder
