"""Issue 18 items 4, 5 and 6: more failure cases for the kinds that had fewer than three located ones.

Each case asserts the warning's subtype, a culprit fragment and the exact `file:line`:

- item 4, the canonical register (register.py, source_model.py: `runbook.register`; the need schema's
  `spark-id-publisher`: `sn_schema_violation.local_fail`, located by schema_locations.py): the same page
  registered twice through a trailing slash, a `?query` or letter case, on the later entry, on the entry
  registered first, and on a new entry; a `SRC_SPARK_` source whose publisher is Databricks;
- item 5, pinpoints pin (pinpoint_words.py: `runbook.pinpoint`): pinpoints swapped, a generic term, a
  copied pinpoint, a changed range, a changed version, each in other forms and on other elements than
  tests/test_rules_in_sphinx.py's PINWORDS cases;
- item 6, evidence integrity (result_seal.py, result_digest.py): raw samples scaled and the summary
  recomputed, on other samples and other files than tests/unit/test_result_integrity.py's case.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from docs_project import REPO_ROOT
from rule_roots import build_root
from runbook_checks.evidence import check_result_file
from runbook_checks.evidence_results import RESULTS_FOLDER, load, summarize
from runbook_checks.result_digest import DIGEST_KEY
from runbook_checks.result_runs import run_problems
from runbook_checks.result_seal import seal_problems
from test_rules_in_sphinx import at, edit, located, root_files


@pytest.fixture
def build(make_app, tmp_path: Path):
    def run(root: str, files: dict[str, str] | None = None, **conf):
        return build_root(make_app, tmp_path, root, files, **conf)

    return run


def changed(root: str, changes: list[tuple[str, str, str]]) -> dict[str, str]:
    """The root's files with each (file, old, new) applied; a file the root lacks is written whole (old '')."""
    files = root_files(root)
    for relative, old, new in changes:
        files = edit(files, relative, old, new) if relative in files else {**files, relative: new}
    return files


def run_case(build, root: str, changes: list[tuple[str, str, str]], expected: tuple) -> None:
    files = changed(root, changes)
    type_, where, *fragments = expected
    build(root, files).expect(type_, located(files, where), *fragments)


# --- item 4: the canonical register (tests/roots/test-register, test-need-model) ---
SOURCES = "sources.md"
A_URL = "https://docs.databricks.com/aws/en/a"
B_URL = "https://docs.databricks.com/aws/en/b"
REPEATS_A = "'SRC_PAGE_B' repeats the URL of 'SRC_PAGE_A'"
REPEATS_B = "'SRC_PAGE_C' repeats the URL of 'SRC_PAGE_B'"
PAGE_B = ("sources.md", "{src} Page B")
PAGE_C = ("sources.md", "{src} Page C")
REGISTER_END = "Page B.\n```"


def later_entry(url: str) -> list[tuple[str, str, str]]:
    """Page B registered at `url`, a form of page A's URL."""
    return [(SOURCES, f":url: {B_URL}\n", f":url: {url}\n")]


def first_entry(url: str) -> list[tuple[str, str, str]]:
    """Page A registered at `url`, a form of its URL, and page B registered at page A's URL as written before."""
    return [(SOURCES, f":url: {A_URL}\n", f":url: {url}\n"), (SOURCES, f":url: {B_URL}\n", f":url: {A_URL}\n")]


def source_entry(title: str, need_id: str, url: str, publisher: str = "Databricks") -> str:
    return (
        f"```{{src}} {title}\n:id: {need_id}\n:url: {url}\n:publisher: {publisher}\n"
        f":applies_to: current documentation\n:runtime_min: any\n:maturity: GA\n\n{title}.\n```\n"
    )


def new_entry(url: str) -> list[tuple[str, str, str]]:
    """A third source, Page C, appended to the register at `url`, a form of page B's URL."""
    return [(SOURCES, REGISTER_END, REGISTER_END + "\n\n" + source_entry("Page C", "SRC_PAGE_C", url))]


def same_page(first: str, again: str) -> str:
    return f"({again} and {first} are the same page)"


REGISTER = [
    # the same page registered twice through a trailing slash
    (
        "the same page registered twice through a trailing slash on the later entry",
        later_entry(A_URL + "/"),
        ("runbook.register", PAGE_B, REPEATS_A, same_page(A_URL, A_URL + "/")),
    ),
    (
        "the same page registered twice through a trailing slash on the entry registered first",
        first_entry(A_URL + "/"),
        ("runbook.register", PAGE_B, REPEATS_A, same_page(A_URL + "/", A_URL)),
    ),
    (
        "the same page registered twice through a trailing slash on a new entry",
        new_entry(B_URL + "/"),
        ("runbook.register", PAGE_C, REPEATS_B, same_page(B_URL, B_URL + "/")),
    ),
    # ... through a ?query
    (
        "the same page registered twice through a ?query on the later entry",
        later_entry(A_URL + "?language=Python"),
        ("runbook.register", PAGE_B, REPEATS_A, same_page(A_URL, A_URL + "?language=Python")),
    ),
    (
        "the same page registered twice through a ?query on the entry registered first",
        first_entry(A_URL + "?utm_source=runbook&utm_medium=docs"),
        ("runbook.register", PAGE_B, REPEATS_A, same_page(A_URL + "?utm_source=runbook&utm_medium=docs", A_URL)),
    ),
    (
        "the same page registered twice through an empty ?query on a new entry",
        new_entry(B_URL + "?"),
        ("runbook.register", PAGE_C, REPEATS_B, same_page(B_URL, B_URL + "?")),
    ),
    # ... through letter case
    (
        "the same page registered twice through the page name in capitals on the later entry",
        later_entry(A_URL.removesuffix("/a") + "/A"),
        ("runbook.register", PAGE_B, REPEATS_A, same_page(A_URL, A_URL.removesuffix("/a") + "/A")),
    ),
    (
        "the same page registered twice through the cloud and language in capitals on the entry registered first",
        first_entry(A_URL.replace("/aws/en/", "/AWS/EN/")),
        ("runbook.register", PAGE_B, REPEATS_A, same_page(A_URL.replace("/aws/en/", "/AWS/EN/"), A_URL)),
    ),
    (
        "the same page registered twice through mixed case on a new entry",
        new_entry(B_URL.replace("/aws/en/b", "/Aws/En/B")),
        ("runbook.register", PAGE_C, REPEATS_B, same_page(B_URL, B_URL.replace("/aws/en/b", "/Aws/En/B"))),
    ),
]

# The schema rule `spark-id-publisher`: a SRC_SPARK_ source is a spark.apache.org page published by Apache Spark.
# tests/test_rules_in_sphinx.py's need model has it on page B (a Databricks page, then a Spark page); these
# put it on the source a recommendation cites, and on a new entry in the fields-for-GitHub form.
SPARK_ID = "spark-id-publisher"
SPARK_PUBLISHER = [
    (
        "a cited source renamed SRC_SPARK_ and moved to a Spark page, its publisher left Databricks",
        [
            (
                SOURCES,
                f":id: SRC_PAGE_A\n:url: {A_URL}",
                ":id: SRC_SPARK_PAGE_A\n:url: https://spark.apache.org/docs/4.1.1/a.html",
            ),
            (
                "runbook.md",
                ":cites: SRC_PAGE_A\n:pinpoints: SRC_PAGE_A#",
                ":cites: SRC_SPARK_PAGE_A\n:pinpoints: SRC_SPARK_PAGE_A#",
            ),
        ],
        ("sn_schema_violation.local_fail", ("sources.md", "{src} Page A"), "'SRC_SPARK_PAGE_A'", SPARK_ID, "publisher"),
    ),
    (
        "a new SRC_SPARK_ source published by Databricks, its fields hidden for GitHub",
        [
            (
                SOURCES,
                REGISTER_END,
                REGISTER_END
                + '\n\n:::{src} Streaming guide\n<div id="SRC_SPARK_STREAMING"><!--\n'
                + ":url: https://spark.apache.org/docs/4.1.1/streaming/index.html\n:publisher: Databricks\n"
                + ":applies_to: current documentation\n:runtime_min: any\n:maturity: GA --></div>\n\n"
                + "The streaming guide.\n:::\n",
            )
        ],
        ("sn_schema_violation.local_fail", ("sources.md", "{src} Streaming guide"), "'SRC_SPARK_STREAMING'", SPARK_ID),
    ),
]

# --- item 5: pinpoints pin (tests/roots/test-pinwords) ---
PAGE = "runbook.md"
PARTITIONS_TERMS = "SRC_PAGE_A#partitions: 1-2 times; shuffle partitions"
CHANGELOG_TERMS = "SRC_PAGE_B#changelog: changelogCheckpointing.enabled; 13.3 LTS; Spark 4.0"
LAST_NEED_END = "enough for a tiny stream.\n:::\n"
COPY_IN_OTHER_WORDS = """
:::{rec} Match the partitions to the cores
<div id="REC_COPY"><!--
:basis: source
:cites: SRC_PAGE_A
:pinpoints: SRC_PAGE_A#partitions: Shuffle Partitions; one to two times --></div>

Page A puts the shuffle partitions at one to two times the cores.
:::
"""
COPY_ON_ANOTHER_PAGE = f"""---
orphan: true
---

# Tuning

:::{{rec}} Turn on changelog checkpointing
<div id="REC_COPY"><!--
:basis: source
:cites: SRC_PAGE_B
:pinpoints: {CHANGELOG_TERMS} --></div>

Page B turns on `changelogCheckpointing.enabled` from Runtime 13.3 LTS, as does
<span data-notspec>Spark 4.0</span>.
:::
"""
PINWORDS = [
    # two recommendations' pinpoints swapped
    (
        "two recommendations' key terms swapped, their sources and anchors kept",
        [
            (PAGE, PARTITIONS_TERMS, "SRC_PAGE_A#partitions: TERMS"),
            (PAGE, CHANGELOG_TERMS, "SRC_PAGE_B#changelog: 1-2 times; shuffle partitions"),
            (PAGE, "TERMS", CHANGELOG_TERMS.split(": ", 1)[1]),
        ],
        (
            "runbook.pinpoint",
            at("SRC_PAGE_B#changelog: 1-2 times"),
            "'REC_CHANGELOG' pinpoint SRC_PAGE_B#changelog: key term 'shuffle partitions' is not in the "
            "recommendation's text",
        ),
    ),
    (
        "one key term of each of two recommendations swapped (the range and the version)",
        [
            (PAGE, "#partitions: 1-2 times;", "#partitions: 13.3 LTS;"),
            (PAGE, "changelogCheckpointing.enabled; 13.3 LTS;", "changelogCheckpointing.enabled; 1-2 times;"),
        ],
        (
            "runbook.pinpoint",
            at("Page B recommends"),
            "'REC_CHANGELOG' states '13.3' (13.3), a figure none of its pinpoints' terms holds",
        ),
    ),
    # a generic pinpoint term
    (
        "a generic two-word pinpoint term (Databricks Runtime) added to a pinpoint",
        [(PAGE, "13.3 LTS; Spark 4.0 -->", "13.3 LTS; Spark 4.0; Databricks Runtime -->")],
        (
            "runbook.pinpoint",
            at("Spark 4.0; Databricks Runtime"),
            "'REC_CHANGELOG' pinpoint SRC_PAGE_B#changelog: key term 'Databricks Runtime' is too generic",
        ),
    ),
    (
        "a generic pinpoint term in the plural on an inference recommendation (Streams)",
        [(PAGE, ":basis: inference -->", ":basis: inference\n:pinpoints: SRC_PAGE_A#sizing: Streams -->")],
        (
            "runbook.pinpoint",
            at("SRC_PAGE_A#sizing: Streams"),
            "'REC_SMALL' pinpoint SRC_PAGE_A#sizing: key term 'Streams' is too generic",
        ),
    ),
    # a copied pinpoint
    (
        "a copied pinpoint written in other case and number words",
        [(PAGE, LAST_NEED_END, LAST_NEED_END + COPY_IN_OTHER_WORDS)],
        (
            "runbook.pinpoint",
            at("Shuffle Partitions; one to two times"),
            "'REC_COPY' pinpoint 'SRC_PAGE_A#partitions: Shuffle Partitions; one to two times' repeats the pinpoint "
            "of 'REC_PARTITIONS' (line 7)",
        ),
    ),
    (
        "a copied pinpoint on a recommendation on another page",
        [("tuning.md", "", COPY_ON_ANOTHER_PAGE)],
        (
            "runbook.pinpoint",
            ("tuning.md", ":pinpoints:"),
            f"'REC_COPY' pinpoint '{CHANGELOG_TERMS}' repeats the pinpoint of 'REC_CHANGELOG' (runbook, line 18)",
        ),
    ),
    # a changed range
    (
        "a sourced range in the title changed from 1-2x to 2-4x",
        [(PAGE, "at 1-2x the cluster's cores", "at 2-4x the cluster's cores")],
        ("runbook.pinpoint", at(":::{rec} Size shuffle"), "'REC_PARTITIONS' states '2-4' (2 to 4)"),
    ),
    (
        "a sourced range's upper end raised, in digits with an en dash",
        [(PAGE, "one to two times the cluster's cores", "1\u20133 times the cluster's cores")],
        ("runbook.pinpoint", at("1\u20133 times"), "'REC_PARTITIONS' states '1\u20133' (1 to 3)"),
    ),
    (
        "a sourced range changed from one to two times to twice (a quantity word)",
        [(PAGE, "one to two times the cluster's cores", "twice the cluster's cores")],
        ("runbook.pinpoint", at("twice the cluster's"), "'REC_PARTITIONS' states 'twice' (twice), a figure none of"),
    ),
    # a changed version
    (
        "a sourced version changed in the title",
        [(PAGE, "from Runtime 13.3 LTS", "from Runtime 15.4 LTS")],
        ("runbook.pinpoint", at(":::{rec} Enable changelog"), "'REC_CHANGELOG' states '15.4' (15.4)"),
    ),
    (
        "a sourced version changed in the pinpoint term alone",
        [(PAGE, "changelogCheckpointing.enabled; 13.3 LTS;", "changelogCheckpointing.enabled; 14.3 LTS;")],
        (
            "runbook.pinpoint",
            at("changelogCheckpointing.enabled; 14.3 LTS"),
            "'REC_CHANGELOG' pinpoint SRC_PAGE_B#changelog: key term '14.3 LTS' is not in the recommendation's text",
        ),
    ),
]

ROOT_CASES = (
    [("register", *case) for case in REGISTER]
    + [("need-model", *case) for case in SPARK_PUBLISHER]
    + [("pinwords", *case) for case in PINWORDS]
)


@pytest.mark.parametrize(
    ("root", "name", "changes", "expected"), ROOT_CASES, ids=[f"{case[0]}: {case[1]}" for case in ROOT_CASES]
)
def test_rule_on_a_small_root(build, root: str, name: str, changes: list, expected: tuple) -> None:
    run_case(build, root, changes, expected)


# --- item 6: raw samples scaled and the summary recomputed (result_seal.py, result_digest.py) ---
def committed(tmp_path: Path, name: str, change: Callable[[dict], None]) -> tuple[Path, dict, dict]:
    """A copy of a committed result file changed by `change` (the seal left as it was); the committed document too."""
    original = json.loads((REPO_ROOT / RESULTS_FOLDER / f"{name}.json").read_text(encoding="utf-8"))
    document = json.loads(json.dumps(original))
    change(document)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path, original, document


def one_runs_e2e_samples_scaled(document: dict) -> None:
    """The runbook configuration's first repetition: every end-to-end latency sample made a fifth faster."""
    run = next(r for r in document["runs"] if r["configuration"] == "runbook" and r["repetition"] == 0)
    run["e2e_ms"] = [[latency * 4 // 5, count] for latency, count in run["e2e_ms"]]
    document["summary"] = summarize(document)


def one_batchs_parts_scaled(document: dict) -> None:
    """The slowest batch in the measured window of the capacity curve's first run: every part of it halved."""
    run = document["runs"][0]
    start, end = run["window_ms"]
    measured = [batch for batch in run["batches"] if start <= batch["start_ms"] <= end]
    batch = max(measured, key=lambda b: b["parts_ms"]["triggerExecution"])
    batch["parts_ms"] = {part: ms // 2 for part, ms in batch["parts_ms"].items()}
    document["summary"] = summarize(document)


def every_soak_batchs_add_batch_scaled(document: dict) -> None:
    """The soak's addBatch part of every batch made a third faster (the trigger left as measured)."""
    for run in document["runs"]:
        for batch in run["batches"]:
            batch["parts_ms"]["addBatch"] = batch["parts_ms"]["addBatch"] * 2 // 3
    document["summary"] = summarize(document)


@pytest.mark.parametrize(
    ("name", "change"),
    [
        pytest.param("job_latency", one_runs_e2e_samples_scaled, id="one run's e2e samples scaled"),
        pytest.param("job_capacity", one_batchs_parts_scaled, id="one batch's parts scaled"),
        pytest.param("job_soak", every_soak_batchs_add_batch_scaled, id="every soak batch's addBatch part scaled"),
    ],
)
def test_raw_samples_scaled_and_the_summary_recomputed_fail_at_the_digest(
    tmp_path: Path, name: str, change: Callable[[dict], None]
) -> None:
    path, original, document = committed(tmp_path, name, change)
    assert document["summary"] != original["summary"]  # the scaled samples move a published figure
    loaded = load(path)
    assert list(check_result_file(path, loaded, ("", ""))) == []  # the summary is the samples': no help
    assert list(run_problems(path, loaded)) == []  # parameters and provenance still the runs': no help
    [problem] = seal_problems(path, loaded)
    assert problem.subtype == "evidence"
    assert problem.location == f"{path}:{line_of_key(path, DIGEST_KEY)}" == f"{path}:3"
    assert f"digest {original[DIGEST_KEY][:19]}..." in problem.message
    assert "hand-made or edited result file" in problem.message


def line_of_key(path: Path, key: str) -> int:
    """1-based line of the file's `"key":` entry."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if line.lstrip().startswith(f'"{key}":'))
