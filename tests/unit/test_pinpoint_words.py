"""pinpoint_words.py: a sourced recommendation's wording tied to its pinpoints (issue 18, items 5 and 8)."""

from __future__ import annotations

import pytest
from docutils import nodes
from runbook_checks.model import need_pinpoints
from runbook_checks.nodes import not_spec, spec_value
from runbook_checks.pinpoint_words import (
    BOUND,
    Part,
    Pinned,
    Wording,
    copies,
    figure_line,
    figures,
    is_key,
    need_findings,
    normalised,
    paragraph_part,
    pinpoint_line,
    says,
    visible_source,
)

from unit.fakes import config

WORDING = Wording.of(config().runbook_pinpoint_wording, config().runbook_figures["number_words"])

TITLE = "Size shuffle partitions at 1-2x the cluster's cores"
PINS = "SRC_A#partitions: 1-2 times; shuffle partitions | SRC_B#changelog: changelogCheckpointing.enabled; 13.3 LTS"
BODY = (
    "Page A advises setting the shuffle partitions to one to two times the cluster's cores, and page B "
    "`changelogCheckpointing.enabled` from Databricks Runtime 13.3 LTS; a new one starts on one cluster."
)


def findings(body: str = BODY, pins: str = PINS, title: str = TITLE, basis: str = "source") -> list[str]:
    parts = [Part(title, title), Part(body, body, 10)]
    pinned = need_pinpoints({"pinpoints": pins})
    return [found.message for found in need_findings("REC_X", basis, pinned, parts, WORDING)]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("1-2 times", "one to two times"),
        ("1-2x", "1 to 2 times"),
        ("1--2 times", "1-2 times"),
        ("1\u20132\u00d7", "one-to-two times"),
        ("Compute-optimized Instances", "compute optimized instance"),
        ("10-minute average", "10 minute averages"),
        ("the cluster\u2019s queries", "the cluster's query"),
        ("20,000 events", "20000 event"),
        ("twenty workers", "20 worker"),
    ],
)
def test_the_normaliser_reads_each_form_alike(one: str, other: str) -> None:
    assert normalised(one, WORDING) == normalised(other, WORDING)


@pytest.mark.parametrize(
    ("one", "other"),
    [("one to two times", "two to four times"), ("Runtime 18.3", "Runtime 18.4"), ("Spark 4.1", "Spark 4.1.0")],
)
def test_the_normaliser_keeps_figures_apart(one: str, other: str) -> None:
    assert normalised(one, WORDING) != normalised(other, WORDING)


def test_keys_compare_exactly_and_words_as_whole_words() -> None:
    assert [is_key(t) for t in ("spark.sql.shuffle.partitions", "--job-id", "list-runs", "txnAppId")] == [True] * 4
    assert [is_key(t) for t in ("shuffle partitions", "VACUUM", "13.3 LTS", "1-2")] == [False] * 4
    assert says("set `spark.sql.shuffle.partitions` first", "spark.sql.shuffle.partitions", WORDING)
    assert not says("set the spark sql shuffle partitions", "spark.sql.shuffle.partitions", WORDING)
    assert not says("the txnappid option", "txnAppId", WORDING)
    assert says("the Streaming tab", "streaming tabs", WORDING)
    assert not says("a minimum", "min", WORDING)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one to two times the cores", ["1 to 2"]),
        ("at 1-2x the cores", ["1 to 2"]),
        ("a new one starts on one cluster", []),  # 'one' as a pronoun or article
        ("one times the cores", ["1"]),
        ("the two pages disagree", ["2"]),
        ("Runtime 18.3 or Spark 4.1.", ["18.3", "4.1"]),
        ("c5.xlarge and REC_RUNTIME_18 and scala2.13", []),  # digits in names
        ("20,000 events/s over a 10-minute average", ["20000", "10"]),
    ],
)
def test_figures_a_text_states(text: str, expected: list[str]) -> None:
    assert [figure.value for figure in figures(text, WORDING)] == expected


def test_a_need_whose_words_hold_its_pinpoints_passes() -> None:
    assert findings() == []


def test_harmless_a_reflow() -> None:
    reflowed = BODY.replace(" the shuffle partitions to one to two", " the shuffle\npartitions to one to\ntwo")
    assert findings(reflowed) == []


def test_harmless_a_range_in_digits_written_in_words() -> None:
    assert findings(BODY, title=TITLE.replace("1-2x", "one to two times")) == []
    assert findings(BODY.replace("one to two times", "1-2x")) == []


def test_attack_a_range_changed_to_two_to_four_times() -> None:
    found = findings(BODY.replace("one to two times", "two to four times"))
    assert len(found) == 1 and found[0].startswith("'REC_X' states 'two to four' (2 to 4), a figure none"), found
    assert "(SRC_A#partitions, SRC_B#changelog: 1 to 2, 13.3)" in found[0]


def test_attack_a_changed_version() -> None:
    found = findings(BODY.replace("Runtime 13.3 LTS", "Runtime 13.4 LTS"))
    assert any("states '13.4' (13.4)" in message for message in found), found
    assert any("key term '13.3 LTS' is not in the recommendation's text ('13.3 lts')" in m for m in found), found


def test_attack_two_recommendations_pinpoints_swapped() -> None:
    """REC_X (partitions) with REC_Y's pinpoint: neither term of the other's section is in its words."""
    swapped = "SRC_A#retention: VACUUM; 30 days"
    found = findings(pins=swapped + " | SRC_B#changelog: changelogCheckpointing.enabled; 13.3 LTS")
    assert any("pinpoint SRC_A#retention: key term 'VACUUM' is not in" in message for message in found), found
    assert any("pinpoint SRC_A#retention: key term '30 days' is not in" in message for message in found), found
    assert any("states 'one to two' (1 to 2)" in message for message in found), found


def test_attack_databricks_as_a_key_term() -> None:
    found = findings(pins=PINS.replace("; shuffle partitions", "; Databricks"))
    assert any("key term 'Databricks' is too generic" in message for message in found), found


def test_a_term_shorter_than_three_characters_is_refused() -> None:
    found = findings(pins=PINS + " | SRC_A#partitions: ms")
    assert any("key term 'ms' is shorter than 3 characters" in message for message in found), found


def test_an_inference_need_gets_the_stop_list_only() -> None:
    assert findings("Our own reasoning, four times over.", pins=PINS, basis="inference") == []
    found = findings("Our own reasoning.", pins="SRC_A#top: Spark", basis="inference")
    assert len(found) == 1 and "key term 'Spark' is too generic" in found[0], found


def test_attack_a_copied_recommendation_reusing_a_pinpoint() -> None:
    pin = need_pinpoints({"pinpoints": "SRC_A#partitions: 1-2 times; shuffle partitions"})[0]
    same = need_pinpoints({"pinpoints": "SRC_A#partitions: Shuffle partitions; one to two times"})[0]
    other = need_pinpoints({"pinpoints": "SRC_A#partitions: 1-2 times"})[0]
    pinned = [Pinned("REC_X", *pin), Pinned("REC_Y", *other), Pinned("REC_Z", *same)]
    assert [(first.need_id, copy.need_id) for first, copy in copies(pinned, WORDING)] == [("REC_X", "REC_Z")]


def test_a_figure_in_the_title_is_checked_too() -> None:
    found = findings(title="Size shuffle partitions at 2-4x the cluster's cores")
    assert any("states '2-4' (2 to 4)" in message for message in found), found


def test_bound_figures_count_and_a_notspec_figure_does_not() -> None:
    paragraph = nodes.paragraph(
        "",
        "",
        nodes.Text("Here "),
        spec_value("", "", nodes.Text("2"), key="workers", written="2"),
        nodes.Text(" workers run "),
        nodes.inline("", "50 events/s", classes=["assumed-figure"]),
        nodes.Text(" on "),
        not_spec("", "Spark 3.5", classes=["not-spec"]),
        nodes.Text("."),
    )
    paragraph.line = 4
    part = paragraph_part(paragraph)
    assert part.text == "Here 2 workers run 50 events/s on Spark 3.5."
    assert part.unbound == f"Here {BOUND} workers run {BOUND} on Spark 3.5."
    found = [f.message for f in need_findings("REC_X", "source", need_pinpoints({"pinpoints": PINS}), [part], WORDING)]
    assert [message.split(",")[0] for message in found if "states" in message] == ["'REC_X' states '3.5' (3.5)"]


SOURCE = """\
:::{rec} Title
<div id="REC_X"><!--
:basis: source
:cites: SRC_A
:pinpoints: SRC_A#partitions: 1-2 times --></div>

Here <span data-spec="workers">2</span> workers with <span data-notspec>2 local
cores</span> give 2 cores per worker, [REC_RUNTIME_2](#REC_RUNTIME_2), and
the range is two to four times.
:::"""


def test_a_pinpoint_finding_names_the_pinpoint_line() -> None:
    lines = SOURCE.split("\n")
    assert pinpoint_line(lines, 1, "SRC_A#partitions: 1-2 times") == 5


def test_a_figure_finding_names_the_line_the_figure_is_written_on() -> None:
    """The third '2' the paragraph states itself is on its second line: the bound '2' and the need link's
    '2' do not count, the notspec '2' does."""
    lines = SOURCE.split("\n")
    text = "Here 2 workers with 2 local\ncores give 2 cores per worker, , and\nthe range is two to four times."
    unbound = text.replace("Here 2", f"Here {BOUND}", 1)
    part = Part(text, unbound, 7)
    stated = figures(unbound, WORDING)
    assert [figure.value for figure in stated] == ["2", "2", "2 to 4"]
    assert [figure_line(lines, part, figure) for figure in stated] == [7, 8, 9]
    shown = visible_source('Here <span data-spec="workers">2</span> see [REC_RUNTIME_2](#REC_RUNTIME_2).')
    assert shown.split() == ["Here", "see", "."]
