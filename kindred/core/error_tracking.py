"""Optional error tracking with any Sentry-compatible service (Sentry, GlitchTip, ...).

Off unless SENTRY_DSN is set. Never sent: local variables, request bodies, cookies, query
strings, headers, or who the person is; an event carries the exception, the stack (code
only), the path and the request id.
"""

from __future__ import annotations

from typing import Any

# Keys of an event's "request" that may hold what a member typed or who they are.
_DROPPED_REQUEST_KEYS = ("data", "cookies", "query_string", "headers", "env")


def scrub(event: Any, hint: Any = None) -> Any:
    request = event.get("request")
    if isinstance(request, dict):
        for key in _DROPPED_REQUEST_KEYS:
            request.pop(key, None)
    event.pop("user", None)
    for exception in (event.get("exception") or {}).get("values", []) or []:
        for frame in (exception.get("stacktrace") or {}).get("frames", []) or []:
            frame.pop("vars", None)
    return event


def init(dsn: str, *, environment: str, traces_sample_rate: float) -> None:
    import sentry_sdk  # type: ignore[import-not-found,unused-ignore]
    from sentry_sdk.integrations.django import (  # type: ignore[import-not-found,unused-ignore]
        DjangoIntegration,
    )

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        before_send=scrub,
        before_send_transaction=scrub,
    )
