"""The toolkit's JSON API (mounted at /api/toolkit/ in kindred/api/api.py).

One router; each tool adds its operations from its own module, imported below.
Session authentication with CSRF (the API's default), active members only, and a record
that is not the member's own is "not found", like a missing one.
"""

from __future__ import annotations

from kindred.toolkit.api import autosave, tracker  # noqa: F401  (their operations register)
from kindred.toolkit.api.common import router

__all__ = ["router"]

from kindred.toolkit.api import checkins  # noqa: F401  (part 2: wellbeing check-ins)
