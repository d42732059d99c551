"""Background work: immediate in tests and on a laptop, a database queue and worker in production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django_tasks import task_backends

from kindred.testing.tasks import remember

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_tests_and_the_demo_run_tasks_at_once():
    result = remember.enqueue("kindred:test:immediate", "done")
    assert result.status == "SUCCESSFUL"
    assert cache.get("kindred:test:immediate") == "done"


@pytest.mark.django_db(transaction=True)
def test_production_queues_tasks_in_the_database_for_db_worker(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    task_backends._settings = None  # rebuild the backends from the new setting
    try:
        result = remember.enqueue("kindred:test:queued", "from the worker")
        assert result.status == "READY"
        assert cache.get("kindred:test:queued") is None
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        result.refresh()
        assert result.status == "SUCCESSFUL"
        assert result.return_value == "from the worker"
        assert cache.get("kindred:test:queued") == "from the worker"

        # Wagtail's own tasks (the search index, the reference index) take the same road.
        from django.conf import settings as django_settings
        from wagtail.coreutils import get_supported_content_language_variant
        from wagtail.models import Locale, Page
        from wagtail.tasks import update_reference_index_task

        # A transactional test before this one (backups, browser tests) flushes the database,
        # the default locale that Wagtail's migration made included.
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(django_settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        wagtail_result = update_reference_index_task.enqueue("wagtailcore", "page", root.pk)
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        wagtail_result.refresh()
        assert wagtail_result.status == "SUCCESSFUL"
    finally:
        task_backends._settings = None


def test_the_tasks_backend_setting_is_checked():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"TASKS_BACKEND": "celery", "DEBUG": "1", "DATABASE_URL": "sqlite:///:memory:"})
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "TASKS_BACKEND must be 'immediate' or 'database'" in result.stderr
