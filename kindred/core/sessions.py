"""Sessions in the database, read through the cache, that outlive a cache outage.

Django's ``cached_db`` store already survives a failed cache write on save(); it still fails
when the cache is unreachable while it loads a session (it re-fills the cache) or checks that
a new key is free, so with Redis down every signed-in page was a server error. Here those
fall back to the database, and the outage is logged.

Deleting a session (signing out, or the new key at sign-in) still fails while the cache is
down, on purpose: a session the cache could not forget would come back, signed in, when
Redis returns. docs/security.md, "Proofs".
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.contrib.sessions.backends.db import SessionStore as DBStore

logger = logging.getLogger(__name__)


class SessionStore(CachedDBStore):
    _cache: Any  # set by CachedDBStore.__init__ (not in django-stubs)

    def load(self) -> dict[str, Any]:
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            logger.warning("Sessions: the cache is unavailable; reading the database.")
            data = None
        if data is not None:
            return data
        stored = self._get_session_from_db()  # type: ignore[attr-defined]
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=stored.expire_date))
        except Exception:
            logger.warning("Sessions: the cache is unavailable; the session was not cached.")
        return data

    def exists(self, session_key: str | None) -> bool:
        if not session_key:
            return False
        try:
            if (self.cache_key_prefix + session_key) in self._cache:
                return True
        except Exception:
            logger.warning("Sessions: the cache is unavailable; checking the database.")
        return DBStore.exists(self, session_key)
