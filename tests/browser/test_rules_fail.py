"""Each browser rule fails on purpose: a built copy of the site gets one injected defect, and the
rule must report it by name. So a passing test_pages run means the rules looked, not that they
could not see."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .browser_site import PAGES, open_page
from .page_checks import anchor_problems, contrast_problems, graph_problems, width_problems

RUNBOOK = PAGES[0]


class BrokenSite:
    """A copy of the built site whose runbook page takes injected markup."""

    def __init__(self, root: Path):
        self.root = root

    def inject(self, old: str, new: str) -> Path:
        page = self.root / RUNBOOK
        text = page.read_text(encoding="utf-8")
        assert old in text, f"injection point not found: {old!r}"
        page.write_text(text.replace(old, new, 1), encoding="utf-8")
        return page


@pytest.fixture
def broken_site(site: Path, tmp_path: Path) -> BrokenSite:
    shutil.copytree(site, tmp_path / "html")
    return BrokenSite(tmp_path / "html")


def test_light_background_forced_in_dark_mode_fails_contrast(broken_site: BrokenSite, browser) -> None:
    page = broken_site.inject(
        "</head>", "<style>table.need, table.need td { background: #f3f5f8 !important; }</style></head>"
    )
    loaded = open_page(browser, page.as_uri(), 1400, "dark")
    problems = contrast_problems(loaded.page)
    loaded.page.context.close()
    assert problems, "a light box background in dark mode must fail the contrast rule"
    assert any(p.startswith("table.need ") and "is below 4.5:1" in p for p in problems), problems


def test_wide_table_fails_width(broken_site: BrokenSite, browser) -> None:
    wide = '<table class="docutils" id="too-wide" style="width:1900px"><tr><td>wide</td></tr></table>'
    page = broken_site.inject('<section id="source-mapping">', wide + '<section id="source-mapping">')
    loaded = open_page(browser, page.as_uri(), 1400, "light")
    problems = width_problems(loaded.page)
    loaded.page.context.close()
    assert any(p.startswith("table#too-wide") and "1900px wide in a 1400px viewport" in p for p in problems), problems
    assert any(p.startswith("page scrolls sideways") for p in problems), problems


def test_graph_node_linking_elsewhere_fails(broken_site: BrokenSite, browser) -> None:
    page = broken_site.inject('xlink:href="#REC_TRIGGER_INTERVAL"', 'xlink:href="#REC_PHOTON_STANDARD"')
    loaded = open_page(browser, page.as_uri(), 1400, "light")
    problems = graph_problems(loaded.page)
    loaded.page.context.close()
    assert problems == ["graph node REC_TRIGGER_INTERVAL links to #REC_PHOTON_STANDARD, not to its need"]


def test_missing_anchor_fails(broken_site: BrokenSite) -> None:
    broken_site.inject("</article>", '<a href="sources.html#SRC_NO_SUCH_SOURCE">x</a></article>')
    assert anchor_problems(broken_site.root, [RUNBOOK]) == [
        f"{RUNBOOK}: link 'sources.html#SRC_NO_SUCH_SOURCE' points at a missing anchor"
    ]


def test_console_error_is_caught(broken_site: BrokenSite, browser) -> None:
    page = broken_site.inject("</body>", "<script>console.error('injected failure')</script></body>")
    loaded = open_page(browser, page.as_uri(), 400, "light")
    loaded.page.context.close()
    assert any("injected failure" in error for error in loaded.console_errors), loaded.console_errors
