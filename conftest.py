"""Fixtures every test can use: named users, a browser, and the browser-test skip rule."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from kindred.testing.browser import CHROMIUM_ARGS, DESKTOP, find_chromium
from kindred.testing.fixtures import (  # noqa: F401
    admin_user,
    alice,
    bob,
    carol,
    coach,
    editor,
    home_page,
)

CHROMIUM = find_chromium()
_skipped_browser_tests: list[str] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM:
        return
    reason = "Chromium not found (install Debian's chromium or set CHROMIUM_PATH)"
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))
            _skipped_browser_tests.append(item.nodeid)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _skipped_browser_tests:
        terminalreporter.write_line(
            f"BROWSER TESTS SKIPPED: {len(_skipped_browser_tests)} tests need Chromium, which was "
            "not found at /usr/bin/chromium or $CHROMIUM_PATH.",
            yellow=True,
            bold=True,
        )


@pytest.fixture(autouse=True)
def _isolated_cache(settings: Any) -> None:
    """Give each test its own cache namespace, so nothing cached leaks between tests.

    With Redis this avoids flushing a database someone may be using; Django rebuilds the cache
    connections in every thread (the live server's too) when CACHES changes.
    """
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex[:12]}"}
        for alias, config in settings.CACHES.items()
    }


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (creating users, reading mail) are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
