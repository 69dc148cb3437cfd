"""`claim-coverage` directive: one line in Source Mapping with the runbook's claim figures.

The figures are counted again from the runbook's parsed doctree when the page is written (the rule
runs only when something was re-read, and the environment is saved before it runs), so the line
always shows what claim_coverage.py checked (both count with claim_model.py).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx_needs.data import SphinxNeedsData

from .claim_model import figures, runbook_claims
from .claim_reviews import read_states
from .nodes import Filler, coverage_line, fill_placeholders


class ClaimCoverageDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        return [coverage_line()]


def coverage_sentence(counts: dict[str, int], suspect: int = 0) -> str:
    flagged = f" {suspect} awaiting a review (suspect, or never reviewed)." if suspect else ""
    return (
        f"Claim coverage: {counts['total']} claims (every text the page renders but the generated views: prose, "
        "headings, titles, header rows, code comments): "
        f"{counts['sourced']} sourced ({counts['sourced_in_needs']} in sourced recommendations, "
        f"{counts['sourced_inline']} cited inline), {counts['inference']} inference "
        f"({counts['inference_in_needs']} in inference recommendations, {counts['inference_inline']} marked inline), "
        f"{counts['reference']} bound to a recommendation they restate, {counts['spec']} bound to the spec "
        f"(identity table), {counts['descriptive']} descriptive (navigation only), "
        f"{counts['unaccounted']} without a basis." + flagged
    )


def fill_coverage_lines(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    def prepare() -> Filler:
        runbook = app.env.get_doctree(app.config.runbook_docname)
        counts = figures(runbook_claims(runbook, SphinxNeedsData(app.env).get_needs_view(), app.config))
        suspect = sum(1 for entry in read_states(app.outdir).values() if entry["state"] != "reviewed")
        sentence = coverage_sentence(counts, suspect)
        return lambda placeholder: nodes.paragraph("", sentence, classes=["claim-coverage"])

    fill_placeholders(doctree, coverage_line, prepare)
