"""Issue 18 items 2 and 3 on the small roots: each kind of figure form and place (spec_values.py,
figure_forms.py, figures.py) and each spec fact the runbook states (spec_values.deployed_facts), attacked
in at least three ways, each failing with its warning subtype, its culprit and the `file:line` of the edit.

Each case: (root, name, [(file, old, new), ...], (type, where, *fragments)), as test_rules_in_sphinx.py's."""

from __future__ import annotations

from pathlib import Path

import pytest
from rule_roots import build_root
from test_rules_in_sphinx import PAGE, at, before, run_case

SPEC = "resources/tiny.job.yml"
BUNDLE = "databricks.yml"
UNBOUND = "is a spec figure not bound to the spec"
TITLE = "titles cannot hold {spec}"
BLOCK = "a code block cannot hold {spec}"
# Where new text goes on the figure root: the end of the baseline section (no scaling place), or inside
# the "When to scale" subsection.
BASELINE_END = "### When to scale"
IN_SCALING = "Alert when"


@pytest.fixture
def build(make_app, tmp_path: Path):
    def run(root: str, files: dict[str, str] | None = None, **conf):
        return build_root(make_app, tmp_path, root, files, **conf)

    return run


def in_baseline(text: str) -> tuple[str, str, str]:
    return before(BASELINE_END, text)


# Issue 18 item 2: figures in every form (spec_values.py + figure_forms.py: runbook.spec; figures.py:
# runbook.figure), on tests/roots/test-figure: workers 2 (scaled 4), c5.xlarge (4 vCPUs, 8 cores),
# 8 partitions (scaled 16), a 500 ms trigger, a 1000 ms budget, a 6000-record backlog rule, Spark 4.1.0.
FIGURES = [
    # --- number words ---
    (
        "number words: eight partitions in a paragraph",
        [in_baseline("Run the join on eight partitions.\n\n")],
        ("runbook.spec", at("Run the join on eight"), f"'eight partitions' {UNBOUND}"),
    ),
    (
        "number words: sixteen tasks in a list item",
        [in_baseline("- Plan for sixteen tasks in each batch.\n\n")],
        ("runbook.spec", at("- Plan for sixteen"), f"'sixteen tasks' {UNBOUND}"),
    ),
    (
        "number words: two hundred partitions on a paragraph's second line",
        [in_baseline("Spark's own setting would give\nthe join two hundred partitions.\n\n")],
        ("runbook.spec", at("the join two hundred"), f"'two hundred partitions' {UNBOUND}"),
    ),
    # --- seconds for a millisecond value ---
    (
        "seconds: a trigger of 2 seconds in prose",
        [in_baseline("Set the trigger to 2 seconds.\n\n")],
        ("runbook.spec", at("Set the trigger to 2"), f"'2 seconds' {UNBOUND}"),
    ),
    (
        "seconds: one second equal to the budget with no duration word",
        [in_baseline("Each batch must end within 1 second.\n\n")],
        ("runbook.spec", at("Each batch must end"), f"'1 second' {UNBOUND}"),
    ),
    (
        "seconds: a heading with a trigger in seconds",
        [in_baseline("### Use a 2 second trigger\n\nThe steps follow.\n\n")],
        (
            "runbook.spec",
            at("### Use a 2 second"),
            "title 'Use a 2 second trigger': '2 second' is not a spec value for target dev (allowed: 0.5)",
            TITLE,
        ),
    ),
    # --- decimals ---
    (
        "decimals: a trigger of 0.5 s in prose",
        [in_baseline("Keep the trigger at 0.5 s.\n\n")],
        ("runbook.spec", at("Keep the trigger at 0.5"), f"'0.5 s' {UNBOUND}"),
    ),
    (
        "decimals: a budget of 1.5 seconds in prose",
        [in_baseline("A budget of 1.5 seconds leaves room.\n\n")],
        ("runbook.spec", at("A budget of 1.5"), f"'1.5 seconds' {UNBOUND}"),
    ),
    (
        "decimals: a heading with a trigger of 0.25 s",
        [in_baseline("### Keep a 0.25 s trigger\n\nThe steps follow.\n\n")],
        (
            "runbook.spec",
            at("### Keep a 0.25 s"),
            "'0.25 s' is not a spec value for target dev (allowed: 0.5)",
            TITLE,
        ),
    ),
    # --- multiplied numbers (12k) ---
    (
        "12k: a backlog of 12k records in prose",
        [in_baseline("Page the team at 12k records.\n\n")],
        ("runbook.spec", at("Page the team at 12k"), f"'12k records' {UNBOUND}"),
    ),
    (
        "12k: a heading with 12k records",
        [in_baseline("### Page at 12k records\n\nThe steps follow.\n\n")],
        (
            "runbook.spec",
            at("### Page at 12k"),
            "'12k records' is not a spec value for target dev (allowed: 6000)",
            TITLE,
        ),
    ),
    (
        "12k: a code block with 6.5k records",
        [in_baseline("```text\nalert: backlog above 6.5k records\n```\n\n")],
        (
            "runbook.spec",
            at("alert: backlog above"),
            "code block: '6.5k records' is not a spec value for target dev (allowed: 6000)",
            BLOCK,
        ),
    ),
    (
        "12k: a backlog of 12K records in capitals",
        [in_baseline("Page the team at 12K records.\n\n")],
        ("runbook.spec", at("Page the team at 12K"), f"'12K records' {UNBOUND}"),
    ),
    # --- hyphenated ---
    (
        "hyphenated: a 16-core cluster in prose",
        [in_baseline("It runs on a 16-core cluster.\n\n")],
        ("runbook.spec", at("It runs on a 16-core"), f"'16-core' {UNBOUND}"),
    ),
    (
        "hyphenated: a four-worker cluster in words",
        [in_baseline("A four-worker cluster keeps up.\n\n")],
        ("runbook.spec", at("A four-worker"), f"'four-worker' {UNBOUND}"),
    ),
    (
        "hyphenated: a 500-millisecond trigger",
        [in_baseline("Batches start on a 500-millisecond trigger.\n\n")],
        ("runbook.spec", at("Batches start on a 500"), f"'500-millisecond' {UNBOUND}"),
    ),
    # --- headings and need titles ---
    (
        "titles: a heading with a worker count in words",
        [in_baseline("### Run three workers\n\nThe steps follow.\n\n")],
        (
            "runbook.spec",
            at("### Run three workers"),
            "title 'Run three workers': 'three workers' is not a spec value for target dev (allowed: 2, 4)",
            TITLE,
        ),
    ),
    (
        "titles: a need title with a hyphenated worker count",
        [(PAGE, "{rec} Run a fixed-size cluster", "{rec} Run a 3-worker cluster")],
        (
            "runbook.spec",
            at("```{rec}"),
            "title 'Run a 3-worker cluster': '3-worker' is not a spec value for target dev (allowed: 2, 4)",
            TITLE,
        ),
    ),
    (
        "titles: a heading with another node type",
        [in_baseline("### Move to c5.2xlarge\n\nThe steps follow.\n\n")],
        (
            "runbook.spec",
            at("### Move to c5.2xlarge"),
            "title 'Move to c5.2xlarge': 'c5.2xlarge' is not a spec value for target dev (allowed: c5.xlarge)",
            TITLE,
        ),
    ),
    (
        "titles: a heading with another Spark version",
        [in_baseline("### Spark 3.5 behaviour\n\nThe steps follow.\n\n")],
        ("runbook.spec", at("### Spark 3.5"), "title 'Spark 3.5 behaviour': 'Spark 3.5' is not a spec value", TITLE),
    ),
    # --- table cells ---
    (
        "table cells: the spec's partition count in digits, unbound",
        [in_baseline("| Check | Good |\n| --- | --- |\n| Shuffle | 8 partitions |\n\n")],
        ("runbook.spec", at("| Shuffle |"), f"'8 partitions' {UNBOUND}"),
    ),
    (
        "table cells: a trigger in milliseconds",
        [in_baseline("| Check | Good |\n| --- | --- |\n| Workers | bound |\n| Trigger | 500 ms |\n\n")],
        ("runbook.spec", at("| Trigger | 500 ms"), f"'500 ms' {UNBOUND}"),
    ),
    (
        "table cells: a node type",
        [in_baseline("| Check | Good |\n| --- | --- |\n| Node | c5.2xlarge |\n\n")],
        ("runbook.spec", at("| Node | c5.2xlarge"), f"'c5.2xlarge' {UNBOUND}"),
    ),
    # --- code blocks and commands ---
    (
        "code blocks: a worker count in a text block",
        [in_baseline("```text\nscale to 3 workers\n```\n\n")],
        (
            "runbook.spec",
            at("scale to 3 workers"),
            "code block: '3 workers' is not a spec value for target dev (allowed: 2, 4)",
            BLOCK,
        ),
    ),
    (
        "code blocks: a budget in milliseconds on a command's third line",
        [in_baseline("```sh\ncd .\nexport X=1\ntox -e run-local -- --latency-budget-ms '1500 ms'\n```\n\n")],
        (
            "runbook.spec",
            at("--latency-budget-ms '1500 ms'"),
            "code block: '1500 ms' is not a spec value for target dev (allowed: 1000)",
            BLOCK,
        ),
    ),
    (
        "code blocks: another Spark version",
        [in_baseline("```text\nbuilt against Spark 3.5.1\n```\n\n")],
        ("runbook.spec", at("built against Spark"), "code block: 'Spark 3.5.1' is not a spec value", BLOCK),
    ),
    # --- --var names and values ---
    (
        "--var: a code block naming an undeclared variable",
        [in_baseline("```sh\ncd .\ndatabricks bundle deploy -t prod --var checkpoint=/Volumes/x\n```\n\n")],
        (
            "runbook.figure",
            at("--var checkpoint="),
            "'--var checkpoint=...' names no variable the bundle declares (declared: checkpoint_root, ",
        ),
    ),
    (
        "--var: inline code naming an undeclared variable in quotes",
        [in_baseline('Deploy with `databricks bundle deploy --var "operator=sre"`.\n\n')],
        ("runbook.figure", at('--var "operator'), "'--var operator=...' names no variable the bundle declares"),
    ),
    (
        "--var: inline code giving the pause status a value the spec refuses",
        [in_baseline("Deploy with\n`databricks bundle deploy --var=pause=STOPPED`.\n\n")],
        ("runbook.figure", at("--var=pause=STOPPED"), "'--var pause=STOPPED': the spec refuses it (target dev)"),
    ),
    # --- {notspec} bare on a differing figure ---
    (
        "notspec: a bare worker count in a list item",
        [in_baseline("- The join once ran on\n  {notspec}`6 workers` here.\n\n")],
        (
            "runbook.figure",
            at("{notspec}`6 workers`"),
            "{notspec}`6 workers` marks '6 workers', a figure of workers, scaled_workers that differs from the spec",
        ),
    ),
    (
        "notspec: a bare trigger in seconds",
        [in_baseline("Use a <span data-notspec>2 s</span> trigger.\n\n")],
        (
            "runbook.figure",
            at("data-notspec>2 s<"),
            "{notspec}`2 s` marks '2 s', a figure of trigger_ms that differs from the spec",
        ),
    ),
    (
        "notspec: a bare core count in a table cell",
        [in_baseline("| Check | Good |\n| --- | --- |\n| Cores | <span data-notspec>12 cores</span> |\n\n")],
        ("runbook.figure", at("| Cores |"), "{notspec}`12 cores` marks '12 cores', a figure of vcpus, cores"),
    ),
    # --- a spec value's unit that does not fit its key ---
    (
        "unit: a partition count followed by workers",
        [in_baseline("Shuffle into {spec}`partitions=8` workers.\n\n")],
        (
            "runbook.figure",
            at("Shuffle into {spec}"),
            "{spec}`partitions=8` is followed by 'workers', which does not fit partitions",
        ),
    ),
    (
        "unit: a trigger followed by records",
        [in_baseline("Poll every {spec}`trigger_ms=500` records.\n\n")],
        ("runbook.figure", at("Poll every {spec}"), "{spec}`trigger_ms=500` is followed by 'records'"),
    ),
    (
        "unit: a core count written for GitHub, hyphenated to worker",
        [in_baseline('Plan an <span data-spec="cores">8</span>-worker pool.\n\n')],
        ("runbook.figure", at('data-spec="cores">8<'), "{spec}`cores=8` is followed by 'worker', which does not fit"),
    ),
    # --- a scale-target value where the baseline is meant ---
    (
        "scale target: scaled partitions in the baseline",
        [in_baseline("Shuffle into {spec}`scaled_partitions=16` partitions.\n\n")],
        (
            "runbook.figure",
            at("Shuffle into {spec}`scaled"),
            "{spec}`scaled_partitions=16` is a scale-target value outside the places that describe scaling",
        ),
    ),
    (
        "scale target: scaled cores in a recommendation not about scaling",
        [
            (
                PAGE,
                "**Inference.** A fixed size keeps latency steady.",
                "**Inference.** A fixed size of {spec}`scaled_cores=16` cores keeps latency steady.",
            )
        ],
        (
            "runbook.figure",
            at("A fixed size of {spec}"),
            "{spec}`scaled_cores=16` is a scale-target value outside the places that describe scaling",
        ),
    ),
    (
        "scale target: scaled workers written for GitHub under a heading not named for scaling",
        [in_baseline('### Growing the cluster\n\nGrow to <span data-spec="scaled_workers">4</span> workers.\n\n')],
        (
            "runbook.figure",
            at("Grow to <span"),
            "{spec}`scaled_workers=4` is a scale-target value outside the places that describe scaling",
        ),
    ),
]

# Issue 18 item 3: the spec facts the runbook states, on tests/roots/test-spec (prod: ops-team holds
# CAN_MANAGE_RUN, UNPAUSED; failure and streaming-backlog webhooks to team-channel; one health rule).
GIVES = f"{SPEC} (targets dev, prod) gives"
FACTS = [
    # --- the operators group ---
    (
        "group: prod's variables override the operators group in the spec alone",
        [(BUNDLE, "      pause: UNPAUSED\n", "      pause: UNPAUSED\n      operators: sre-team\n")],
        (
            "runbook.spec",
            at("In prod the operators"),
            f"{{spec}}`operators_group=ops-team` but {GIVES} operators_group = 'sre-team'",
        ),
    ),
    (
        "group: the permission granted to a literal group in the spec alone",
        [(BUNDLE, "group_name: ${var.operators}", "group_name: admins")],
        (
            "runbook.spec",
            at("In prod the operators"),
            f"{{spec}}`operators_group=ops-team` but {GIVES} operators_group = 'admins'",
        ),
    ),
    (
        "group: a second group given a permission in the spec alone",
        [
            (
                BUNDLE,
                "        level: CAN_MANAGE_RUN\n",
                "        level: CAN_MANAGE_RUN\n      - group_name: admins\n        level: CAN_VIEW\n",
            )
        ],
        (
            "runbook.spec",
            at("In prod the operators"),
            f"{{spec}}`operators_group=ops-team` but {GIVES} operators_group = 'ops-team; admins'",
        ),
    ),
    (
        "group: another group typed in the prose",
        [
            (
                PAGE,
                '<span data-spec="operators_group">ops-team</span>',
                '<span data-spec="operators_group">sre-team</span>',
            )
        ],
        (
            "runbook.spec",
            at("In prod the operators"),
            f"{{spec}}`operators_group=sre-team` but {GIVES} operators_group = 'ops-team'",
        ),
    ),
    # --- notifications ---
    (
        "notifications: a success notification added in the spec alone",
        [(SPEC, "        on_failure:\n", "        on_success:\n          - id: team-channel\n        on_failure:\n")],
        (
            "runbook.spec",
            at("Its <span"),
            f"{{spec}}`notifications=failure and streaming-backlog` but {GIVES} "
            "notifications = 'success, failure and streaming-backlog'",
        ),
    ),
    (
        "notifications: the backlog alert moved to an email address in the spec alone",
        [
            (
                SPEC,
                "        on_streaming_backlog_exceeded:\n          - id: team-channel\n",
                "      email_notifications:\n        on_streaming_backlog_exceeded:\n          - ops@example.com\n",
            )
        ],
        (
            "runbook.spec",
            at("Its <span"),
            f"{{spec}}`notification_destinations=one` but {GIVES} notification_destinations = 'two'",
        ),
    ),
    (
        "notifications: an event dropped from the prose",
        [(PAGE, ">failure and streaming-backlog</span>", ">failure</span>")],
        (
            "runbook.spec",
            at("Its <span"),
            f"{{spec}}`notifications=failure` but {GIVES} notifications = 'failure and streaming-backlog'",
        ),
    ),
    # --- the number of health rules ---
    (
        "health rules: the only health rule removed in the spec alone",
        [
            (
                SPEC,
                "      health:\n        rules:\n          - metric: STREAMING_BACKLOG_RECORDS\n"
                "            op: GREATER_THAN\n            value: 6000\n",
                "",
            )
        ],
        ("runbook.spec", at("The job has"), f"{{spec}}`health_rules=one` but {GIVES} health_rules = 'no'"),
    ),
    (
        "health rules: another count written in the span",
        [
            (
                PAGE,
                '<span data-spec="health_rules">one</span> health rule',
                '<span data-spec="health_rules">two</span> health rules',
            )
        ],
        ("runbook.spec", at("The job has"), f"{{spec}}`health_rules=two` but {GIVES} health_rules = 'one'"),
    ),
    (
        "health rules: a count in digits typed in the prose",
        [(PAGE, '<span data-spec="health_rules">one</span> health rule', "1 backlog health rule")],
        ("runbook.spec", at("The job has"), f"'1 backlog health rule' {UNBOUND}"),
    ),
    # --- continuous mode ---
    (
        "continuous: continuous mode replaced by a file-arrival trigger in the spec alone",
        [
            (
                SPEC,
                "      continuous:\n        pause_status: ${var.pause}\n",
                "      trigger:\n        file_arrival:\n          url: /Volumes/main/dev/landing/\n",
            )
        ],
        ("runbook.spec", at("The job runs"), f"{{spec}}`job_mode=continuous` but {GIVES} job_mode = 'triggered'"),
    ),
    (
        "continuous: another mode typed in the span",
        [(PAGE, '<span data-spec="job_mode">continuous</span>', '<span data-spec="job_mode">scheduled</span>')],
        ("runbook.spec", at("The job runs"), f"{{spec}}`job_mode=scheduled` but {GIVES} job_mode = 'continuous'"),
    ),
    (
        "continuous: prod's pause status typed in the prose",
        [(PAGE, '<span data-spec="prod_pause_status">UNPAUSED</span>', "`UNPAUSED`")],
        ("runbook.spec", at("The job runs"), f"'UNPAUSED' {UNBOUND}"),
    ),
]

CASES = [("figure", *case) for case in FIGURES] + [("spec", *case) for case in FACTS]


@pytest.mark.parametrize(("root", "name", "changes", "expected"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_rule_on_a_small_root(build, root: str, name: str, changes: list, expected: tuple) -> None:
    run_case(build, root, changes, expected)
