"""Issue 16: the committed pages read as a runbook where reviewers read them, in GitHub's rendering.

Each page is rendered as GitHub Flavored Markdown (tests/gfm_view.py says what counts as prose, code
and markup) and must show: at most 5% of its prose as code, every need title as text, at most 5%
markup in the visible text, and no benchmark, assumed or spec figure as its key. Prose counts over
the whole page, Source Mapping included; real code blocks (SQL, shell, YAML) are not prose.
"""

from __future__ import annotations

import pytest
from docs_project import REPO_ROOT, RUNBOOK
from gfm_view import figure_keys, figures, hidden_titles, markup, pieces

PAGES = [RUNBOOK, "docs/evidence.md"]
LIMIT = 0.05


def check_page(name: str, text: str) -> list[str]:
    """Every way the page falls short of the issue's bar, each naming its culprit at file:line."""
    shown = pieces(text)
    found = figures(text)
    problems = []
    if found.prose_as_code_share > LIMIT:
        culprits = [f"{name}:{p.line}: {p.text.strip()[:60]!r}" for p in shown if p.kind == "prose-as-code"]
        share = f"{found.prose_as_code_share:.1%}"
        problems.append(f"{share} of the prose shows as code (limit {LIMIT:.0%}): " + "; ".join(culprits[:5]))
    for line, title in hidden_titles(text, shown):
        problems.append(f"{name}:{line}: need title not visible on GitHub: {title!r}")
    if found.markup_share > LIMIT:
        culprits = [f"{name}:{piece.line}: {shown_markup!r}" for piece, shown_markup in markup(shown)]
        problems.append(
            f"{found.markup_share:.1%} of the visible text is markup (limit {LIMIT:.0%}): " + "; ".join(culprits[:5])
        )
    for piece, key in figure_keys(shown):
        problems.append(f"{name}:{piece.line}: a figure shows as its key {key!r}: {piece.text.strip()[:80]!r}")
    return problems


@pytest.mark.parametrize("page", PAGES)
def test_page_reads_as_a_runbook_on_github(page: str) -> None:
    text = (REPO_ROOT / page).read_text(encoding="utf-8")
    found = figures(text)
    print(f"\n{page} rendered as GFM:\n  " + "\n  ".join(found.lines()))
    assert found.titles > 0, f"{page}: no need titles found"
    assert check_page(page, text) == []


# Each way back to the old MyST forms must fail the check, naming its line.
NEED = """\
:::{rec} Keep two workers
<div id="REC_WORKERS"><!--
:basis: inference
:cites: SRC_A --></div>

**Inference.** Deploy <span data-spec="workers">2</span> workers, sustaining
<span data-bench="job_capacity:runbook.max_sustained_eps">20,000 events/s</span> ([REC_OTHER](#REC_OTHER)).
The input is tiny and every partition adds state stores, so the cluster stays small until the scale
rule calls for more; a restart picks up the settings, and the progress table shows whether the batches
keep up with the input. Read the first deploy's figures before treating a slow batch as an incident.
:::
"""
BROKEN = {
    "a backtick need fence": (
        NEED.replace(":::{rec}", "```{rec}").replace("\n:::\n", "\n```\n"),
        ["1: need title not visible on GitHub: 'Keep two workers'", "% of the prose shows as code"],
    ),
    "field lines left visible": (
        NEED.replace('<div id="REC_WORKERS"><!--', ":id: REC_WORKERS").replace(" --></div>", ""),
        ["% of the visible text is markup", ":2: ':id: REC_WORKERS'"],
    ),
    "a {spec} role": (
        NEED.replace('<span data-spec="workers">2</span>', "{spec}`workers=2`"),
        ["6: a figure shows as its key 'workers='", "6: a figure shows as its key '{spec}'"],
    ),
    "a {bench} role": (
        NEED.replace(
            '<span data-bench="job_capacity:runbook.max_sustained_eps">20,000 events/s</span>',
            "{bench}`job_capacity:runbook.max_sustained_eps`",
        ),
        ["7: a figure shows as its key 'job_capacity:runbook.max_sustained_eps'"],
    ),
    "an {assumed} role": (
        NEED.replace("([REC_OTHER](#REC_OTHER))", "at {assumed}`production_eps`"),
        ["7: a figure shows as its key '{assumed}'"],
    ),
}


def test_the_committed_form_passes() -> None:
    assert check_page("page.md", NEED * 40) == []


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_old_forms_fail_naming_their_line(case: str) -> None:
    text, expected = BROKEN[case]
    problems = "\n".join(check_page("page.md", text * 40))  # 40 needs: enough text for the shares to bite
    for fragment in expected:
        assert fragment in problems, f"{case}: expected {fragment!r} in:\n{problems}"
