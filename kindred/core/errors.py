"""Error reports that never carry what a member wrote."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.views.debug import SafeExceptionReporterFilter


class MemberTextRedactingFilter(SafeExceptionReporterFilter):
    """Hides every POST value, the raw body and the cookies from error reports.

    Members write about their loved ones' health; none of it may reach an email to operators
    or an error tracker, whatever view failed and whether or not it remembered
    ``sensitive_post_parameters``.
    """

    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        if request is None:
            return {}
        return {key: self.cleansed_substitute for key in request.POST}

    def get_traceback_frame_variables(self, request: HttpRequest | None, tb_frame: Any) -> Any:
        # Local variables can hold the text too (a form's cleaned_data, a model instance).
        return [(name, self.cleansed_substitute) for name, _ in tb_frame.f_locals.items()]
