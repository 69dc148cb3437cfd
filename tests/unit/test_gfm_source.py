# ruff: noqa: E501
"""The GitHub-readable forms turn into the MyST the rules read, line for line (gfm_source.py)."""

from __future__ import annotations

import pytest
from runbook_checks.gfm_source import to_myst

GFM = """\
Deploy <span data-spec="workers">2</span> <span data-spec="node_type">c5.xlarge</span> workers, not <span data-notspec>200 partitions</span>.

  :::{rec} Keep two workers
  <div id="REC_WORKERS"><!--
  :basis: inference
  :pinpoints: SRC_A#top: --active-only; x --></div>

  **Inference.** It sustains <span data-bench="job_capacity:runbook.max_sustained_eps">20,000 events/s</span> at
  <span data-assumed="production_eps">50 events/s</span> ([REC_OTHER](#REC_OTHER), [EVD_SOAK](evidence.md#EVD_SOAK)).
  :::

```sql
SELECT '<span data-spec="workers">2</span>' -- [REC_OTHER](#REC_OTHER)
```

<!-- site-only
:::{source-matrix}
:view: sources
:::
-->
"""
MYST = """\
Deploy {spec}`workers=2` {spec}`node_type=c5.xlarge` workers, not {notspec}`200 partitions`.

  :::{rec} Keep two workers
  :id: REC_WORKERS
  :basis: inference
  :pinpoints: SRC_A#top: --active-only; x

  **Inference.** It sustains {bench}`20,000 events/s <job_capacity:runbook.max_sustained_eps>` at
  {assumed}`50 events/s <production_eps>` ({need}`REC_OTHER`, {need}`EVD_SOAK`).
  :::

```sql
SELECT '<span data-spec="workers">2</span>' -- [REC_OTHER](#REC_OTHER)
```


:::{source-matrix}
:view: sources
:::

"""


def test_every_form_turns_into_its_role_or_option_on_its_own_line() -> None:
    converted = to_myst(GFM)
    assert converted == MYST
    assert len(converted.split("\n")) == len(GFM.split("\n"))


@pytest.mark.parametrize(
    "text",
    [
        # fields never closed: the ID stays unconverted, so sphinx-needs reports a need without an ID
        ':::{rec} T\n<div id="REC_WORKERS"><!--\n:basis: inference\n\nBody.\n:::\n',
        # not right after a directive fence: plain HTML, left alone
        'Text.\n<div id="REC_WORKERS"><!--\n:basis: inference --></div>\n',
        # a link whose text is not its target is an ordinary link
        "See [the rule](#REC_WORKERS).\n",
    ],
)
def test_incomplete_or_other_forms_are_left_as_written(text: str) -> None:
    assert to_myst(text) == text
