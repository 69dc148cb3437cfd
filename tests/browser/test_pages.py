"""The built runbook, register and evidence pages in headless Chromium, at 1400 and 400 px, light
and dark. Screenshots and measured figures (contrast, box share, graph size) go to
_build/screenshots/ for reviewers."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from .browser_site import PAGES, SCHEMES, WIDTHS, open_page
from .page_checks import (
    anchor_problems,
    box_share,
    contrast_problems,
    contrast_results,
    graph_problems,
    width_problems,
)

RUNBOOK = PAGES[0]
COMBOS = [(page, width, scheme) for page in PAGES for width in WIDTHS for scheme in SCHEMES]
METRICS: dict[str, dict] = {}


@dataclass
class Report:
    width: list[str]
    contrast: list[str]
    console: list[str]


def combo_id(combo: tuple[str, int, str]) -> str:
    return f"{combo[0].removesuffix('.html')}-{combo[1]}-{combo[2]}"


@pytest.fixture(scope="module", params=COMBOS, ids=combo_id)
def report(request, browser, site_url, screenshots) -> Report:
    page_name, width, scheme = request.param
    loaded = open_page(browser, f"{site_url}/{page_name}", width, scheme)
    page, stem = loaded.page, f"{page_name.removesuffix('.html')}-{width}-{scheme}"
    page.screenshot(path=screenshots / f"{stem}.png")
    results = contrast_results(page)
    METRICS[stem] = {
        "min_contrast": {
            scope: min((r["ratio"] for r in results if r["scope"] == scope), default=None)
            for scope in {r["scope"] for r in results}
        }
    }
    if page_name == RUNBOOK:
        METRICS[stem]["box_share"] = box_share(page)
        METRICS[stem]["graph_px"] = page.locator(".trace-graph svg").bounding_box()
        for section in ("why-this-configuration", "source-mapping"):
            # furo scrolls smoothly: jump, so the screenshot shows the section and not the way there.
            page.evaluate(f"document.getElementById('{section}').scrollIntoView({{behavior: 'instant'}})")
            page.screenshot(path=screenshots / f"{stem}-{section}.png")
    result = Report(width_problems(page), contrast_problems(page), loaded.console_errors)
    page.context.close()
    (screenshots / "metrics.json").write_text(json.dumps(METRICS, indent=2, sort_keys=True))
    return result


def test_no_element_wider_than_the_viewport(report: Report) -> None:
    assert report.width == []


def test_box_and_table_text_meets_aa_contrast(report: Report) -> None:
    assert report.contrast == []


def test_no_console_errors(report: Report) -> None:
    assert report.console == []


@pytest.mark.parametrize("width", WIDTHS)
def test_graph_is_svg_and_each_node_links_to_its_need(browser, site_url, width: int) -> None:
    loaded = open_page(browser, f"{site_url}/{RUNBOOK}", width, "light")
    problems = graph_problems(loaded.page)
    loaded.page.context.close()
    assert problems == []


def test_every_internal_link_and_anchor_resolves(site) -> None:
    assert anchor_problems(site, [*PAGES, "index.html"]) == []
