"""Online, on demand (tox -e pinpoints; never in CI): do the cited pages still say what we cite?

Reads the `pinpoints.json` a docs build writes (pinpoints.py), fetches each cited page once and
reports per citation: page answered (or gone, or moved to another address), section anchor present,
key terms present in that section. The anchor `top` means the page's introduction: the text before
its first section heading. The section and its text are section_locks.py's.

With `--lock`, it then rewrites the committed source lock: per cited (source, anchor), the section's
fingerprint (found or not, a sha256 of its normalised text, the key terms it holds; no page text) and
the fetch date, printing what changed since the lock's last record. A page that did not answer keeps
its earlier records. `--no-fetch` fetches nothing: it only adds each newly cited section as `never
fetched` and drops sections no longer cited (what can be done offline).

    python tools/pinpoint_probe.py [--pinpoints _build/pinpoints.json] [--lock source_locks.json [--no-fetch]]

Exit status 1 when any citation has drifted. The report logic (`assess`, `lock_records`) is tested
offline against small HTML fixture pages (tests/test_pinpoint_probe.py).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag

from runbook_checks.section_locks import (
    SectionRecord,
    changes,
    dump_lock,
    fetched_record,
    lock_key,
    never_fetched,
    normalise,
    normalised_section,
    page_soup,
    read_lock,
    section_text,
)


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


def assess(citation: dict, page: Page) -> Finding:
    url, anchor, terms = citation["url"], citation.get("anchor") or "", citation.get("terms") or []
    problems: list[str] = []
    if page.status == 0 or page.status >= 400:
        problems.append(f"page gone (HTTP {page.status or 'no answer'})")
    else:
        if urldefrag(page.final_url)[0].rstrip("/") != url.rstrip("/"):
            problems.append(f"page moved to {page.final_url}")
        section = section_text(page_soup(page.html), anchor)
        if section is None:
            problems.append(f"anchor #{anchor} not on the page")
        else:
            missing = [term for term in terms if normalise(term) not in normalised_section(section)]
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


def cited_sections(citations: list[dict]) -> dict[str, tuple[str, str, str, list[str]]]:
    """Each cited (source, anchor) once, by lock key: (source, anchor, url, every key term cited there)."""
    sections: dict[str, tuple[str, str, str, list[str]]] = {}
    for citation in citations:
        if not citation.get("anchor") or not citation.get("url"):
            continue  # an incomplete pinpoint fails the build; nothing to fingerprint
        key = lock_key(citation["source"], citation["anchor"])
        terms = sections.setdefault(key, (citation["source"], citation["anchor"], citation["url"], []))[3]
        terms += [term for term in citation.get("terms") or [] if term not in terms]
    return dict(sorted(sections.items()))


def lock_records(
    citations: list[dict],
    previous: dict[str, SectionRecord],
    today: str,
    fetcher: Callable[[str], Page] | None = fetch,
) -> tuple[list[SectionRecord], list[str]]:
    """The lock's new records, one per cited section, and a line per section that changed. `fetcher`
    None: nothing is fetched (new sections are `never fetched`, known ones keep their record)."""
    pages: dict[str, Page] = {}
    records, lines = [], []
    for key, (source, anchor, url, terms) in cited_sections(citations).items():
        before = previous.get(key)
        if before is not None and before.url != url:
            before = None  # the register names another page now: its old record says nothing of this one
        if fetcher is None:
            records.append(before or never_fetched(source, anchor, url, terms))
            continue
        if url not in pages:
            pages[url] = fetcher(url)
        page = pages[url]
        if page.status == 0:  # no answer: keep what the lock knew
            records.append(before or never_fetched(source, anchor, url, terms))
            lines.append(f"KEPT  {key}: no answer, the lock keeps its earlier record")
            continue
        soup = page_soup(page.html) if page.status < 400 else None
        record = fetched_record(source, anchor, url, soup, terms, today)
        records.append(record)
        found = changes(before, record)
        if found:
            lines.append(f"LOCK  {key}: {'; '.join(found)}")
    return records, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check each pinpoint citation against the live page.")
    parser.add_argument("--pinpoints", type=Path, default=Path("_build/pinpoints.json"))
    parser.add_argument("--lock", type=Path, help="rewrite this source lock with each cited section's fingerprint")
    parser.add_argument("--no-fetch", action="store_true", help="with --lock: fetch nothing, only add or drop sections")
    args = parser.parse_args(argv)
    citations = json.loads(args.pinpoints.read_text(encoding="utf-8"))
    drifted = 0
    if not args.no_fetch:
        findings = report(citations)
        for finding in findings:
            print(finding.line())
        drifted = sum(not finding.ok for finding in findings)
        print(f"{len(findings)} citations, {drifted} drifted")
    elif not args.lock:
        parser.error("--no-fetch needs --lock")
    if args.lock:
        previous, refused = read_lock(args.lock)
        for line, why in refused:
            print(f"{args.lock}:{line}: {why} (the entry is rewritten)", file=sys.stderr)
        today = datetime.datetime.now(datetime.UTC).date().isoformat()
        records, lines = lock_records(citations, previous, today, None if args.no_fetch else fetch)
        for line in lines:
            print(line)
        args.lock.write_text(dump_lock(records), encoding="utf-8")
        print(f"{len(records)} cited sections written to {args.lock}")
    return 1 if drifted else 0


if __name__ == "__main__":
    sys.exit(main())
