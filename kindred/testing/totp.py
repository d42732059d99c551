"""The code an authenticator app would show now, for tests that sign staff in for real."""

from __future__ import annotations

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

PERIOD = 30  # allauth's MFA_TOTP_PERIOD
MARGIN = 5  # seconds: a code this close to its period's end may expire before the server sees it


def current_totp_code(secret: str) -> str:
    """The current code, waiting for the next period when this one is about to end.

    allauth accepts only the current period's code (``MFA_TOTP_TOLERANCE`` 0), so a code
    computed in the last instant of a period and checked in the next one failed now and then
    on a loaded machine.
    """
    remaining = PERIOD - time.time() % PERIOD
    if remaining < MARGIN:
        time.sleep(remaining + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // PERIOD))
