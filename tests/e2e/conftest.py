"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Chromium is installed with apt when it is missing and we run as root; otherwise the tests are
skipped with one line saying why. Accessibility is checked with axe-core in each page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; the test's own database calls are
# synchronous and safe, so Django's async-safety check must not refuse them.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def _install_chromium() -> str | None:
    """Return why Chromium is unavailable, or None when it is there (installing it if we can)."""
    if Path(CHROMIUM).exists():
        return None
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return f"Chromium not found at {CHROMIUM} (install the Debian package 'chromium')"
    for cmd in (["apt-get", "install", "-y", "chromium"], ["apt-get", "update"],
                ["apt-get", "install", "-y", "chromium"]):
        subprocess.run(cmd, check=False, capture_output=True, timeout=900,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        if Path(CHROMIUM).exists():
            return None
    return f"Chromium not found at {CHROMIUM} and 'apt-get install chromium' did not install it"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="the Python package 'playwright' is not installed")
    reason = _install_chromium()
    if reason:
        pytest.skip(reason)
    with sync_api.sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # a browser that cannot start here is a reason to skip
            pytest.skip(f"Chromium at {CHROMIUM} did not start: {type(exc).__name__}")
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo")
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Any Content-Security-Policy violation fails the journey (issue 10, item 13): a policy
    # that blocks one of our own scripts or styles would break the UI quietly otherwise.
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text else None)
    yield page
    context.close()
    assert violations == [], violations

