"""Each build rule on a tiny in-process Sphinx project (tests/roots): the warning's subtype, culprit
and `file:line`. The full project is built only by test_build_failures.py (one case per subtype)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rule_roots import build_root, line_of

PAGE = "runbook.md"


@pytest.fixture
def build(make_app, tmp_path: Path):
    def run(root: str, files: dict[str, str] | None = None, **conf):
        return build_root(make_app, tmp_path, root, files, **conf)

    return run


def edit(built_files: dict[str, str], relative: str, old: str, new: str) -> dict[str, str]:
    text = built_files[relative]
    assert old in text, f"mutation target not in {relative}: {old!r}"
    return {**built_files, relative: text.replace(old, new, 1)}


def root_files(root: str) -> dict[str, str]:
    """The root's pages and data (not its conf.py), by path relative to the root."""
    base = Path(__file__).parent / "roots" / f"test-{root}"
    return {
        p.relative_to(base).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(base.rglob("*"))
        if p.is_file() and p.suffix in {".md", ".yml", ".json"}
    }


# --- the need model (ubproject.toml, needs_schema.json) as sphinx-needs enforces it:
# (name, file, old, new, type, where, fragments)
# Schema violations name the need and, through runbook_checks/schema_locations.py, its file:line.
SOURCES = "sources.md"
B_URL = "https://docs.databricks.com/aws/en/b"
SOURCE_ON_THE_RUNBOOK = """```{src} Page C
:id: SRC_PAGE_C
:url: https://docs.databricks.com/aws/en/c
:publisher: Databricks
:applies_to: current documentation
:runtime_min: any
:maturity: GA

Page C.
```

"""
# Page B turned into an unversioned Spark page (its ID and publisher made to agree with the host).
SPARK_PAGE_B = (
    ":id: SRC_PAGE_B\n:url: https://docs.databricks.com/aws/en/b\n:publisher: Databricks",
    ":id: SRC_SPARK_PAGE_B\n:url: https://spark.apache.org/docs/latest/b.html\n:publisher: Apache Spark",
)
NEED_MODEL = [
    (
        "recommendation without source link and not inference",
        (PAGE, ":cites: SRC_PAGE_A\n", ""),
        ("sn_schema_violation.local_fail", "runbook.md:3", "REC_WORKERS", "sourced-recommendation-cites"),
    ),
    (
        "recommendation without a basis",
        (PAGE, ":basis: inference\n", ""),
        ("needs.create_need", "runbook.md:12", "'basis' is not nullable"),
    ),
    (
        "link to a missing need",
        (PAGE, ":cites: SRC_PAGE_A", ":cites: SRC_PAGE_MISSING"),
        ("needs.link_outgoing", "runbook.md:3", "'REC_WORKERS' has unknown outgoing link 'SRC_PAGE_MISSING'"),
    ),
    (
        "link to a need of the wrong type",
        (PAGE, ":cites: SRC_PAGE_A", ":cites: REC_SMALL"),
        ("needs.link_target_type", "runbook.md:3", "'REC_WORKERS' link 'REC_SMALL' in field 'cites'"),
    ),
    (
        "evidence link to a source",
        (PAGE, ":evidence: EVD_BENCH", ":evidence: SRC_PAGE_B"),
        ("needs.link_target_type", "runbook.md:12", "'REC_SMALL' link 'SRC_PAGE_B' in field 'evidence'"),
    ),
    (
        "source without URL",
        (SOURCES, f":url: {B_URL}\n", ""),
        ("needs.create_need", "sources.md:18", "'url' is not nullable"),
    ),
    (
        "source with a non-https URL",
        (SOURCES, f":url: {B_URL}", f":url: {B_URL.replace('https', 'http')}"),
        ("sn_schema_violation.field_fail", "sources.md:18", "'SRC_PAGE_B'", "url", "does not match"),
    ),
    (
        "source URL outside the expected domains",
        (SOURCES, f":url: {B_URL}", ":url: https://example.com/b"),
        ("sn_schema_violation.field_fail", "sources.md:18", "'SRC_PAGE_B'", "url", "does not match"),
    ),
    ("need without an ID", (PAGE, ":id: REC_SMALL\n", ""), ("needs.create_need", "runbook.md:12", "No ID defined")),
    (
        "need fields hidden for GitHub in a comment that is never closed",
        (
            PAGE,
            "```{rec} Keep the cluster small\n:id: REC_SMALL\n:basis: inference\n:evidence: EVD_BENCH\n\n"
            "**Inference.** Small is enough.\n```",
            ':::{rec} Keep the cluster small\n<div id="REC_SMALL"><!--\n:basis: inference\n:evidence: EVD_BENCH\n\n'
            "**Inference.** Small is enough.\n:::",
        ),
        ("needs.create_need", "runbook.md:12", "No ID defined"),
    ),
    (
        "malformed ID",
        (PAGE, ":id: REC_SMALL", ":id: rec-small"),
        ("needs.create_need", "runbook.md:12", "'rec-small' does not match"),
    ),
    (
        "ID with another type's prefix",
        (PAGE, ":id: REC_SMALL", ":id: SRC_SMALL"),
        ("sn_schema_violation.local_fail", "runbook.md:12", "'SRC_SMALL'", "recommendation-id-prefix"),
    ),
    (
        "duplicated ID",
        (PAGE, ":id: REC_SMALL", ":id: REC_WORKERS"),
        ("needs.create_need", "runbook.md:12", "'REC_WORKERS' already exists"),
    ),
    (
        "a source without its maturity",
        (SOURCES, ":maturity: GA\n\nPage B.", "\nPage B."),
        ("needs.create_need", "sources.md:18", "'maturity' is not nullable"),
    ),
    (
        "publisher that does not match the host",
        (SOURCES, f":url: {B_URL}\n:publisher: Databricks", f":url: {B_URL}\n:publisher: Apache Spark"),
        ("sn_schema_violation.local_fail", "sources.md:18", "'SRC_PAGE_B'", "databricks-host-publisher", "publisher"),
    ),
    (
        "a Spark source ID on a Databricks page",
        (SOURCES, ":id: SRC_PAGE_B", ":id: SRC_SPARK_PAGE_B"),
        ("sn_schema_violation.local_fail", "sources.md:18", "'SRC_SPARK_PAGE_B'", "spark-id-publisher"),
    ),
    (
        "a SRC_SPARK_ source on a Spark page whose publisher is Databricks",
        (SOURCES, SPARK_PAGE_B[0], SPARK_PAGE_B[1].replace("Apache Spark", "Databricks").replace("latest", "4.1.1")),
        ("sn_schema_violation.local_fail", "sources.md:18", "'SRC_SPARK_PAGE_B'", "spark-id-publisher", "publisher"),
    ),
    (
        "a source declared in the runbook instead of the register",
        (PAGE, "```{evid} Local benchmark", SOURCE_ON_THE_RUNBOOK + "```{evid} Local benchmark"),
        ("sn_schema_violation.local_fail", "runbook.md:20", "'SRC_PAGE_C'", "source-on-the-register"),
    ),
    (
        "sourced need without pinpoints",
        (PAGE, ":pinpoints: SRC_PAGE_A#top: workers\n", ""),
        ("sn_schema_violation.local_fail", "runbook.md:3", "'REC_WORKERS'", "sourced-recommendation-pinpoints"),
    ),
    (
        "evidence need without figures",
        (PAGE, ":figures: a.p50, b.p50\n", ""),
        ("sn_schema_violation.local_fail", "runbook.md:20", "'EVD_BENCH'", "evidence-names-figures"),
    ),
    (
        "evidence need without a relation",
        (PAGE, ":relations: a.p50 <= b.p50\n", ""),
        ("sn_schema_violation.local_fail", "runbook.md:20", "'EVD_BENCH'", "evidence-names-figures"),
    ),
    (
        "a runtime range in free text",
        (SOURCES, ":runtime_min: any\n:maturity: GA\n\nPage B.", ":runtime_min: 13.3 LTS\n:maturity: GA\n\nPage B."),
        ("sn_schema_violation.field_fail", "sources.md:18", "'SRC_PAGE_B'", "runtime_min", "does not match"),
    ),
]


@pytest.mark.parametrize(("name", "change", "expected"), NEED_MODEL, ids=[case[0] for case in NEED_MODEL])
def test_need_model(build, name: str, change: tuple[str, str, str], expected: tuple[str, ...]) -> None:
    built = build("need-model", edit(root_files("need-model"), *change))
    built.expect(*expected)


def test_clean_need_model_root_has_no_warning(build) -> None:
    assert build("need-model").warnings == []


# --- our rules, each on its own small root: (name, [(file, old, new), ...], (type, where, *fragments)) ---
# `where` is "file:line", "" (no location), or (file, needle): the line of the mutated file holding needle.
Where = str | tuple[str, str]


def located(files: dict[str, str], where: Where) -> str:
    if isinstance(where, tuple):
        relative, needle = where
        return f"{relative}:{line_of(files[relative], needle)}"
    return where


def run_case(build, root: str, changes: list[tuple[str, str, str]], expected: tuple) -> None:
    files = root_files(root)
    for change in changes:
        files = edit(files, *change)
    built = build(root, files)
    type_, where, *fragments = expected
    built.expect(type_, located(files, where), *fragments)


def at(needle: str) -> tuple[str, str]:
    return (PAGE, needle)


def before(anchor: str, text: str) -> tuple[str, str, str]:
    """Insert `text` before the stable anchor line `anchor` of the runbook page."""
    return (PAGE, anchor, text + anchor)


NO_BASIS = "claim without a basis"
CLAIM = [
    (
        "new advice written as a plain paragraph",
        [before("## Checklist\n", "Use an r5.4xlarge driver, it halves latency.\n\n")],
        ("runbook.claim", at("Use an r5.4xlarge"), NO_BASIS, '"Use an r5.4xlarge driver, it halves latency."'),
    ),
    (
        "a sub-bullet under an index entry (navigation lends no basis)",
        [before("## Baseline\n", "- [Checklist](#checklist)\n  - Restart the producers first.\n\n")],
        ("runbook.claim", at("  - Restart the producers"), NO_BASIS, '"Restart the producers first."'),
    ),
    (
        "baseline bullet without a basis",
        [before("- Keep the workers", "- Four workers would halve batch times.\n")],
        ("runbook.claim", at("- Four workers"), NO_BASIS, '"Four workers would halve batch times."'),
    ),
    (
        "checklist row without a basis",
        [before("| Workers |", "| Worker count | Compute page | 4 workers |\n")],
        ("runbook.claim", at("| Worker count |"), NO_BASIS, '"Worker count Compute page 4 workers"'),
    ),
    (
        "tuning step without a basis",
        [before("## Source Mapping\n", "2. Raise partitions from 8 to 32.\n\n")],
        ("runbook.claim", at("Raise partitions"), NO_BASIS, '"Raise partitions from 8 to 32."'),
    ),
    (
        "sourced sentence lost its citations",
        [(PAGE, "\n{cite}`SRC_PAGE_A#top: workers`.", ".")],
        ("runbook.claim", at("Databricks advises"), NO_BASIS, '"Databricks advises compute-optimized workers."'),
    ),
    (
        "tuning step lost its recommendation reference",
        [(PAGE, "are compute-optimized ({need}`REC_WORKERS`).", "are compute-optimized.")],
        ("runbook.claim", at("1. **Owner.**"), NO_BASIS, '"Owner. Check that the workers are compute-optimized."'),
    ),
    (
        "prose bound to a source through the need role instead of a citation",
        [(PAGE, "{cite}`SRC_PAGE_A#top: workers`", "({need}`SRC_PAGE_A`)")],
        ("runbook.claim", at("Databricks advises"), NO_BASIS, '"Databricks advises compute-optimized workers'),
    ),
    (
        "prose inference mark hidden in an HTML comment",
        [before("## Checklist\n", "<!-- **Inference.** --> Use a larger driver.\n\n")],
        ("runbook.claim", at("<!-- **Inference.** -->"), NO_BASIS, '"Use a larger driver."'),
    ),
    (
        "prose inference mark in mid-paragraph",
        [before("## Checklist\n", "Use a larger driver, no **Inference** here.\n\n")],
        ("runbook.claim", at("Use a larger driver, no"), NO_BASIS, '"Use a larger driver, no Inference here."'),
    ),
    (
        "prose inference mark as emphasis, not strong",
        [(PAGE, "**Inference.** A small cluster", "*Inference.* A small cluster")],
        ("runbook.claim", at("*Inference.* A small"), NO_BASIS, '"Inference. A small cluster is enough here."'),
    ),
    (
        "advice in a new subsection",
        [before("## Checklist\n", "### Peaks\n\nDouble the workers during month-end peaks.\n\n")],
        ("runbook.claim", at("Double the workers"), NO_BASIS, '"Double the workers during month-end peaks."'),
    ),
    (
        "advice in an admonition",
        [before("## Checklist\n", ":::{note}\nRestart the job every night.\n:::\n\n")],
        ("runbook.claim", at("Restart the job every night."), NO_BASIS, '"Restart the job every night."'),
    ),
    # Issue 18 item 1: every rendered text is a claim, and no mark launders one.
    (
        "a heading with a figure its section's recommendations do not restate",
        [
            before(
                "## Checklist\n",
                "### Scale to 8 workers at month-end\n\nThe steps follow. {descriptive}`navigation`\n\n",
            )
        ],
        ("runbook.claim", at("### Scale to 8"), NO_BASIS, '"Scale to 8 workers at month-end"', "a figure ('8')"),
    ),
    (
        "an admonition title that gives advice",
        [
            before(
                "## Checklist\n",
                ":::{admonition} Databricks recommends nightly restarts\n"
                "The steps follow. {descriptive}`navigation`\n:::\n\n",
            )
        ],
        ("runbook.claim", at(":::{admonition}"), NO_BASIS, '"Databricks recommends nightly restarts"'),
    ),
    (
        "a figure caption with a figure",
        [
            before(
                "## Checklist\n",
                ":::{figure} https://example.com/latency.png\nBatch time falls by 40% with these settings.\n:::\n\n",
            )
        ],
        ("runbook.claim", at("Batch time falls"), NO_BASIS, '"Batch time falls by 40% with these settings."'),
    ),
    (
        "a definition-list term that makes a claim its definition's mark does not cover",
        [before("## Checklist\n", "Two workers halve the latency\n: The checks follow. {descriptive}`navigation`\n\n")],
        ("runbook.claim", at("Two workers halve"), NO_BASIS, "a number word ('Two')"),
    ),
    (
        "a table header row with a figure",
        [(PAGE, "| Check | Where | Expect |", "| Check | Where | Expect (8 partitions) |")],
        ("runbook.claim", at("| Check | Where |"), NO_BASIS, '"Check Where Expect (8 partitions)"'),
    ),
    (
        "raw HTML inside a recommendation",
        [
            (
                PAGE,
                "Workers are compute-optimized.\n",
                "Workers are compute-optimized.\n\n<p>Four workers halve the latency.</p>\n",
            )
        ],
        ("runbook.claim", at("<p>Four workers"), NO_BASIS, "raw HTML inside REC_WORKERS"),
    ),
    (
        "a comment inside a shell block",
        [before("## Checklist\n", "```sh\n# Databricks recommends restarting nightly\ndatabricks jobs list\n```\n\n")],
        (
            "runbook.claim",
            at("# Databricks recommends"),
            NO_BASIS,
            '"Databricks recommends restarting nightly"',
            "code comment",
        ),
    ),
    (
        "hand-written advice in Source Mapping",
        [before("Generated views go here.", "Scale to 8 workers at month-end.\n\n")],
        ("runbook.claim", at("Scale to 8 workers at month-end."), NO_BASIS, '"Scale to 8 workers at month-end."'),
    ),
    (
        "a descriptive mark on a factual sentence",
        [before("## Checklist\n", "Databricks advises four workers. {descriptive}`navigation`\n\n")],
        ("runbook.claim", at("Databricks advises four"), NO_BASIS, "{descriptive} marks navigation only"),
    ),
    (
        "a need reference vouching for a sentence the need does not say",
        [before("## Checklist\n", "Restart the producers every night ({need}`REC_WORKERS`).\n\n")],
        (
            "runbook.claim",
            at("Restart the producers every"),
            NO_BASIS,
            "references REC_WORKERS but does not restate it",
        ),
    ),
    (
        "an inference that has a publisher say something without citing it",
        [
            (
                PAGE,
                "**Inference.** A small cluster is enough here.",
                "**Inference.** Databricks says a small cluster is enough.",
            )
        ],
        ("runbook.claim", at("**Inference.** Databricks says"), NO_BASIS, "has Databricks say something cites it"),
    ),
]

NOT_MARKED = "has basis 'inference' but its first paragraph does not start with a strong 'Inference' mark"
CARRIES_REASONING = "has basis 'source' but a paragraph starts with an Inference mark"
INFERENCE = [
    (
        "inference not visibly marked",
        [(PAGE, "**Inference.** Eight", "Eight")],
        ("runbook.inference", at("Eight partitions"), "'REC_PARTITIONS' " + NOT_MARKED),
    ),
    (
        "inference need marked only in an HTML comment",
        [(PAGE, "**Inference.** Eight", "<!-- **Inference.** -->\nEight")],
        ("runbook.inference", at("Eight partitions"), "'REC_PARTITIONS' " + NOT_MARKED),
    ),
    (
        "inference need marked only in mid-paragraph",
        [(PAGE, "**Inference.** Eight partitions match eight cores.", "Eight partitions, **Inference.**, match.")],
        ("runbook.inference", at("Eight partitions"), "'REC_PARTITIONS' " + NOT_MARKED),
    ),
    (
        "inference need marked only in its second paragraph",
        [(PAGE, "**Inference.** Eight", "Eight"), (PAGE, "The rest follows", "**Inference.** The rest follows")],
        ("runbook.inference", at("Eight partitions"), "'REC_PARTITIONS' " + NOT_MARKED),
    ),
    (
        "inference need marked with emphasis, not strong",
        [(PAGE, "**Inference.** Eight", "*Inference.* Eight")],
        ("runbook.inference", at("*Inference.* Eight"), "'REC_PARTITIONS' " + NOT_MARKED),
    ),
    (
        "sourced need carrying our reasoning as an Inference paragraph",
        [before("Workers are compute-optimized.", "**Inference.** So we think.\n\n")],
        ("runbook.inference", at("So we think"), "'REC_WORKERS' " + CARRIES_REASONING),
    ),
    (
        "sourced need carrying our reasoning marked with underscores",
        [before("Workers are compute-optimized.", "__Inference.__ So we think.\n\n")],
        ("runbook.inference", at("So we think"), "'REC_WORKERS' " + CARRIES_REASONING),
    ),
]

CITE = [
    (
        "citation of an unknown source",
        [(PAGE, "{cite}`SRC_PAGE_B#", "{cite}`SRC_PAGE_X#")],
        ("runbook.cite", at("SRC_PAGE_X#"), "{cite}`SRC_PAGE_X#top: b`: 'SRC_PAGE_X' is no need"),
    ),
    (
        "citation of a recommendation",
        [(PAGE, "{cite}`SRC_PAGE_B#", "{cite}`REC_WORKERS#")],
        ("runbook.cite", at("{cite}`REC_WORKERS#"), "'REC_WORKERS' is a 'rec' need, not a source"),
    ),
    (
        "citation inside a need of a source the need does not link",
        [(PAGE, "compute-optimized {cite}`SRC_PAGE_A#top: workers`.", "compute-optimized\n{cite}`SRC_PAGE_B#top: b`.")],
        (
            "runbook.cite",
            at("{cite}`SRC_PAGE_B#top: b`."),
            "inside 'REC_WORKERS' names a source the need does not link: add SRC_PAGE_B",
        ),
    ),
    (
        "citation that names no source",
        [(PAGE, "{cite}`SRC_PAGE_B#top: b`", "{cite}`see page B`")],
        ("runbook.cite", at("{cite}`see page B`"), "does not start with a source ID"),
    ),
]

SECTIONS = [
    (
        "section missing",
        [(PAGE, "## Checklist\n", "## Checks\n")],
        ("runbook.sections", at("## Playbook"), "runbook section missing: 'Checklist' (it belongs before 'Playbook')"),
    ),
    (
        "unexpected section",
        [(PAGE, "## Checklist\n", "## Checks\n")],
        ("runbook.sections", at("## Checks"), "unexpected top-level section 'Checks'"),
    ),
    (
        "sections out of order",
        [
            (PAGE, "## Checklist\n\nCheck the workers.\n\n", ""),
            (PAGE, "Change the workers.\n", "Change the workers.\n\n## Checklist\n\nCheck.\n"),
        ],
        ("runbook.sections", at("## Playbook"), "position 2 is 'Playbook', expected 'Checklist'"),
    ),
    (
        "a second H1 with extra advice",
        [(PAGE, "Change the workers.\n", "Change the workers.\n\n# Appendix\n\nMore advice.\n")],
        ("runbook.sections", at("# Appendix"), "second top-level title 'Appendix'"),
    ),
    (
        "the scale rule removed",
        [(PAGE, ":id: REC_WORKERS", ":id: REC_OTHER")],
        ("runbook.sections", "", "required recommendation 'REC_WORKERS' (runbook policy) is not in the runbook"),
    ),
    (
        "broken internal link in the docs",
        [(PAGE, "(#playbook)", "(#no-such-section)")],
        ("myst.xref_missing", at("#no-such-section"), "no-such-section"),
    ),
]

SPEC = "resources/tiny.job.yml"
BUNDLE = "databricks.yml"
OTHER = [
    (
        "pinpoint",
        "citation in prose without a pinpoint",
        [(PAGE, "{cite}`SRC_PAGE_B#top: b`", "{cite}`SRC_PAGE_B`")],
        (
            "runbook.pinpoint",
            at("Prose names page B"),
            "{cite}`SRC_PAGE_B` in prose lacks a #section-anchor and key terms",
        ),
    ),
    (
        "spark-key",
        "unknown spark key named in the runbook",
        [(PAGE, "spark.sql.shuffle.partitions", "spark.sql.streaming.stateStore.providerClazz")],
        (
            "runbook.spark-key",
            at("providerClazz"),
            "spark key 'spark.sql.streaming.stateStore.providerClazz' is not known",
        ),
    ),
    (
        "link",
        "broken link from README to the runbook",
        [("README.md", "(runbook.md)", "(runbook-gone.md)")],
        ("runbook.link", ("README.md", "runbook-gone.md"), "README.md: link 'runbook-gone.md' does not resolve"),
    ),
    (
        "register",
        "the same URL registered twice",
        [("sources.md", "https://docs.databricks.com/aws/en/b", "https://docs.databricks.com/aws/en/a")],
        ("runbook.register", ("sources.md", "{src} Page B"), "'SRC_PAGE_B' repeats the URL of 'SRC_PAGE_A'"),
    ),
    (
        "register",
        "the same page registered twice through a legacy path",
        [("sources.md", "https://docs.databricks.com/aws/en/b", "https://docs.databricks.com/en/a.html")],
        (
            "runbook.register",
            ("sources.md", "{src} Page B"),
            "'SRC_PAGE_B' repeats the URL of 'SRC_PAGE_A'",
            "(https://docs.databricks.com/en/a.html and https://docs.databricks.com/aws/en/a are the same page)",
        ),
    ),
    (
        "register",
        "the same page registered twice through a #fragment",
        [("sources.md", "https://docs.databricks.com/aws/en/b", "https://docs.databricks.com/aws/en/a#section")],
        ("runbook.register", ("sources.md", "{src} Page B"), "'SRC_PAGE_B' repeats the URL of 'SRC_PAGE_A'"),
    ),
    (
        "register",
        "an unversioned Spark doc URL",
        [("sources.md", SPARK_PAGE_B[0], SPARK_PAGE_B[1])],
        (
            "runbook.register",
            ("sources.md", "{src} Page B"),
            "'SRC_SPARK_PAGE_B' URL is the unversioned Spark documentation ('/docs/latest')",
        ),
    ),
    (
        "register",
        "applies_to that disagrees with runtime_min",
        [
            (
                "sources.md",
                ":applies_to: current documentation\n:runtime_min: any\n:maturity: GA\n\nPage A.",
                ":applies_to: current documentation\n:runtime_min: DBR 13.3\n:maturity: GA\n\nPage A.",
            )
        ],
        (
            "runbook.register",
            ("sources.md", "{src} Page A"),
            "'SRC_PAGE_A' applies_to 'current documentation' does not state the range DBR 13.3 - newer",
        ),
    ),
    (
        "register",
        "a prose link to a page outside the register",
        [before("Prose names page B", "Background: <https://docs.databricks.com/aws/en/c>.\n\n")],
        (
            "runbook.register",
            at("aws/en/c"),
            "link to 'https://docs.databricks.com/aws/en/c', a page the source register does not hold",
        ),
    ),
    (
        "register",
        "a sourced claim on a source that does not cover the deployed runtime",
        [("sources.md", ":runtime_min: any", ":runtime_min: DBR 19")],
        ("runbook.register", at("```{rec}"), "'REC_WORKERS' relies on 'SRC_PAGE_A' (DBR 19 - newer)", "(target prod)"),
    ),
    (
        "spec",
        "a baseline bullet that says 4 workers",
        [(PAGE, "{spec}`workers=2`", "{spec}`workers=4`")],
        (
            "runbook.spec",
            at("Deploy {spec}"),
            f"{{spec}}`workers=4` but {SPEC} (targets dev, prod) gives workers = '2'",
        ),
    ),
    (
        "spec",
        "a spec value written for GitHub that differs from the spec",
        [(PAGE, "Deploy {spec}`workers=2`", 'Deploy <span data-spec="workers">4</span>')],
        (
            "runbook.spec",
            at("Deploy <span"),
            f"{{spec}}`workers=4` but {SPEC} (targets dev, prod) gives workers = '2'",
        ),
    ),
    (
        "spec",
        "an unknown spec value",
        [(PAGE, "{spec}`workers=2`", "{spec}`budget=2`")],
        ("runbook.spec", at("Deploy {spec}"), "{spec}`budget` is not a spec value"),
    ),
    (
        "spec",
        "a need's text says 4 workers while its settings say 2",
        [(PAGE, "A fixed size keeps", "A fixed size of 4 workers keeps")],
        ("runbook.spec", at("A fixed size of 4"), "'4 workers' is a spec figure not bound to the spec"),
    ),
    (
        "spec",
        "a backlog threshold typed in the prose",
        [(PAGE, "{spec}`backlog_records=6000` records", "6000 records")],
        ("runbook.spec", at("Alert when"), "'6000 records' is a spec figure not bound to the spec"),
    ),
    (
        "spec",
        "a heading with a worker range the spec does not give",
        [(PAGE, "to scale to 4 workers", "to scale to 3-4 workers")],
        ("runbook.spec", at("### When to scale"), "'3-4 workers' is not a spec value for target dev (allowed: 2, 4)"),
    ),
    (
        "spec",
        "a need title with a trigger the spec does not set",
        [(PAGE, "Run a fixed-size cluster", "Use a 250 millisecond trigger")],
        (
            "runbook.spec",
            at("```{rec}"),
            "title 'Use a 250 millisecond trigger': '250 millisecond' is not a spec value",
        ),
    ),
    (
        "spec",
        "identity table row the spec does not define",
        [before("| Task key |", "| Driver type | `r5.4xlarge` |\n")],
        ("runbook.spec", at("| Driver type |"), "identity table row 'Driver type' is not a name the spec defines"),
    ),
    (
        "spec",
        "identity label given twice",
        [before("| Query name |", "| Task key  | `task` |\n")],
        ("runbook.spec", at("| Task key  |"), "label 'Task key' appears twice"),
    ),
    (
        "spec",
        "two identity tables",
        [before("## Recommended Baseline", "| Label | Value |\n| --- | --- |\n| Job name | `tiny` |\n\n")],
        # At the second table, the one too many.
        ("runbook.spec", at("| Label | Value |"), "must hold exactly one identity table, found 2"),
    ),
    (
        "spec",
        "a second disagreeing block tagged yml in the baseline",
        [before("Deploy {spec}", "```yml\njob_clusters: []\n```\n\n")],
        ("runbook.spec", at("```yml"), "must hold exactly one YAML snippet, found 2"),
    ),
    (
        "spec",
        "duplicate key in the YAML snippet",
        [(PAGE, "      num_workers: 2\n", "      num_workers: 2\n      num_workers: 3\n")],
        ("runbook.spec", at("```yaml"), "duplicate key 'num_workers'"),
    ),
    (
        "spec",
        "the operators' permission level changed in the spec alone",
        [(BUNDLE, "level: CAN_MANAGE_RUN", "level: CAN_VIEW")],
        (
            "runbook.spec",
            at("In prod the operators"),
            f"{{spec}}`operators_permission=CAN_MANAGE_RUN` but {SPEC} "
            f"(targets dev, prod) gives operators_permission = 'CAN_VIEW'",
        ),
    ),
    (
        "spec",
        "the operators group changed in the spec alone",
        [(BUNDLE, "default: ops-team", "default: sre-team")],
        (
            "runbook.spec",
            at("In prod the operators"),
            f"{{spec}}`operators_group=ops-team` but {SPEC} (targets dev, prod) gives operators_group = 'sre-team'",
        ),
    ),
    (
        "spec",
        "the operators group permission removed from prod",
        [(BUNDLE, "    permissions:\n      - group_name: ${var.operators}\n        level: CAN_MANAGE_RUN\n", "")],
        (
            "runbook.spec",
            at("In prod the operators"),
            f"{{spec}}`operators_permission=CAN_MANAGE_RUN` but {SPEC} "
            f"(targets dev, prod) gives operators_permission = ''",
        ),
    ),
    (
        "spec",
        "a health rule added in the spec alone",
        [
            (
                SPEC,
                "      health:\n        rules:\n",
                "      health:\n        rules:\n          - metric: STREAMING_BACKLOG_SECONDS\n"
                "            op: GREATER_THAN\n            value: 60\n",
            )
        ],
        (
            "runbook.spec",
            at("The job has"),
            f"{{spec}}`health_rules=one` but {SPEC} (targets dev, prod) gives health_rules = 'two'",
        ),
    ),
    (
        "spec",
        "the failure notification removed from the spec alone",
        [(SPEC, "        on_failure:\n          - id: team-channel\n", "")],
        (
            "runbook.spec",
            at("Its <span"),
            f"{{spec}}`notifications=failure and streaming-backlog` but {SPEC} "
            f"(targets dev, prod) gives notifications = 'streaming-backlog'",
        ),
    ),
    (
        "spec",
        "a second notification destination in the spec alone",
        [(SPEC, "        on_failure:\n          - id: team-channel\n", "        on_failure:\n          - id: pager\n")],
        (
            "runbook.spec",
            at("Its <span"),
            f"{{spec}}`notification_destinations=one` but {SPEC} "
            f"(targets dev, prod) gives notification_destinations = 'two'",
        ),
    ),
    (
        "spec",
        "continuous mode replaced by a schedule in the spec alone",
        [
            (
                SPEC,
                "      continuous:\n        pause_status: ${var.pause}\n",
                "      schedule:\n        quartz_cron_expression: 0 0 * * * ?\n        timezone_id: UTC\n",
            )
        ],
        (
            "runbook.spec",
            at("The job runs"),
            f"{{spec}}`job_mode=continuous` but {SPEC} (targets dev, prod) gives job_mode = 'scheduled'",
        ),
    ),
    (
        "spec",
        "prod's continuous trigger paused in the spec alone",
        [(BUNDLE, "      pause: UNPAUSED\n", "      pause: PAUSED\n")],
        (
            "runbook.spec",
            at("The job runs"),
            f"{{spec}}`prod_pause_status=UNPAUSED` but {SPEC} (targets dev, prod) gives prod_pause_status = 'PAUSED'",
        ),
    ),
    (
        "spec",
        "prod's checkpoint root moved in the spec alone",
        [(BUNDLE, "checkpoint_root: /Volumes/main/prod/checkpoints", "checkpoint_root: /Volumes/main/prod/state")],
        (
            "runbook.spec",
            at("Checkpoints live"),
            f"{{spec}}`prod_checkpoint_root=/Volumes/main/prod/checkpoints` but {SPEC} "
            f"(targets dev, prod) gives prod_checkpoint_root = '/Volumes/main/prod/state'",
        ),
    ),
    (
        "spec",
        "the checkpoint folder renamed in the spec alone",
        [(SPEC, "${var.checkpoint_root}/tiny_query", "${var.checkpoint_root}/tiny_query_v2")],
        (
            "runbook.spec",
            at("Checkpoints live"),
            f"{{spec}}`checkpoint_folder=tiny_query` but {SPEC} "
            f"(targets dev, prod) gives checkpoint_folder = 'tiny_query_v2'",
        ),
    ),
    (
        "spec",
        "the checkpoint moved out of a volume in the spec alone",
        [(BUNDLE, "default: /Volumes/main/dev/checkpoints", "default: dbfs:/checkpoints")],
        (
            "runbook.spec",
            at("Checkpoints live"),
            f"{{spec}}`checkpoint_storage=Unity Catalog volume` but {SPEC} "
            f"(target dev) gives checkpoint_storage = 'dbfs:'",
        ),
    ),
    (
        "spec",
        "a permission level typed in the prose",
        [(PAGE, '<span data-spec="operators_permission">CAN_MANAGE_RUN</span>', "`CAN_MANAGE_RUN`")],
        ("runbook.spec", at("In prod the operators"), "'CAN_MANAGE_RUN' is a spec figure not bound to the spec"),
    ),
    (
        "spec",
        "a count of health rules typed in the prose",
        [(PAGE, '<span data-spec="health_rules">one</span> health rule', "two health rules")],
        ("runbook.spec", at("The job has"), "'two health rules' is a spec figure not bound to the spec"),
    ),
    (
        "spec",
        "a checkpoint root typed in the prose",
        [
            (
                PAGE,
                '<span data-spec="prod_checkpoint_root">/Volumes/main/prod/checkpoints</span>',
                "/Volumes/main/prod/checkpoints",
            )
        ],
        (
            "runbook.spec",
            at("Checkpoints live"),
            "'/Volumes/main/prod/checkpoints' is a spec figure not bound to the spec",
        ),
    ),
    # Issue 18 item 2: figures in every form, and how a figure is written.
    (
        "spec",
        "a worker count in words in a table cell",
        [before("Alert when", "| Check | Good |\n| --- | --- |\n| Size | three workers |\n\n")],
        ("runbook.spec", at("| Size |"), "'three workers' is a spec figure not bound to the spec"),
    ),
    (
        "figure",
        "a scale-target value where the baseline is meant",
        [(PAGE, "Deploy {spec}`workers=2` workers", "Deploy {spec}`scaled_workers=4` workers")],
        (
            "runbook.figure",
            at("Deploy {spec}"),
            "{spec}`scaled_workers=4` is a scale-target value outside the places that describe scaling",
        ),
    ),
    (
        "figure",
        "a bare notspec on a differing worker count",
        [before("Alert when", "Until then run the join\non <span data-notspec>3 workers</span>.\n\n")],
        (
            "runbook.figure",
            at("data-notspec>3 workers"),
            "{notspec}`3 workers` marks '3 workers', a figure of workers, scaled_workers that differs from the spec",
        ),
    ),
    (
        "figure",
        "a command in a code block with a trigger in seconds",
        [before("Alert when", "Locally:\n\n```sh\ncd .\ntox -e run-local -- --trigger-interval '2 seconds'\n```\n\n")],
        (
            "runbook.spec",
            at("--trigger-interval '2 seconds'"),
            "code block: '2 seconds' is not a spec value for target dev (allowed: 0.5)",
        ),
    ),
    (
        "figure",
        "a --var naming no variable the bundle declares",
        [before("Alert when", "Deploy paused:\n`databricks bundle deploy -t prod --var pause_status=PAUSED`.\n\n")],
        (
            "runbook.figure",
            at("--var pause_status"),
            "'--var pause_status=...' names no variable the bundle declares (declared: checkpoint_root, ",
        ),
    ),
    (
        "figure",
        "a --var value the spec refuses",
        [before("Alert when", "Deploy paused:\n\n```sh\ndatabricks bundle deploy -t prod --var pause=PAUSD\n```\n\n")],
        ("runbook.figure", at("--var pause=PAUSD"), "'--var pause=PAUSD': the spec refuses it (target prod)"),
    ),
    (
        "spec",
        "job path in Purpose and Scope does not exist",
        [(PAGE, "| Job file | `src/job.py` |", "| Job file | `src/gone.py` |")],
        ("runbook.spec", at("| Job file |"), "job path 'src/gone.py' does not exist"),
    ),
    (
        "spec",
        "job name differs from the spec",
        [(PAGE, "| Job name | `tiny` |", "| Job name | `tiny_v2` |")],
        ("runbook.spec", at("| Job name |"), f"Job name 'tiny_v2' differs from {SPEC} (targets dev, prod) ('tiny')"),
    ),
    (
        "spec",
        "node type changed in the spec",
        [(SPEC, "node_type_id: c5.xlarge", "node_type_id: c5.2xlarge")],
        ("runbook.spec", at("```yaml"), "key 'job_clusters[0].new_cluster.node_type_id' = 'c5.xlarge' differs from"),
    ),
    (
        "spec",
        "task key differs from the spec",
        [(PAGE, "| Task key | `task` |", "| Task key | `join_task` |")],
        ("runbook.spec", at("| Task key |"), f"Task key 'join_task' differs from {SPEC} (targets dev, prod) ('task')"),
    ),
    (
        "spec",
        "query name differs from the spec",
        [(PAGE, "| Query name | `tiny_query` |", "| Query name | `renamed_query` |")],
        ("runbook.spec", at("| Query name |"), "Query name 'renamed_query' differs from"),
    ),
    (
        "spec",
        "a tuning step that says 8 -> 32 partitions",
        [before("Alert when", "Raise partitions to {spec}`scaled_partitions=32` after scaling.\n\n")],
        ("runbook.spec", at("Raise partitions"), "{spec}`scaled_partitions=32` but", "gives scaled_partitions = '16'"),
    ),
    (
        "spec",
        "the latency budget changed in the spec while the prose keeps the old value",
        [
            before("Alert when", "Each batch must end within {spec}`budget_ms=1000` ms.\n\n"),
            (SPEC, '- "1000"', '- "2000"'),
        ],
        ("runbook.spec", at("Each batch must end"), "{spec}`budget_ms=1000` but", "gives budget_ms = '2000'"),
    ),
    (
        "spec",
        "num_workers changed in the spec alone",
        [(SPEC, "num_workers: 2", "num_workers: 3")],
        (
            "runbook.spec",
            at("```{rec}"),
            f"'REC_FIXED' setting 'num_workers' = '2' differs from {SPEC} (targets dev, prod) ('3')",
        ),
    ),
    (
        "spec",
        "prod target overrides the job cluster",
        [
            (
                "databricks.yml",
                "  prod:\n",
                "  prod:\n    resources:\n      jobs:\n        tiny_job:\n          job_clusters:\n"
                "            - job_cluster_key: cluster\n              new_cluster:\n                num_workers: 3\n",
            )
        ],
        ("runbook.spec", at("```{rec}"), f"'REC_FIXED' setting 'num_workers' = '2' differs from {SPEC} (target prod)"),
    ),
    (
        "spec",
        "the trigger changed in the spec while the prose keeps the old value",
        [(SPEC, "- 500 milliseconds", "- 1 second")],
        (
            "runbook.spec",
            at("| Trigger interval |"),
            "Trigger interval '500 milliseconds' differs from",
            "('1 second')",
        ),
    ),
    (
        "spec",
        "a health rule changed in the spec while the prose keeps the old threshold",
        [(SPEC, "value: 6000", "value: 5000")],
        ("runbook.spec", at("Alert when"), "{spec}`backlog_records=6000` but", "gives backlog_records = '5000'"),
    ),
    (
        "spec",
        "tab in the job spec",
        [(SPEC, "      name: tiny\n", "      name: tiny\n\tdescription: x\n")],
        ("runbook.spec", (SPEC, "\tdescription"), "cannot start any token"),
    ),
    (
        "evidence",
        "figure quoted on the page that the results lack",
        [(PAGE, "needs_100.with_checks_s` s", "needs_100.missing_s` s")],
        (
            "runbook.evidence",
            at("{bench}"),
            "bench role: 'docs_scaling:needs_100.missing_s': no figure 'needs_100.missing_s'",
        ),
    ),
    (
        "evidence",
        "a benchmark figure written for GitHub that differs from the results",
        [
            (
                PAGE,
                "{bench}`docs_scaling:needs_100.with_checks_s` s",
                '<span data-bench="docs_scaling:needs_100.with_checks_s">9.9 s</span>',
            )
        ],
        (
            "runbook.evidence",
            at("data-bench"),
            "bench role: 'docs_scaling:needs_100.with_checks_s' is written as '9.9 s' but gives",
        ),
    ),
    (
        "evidence",
        "an assumed figure written for GitHub that differs from conf.py",
        [(PAGE, "{assumed}`production_eps`", '<span data-assumed="production_eps">60 events/s</span>')],
        (
            "runbook.evidence",
            at("data-assumed"),
            "assumed role: 'production_eps' is written as '60 events/s' but gives '50 events/s'",
        ),
    ),
    (
        "evidence",
        "an assumption the config does not declare",
        [(PAGE, "{assumed}`production_eps`", "{assumed}`production_rate`")],
        (
            "runbook.evidence",
            at("{assumed}"),
            "no assumption 'production_rate' in the runbook policy's assumptions (known: production_eps)",
        ),
    ),
    (
        "evidence",
        "benchmark table reading a missing result file",
        [
            (
                PAGE,
                "{benchmark-table} benchmarks/results/docs_scaling.json",
                "{benchmark-table} benchmarks/results/none.json",
            )
        ],
        (
            "runbook.evidence",
            at("{benchmark-table}"),
            "benchmark result file 'benchmarks/results/none.json' does not exist",
        ),
    ),
    (
        "evidence",
        "evidence relation stronger than the results",
        [(PAGE, ":relations: needs_100.with_checks_s <=", ":relations: needs_100.with_checks_s * 2 <=")],
        ("runbook.evidence", at("```{evid}"), "'EVD_SCALING' claim no longer supported", "(6.2 <= 3.6)"),
    ),
    (
        "evidence",
        "evidence need pointing at a missing result file",
        [(PAGE, ":artifact: benchmarks/results/docs_scaling.json", ":artifact: benchmarks/results/gone.json")],
        ("runbook.evidence", at("```{evid}"), "'EVD_SCALING' artifact 'benchmarks/results/gone.json' does not exist"),
    ),
    (
        "evidence",
        "a comparison quoted on the page types its threshold",
        [
            (
                PAGE,
                "{bench}`docs_scaling:needs_100.with_checks_s` s",
                "{bench}`docs_scaling:needs_100.with_checks_s <= 10`",
            )
        ],
        (
            "runbook.evidence",
            at("{bench}"),
            "bench role: 'docs_scaling:needs_100.with_checks_s <= 10' types the threshold 10",
            "[evidence_thresholds]",
        ),
    ),
    (
        "evidence",
        "an evidence relation types its threshold",
        [(PAGE, ":relations: needs_100.with_checks_s <=", ":relations: needs_100.with_checks_s * 1 <=")],
        (
            "runbook.evidence",
            at("```{evid}"),
            "'EVD_SCALING' relation 'needs_100.with_checks_s * 1 <= needs_100.plain_s' types the threshold 1",
        ),
    ),
    (
        "evidence",
        "an evidence threshold written for GitHub that differs from the policy",
        [
            (
                PAGE,
                "{threshold}`docs_checks_overhead_pct`",
                '<span data-threshold="docs_checks_overhead_pct">12</span>',
            )
        ],
        (
            "runbook.evidence",
            at("data-threshold"),
            "threshold role: 'docs_checks_overhead_pct' is written as '12' but gives '10'",
        ),
    ),
    (
        "evidence",
        "an evidence threshold the policy does not declare",
        [(PAGE, "{threshold}`docs_checks_overhead_pct`", "{threshold}`docs_overhead`")],
        (
            "runbook.evidence",
            at("{threshold}"),
            "no threshold 'docs_overhead' in the runbook policy's evidence_thresholds",
        ),
    ),
    (
        "quotes",
        "a quoted figure of another configuration than its sentence names",
        [
            (
                PAGE,
                "{bench}`1.10 s <job_latency:runbook.trigger_ms.p50.median>`",
                "{bench}`job_latency:partitions-2x.trigger_ms.p50.median`",
            )
        ],
        (
            "runbook.evidence",
            at("{bench}`job_latency:partitions-2x"),
            "bench quote 'job_latency:partitions-2x.trigger_ms.p50.median' is a figure of configuration "
            "'partitions-2x', which its sentence does not name",
        ),
    ),
    (
        "quotes",
        "a quoted ratio whose table row names one of its two configurations",
        [(PAGE, "| Spark defaults against the runbook settings |", "| Spark defaults |")],
        (
            "runbook.evidence",
            at("{bench}`job_latency:spark-defaults"),
            "is a figure of configuration 'runbook', which its table row (and header) does not name",
        ),
    ),
    (
        "mapping",
        "the Markdown mapping table is stale",
        [(PAGE, "{rec} Use compute-optimized workers", "{rec} Use fast workers")],
        (
            "runbook.mapping",
            at("- `REC_WORKERS` Use compute-optimized workers"),
            "the Markdown source mapping is stale from this line: run `tox -e mapping`",
        ),
    ),
]

# Issue 18 items 5 and 8: a sourced recommendation's words tied to its pinpoints (pinpoint_words.py); a
# finding about a pinpoint at that pinpoint's line in the `:pinpoints:` field, one about a figure at its line.
PARTITIONS_PIN = ":pinpoints: SRC_PAGE_A#partitions: 1-2 times; shuffle partitions"
CHANGELOG_PIN = ":pinpoints: SRC_PAGE_B#changelog: changelogCheckpointing.enabled; 13.3 LTS; Spark 4.0"
COPIED_NEED = """:::{rec} Size partitions to the cores
<div id="REC_COPY"><!--
:basis: source
:cites: SRC_PAGE_A
:pinpoints: SRC_PAGE_A#partitions: shuffle partitions; 1-2 times --></div>

Page A sizes the shuffle partitions at 1-2 times the cores.
:::

"""
PINWORDS = [
    (
        "two recommendations' pinpoints swapped",
        [
            (PAGE, PARTITIONS_PIN, "PARTITIONS_PIN"),
            (PAGE, CHANGELOG_PIN, PARTITIONS_PIN),
            (PAGE, "PARTITIONS_PIN", CHANGELOG_PIN),
        ],
        (
            "runbook.pinpoint",
            at(CHANGELOG_PIN),
            "'REC_PARTITIONS' pinpoint SRC_PAGE_B#changelog: key term 'changelogCheckpointing.enabled' is not in "
            "the recommendation's text as written",
        ),
    ),
    (
        "a sourced range changed from one to two times to two to four times",
        [(PAGE, "one to two times the cluster's cores", "two to four times the cluster's cores")],
        (
            "runbook.pinpoint",
            at("two to four times"),
            "'REC_PARTITIONS' states 'two to four' (2 to 4), a figure none of its pinpoints' terms holds",
        ),
    ),
    (
        "a sourced version changed",
        [(PAGE, "Databricks Runtime 13.3 LTS and above", "Databricks Runtime 14.3 LTS and above")],
        ("runbook.pinpoint", at("Runtime 14.3 LTS"), "'REC_CHANGELOG' states '14.3' (14.3)"),
    ),
    (
        "a figure in a data-notspec span not among the pinpoint terms",
        [(PAGE, "<span data-notspec>Spark 4.0</span>", "<span data-notspec>Spark 3.5</span>")],
        ("runbook.pinpoint", at("Spark 3.5"), "'REC_CHANGELOG' states '3.5' (3.5)"),
    ),
    (
        "a generic pinpoint term (Databricks)",
        [(PAGE, "1-2 times; shuffle partitions", "1-2 times; Databricks")],
        (
            "runbook.pinpoint",
            at("1-2 times; Databricks"),
            "'REC_PARTITIONS' pinpoint SRC_PAGE_A#partitions: key term 'Databricks' is too generic",
        ),
    ),
    (
        "a copied recommendation reusing another's pinpoint",
        [before(":::{rec} Keep two workers", COPIED_NEED)],
        (
            "runbook.pinpoint",
            at("shuffle partitions; 1-2 times"),
            "'REC_COPY' pinpoint 'SRC_PAGE_A#partitions: shuffle partitions; 1-2 times' repeats the pinpoint of "
            "'REC_PARTITIONS' (line 7)",
        ),
    ),
]

ROOT_CASES = (
    [("claim", *case) for case in CLAIM]
    + [("inference", *case) for case in INFERENCE]
    + [("cite", *case) for case in CITE]
    + [("sections", *case) for case in SECTIONS]
    + [("pinwords", *case) for case in PINWORDS]
    + OTHER
)
ROOTS = sorted({case[0] for case in ROOT_CASES})


@pytest.mark.parametrize(
    ("root", "name", "changes", "expected"), ROOT_CASES, ids=[f"{case[0]}: {case[1]}" for case in ROOT_CASES]
)
def test_rule_on_a_small_root(build, root: str, name: str, changes: list, expected: tuple) -> None:
    run_case(build, root, changes, expected)


@pytest.mark.parametrize("root", ROOTS)
def test_clean_root_has_no_warning(build, root: str) -> None:
    assert build(root).warnings == []


def test_pinpoint_wording_passes_a_reflow_and_a_range_written_in_words(build) -> None:
    """Harmless edits to a sourced recommendation: its text reflowed, '1-2x' written 'one to two times'."""
    files = edit(
        root_files("pinwords"),
        PAGE,
        "Page A advises setting the shuffle partitions to one to two times the cluster's cores. Here\n",
        "Page A advises setting the shuffle\npartitions to one to\ntwo times the cluster's cores. Here\n",
    )
    files = edit(files, PAGE, "partitions at 1-2x", "partitions at one to two times")
    assert build("pinwords", files).warnings == []


# Figures written in other forms that mean the spec's, marked figures that say what they are, a reflow:
# the figure rules let them through (issue 18 item 2).
HARMLESS_FIGURES = (
    'The job runs <span data-spec="workers">two</span> workers with a\n'
    '<span data-spec="trigger_ms">0.5</span> s trigger and a <span data-spec="budget_ms">1</span>-second budget;\n'
    "on the benchmark's <span data-notspec>2 local cores</span> it kept up, and older pages gave a\n"
    "<span data-notspec>2 s</span> default trigger. Deploy paused with\n"
    "`databricks bundle deploy -t prod --var pause=PAUSED`.\n\n"
)


def test_figures_in_other_forms_bound_or_marked_build_clean(build) -> None:
    files = edit(root_files("figure"), PAGE, "Alert when", HARMLESS_FIGURES + "Alert when")
    reflowed = edit(files, PAGE, "Deploy {spec}`workers=2` workers of", "Deploy {spec}`workers=2`\nworkers of")
    assert build("figure", reflowed).warnings == []


# Edits the claim rule must let through (issue 18 item 1): navigation needs no mark, and a reference
# covers the text that says what its recommendation says.
CLAIM_HARMLESS = [
    ("a navigation heading", [before("## Checklist\n", "### Reading the checks\n\n")]),
    (
        "a descriptive sentence with a link",
        [
            before(
                "## Checklist\n", "The [Checklist](#checklist) section lists the checks. {descriptive}`navigation`\n\n"
            )
        ],
    ),
    (
        "a need link in a sentence that restates the need",
        [before("## Checklist\n", "Order compute-optimized workers only ({need}`REC_WORKERS`).\n\n")],
    ),
    (
        "a heading that restates its section's recommendation",
        [(PAGE, "## Baseline\n", "## Baseline\n\n### Use 2 compute-optimized workers\n")],
    ),
    (
        "an inference that names a publisher it cites",
        [
            (
                PAGE,
                "**Inference.** A small cluster",
                "**Inference.** Databricks advises it {cite}`SRC_PAGE_A#top: workers`; a small cluster",
            )
        ],
    ),
    (
        "a navigation comment in a shell block",
        [before("## Checklist\n", "```sh\n# list the jobs\ndatabricks jobs list\n```\n\n")],
    ),
]


@pytest.mark.parametrize(("name", "changes"), CLAIM_HARMLESS, ids=[case[0] for case in CLAIM_HARMLESS])
def test_harmless_claim_edit_on_the_small_root(build, name: str, changes: list) -> None:
    files = root_files("claim")
    for change in changes:
        files = edit(files, *change)
    assert build("claim", files).warnings == []
