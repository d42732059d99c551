"""The system checks a deployer's ``migrate`` runs must pass on the database the suite runs on.

pytest creates its test database without running Django's system checks, so a check that only
fails on PostgreSQL (Wagtail's search index needs ``django.contrib.postgres``) once stayed
invisible while ``migrate`` failed in production.
"""

from __future__ import annotations

import pytest
from django.core import checks


# The checks open a connection (a JSONField asks SQLite whether it supports JSON), so the test
# needs the database; without the mark it passed only when an earlier test had already asked.
@pytest.mark.django_db
def test_every_system_check_passes_on_this_database() -> None:
    errors = [
        message
        for message in checks.run_checks(include_deployment_checks=False, databases=["default"])
        if message.level >= checks.ERROR
    ]
    assert errors == []
