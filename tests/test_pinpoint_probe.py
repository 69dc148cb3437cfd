"""The online pinpoint probe's report logic, against small HTML fixture pages (no network)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pinpoint_probe import Page, assess, report

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
