"""The online pinpoint probe's report logic, against small HTML fixture pages (no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pinpoint_probe import Page, assess, lock_records, main, report
from runbook_checks.section_locks import FOUND, GONE, NEVER, dump_lock, never_fetched, read_lock

FIXTURES = Path(__file__).parent / "fixtures" / "pinpoint_pages"
DBX_URL = "https://docs.databricks.com/aws/en/structured-streaming/stateful-streaming"
SPARK_URL = "https://spark.apache.org/docs/4.1.1/streaming/apis-on-dataframes-and-datasets.html"


def page(name: str, url: str, status: int = 200) -> Page:
    return Page(status, url, (FIXTURES / name).read_text(encoding="utf-8"))


def citation(url: str, anchor: str, *terms: str) -> dict:
    return {"claim": "REC_X", "source": "SRC_X", "url": url, "anchor": anchor, "terms": list(terms)}


DBX = page("databricks_stateful.html", DBX_URL)
SPARK = page("spark_guide.html", SPARK_URL)


@pytest.mark.parametrize(
    ("cite", "fixture", "problems"),
    [
        # terms in the section, including a subsection and a typographic dash on the page
        (
            citation(
                DBX_URL, "optimize-stateful-structured-streaming-queries", "compute-optimized instances", "1-2 times"
            ),
            DBX,
            (),
        ),
        (citation(DBX_URL, "optimize-stateful-structured-streaming-queries", "spark.sql.shuffle.partitions"), DBX, ()),
        # an <a name> anchor before the heading text (Spark's older pages)
        (citation(SPARK_URL, "policy-for-handling-multiple-watermarks", "multipleWatermarkPolicy", "min"), SPARK, ()),
        # the introduction before the first section heading
        (citation(DBX_URL, "top", "Streaming tab"), DBX, ()),
        (citation(DBX_URL, "top", "compute-optimized"), DBX, ("not in section #top: compute-optimized",)),
        # the term is on the page, but in another section
        (
            citation(DBX_URL, "optimize-stateful-structured-streaming-queries", "noDataMicroBatches.enabled"),
            DBX,
            ("not in section #optimize-stateful-structured-streaming-queries: noDataMicroBatches.enabled",),
        ),
        (citation(DBX_URL, "renamed-section", "compute-optimized"), DBX, ("anchor #renamed-section not on the page",)),
        (citation(DBX_URL, "top", "x"), Page(404, DBX_URL, ""), ("page gone (HTTP 404)",)),
        (citation(DBX_URL, "top", "x"), Page(0, DBX_URL, ""), ("page gone (HTTP no answer)",)),
        (
            citation(DBX_URL, "other-settings", "noDataMicroBatches.enabled"),
            page("databricks_stateful.html", "https://docs.databricks.com/aws/en/archive/stateful"),
            ("page moved to https://docs.databricks.com/aws/en/archive/stateful",),
        ),
    ],
    ids=[
        "terms-in-section",
        "term-in-subsection",
        "name-anchor",
        "intro-top",
        "intro-excludes-sections",
        "term-in-other-section",
        "anchor-gone",
        "page-404",
        "no-answer",
        "moved",
    ],
)
def test_assess_reports_each_kind_of_drift(cite: dict, fixture: Page, problems: tuple[str, ...]) -> None:
    finding = assess(cite, fixture)
    assert finding.problems == problems
    assert finding.ok is (not problems)
    assert finding.line().startswith("OK" if not problems else "DRIFT")


def test_report_fetches_each_page_once() -> None:
    fetched: list[str] = []

    def fetcher(url: str) -> Page:
        fetched.append(url)
        return DBX if url == DBX_URL else SPARK

    citations = [
        citation(DBX_URL, "optimize-stateful-structured-streaming-queries", "compute-optimized instances"),
        citation(DBX_URL, "other-settings", "noDataMicroBatches.enabled"),
        citation(SPARK_URL, "triggers", "overruns"),
    ]
    findings = report(citations, fetcher)
    assert fetched == [DBX_URL, SPARK_URL]
    assert [finding.ok for finding in findings] == [True, True, True]


def test_a_url_fragment_after_a_redirect_is_not_a_move() -> None:
    moved = page("databricks_stateful.html", DBX_URL + "#other-settings")
    assert assess(citation(DBX_URL, "other-settings", "noDataMicroBatches.enabled"), moved).ok


# --- the source lock (section_locks.py) the probe writes with --lock ---
SECTIONS = Path(__file__).parent / "fixtures" / "section_pages"
TIDE_URL = "https://docs.databricks.com/aws/en/tide-queue"


def tide(name: str, status: int = 200) -> Page:
    return Page(status, TIDE_URL, (SECTIONS / f"{name}.html").read_text(encoding="utf-8") if status == 200 else "")


TIDE_CITATIONS = [
    {"claim": "REC_A", "source": "SRC_TIDE", "url": TIDE_URL, "anchor": "batch-size", "terms": ["tide.batch.maxRows"]},
    {"claim": "REC_B", "source": "SRC_TIDE", "url": TIDE_URL, "anchor": "batch-size", "terms": ["10-20 batches"]},
    {"claim": "REC_B", "source": "SRC_TIDE", "url": TIDE_URL, "anchor": "retention", "terms": ["twice"]},
]


def test_the_lock_holds_one_record_per_cited_section_with_every_term_cited_there() -> None:
    records, lines = lock_records(TIDE_CITATIONS, {}, "2026-12-01", lambda url: tide("base"))
    assert [(r.key, r.status, r.fetched) for r in records] == [
        ("SRC_TIDE#batch-size", FOUND, "2026-12-01"),
        ("SRC_TIDE#retention", FOUND, "2026-12-01"),
    ]
    assert records[0].terms == {"tide.batch.maxRows": True, "10-20 batches": True}
    assert lines == ["LOCK  SRC_TIDE#batch-size: first fetched", "LOCK  SRC_TIDE#retention: first fetched"]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("nav_date", []),
        ("sentence", ["LOCK  SRC_TIDE#batch-size: section text changed"]),
        ("term_removed", ["LOCK  SRC_TIDE#batch-size: section text changed; removed term: tide.batch.maxRows"]),
        ("anchor_renamed", ["LOCK  SRC_TIDE#batch-size: missing anchor: #batch-size is not on the page"]),
    ],
)
def test_a_second_fetch_names_what_changed_per_section(page: str, expected: list[str]) -> None:
    first, _ = lock_records(TIDE_CITATIONS, {}, "2026-12-01", lambda url: tide("base"))
    previous = {record.key: record for record in first}
    records, lines = lock_records(TIDE_CITATIONS, previous, "2026-12-08", lambda url: tide(page))
    assert lines == expected
    assert records[1].section_sha256 == first[1].section_sha256  # the other section of the page
    assert {record.fetched for record in records} == {"2026-12-08"}


def test_no_answer_keeps_the_lock_and_a_gone_page_is_recorded() -> None:
    first, _ = lock_records(TIDE_CITATIONS, {}, "2026-12-01", lambda url: tide("base"))
    previous = {record.key: record for record in first}
    kept, lines = lock_records(TIDE_CITATIONS, previous, "2026-12-08", lambda url: tide("base", 0))
    assert kept == first and lines[0].startswith("KEPT  SRC_TIDE#batch-size")
    gone, lines = lock_records(TIDE_CITATIONS, previous, "2026-12-08", lambda url: tide("base", 404))
    assert {record.status for record in gone} == {GONE} and lines[0] == "LOCK  SRC_TIDE#batch-size: page gone"


def test_offline_the_lock_gains_new_sections_as_never_fetched_and_drops_uncited_ones(tmp_path: Path) -> None:
    first, _ = lock_records(TIDE_CITATIONS[:1], {}, "2026-12-01", lambda url: tide("base"))
    lock = tmp_path / "source_locks.json"
    lock.write_text(dump_lock([*first, never_fetched("SRC_GONE", "top", TIDE_URL, ["x"])]), encoding="utf-8")
    pinpoints = tmp_path / "pinpoints.json"
    pinpoints.write_text(json.dumps(TIDE_CITATIONS), encoding="utf-8")
    assert main(["--pinpoints", str(pinpoints), "--lock", str(lock), "--no-fetch"]) == 0
    records, refused = read_lock(lock)
    assert refused == [] and sorted(records) == ["SRC_TIDE#batch-size", "SRC_TIDE#retention"]
    assert records["SRC_TIDE#batch-size"] == first[0]  # kept as fetched, its terms as then
    assert records["SRC_TIDE#retention"].status == NEVER and records["SRC_TIDE#retention"].fetched is None
