"""Fixtures of the browser tests (tox's `browser` env; plain `pytest` runs them too).

They need the Debian `chromium` package, which scripts/system-packages.sh installs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .browser_site import CHROMIUM_FLAGS, REPO_ROOT, build_html, chromium_path, serve

SCREENSHOTS = REPO_ROOT / "_build" / "screenshots"


@pytest.fixture(scope="session")
def site() -> Path:
    return build_html(REPO_ROOT / "_build" / "html")


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
