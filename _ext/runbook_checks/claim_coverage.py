"""Every text the runbook renders has a basis a reader can see.

The classifier (claim_model.py) reads every rendered text node: paragraphs, list items, definition-list
items, table rows (header rows too), headings and other titles, captions, recommendation titles, raw
HTML, comments in code blocks, and any other text a sweep finds; in Source Mapping only the generated
views are exempt. Each must be one of, in this order of precedence:
- inside a recommendation need: the need's basis (source or inference) holds for it, except raw HTML
  (no rule reads it) and an inference having a publisher say something without citing that publisher;
- visibly marked inference: it starts with strong text "Inference" (inference_marks.py); if it has a
  publisher say something ("Databricks advises ..."), it also cites a source of that publisher;
- sourced: it carries a `{cite}` of a source need (claim_marks.py);
- bound to a recommendation: it carries a `{need}` reference to one and restates it (enough of the
  need's title terms, or one of its settings: claim_text.restates); a reference it does not restate
  covers nothing;
- descriptive: it carries a `{descriptive}` mark and is navigation only (no figure or number word, no
  publisher, no advice, no setting key: claim_text.navigation_problem), or it is an index entry: nothing
  but links to sections of the page, each link's text the title of its section word for word;
- a heading, caption, term, header row or code comment that is navigation only (or, for a section title,
  one the policy fixes), or that restates a recommendation of its section (a code comment: of its step);
- bound to the spec: a row of the identity table, which spec_consistency.py compares cell by cell
  with the job as each target deploys it (it admits no row the spec does not define).
Anything else fails the build at its file:line with its first words and, where a mark or reference did
not cover it, why. The figures are written to `claim_coverage.json` next to the builder's output folder
and shown by the `claim-coverage` directive.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .claim_model import figures, first_words
from .context import CheckContext, Problem

FIGURES_FILE = "claim_coverage.json"


def check(ctx: CheckContext) -> Iterator[Problem]:
    found = ctx.claims
    for claim in found:
        if claim.kind == "unaccounted":
            why = f": {claim.reason}" if claim.reason else ""
            message = (
                f'claim without a basis: "{first_words(claim.text)}"{why}; cite its source ({{cite}}`SRC_...`), '
                "reference the recommendation it restates ({need}`REC_...`), start it with **Inference.**, "
                "or, for navigation text only, mark it {descriptive}`...`"
            )
            yield Problem("claim", message, (ctx.docname, claim.line))
    write_figures(Path(ctx.app.outdir).parent / FIGURES_FILE, ctx.docname, figures(found))


def write_figures(path: Path, docname: str, counts: dict[str, int]) -> None:
    text = json.dumps({"page": docname, **counts}, indent=2) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
