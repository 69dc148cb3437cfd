"""The person paged lands on the runbook: the on-call index is on the first screen, each of its links
puts its procedure's first step on screen, and every step names the role that may do it."""

from __future__ import annotations

import pytest

from .browser_site import PAGES, WIDTHS, open_page
from .page_checks import (
    BACK_LINKS_JS,
    LANDING_JS,
    PROCEDURE_JS,
    index_problems,
    landing_problems,
    on_call_index,
    procedure_problems,
)

RUNBOOK = PAGES[0]
# The theme scrolls smoothly to a followed link; where the scroll ends is the same, only sooner.
INSTANT_SCROLL = "html { scroll-behavior: auto !important; }"


@pytest.mark.parametrize("width", WIDTHS)
def test_on_call_index_is_on_the_first_screen(browser, site_url, width: int) -> None:
    loaded = open_page(browser, f"{site_url}/{RUNBOOK}", width, "light")
    index = on_call_index(loaded.page)
    height = loaded.page.viewport_size["height"]
    loaded.page.context.close()
    assert index_problems(index, height) == []
    assert len(index["targets"]) >= 9


@pytest.mark.parametrize("width", WIDTHS)
def test_each_index_link_opens_its_first_step_and_every_step_names_a_role(browser, site_url, width: int) -> None:
    loaded = open_page(browser, f"{site_url}/{RUNBOOK}", width, "light")
    page, problems = loaded.page, []
    page.add_style_tag(content=INSTANT_SCROLL)
    for target in on_call_index(page)["targets"]:
        page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")  # back on the first screen, as loaded
        page.click(f'section#purpose-and-scope > ul a[href="#{target}"]')
        settled_top(page, target)
        problems += procedure_problems(target, page.evaluate(PROCEDURE_JS, target))
    page.context.close()
    assert problems == []


@pytest.mark.parametrize("width", WIDTHS)
def test_back_links_land_on_their_box(browser, site_url, width: int) -> None:
    loaded = open_page(browser, f"{site_url}/{RUNBOOK}", width, "light")
    page, problems = loaded.page, []
    page.add_style_tag(content=INSTANT_SCROLL)
    targets = page.evaluate(BACK_LINKS_JS)
    assert len(targets) >= 20, targets
    for target in targets[:: len(targets) // 4][:4]:  # a spread of boxes down the page
        # Followed on the page, and arriving from elsewhere (a fresh load scrolls before scripts run).
        page.evaluate("document.getElementById('source-to-recommendations').scrollIntoView({behavior: 'instant'})")
        page.click(f'section#source-to-recommendations a[href="#{target}"] >> nth=0')
        problems += landing_problems(target, settled_top(page, target))
        arriving = page.context.new_page()
        arriving.goto(f"{site_url}/{RUNBOOK}#{target}", wait_until="load")
        problems += [f"{p} (arriving from elsewhere)" for p in landing_problems(target, settled_top(arriving, target))]
        arriving.close()
    page.context.close()
    assert problems == []


def settled_top(page, target: str) -> float:
    """The target's top once fonts have loaded and a (smooth) scroll has rested for four reads in a row
    (200 ms): on a busy machine a late layout shift can follow one quiet read."""
    page.evaluate("document.fonts.ready.then(() => true)")
    reads: list[float] = []
    for _ in range(100):
        page.wait_for_timeout(50)
        reads.append(page.evaluate(LANDING_JS, target))
        if len(reads) >= 4 and max(reads[-4:]) - min(reads[-4:]) < 1:
            return reads[-1]
    return reads[-1]
