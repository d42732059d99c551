"""Kindred's URLs plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def explode(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the view failed")


def database_down(request: HttpRequest) -> HttpResponse:
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("bad")


urlpatterns = [
    path("explode/", explode),
    path("database-down/", database_down),
    path("api/explode/", explode),
    path("api/database-down/", database_down),
    path("forbidden/", forbidden),
    path("suspicious/", suspicious),
    *urlpatterns,
]
