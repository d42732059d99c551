"""Production settings pass Django's deployment checks; bad configuration fails clearly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.env import database_from_url

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.base",
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-production-grade-secret-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "kindred.example.org",
    "SITE_URL": "https://kindred.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "KINDRED_ENCRYPTION_KEYS": "dGVzdC1vbmx5LWtpbmRyZWQta2V5LTMyLWJ5dGVzLi4=",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    ignored = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_passes_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_malformed_database_url_stops_start_up_with_one_clear_line():
    result = run_manage("check", env={**PRODUCTION_ENV, "DATABASE_URL": "not a url"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Kindred cannot start: DATABASE_URL is not a database URL")


def test_a_missing_secret_key_stops_start_up_with_one_clear_line():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_manage("check", env=env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(
    "url",
    ["", "postgres://", "mysql://user@host/db", "http://example.org/db", "not a url"],
)
def test_unsupported_database_urls_are_refused(url):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        database_from_url(url, conn_max_age=0)


def test_sqlite_is_tuned_for_concurrent_writes():
    config = database_from_url("sqlite:////tmp/kindred.sqlite3", conn_max_age=60)
    options = config["OPTIONS"]
    assert isinstance(options, dict)
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]
    # Kept open between requests, and checked before reuse.
    assert config["CONN_MAX_AGE"] == 60
    assert config["CONN_HEALTH_CHECKS"] is True


def test_postgres_checks_connection_health():
    config = database_from_url("postgres://kindred@db.internal:5432/kindred", conn_max_age=60)
    assert config["CONN_HEALTH_CHECKS"] is True
    assert config["CONN_MAX_AGE"] == 60


def test_missing_encryption_keys_stop_a_production_start():
    result = run_manage("check", env={**PRODUCTION_ENV, "KINDRED_ENCRYPTION_KEYS": ""})
    assert result.returncode == 2
    assert "KINDRED_ENCRYPTION_KEYS is not set" in result.stderr
