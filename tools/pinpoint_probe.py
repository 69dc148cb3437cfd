"""Online, on demand (tox -e pinpoints; never in CI): do the cited pages still say what we cite?

Reads the `pinpoints.json` a docs build writes (pinpoints.py), fetches each cited page once and
reports per citation: page answered (or gone, or moved to another address), section anchor present,
key terms present in that section. The anchor `top` means the page's introduction: the text before
its first section heading.

    python tools/pinpoint_probe.py [--pinpoints _build/pinpoints.json]

Exit status 1 when any citation has drifted. The report logic (`assess`) is tested offline against
small HTML fixture pages (tests/test_pinpoint_probe.py).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag

from bs4 import BeautifulSoup, Tag

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


@dataclass(frozen=True)
class Page:
    status: int  # HTTP status of the final answer; 0 when the request failed
    final_url: str
    html: str


@dataclass(frozen=True)
class Finding:
    claim: str
    source: str
    url: str
    anchor: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self) -> str:
        verdict = "ok" if self.ok else "; ".join(self.problems)
        return f"{'OK   ' if self.ok else 'DRIFT'} {self.claim} -> {self.source} {self.url}#{self.anchor}: {verdict}"


def normalise(text: str) -> str:
    """Lower case, one space between words, typographic dashes as hyphens: how terms are compared."""
    return " ".join(re.sub(r"[\u2010-\u2015]", "-", text).lower().split())


def section_text(soup: BeautifulSoup, anchor: str) -> str | None:
    """Text of the section an anchor opens, up to the next heading of the same or a higher level."""
    if anchor == "top":
        start = soup.find("h1") or soup.body or soup
        texts = []
        for element in start.next_elements:
            if isinstance(element, Tag) and element.name in HEADINGS[1:]:
                break
            if isinstance(element, str):
                texts.append(element)
        return " ".join(texts)
    target = soup.find(id=anchor) or soup.find("a", attrs={"name": anchor})
    if target is None:
        return None
    heading = target if target.name in HEADINGS else target.find_parent(HEADINGS) or target.find_next(HEADINGS)
    if not isinstance(heading, Tag):
        return target.get_text(" ")
    level = HEADINGS.index(heading.name)
    texts = []
    for element in heading.next_elements:
        if isinstance(element, Tag) and element.name in HEADINGS and HEADINGS.index(element.name) <= level:
            break
        if isinstance(element, str):
            texts.append(element)
    return " ".join(texts)


def assess(citation: dict, page: Page) -> Finding:
    url, anchor, terms = citation["url"], citation.get("anchor") or "", citation.get("terms") or []
    problems: list[str] = []
    if page.status == 0 or page.status >= 400:
        problems.append(f"page gone (HTTP {page.status or 'no answer'})")
    else:
        if urldefrag(page.final_url)[0].rstrip("/") != url.rstrip("/"):
            problems.append(f"page moved to {page.final_url}")
        section = section_text(BeautifulSoup(page.html, "html.parser"), anchor)
        if section is None:
            problems.append(f"anchor #{anchor} not on the page")
        else:
            missing = [term for term in terms if normalise(term) not in normalise(section)]
            if missing:
                problems.append(f"not in section #{anchor}: {', '.join(missing)}")
    return Finding(citation["claim"], citation["source"], url, anchor, tuple(problems))


def fetch(url: str) -> Page:
    request = urllib.request.Request(url, headers={"User-Agent": "runbook-pinpoint-probe"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Page(response.status, response.geturl(), response.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as error:
        return Page(error.code, url, "")
    except (urllib.error.URLError, TimeoutError):
        return Page(0, url, "")


def report(citations: list[dict], fetcher: Callable[[str], Page] = fetch) -> list[Finding]:
    pages: dict[str, Page] = {}
    findings = []
    for citation in citations:
        if citation["url"] not in pages:
            pages[citation["url"]] = fetcher(citation["url"])
        findings.append(assess(citation, pages[citation["url"]]))
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check each pinpoint citation against the live page.")
    parser.add_argument("--pinpoints", type=Path, default=Path("_build/pinpoints.json"))
    citations = json.loads(parser.parse_args(argv).pinpoints.read_text(encoding="utf-8"))
    findings = report(citations)
    for finding in findings:
        print(finding.line())
    drifted = sum(not finding.ok for finding in findings)
    print(f"{len(findings)} citations, {drifted} drifted")
    return 1 if drifted else 0


if __name__ == "__main__":
    sys.exit(main())
