"""What the online probe recorded in the source lock, on a small in-process project (tests/roots/test-pinpoint):
a missing anchor, a removed key term or a gone page is reported at the citation's file:line (a
recommendation's pinpoint at the need, a `{cite}` in prose at its line); a lock of sections never
fetched, found with every term, or recorded for another URL says nothing; the register notes the
sources whose cited sections were never fetched (section_drift.py, lock_notes.py, section_locks.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rule_roots import build_root, line_of
from runbook_checks.section_locks import FOUND, GONE, MISSING, SectionRecord, dump_lock, never_fetched
from test_rules_in_sphinx import root_files

LOCK = "source_locks.json"
PAGE = "runbook.md"
A_URL = "https://docs.databricks.com/aws/en/a"
B_URL = "https://docs.databricks.com/aws/en/b"
DATE = "2026-12-01"
FOUND_A = SectionRecord("SRC_PAGE_A", "top", A_URL, FOUND, DATE, "ab" * 32, {"workers": True})
FOUND_B = SectionRecord("SRC_PAGE_B", "top", B_URL, FOUND, DATE, "cd" * 32, {"b": True})
NEVER_A = never_fetched("SRC_PAGE_A", "top", A_URL, ["workers"])
NEVER_B = never_fetched("SRC_PAGE_B", "top", B_URL, ["b"])
FILES = root_files("pinpoint")
REC_LINE = f"{PAGE}:{line_of(FILES[PAGE], '```{rec}')}"
CITE_LINE = f"{PAGE}:{line_of(FILES[PAGE], 'Prose names page B')}"


@pytest.fixture
def build(make_app, tmp_path: Path):
    runs = iter(range(100))

    def run(lock_text: str | None, builder: str = "dummy"):
        files = FILES if lock_text is None else {**FILES, LOCK: lock_text}
        built = build_root(make_app, tmp_path / f"run{next(runs)}", "pinpoint", files)
        if builder == "html":
            app = make_app("html", srcdir=built.srcdir, freshenv=True)
            app.build()
            return (Path(app.outdir) / "sources.html").read_text(encoding="utf-8")
        return built

    return run


DRIFT = [
    (
        "a pinpointed anchor the probe found missing",
        [replace(FOUND_A, status=MISSING, section_sha256=None, terms={"workers": None}), FOUND_B],
        REC_LINE,
        "'REC_WORKERS' pinpoint SRC_PAGE_A#top: missing anchor: #top was not on the page when the probe fetched it "
        "on 2026-12-01 (source_locks.json); re-read the page, then fix the pinpoint or the claim",
    ),
    (
        "a pinpoint key term the probe found removed",
        [FOUND_A, replace(FOUND_B, terms={"b": False})],
        CITE_LINE,
        "{cite}`SRC_PAGE_B#top: b` pinpoint SRC_PAGE_B#top: removed term 'b': section #top no longer held it when "
        "the probe fetched it on 2026-12-01 (source_locks.json)",
    ),
    (
        "a cited page the probe found gone",
        [replace(FOUND_A, status=GONE, section_sha256=None, terms={"workers": None}), NEVER_B],
        REC_LINE,
        f"'REC_WORKERS' pinpoint SRC_PAGE_A#top: page gone: the probe found no page at {A_URL} on 2026-12-01",
    ),
]


@pytest.mark.parametrize(("name", "records", "where", "message"), DRIFT, ids=[case[0] for case in DRIFT])
def test_the_probe_s_record_is_reported_at_the_citation(build, name, records, where, message) -> None:
    built = build(dump_lock(records))
    assert [(w.type, w.where) for w in built.warnings] == [("runbook.pinpoint", where)], (name, built.warnings)
    assert message in built.warnings[0].message


def test_a_lock_entry_the_build_cannot_read_is_refused_at_its_line(build) -> None:
    text = dump_lock([NEVER_A, NEVER_B]).replace('"status": "never fetched"', '"status": "stale"', 1)
    key_line = line_of(text, '"SRC_PAGE_A#top"')
    built = build(text)
    built.expect(
        "runbook.pinpoint",
        f"{LOCK}:{key_line}",
        "source lock entry 'SRC_PAGE_A#top' refused: status 'stale' is not one of",
    )
    assert len(built.warnings) == 1


HARMLESS = [
    ("no lock at all", None),
    ("every section never fetched", [NEVER_A, NEVER_B]),
    ("every section found with its terms", [FOUND_A, FOUND_B]),
    (
        "a record of another URL",
        [replace(FOUND_A, url=A_URL + "-old", status=MISSING, section_sha256=None, terms={"workers": None}), FOUND_B],
    ),
    ("a term the probe did not look for", [replace(FOUND_A, terms={"cores": False}), FOUND_B]),
]


@pytest.mark.parametrize(("name", "records"), HARMLESS, ids=[case[0] for case in HARMLESS])
def test_a_lock_that_records_no_drift_passes(build, name, records) -> None:
    built = build(dump_lock(records) if records is not None else None)
    assert built.warnings == [], name


def register_box(page: str, source: str) -> str:
    start = page.index(f'id="{source}"')
    return page[start : page.index("</table>", start)]


def test_the_register_notes_sources_never_fetched(build) -> None:
    page = build(dump_lock([FOUND_A, NEVER_B]), "html")
    assert 'class="lock-note"> (cited sections fetched on 2026-12-01)</span>' in register_box(page, "SRC_PAGE_A")
    assert 'class="lock-note"> (cited sections never fetched)</span>' in register_box(page, "SRC_PAGE_B")
    never = build(None, "html")  # no lock: nothing was ever fetched
    assert never.count('class="lock-note"> (cited sections never fetched)</span>') == 2
