"""Fixtures of the browser tests (tox's `browser` env; plain `pytest` runs them too).

They need the Debian `chromium` package, which scripts/system-packages.sh installs.
"""

from __future__ import annotations

import fcntl
import shutil
from pathlib import Path

import pytest

from .browser_site import CHROMIUM_FLAGS, REPO_ROOT, build_html, chromium_path, serve

SCREENSHOTS = REPO_ROOT / "_build" / "screenshots"


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site. Each xdist worker asks for it; a lock lets one build at a time (the second finds the
    site current), since two Sphinx builds into one folder race on its files."""
    out = REPO_ROOT / "_build" / "html"
    out.parent.mkdir(parents=True, exist_ok=True)
    with (out.parent / "browser-build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return build_html(out)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def site_url(site: Path):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS
