"""End-to-end helpers: Debian's Chromium driven by Playwright, axe-core, and origin checks.

axe-core comes bundled in the axe-playwright-python package (never from a CDN) and is
injected into the page from local disk.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from playwright.sync_api import Page, Request

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def find_chromium() -> str | None:
    """The Chromium to drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    for candidate in CHROMIUM_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium")


def assert_no_axe_violations(page: Page) -> None:
    """Run axe-core on the page and fail on any WCAG 2.2 A/AA violation.

    The page is audited once it has fully loaded: a locator's wait returns as soon as its
    text is parsed, and on a busy machine that can be before the stylesheet and kindred.js
    have been applied (CI once failed on the unstyled, unfolded phone menu of a page that
    was still loading).
    """
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("load")

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response.get("violations", [])
    if violations:
        lines = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
        for violation in violations:
            targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines += [f"    at {target}" for target in targets]
        raise AssertionError("\n".join(lines))


@contextmanager
def only_own_origin(page: Page, base_url: str) -> Iterator[list[str]]:
    """Record every request the page makes; fail if any leaves the site's own origin."""
    own = urlsplit(base_url)
    foreign: list[str] = []

    def record(request: Request) -> None:
        url = urlsplit(request.url)
        if url.scheme in {"data", "blob", "about"}:
            return
        if (url.scheme, url.netloc) != (own.scheme, own.netloc):
            foreign.append(request.url)

    page.on("request", record)
    try:
        yield foreign
    finally:
        page.remove_listener("request", record)
    assert not foreign, f"requests to other origins: {foreign}"


def open_main_menu(page: Page) -> None:
    """On a phone the main menu is folded behind "Menu": open it, as a person would."""
    toggle = page.locator("summary.site-menu__toggle")
    if toggle.is_visible() and page.locator("[data-site-menu]").get_attribute("open") is None:
        toggle.click()
