"""Fingerprints of the cited sections of source pages, and the committed lock that holds them.

Where the online probe (tools/pinpoint_probe.py, `tox -e pinpoints`) has fetched a cited page, it
records per cited (source, anchor) what the section is now: whether the anchor is on the page, a
sha256 of the section's normalised text, and which of the pinpoints' key terms the section holds. No
page text is stored, only the hash and booleans. The records go to the committed lock (the runbook
policy's `source_lock_file`, `source_locks.json`): keys sorted, one entry per (source, anchor), each
with its page URL and fetch date; a section the probe has not fetched is `never fetched`.

The cited section is the element with the anchor's id (or an `<a name>`), from its heading up to the
next heading of the same or a higher level, inside the page's article or main content; `top` is the
introduction, from the first `h1` to the next heading. Its text is normalised before hashing: page
furniture (navigation, script, style, buttons, forms; site headers, footers and asides outside the
article), heading link marks, "last updated" dates, typographic quotes and dashes, letter case and
whitespace do not count, so a navigation or date change keeps the hash and a changed sentence does not.

The offline build reads only the lock (never a page):
- a fetched section's hash is an input of each claim citing that anchor (claim_fingerprints.py), so a
  changed section makes exactly those claims suspect ("SRC_X#anchor section text changed"); a section
  never fetched adds no input, so the lock's first entries leave every review as it was;
- a missing anchor, a removed key term or a gone page the probe recorded is a `runbook.pinpoint`
  finding at the citation (section_drift.py);
- the register notes a source whose cited sections were never fetched (lock_notes.py).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from .text_lines import line_of

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
TOP = "top"  # a pinpoint's anchor for the page's introduction
NEVER, FOUND, MISSING, GONE = "never fetched", "found", "anchor missing", "page gone"
STATUSES = (NEVER, FOUND, MISSING, GONE)

# Page furniture, removed wherever it sits.
FURNITURE = ["nav", "script", "style", "noscript", "template", "button", "svg", "form", "iframe"]
FURNITURE_ROLES = ["navigation", "search"]
HEADING_LINKS = "a.headerlink, a.hash-link"
# Site-wide regions: removed unless they sit inside the article (a Note box may be an aside there).
REGIONS = ["header", "footer", "aside"]
REGION_ROLES = ["banner", "contentinfo", "complementary"]
CONTENT = ["article", "main"]
# "Last updated on Nov 3, 2026", "last modified: 2026-11-03", "Updated on 3 November 2026" (normalised text).
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DATE = (
    rf"(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}"
    rf"|{MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}} {MONTH},? \d{{4}})"
)
DATED = re.compile(rf"\b(?:last (?:updated|modified|reviewed|edited)(?: on)?|updated on|modified on):? ?{DATE}")
PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00b6": " "})
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
SHA256 = re.compile(r"^[0-9a-f]{64}$")


# --- the section and its normalised text ---
def normalise(text: str) -> str:
    """Lower case, one space between words, typographic dashes as hyphens: how terms are compared."""
    text = unicodedata.normalize("NFKC", text).translate(INVISIBLE).translate(PLAIN)
    return " ".join(re.sub(r"[\u2010-\u2015]", "-", text).lower().split())


def normalised_section(text: str) -> str:
    """The section's text as hashed: normalised, "last updated" dates dropped."""
    return " ".join(DATED.sub(" ", normalise(text)).split())


def page_soup(html: str) -> BeautifulSoup:
    """The page without its furniture (see the module doc)."""
    soup = BeautifulSoup(html, "html.parser")
    for element in (
        soup.find_all(FURNITURE) + soup.find_all(attrs={"role": FURNITURE_ROLES}) + soup.select(HEADING_LINKS)
    ):
        if not element.decomposed:
            element.decompose()
    for element in soup.find_all(REGIONS) + soup.find_all(attrs={"role": REGION_ROLES}):
        if not element.decomposed and element.find_parent(CONTENT) is None:
            element.decompose()
    return soup


def _text_from(start: Tag, stops: Callable[[Tag], bool]) -> str:
    """The strings from `start` on, up to the first tag `stops` accepts or the end of the article."""
    content = start.find_parent(CONTENT) or start.find_parent(attrs={"role": "main"})
    inside = {id(node) for node in content.descendants} if content is not None else None
    texts = []
    for element in start.next_elements:
        if inside is not None and id(element) not in inside:
            break
        if isinstance(element, Tag) and stops(element):
            break
        if isinstance(element, NavigableString) and not isinstance(element, PreformattedString):
            texts.append(str(element))  # not comments, CDATA or doctypes
    return " ".join(texts)


def section_text(soup: BeautifulSoup, anchor: str) -> str | None:
    """Text of the section an anchor opens, up to the next heading of the same or a higher level
    (None: the anchor is not on the page). `top`: the introduction, before the first section heading."""
    if anchor == TOP:
        start = soup.find("h1") or soup.body or soup
        return _text_from(start, lambda tag: tag.name in HEADINGS[1:])
    target = soup.find(id=anchor) or soup.find("a", attrs={"name": anchor})
    if target is None:
        return None
    heading = target if target.name in HEADINGS else target.find_parent(HEADINGS) or target.find_next(HEADINGS)
    if not isinstance(heading, Tag):
        return target.get_text(" ")
    level = HEADINGS.index(heading.name)
    return _text_from(heading, lambda tag: tag.name in HEADINGS and HEADINGS.index(tag.name) <= level)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SectionPrint:
    """What a fetched page says of one cited section: found, the hash of its text, the key terms held."""

    found: bool
    sha256: str | None
    terms: dict[str, bool]


def fingerprint(soup: BeautifulSoup, anchor: str, terms: Iterable[str]) -> SectionPrint:
    text = section_text(soup, anchor)
    if text is None:
        return SectionPrint(False, None, {})
    normal = normalised_section(text)
    return SectionPrint(True, sha256(normal), {term: normalise(term) in normal for term in terms})


# --- the lock: one record per cited (source, anchor) ---
@dataclass(frozen=True)
class SectionRecord:
    source: str
    anchor: str
    url: str
    status: str = NEVER
    fetched: str | None = None  # YYYY-MM-DD of the probe's fetch
    section_sha256: str | None = None
    # Each key term of the section's pinpoints: held (True), not held (False), not known (None).
    terms: dict[str, bool | None] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return lock_key(self.source, self.anchor)

    def as_json(self) -> dict[str, Any]:
        return {
            "anchor": self.anchor,
            "fetched": self.fetched,
            "section_sha256": self.section_sha256,
            "source": self.source,
            "status": self.status,
            "terms": dict(sorted(self.terms.items())),
            "url": self.url,
        }


def lock_key(source: str, anchor: str) -> str:
    return f"{source}#{anchor}"


def never_fetched(source: str, anchor: str, url: str, terms: Iterable[str]) -> SectionRecord:
    return SectionRecord(source, anchor, url, NEVER, None, None, dict.fromkeys(terms))


def fetched_record(
    source: str, anchor: str, url: str, soup: BeautifulSoup | None, terms: Iterable[str], today: str
) -> SectionRecord:
    """The record of one cited section of a fetched page (`soup` None: the page is gone)."""
    terms = list(terms)
    if soup is None:
        return SectionRecord(source, anchor, url, GONE, today, None, dict.fromkeys(terms))
    printed = fingerprint(soup, anchor, terms)
    if not printed.found:
        return SectionRecord(source, anchor, url, MISSING, today, None, dict.fromkeys(terms))
    return SectionRecord(source, anchor, url, FOUND, today, printed.sha256, dict(printed.terms))


def changes(old: SectionRecord | None, new: SectionRecord) -> list[str]:
    """What a fetch found against the lock's earlier record of the section (the probe prints it)."""
    if new.status == MISSING:
        return [f"missing anchor: #{new.anchor} is not on the page"]
    if new.status == GONE:
        return ["page gone"]
    if new.status != FOUND:
        return []
    found = [] if old is not None and old.status == FOUND else ["first fetched"]
    if old is not None and old.status == FOUND and old.section_sha256 != new.section_sha256:
        found.append("section text changed")
    return found + [f"removed term: {term}" for term, held in sorted(new.terms.items()) if held is False]


NOTE = (
    "Written by tools/pinpoint_probe.py (tox -e pinpoints): per cited section, whether its anchor is on "
    "the page, a sha256 of its normalised text and which key terms it holds; no page text is stored."
)


def dump_lock(records: Iterable[SectionRecord]) -> str:
    sections = {record.key: record.as_json() for record in records}
    return json.dumps({"about": NOTE, "sections": sections}, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _date_or_none(value: Any) -> bool:
    if value is None:
        return True
    try:
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def record_problem(key: str, entry: Any) -> str:
    """Why a lock entry is refused ('' when it is valid)."""
    if not isinstance(entry, dict):
        return "not an object"
    texts = [name for name in ("source", "anchor", "url", "status") if not isinstance(entry.get(name), str)]
    if texts:
        return f"missing {', '.join(texts)}"
    if key != lock_key(entry["source"], entry["anchor"]):
        return f"its key is not '{lock_key(entry['source'], entry['anchor'])}'"
    status, fetched, hashed = entry["status"], entry.get("fetched"), entry.get("section_sha256")
    terms = entry.get("terms", {})
    if status not in STATUSES:
        return f"status '{status}' is not one of {', '.join(STATUSES)}"
    if not isinstance(terms, dict) or any(held not in (True, False, None) for held in terms.values()):
        return "terms must map each key term to true, false or null"
    if not _date_or_none(fetched) or (fetched is None) != (status == NEVER):
        return "a fetched section has its fetch date (YYYY-MM-DD), a section never fetched none"
    if (status == FOUND) != (isinstance(hashed, str) and bool(SHA256.match(hashed))):
        return "a found section, and only a found one, has a section_sha256 (64 hex digits)"
    if status != FOUND and any(held is not None for held in terms.values()):
        return f"a section {status} holds no known terms (null)"
    return ""


def parse_lock(text: str) -> tuple[dict[str, SectionRecord], list[tuple[int, str]]]:
    """The lock's records by key, and (line, why) for what is refused."""
    try:
        data = json.loads(text)
    except ValueError as error:
        return {}, [(getattr(error, "lineno", 1), f"not JSON: {error}")]
    sections = data.get("sections") if isinstance(data, dict) else None
    if not isinstance(sections, dict):
        return {}, [(1, "no 'sections' object")]
    lines = text.split("\n")
    records: dict[str, SectionRecord] = {}
    refused: list[tuple[int, str]] = []
    for key, entry in sections.items():
        why = record_problem(key, entry)
        if why:
            refused.append((line_of(lines, json.dumps(key)) or 1, f"entry '{key}' refused: {why}"))
            continue
        records[key] = SectionRecord(
            entry["source"],
            entry["anchor"],
            entry["url"],
            entry["status"],
            entry.get("fetched"),
            entry.get("section_sha256"),
            dict(entry.get("terms", {})),
        )
    return records, refused


def read_lock(path: Path) -> tuple[dict[str, SectionRecord], list[tuple[int, str]]]:
    """The committed lock ({} when there is none: every section never fetched)."""
    if not path.is_file():
        return {}, []
    return parse_lock(path.read_text(encoding="utf-8"))


# --- what the build reads of the lock ---
def lock_entry(lock: dict[str, SectionRecord], source: str, anchor: str, url: str) -> SectionRecord | None:
    """The record of a cited section, when the lock holds one for the page the register names now."""
    entry = lock.get(lock_key(source, anchor))
    return entry if entry is not None and entry.url == url else None


def input_label(source: str, anchor: str) -> str:
    return f"{lock_key(source, anchor)} section text"


def section_input(entry: SectionRecord | None) -> str | None:
    """A claim's fingerprint input for the section: its hash once fetched and found; else none at all."""
    if entry is None or entry.status != FOUND or not entry.section_sha256:
        return None
    return "sha256:" + entry.section_sha256[:16]


def drift(entry: SectionRecord | None, terms: Iterable[str]) -> list[str]:
    """What the probe recorded against a pinpoint: a missing anchor, a gone page, each removed term."""
    if entry is None or entry.status == NEVER:
        return []
    if entry.status == MISSING:
        return [f"missing anchor: #{entry.anchor} was not on the page when the probe fetched it on {entry.fetched}"]
    if entry.status == GONE:
        return [f"page gone: the probe found no page at {entry.url} on {entry.fetched}"]
    return [
        f"removed term '{term}': section #{entry.anchor} no longer held it when the probe fetched it on {entry.fetched}"
        for term in terms
        if entry.terms.get(term) is False
    ]


def register_note(entries: list[SectionRecord | None]) -> str:
    """The register's note on a source, from the lock records of its cited sections ('' when none are cited)."""
    if not entries:
        return ""
    never = sum(1 for entry in entries if entry is None or entry.status == NEVER)
    if never == len(entries):
        return "cited sections never fetched"
    if never:
        return f"{never} of {len(entries)} cited sections never fetched"
    return f"cited sections fetched on {min(str(entry.fetched) for entry in entries if entry)}"
