"""Issue 18, more failure cases: item 1 (every rendered text is a claim) and item 8's stale mapping row,
each on its small root, asserting the warning's subtype, its culprit and its `file:line`.

The item 7 Photon cases (reordered, preceded) live with the seed pin in test_seed_requirements.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rule_roots import build_root
from runbook_checks.claim_text import ClaimWords, attributed_publishers
from test_rules_in_sphinx import PAGE, at, before, edit, root_files, run_case
from unit.fakes import config


@pytest.fixture
def build(make_app, tmp_path: Path):
    def run(root: str, files: dict[str, str] | None = None, **conf):
        return build_root(make_app, tmp_path, root, files, **conf)

    return run


WORDS = ClaimWords.of(config())
NO_BASIS = "claim without a basis"
NAVIGATION = "{descriptive}`navigation`"
LABEL = "a heading or label with"
CHECKLIST = "## Checklist\n"

# (name, [(file, old, new), ...], (type, where, *fragments)), on tests/roots/test-claim.
CLAIM = [
    # Heading: advice, and a setting key (the small-root case has a figure).
    (
        "a heading that gives advice",
        [before(CHECKLIST, f"### Always restart the producers first\n\nThe steps follow. {NAVIGATION}\n\n")],
        (
            "runbook.claim",
            at("### Always restart"),
            NO_BASIS,
            '"Always restart the producers first"',
            f"{LABEL} advice ('Always')",
        ),
    ),
    (
        "a heading that names a Spark setting key",
        [before(CHECKLIST, f"#### Tune `spark.sql.shuffle.partitions`\n\nThe steps follow. {NAVIGATION}\n\n")],
        (
            "runbook.claim",
            at("#### Tune"),
            NO_BASIS,
            '"Tune spark.sql.shuffle.partitions"',
            "a setting key ('spark.sql.shuffle.partitions')",
        ),
    ),
    # Admonition title: a figure, and a publisher's name in a backtick-fenced admonition.
    (
        "an admonition title with a figure",
        [before(CHECKLIST, f":::{{admonition}} Keep 8 partitions per core\nThe steps follow. {NAVIGATION}\n:::\n\n")],
        ("runbook.claim", at(":::{admonition} Keep 8"), NO_BASIS, '"Keep 8 partitions per core"', "a figure ('8')"),
    ),
    (
        "a backtick-fenced admonition title naming a publisher",
        [
            before(
                CHECKLIST,
                f"```{{admonition}} The Apache Spark trigger guidance\n:class: tip\n\nThe steps follow. {NAVIGATION}\n"
                "```\n\n",
            )
        ],
        (
            "runbook.claim",
            at("```{admonition} The Apache"),
            NO_BASIS,
            '"The Apache Spark trigger guidance"',
            f"{LABEL} a publisher's name ('Apache')",
        ),
    ),
    # Figure caption: advice, and a number word (the small-root case has a percentage).
    (
        "a figure caption that gives advice",
        [before(CHECKLIST, ":::{figure} https://example.com/restarts.png\nNightly restarts are recommended.\n:::\n\n")],
        (
            "runbook.claim",
            at("Nightly restarts are"),
            NO_BASIS,
            '"Nightly restarts are recommended."',
            f"{LABEL} advice ('recommended')",
        ),
    ),
    (
        "a figure caption with a number word, under an alt text",
        [
            before(
                CHECKLIST,
                "```{figure} https://example.com/throughput.png\n:alt: throughput chart\n\n"
                "Twice the throughput with the tuned settings\n```\n\n",
            )
        ],
        (
            "runbook.claim",
            at("Twice the throughput"),
            NO_BASIS,
            '"Twice the throughput with the tuned settings"',
            "a number word ('Twice')",
        ),
    ),
    # Definition-list term: advice under a descriptive definition, a setting key under a reference that
    # does not restate its recommendation.
    (
        "a definition-list term that gives advice over a descriptive definition",
        [before(CHECKLIST, f"Always restart nightly\n: The checks follow. {NAVIGATION}\n\n")],
        (
            "runbook.claim",
            at("Always restart nightly"),
            NO_BASIS,
            '"Always restart nightly The checks follow."',
            "{descriptive} marks navigation only, and this text holds advice ('Always')",
        ),
    ),
    (
        "a definition-list term with a setting key over a reference that does not restate it",
        [before(CHECKLIST, "`spark.sql.shuffle.partitions` at 64\n: See the owner step ({need}`REC_WORKERS`).\n\n")],
        (
            "runbook.claim",
            at("`spark.sql.shuffle.partitions` at 64"),
            NO_BASIS,
            '"spark.sql.shuffle.partitions at 64 See the owner step (REC_WORKERS)."',
            "it references REC_WORKERS but does not restate it",
        ),
    ),
    # Table header row: advice in the checklist's header, a publisher's name in a new table's header.
    (
        "a table header row that gives advice",
        [(PAGE, "| Check | Where | Expect |", "| Check | Where | You should see |")],
        (
            "runbook.claim",
            at("| Check | Where |"),
            NO_BASIS,
            '"Check Where You should see"',
            f"{LABEL} advice ('should')",
        ),
    ),
    (
        "a new table whose header row names a publisher",
        [
            before(
                "1. **Owner.**",
                "| Setting | Databricks default |\n| --- | --- |\n"
                "| Workers | compute-optimized, as {need}`REC_WORKERS` says |\n\n",
            )
        ],
        (
            "runbook.claim",
            at("| Setting | Databricks default |"),
            NO_BASIS,
            '"Setting Databricks default"',
            f"{LABEL} a publisher's name ('Databricks')",
        ),
    ),
    # Raw HTML in a recommendation: a <details> block in a backtick-fenced one, an HTML table in one
    # written in the GitHub-readable form (fields in an HTML comment).
    (
        "a raw HTML details block inside a recommendation",
        [
            (
                PAGE,
                "Workers are compute-optimized.\n",
                "Workers are compute-optimized.\n\n"
                "<details><summary>Sizing</summary>Double the partitions at month-end.</details>\n",
            )
        ],
        (
            "runbook.claim",
            at("<details><summary>"),
            NO_BASIS,
            '"Sizing Double the partitions at month-end."',
            "raw HTML inside REC_WORKERS",
        ),
    ),
    (
        "a raw HTML table inside a recommendation written in the GitHub-readable form",
        [
            before(
                CHECKLIST,
                ':::{rec} Keep the cluster small\n<div id="REC_SMALL"><!--\n:basis: inference --></div>\n\n'
                "**Inference.** A small cluster is enough here.\n\n"
                "<table><tr><td>Workers</td><td>8</td></tr></table>\n:::\n\n",
            )
        ],
        ("runbook.claim", at("<table><tr>"), NO_BASIS, '"Workers 8"', "raw HTML inside REC_SMALL"),
    ),
    # Shell code comment: a trailing comment with a figure, and a comment in a step's block that does
    # not restate the recommendation the step references.
    (
        "a trailing comment with a figure in a bash block",
        [before(CHECKLIST, "```bash\ndatabricks jobs list  # 4 workers are enough\n```\n\n")],
        (
            "runbook.claim",
            at("# 4 workers are enough"),
            NO_BASIS,
            '"4 workers are enough"',
            "a code comment with a figure ('4')",
        ),
    ),
    (
        "a comment in a step's shell block that does not restate the step's recommendation",
        [
            (
                PAGE,
                "compute-optimized ({need}`REC_WORKERS`).\n",
                "compute-optimized ({need}`REC_WORKERS`).\n\n"
                "   ```shell\n   # never restart the producers first\n   databricks jobs list\n   ```\n",
            )
        ],
        (
            "runbook.claim",
            at("# never restart"),
            NO_BASIS,
            '"never restart the producers first"',
            "a code comment with advice ('never')",
        ),
    ),
    # Hand-written Source Mapping text: a bullet that reads like the generated view, a table row.
    (
        "a hand-written bullet in Source Mapping that reads like the generated view",
        [before("Generated views go here.", "- `REC_WORKERS` Use compute-optimized workers on 4 nodes\n\n")],
        (
            "runbook.claim",
            at("- `REC_WORKERS` Use"),
            NO_BASIS,
            '"REC_WORKERS Use compute-optimized workers on 4 nodes"',
        ),
    ),
    (
        "a hand-written table row in Source Mapping",
        [
            before(
                "Generated views go here.", "| Need | Source |\n| --- | --- |\n| REC_WORKERS | Page A, 4 workers |\n\n"
            )
        ],
        ("runbook.claim", at("| REC_WORKERS | Page A"), NO_BASIS, '"REC_WORKERS Page A, 4 workers"'),
    ),
    # {descriptive} on a fact: advice in a list item, a setting key in a table row.
    (
        "a descriptive mark on a list item that gives advice",
        [before(CHECKLIST, f"- The producers should restart first; see [Checklist](#checklist). {NAVIGATION}\n\n")],
        (
            "runbook.claim",
            at("- The producers should"),
            NO_BASIS,
            '"The producers should restart first; see Checklist."',
            "{descriptive} marks navigation only, and this text holds advice ('should')",
        ),
    ),
    (
        "a descriptive mark on a table row that names a setting key",
        [before("| Workers |", f"| Partitions | Stage page | `spark.sql.shuffle.partitions` {NAVIGATION} |\n")],
        (
            "runbook.claim",
            at("| Partitions | Stage page |"),
            NO_BASIS,
            '"Partitions Stage page spark.sql.shuffle.partitions"',
            "{descriptive} marks navigation only, and this text holds a setting key ('spark.sql.shuffle.partitions')",
        ),
    ),
    (
        "a descriptive mark on a sentence with a quantity verb",
        [before(CHECKLIST, f"The tuned driver halves the latency. {NAVIGATION}\n\n")],
        (
            "runbook.claim",
            at("The tuned driver halves"),
            NO_BASIS,
            '"The tuned driver halves the latency."',
            "{descriptive} marks navigation only, and this text holds a number word ('halves')",
        ),
    ),
    # A bare {need} reference vouching for what its need does not say: in a checklist row, and in a step
    # that shares one title term ("workers") where the policy asks for two.
    (
        "a need reference in a checklist row that says something else",
        [before("| Workers |", "| Partitions | Spark UI | 64 partitions, as {need}`REC_WORKERS` says |\n")],
        (
            "runbook.claim",
            at("| Partitions | Spark UI |"),
            NO_BASIS,
            '"Partitions Spark UI 64 partitions, as REC_WORKERS says"',
            "it references REC_WORKERS but does not restate it",
        ),
    ),
    (
        "a need reference in a step sharing one title term",
        [before("## Source Mapping\n", "2. **Peaks.** Add workers at month-end ({need}`REC_WORKERS`).\n\n")],
        (
            "runbook.claim",
            at("2. **Peaks.**"),
            NO_BASIS,
            '"Peaks. Add workers at month-end (REC_WORKERS)."',
            "it references REC_WORKERS but does not restate it (fewer than 2 of the title's terms",
        ),
    ),
    # An Inference naming a publisher it does not cite: citing another publisher's source, "according to"
    # in a list item, and inside an inference recommendation (whose :cites: it does not fill).
    (
        "an inference that has Spark say something while citing a Databricks page",
        [
            (
                PAGE,
                "**Inference.** A small cluster is enough here.",
                "**Inference.** Spark's guide states a small cluster is enough {cite}`SRC_PAGE_A#top: workers`.",
            )
        ],
        (
            "runbook.claim",
            at("**Inference.** Spark's guide"),
            NO_BASIS,
            "an inference that has Spark say something cites it",
        ),
    ),
    (
        "an inference list item that says according to Databricks",
        [before(CHECKLIST, "- **Inference.** According to Databricks, a small cluster is enough.\n\n")],
        (
            "runbook.claim",
            at("- **Inference.** According"),
            NO_BASIS,
            '"Inference. According to Databricks, a small cluster is ..."',
            "an inference that has Databricks say something cites it",
        ),
    ),
    (
        "an inference that says according to the Databricks guide",
        [
            (
                PAGE,
                "**Inference.** A small cluster is enough here.",
                "**Inference.** According to the Databricks guide, a small cluster is enough.",
            )
        ],
        (
            "runbook.claim",
            at("**Inference.** According to the"),
            NO_BASIS,
            "an inference that has Databricks say something cites it",
        ),
    ),
    (
        "an inference recommendation whose text has Databricks say something it does not cite",
        [
            before(
                CHECKLIST,
                "```{rec} Keep the cluster small\n:id: REC_SMALL\n:basis: inference\n\n"
                "**Inference.** Databricks documents that a small cluster is enough.\n```\n\n",
            )
        ],
        (
            "runbook.claim",
            at("**Inference.** Databricks documents"),
            NO_BASIS,
            "an inference that has Databricks say something cites it",
        ),
    ),
]


@pytest.mark.parametrize(("name", "changes", "expected"), CLAIM, ids=[case[0] for case in CLAIM])
def test_every_rendered_text_is_a_claim(build, name: str, changes: list, expected: tuple) -> None:
    run_case(build, "claim", changes, expected)


def test_according_to_a_publisher_with_words_between() -> None:
    """The rule fix the variant above needed: "according to" may stand two words before the name."""
    assert attributed_publishers("According to the Databricks guide, a small cluster is enough.", WORDS) == [
        "Databricks"
    ]
    assert attributed_publishers("according to the official Spark docs the default holds.", WORDS) == ["Spark"]
    assert attributed_publishers('Spark advises it, according to ("Databricks") too.', WORDS) == ["Spark", "Databricks"]
    # not the publisher's word, and another sentence
    assert attributed_publishers("According to the benchmark, Databricks' default holds.", WORDS) == []
    assert attributed_publishers("It is according to plan. Databricks runs it.", WORDS) == []


# Item 8, the stale mapping row, on tests/roots/test-mapping grown to three recommendations (the
# first, a sourced one in the middle, an inference last) with their mapping regenerated by hand.
PARTITIONS_REC = """```{rec} Size the shuffle partitions
:id: REC_PARTITIONS
:basis: source
:cites: SRC_PAGE_B
:pinpoints: SRC_PAGE_B#sizing: partitions

Page B sizes the shuffle partitions.
```

```{rec} Keep the cluster small
:id: REC_SMALL
:basis: inference

**Inference.** A small cluster is enough here.
```

"""
PARTITIONS_ROWS = """- `REC_PARTITIONS` Size the shuffle partitions (source)
  - `SRC_PAGE_B` Page B, § `#sizing`: partitions:
    <https://docs.databricks.com/aws/en/b>
- `REC_SMALL` Keep the cluster small (inference)
"""
PAGE_A_URL = "    <https://docs.databricks.com/aws/en/a>\n"
THREE_RECS = [
    (PAGE, "## Source Mapping\n", PARTITIONS_REC + "## Source Mapping\n"),
    (PAGE, PAGE_A_URL, PAGE_A_URL + PARTITIONS_ROWS),
]
STALE = "the Markdown source mapping is stale from this line: run `tox -e mapping`"
MAPPING = [
    (
        "a stale source line in the middle of the mapping",
        [*THREE_RECS, (PAGE, ":pinpoints: SRC_PAGE_B#sizing: partitions", ":pinpoints: SRC_PAGE_B#sizing: shuffle")],
        ("runbook.mapping", at("  - `SRC_PAGE_B` Page B, § `#sizing`: partitions:"), STALE),
    ),
    (
        "a mapping row removed by hand",
        [
            *THREE_RECS,
            (
                PAGE,
                "- `REC_PARTITIONS` Size the shuffle partitions (source)\n  - `SRC_PAGE_B` Page B, § `#sizing`: "
                "partitions:\n    <https://docs.databricks.com/aws/en/b>\n",
                "",
            ),
        ],
        ("runbook.mapping", at("- `REC_SMALL` Keep the cluster small (inference)"), STALE),
    ),
    (
        "a recommendation added after the last mapping row without regenerating it",
        [
            *THREE_RECS,
            (
                PAGE,
                "## Source Mapping\n",
                "```{rec} Restart nightly\n:id: REC_RESTART\n:basis: inference\n\n**Inference.** Restarts help.\n```"
                "\n\n## Source Mapping\n",
            ),
        ],
        # The blank line after REC_SMALL's row (now line 46), where REC_RESTART's row belongs.
        ("runbook.mapping", f"{PAGE}:46", STALE),
    ),
]


def test_the_three_recommendation_mapping_root_is_clean(build) -> None:
    """The cases below start from a mapping that is not stale."""
    files = root_files("mapping")
    for change in THREE_RECS:
        files = edit(files, *change)
    assert build("mapping", files).warnings == []


@pytest.mark.parametrize(("name", "changes", "expected"), MAPPING, ids=[case[0] for case in MAPPING])
def test_a_stale_mapping_row_is_named_at_its_line(build, name: str, changes: list, expected: tuple) -> None:
    run_case(build, "mapping", changes, expected)
