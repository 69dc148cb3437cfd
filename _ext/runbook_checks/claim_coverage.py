"""Every claim of the runbook has a basis a reader can see.

A claim is a paragraph, a list item or a table body row, in every section but the exempt ones
(Source Mapping: generated). Each must be one of, in this order of precedence:
- inside a recommendation need: the need's basis (source or inference) holds for it;
- visibly marked inference: it starts with strong text "Inference" (inference_marks.py);
- sourced: it carries a `{cite}` of a source need (claim_marks.py);
- bound to a recommendation: it carries a `{need}` reference to one;
- descriptive: it carries a `{descriptive}` mark (navigation text, not advice), or it is an index
  entry: nothing but links to sections of the page, each link's text the title of its section word
  for word (the entry says no more than a heading does);
- bound to the spec: a row of the identity table, which spec_consistency.py compares cell by cell
  with the job as each target deploys it (it admits no row the spec does not define).
Anything else fails the build at its file:line with its first words. The classifier is claim_model.py;
the figures are written to `claim_coverage.json` next to the builder's output folder and shown by the
`claim-coverage` directive.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .claim_model import figures, first_words, runbook_claims
from .context import CheckContext, Problem

FIGURES_FILE = "claim_coverage.json"


def check(ctx: CheckContext) -> Iterator[Problem]:
    found = runbook_claims(ctx.runbook, ctx.needs, ctx.config)
    for claim in found:
        if claim.kind == "unaccounted":
            message = (
                f'claim without a basis: "{first_words(claim.text)}": cite its source ({{cite}}`SRC_...`), '
                "reference the recommendation it applies ({need}`REC_...`), start it with **Inference.**, "
                "or, for navigation text only, mark it {descriptive}`...`"
            )
            yield Problem("claim", message, (ctx.docname, claim.line))
    write_figures(Path(ctx.app.outdir).parent / FIGURES_FILE, ctx.docname, figures(found))


def write_figures(path: Path, docname: str, counts: dict[str, int]) -> None:
    text = json.dumps({"page": docname, **counts}, indent=2) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
