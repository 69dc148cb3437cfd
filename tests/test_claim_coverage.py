"""Claim coverage: the figures a clean build writes and shows, and edits that must keep building clean
(inserted before a declared section title where the edit allows, so the runbook's prose can change).

The failure modes (a claim without a basis, a hidden or misplaced Inference mark, a wrong citation)
are cases in test_build_failures.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from docs_project import RUNBOOK, BuildResult, Project
from runbook_anchors import add_table_row, append_to_need, reword_need
from runbook_checks.spec_consistency import IDENTITY_LABELS

NEW_INFERENCE_NEED = """
```{rec} Prefer a restart in a quiet hour
:id: REC_QUIET_HOUR_RESTART
:basis: inference

**Inference.** A restart during low input volume drains faster.
```

## Photon Note
"""

NEW_SOURCED_NEED = """
```{rec} Photon accelerates stateless streaming only
:id: REC_PHOTON_STATELESS_ONLY
:basis: source
:cites: SRC_DBX_PHOTON
:pinpoints: SRC_DBX_PHOTON#limitations: stateless streaming

Photon supports stateless streaming only.
```

## Photon Note
"""

NEW_SUBSECTION = """
### Reading this section

The next table lists the checks to run. {descriptive}`navigation`

Databricks advises compute-optimized workers for stateful streaming
{cite}`SRC_DBX_STATEFUL_STREAMING#optimize-stateful-structured-streaming-queries: compute-optimized instances`.

## Photon Note
"""


@dataclass(frozen=True)
class Harmless:
    name: str
    mutate: Callable[[Project], None]


def edit(old: str, new: str) -> Callable[[Project], None]:
    return lambda project: project.replace(RUNBOOK, old, new)


def rewrite(change: Callable[[str], str]) -> Callable[[Project], None]:
    return lambda project: project.write(RUNBOOK, change(project.read(RUNBOOK)))


def regenerate_mapping(project: Project) -> None:
    """What an editor runs after changing needs (tox -e mapping)."""
    completed = project.write_mapping()
    assert completed.returncode == 0, completed.stdout + completed.stderr


def then_regenerate(mutate: Callable[[Project], None]) -> Callable[[Project], None]:
    def run(project: Project) -> None:
        mutate(project)
        regenerate_mapping(project)

    return run


HARMLESS = [
    Harmless(
        "inference need marked with underscores",
        then_regenerate(edit("\n## Photon Note\n", NEW_INFERENCE_NEED.replace("**Inference.**", "__Inference.__"))),
    ),
    Harmless("new inference need", then_regenerate(edit("\n## Photon Note\n", NEW_INFERENCE_NEED))),
    Harmless(
        "rewording inside a need",
        rewrite(lambda text: reword_need(text, "REC_COMPUTE_OPTIMIZED_WORKERS", "In short: ")),
    ),
    Harmless("new sourced need", then_regenerate(edit("\n## Photon Note\n", NEW_SOURCED_NEED))),
    Harmless("new subsection with navigation text and a cited sentence", edit("\n## Photon Note\n", NEW_SUBSECTION)),
    Harmless(
        "prose paragraph marked inference with underscores",
        edit("\n## Photon Note\n", "\n__Inference:__ Prefer a quiet hour for restarts.\n\n## Photon Note\n"),
    ),
    Harmless(
        "checklist row bound to a recommendation it restates",
        rewrite(
            lambda text: add_table_row(
                text,
                "## Operations Checklist",
                "Worker instances",
                "compute-optimized ([REC_COMPUTE_OPTIMIZED_WORKERS](#REC_COMPUTE_OPTIMIZED_WORKERS))",
            )
        ),
    ),
    Harmless(
        "sub-bullet under a step that references a recommendation, as a second paragraph would be",
        edit(
            "   starts on a new checkpoint ([REC_FRESH_CHECKPOINT_SOURCES](#REC_FRESH_CHECKPOINT_SOURCES)).\n",
            "   starts on a new checkpoint ([REC_FRESH_CHECKPOINT_SOURCES](#REC_FRESH_CHECKPOINT_SOURCES)).\n\n"
            "   - They are the two starting-timestamp parameters.\n\n"
            "   They are the two starting-timestamp parameters.\n",
        ),
    ),
    Harmless(
        "inline citation inside a need of a source it links",
        rewrite(
            lambda text: append_to_need(
                text, "REC_COMPUTE_OPTIMIZED_WORKERS", "The page says so {cite}`SRC_DBX_STATEFUL_STREAMING`."
            )
        ),
    ),
]


def test_clean_build_writes_and_shows_the_figures(clean_build: tuple[Project, BuildResult]) -> None:
    project, result = clean_build
    assert result.returncode == 0, result.output
    figures = json.loads(project.path("_build/claim_coverage.json").read_text(encoding="utf-8"))
    assert figures["unaccounted"] == 0
    parts = ("sourced", "inference", "reference", "spec", "descriptive", "unaccounted")
    assert figures["total"] == sum(figures[part] for part in parts) > 50
    assert figures["sourced"] == figures["sourced_in_needs"] + figures["sourced_inline"]
    assert min(figures[part] for part in parts[:5]) > 0
    assert figures["spec"] == len(IDENTITY_LABELS)  # the identity table: one row per name the spec defines
    html = project.read("_build/html/low-latency-streaming-cluster-config.html")
    assert f"Claim coverage: {figures['total']} claims" in html
    assert f"{figures['spec']} bound to the spec (identity table)" in html
    assert f"{figures['descriptive']} descriptive (navigation only), 0 without a basis." in html


def test_marks_render_as_a_register_link_and_a_tag(clean_build: tuple[Project, BuildResult]) -> None:
    project, result = clean_build
    assert result.returncode == 0, result.output
    html = project.read("_build/html/low-latency-streaming-cluster-config.html")
    assert 'class="claim-cite">[<a class="reference internal" href="sources.html#SRC_SPARK_WEB_UI"' in html
    assert '<span class="claim-descriptive">descriptive</span>' in html


# Applied in two interleaved groups, each built once (see test_build_failures.HARMLESS_GROUPS); the two
# edits that add the same new need sit next to each other, so they fall in different groups.
HARMLESS_GROUPS = 2


@pytest.mark.parametrize("group", range(HARMLESS_GROUPS), ids=lambda group: f"group {group + 1} of {HARMLESS_GROUPS}")
def test_harmless_edits_build_clean(project: Project, group: int) -> None:
    cases = HARMLESS[group::HARMLESS_GROUPS]
    for case in cases:
        case.mutate(project)
    result = project.build("dummy")  # every rule and view runs; HTML writing is the clean build's test
    names = "; ".join(case.name for case in cases)
    assert result.returncode == 0, f"harmless edits failed the build ({names})\n{result.output}"
    assert "WARNING" not in result.output, f"harmless edits ({names}):\n{result.output}"
