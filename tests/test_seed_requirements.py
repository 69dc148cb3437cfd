"""The runbook's seed requirements, pinned here and nowhere else the build reads.

The build enforces the runbook policy (runbook_policy.toml) and the need schema (needs_schema.json); an
edit to the policy and the runbook together would pass it. This test holds the brief's own words, so
that edit still fails: it reads the committed files (the runbook, the source register, README), not the
policy, and names the culprit as `file:line`.

The seed:
- the runbook's path and its seven top-level sections, in order;
- the Photon Note opens with the two fixed sentences, in order, nothing before them, their settings
  in code formatting;
- the three required citations, each on its recommendations (the cited source's URL, as written);
- README's docs-index bullet for the runbook: its label and target.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# --- The seed, written out. Change it only when the brief changes. ---------------------------------
RUNBOOK = "docs/low-latency-streaming-cluster-config.md"
REGISTER = "docs/sources.md"
README = "README.md"
SECTIONS = [
    "Purpose and Scope",
    "Recommended Baseline Cluster Configuration",
    "Why This Configuration",
    "Photon Note",
    "Operations Checklist",
    "Tuning Playbook",
    "Source Mapping",
]
PHOTON_SENTENCES = [
    "For this environment/node choice we run `runtime_engine: STANDARD`.",
    "If switching to Photon-supported node families, reevaluate with `runtime_engine: PHOTON`.",
]
REQUIRED_CITATIONS = {
    "https://docs.databricks.com/aws/en/structured-streaming/stateful-streaming": [
        "REC_COMPUTE_OPTIMIZED_WORKERS",
        "REC_SHUFFLE_PARTITIONS",
        "REC_NO_DATA_MICRO_BATCHES",
        "REC_ROCKSDB_CHANGELOG",
    ],
    "https://docs.databricks.com/aws/en/structured-streaming/rocksdb-state-store": ["REC_ROCKSDB_CHANGELOG"],
    "https://spark.apache.org/docs/4.1.1/api/python/reference/pyspark.sql/api/pyspark.sql.streaming.DataStreamWriter.trigger.html": [  # noqa: E501
        "REC_TRIGGER_INTERVAL"
    ],
}
README_INDEX = "## Docs index"
README_BULLET = ("Cluster configuration runbook", "docs/low-latency-streaming-cluster-config.md")
# -----------------------------------------------------------------------------------------------------

FENCE = re.compile(r"^\s*(```|~~~)")
NEED_ID = re.compile(r'^\s*(?:<div id="(?P<div>[A-Z][A-Z0-9_]+)"><!--|:id: (?P<field>[A-Z][A-Z0-9_]+))\s*$')
FIELD = re.compile(r"^\s*:(?P<name>\w+):\s*(?P<value>.*?)\s*(?:--></div>)?\s*$")
LINK = re.compile(r"\[(?P<label>[^\]]+)\]\((?P<target>[^)\s]+)\)")


def outside_code(lines: list[str]) -> list[tuple[int, str]]:
    """(1-based line, text) of the lines outside fenced blocks (code, and backtick-fenced directives,
    which hold no top-level section either)."""
    kept, fenced = [], False
    for number, line in enumerate(lines, start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            kept.append((number, line))
    return kept


def section_findings(lines: list[str]) -> list[str]:
    headings = [(number, line[3:].strip()) for number, line in outside_code(lines) if line.startswith("## ")]
    titles = [title for _, title in headings]
    findings = [
        f"{RUNBOOK}:{number}: section '{title}' is not in the seed"
        for number, title in headings
        if title not in SECTIONS
    ]
    findings += [f"{RUNBOOK}: seed section '{title}' is missing" for title in SECTIONS if title not in titles]
    present = [(number, title) for number, title in headings if title in SECTIONS]
    for (number, title), expected in zip(present, [t for t in SECTIONS if t in titles], strict=True):
        if title != expected:
            findings.append(f"{RUNBOOK}:{number}: section '{title}' is out of order; the seed has '{expected}' here")
            break
    h1 = [number for number, line in outside_code(lines) if line.startswith("# ")]
    findings += [f"{RUNBOOK}:{number}: a second top-level title" for number in h1[1:]]
    return findings


def photon_findings(lines: list[str]) -> list[str]:
    heading = next((i for i, line in enumerate(lines) if line.strip() == "## Photon Note"), None)
    if heading is None:
        return [f"{RUNBOOK}: no '## Photon Note' section for the Photon sentences"]
    start = next(i for i in range(heading + 1, len(lines)) if lines[i].strip())
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    opening = " ".join(line.strip() for line in lines[start:end])
    expected = " ".join(PHOTON_SENTENCES)
    if opening.startswith(expected):
        return []
    opens = opening[: len(expected) + 20]
    return [f"{RUNBOOK}:{start + 1}: the Photon Note must open with {expected!r}; it opens with {opens!r}"]


def need_fields(lines: list[str]) -> dict[str, tuple[int, dict[str, str]]]:
    """need ID -> (line of its ID, {field: value}) for the needs of a page, in either source form."""
    needs: dict[str, tuple[int, dict[str, str]]] = {}
    for index, line in enumerate(lines):
        match = NEED_ID.match(line)
        if not match:
            continue
        fields: dict[str, str] = {}
        for following in lines[index + 1 :]:
            field = FIELD.match(following)
            if not following.strip() or not field:
                break
            fields[field["name"]] = field["value"]
            if following.rstrip().endswith("--></div>"):
                break
        needs[match["div"] or match["field"]] = (index + 1, fields)
    return needs


def citation_findings(runbook: list[str], register: list[str]) -> list[str]:
    needs = need_fields(runbook)
    urls = {need_id: fields.get("url", "") for need_id, (_, fields) in need_fields(register).items()}
    findings = []
    for url, recommendations in REQUIRED_CITATIONS.items():
        for need_id in recommendations:
            if need_id not in needs:
                findings.append(f"{RUNBOOK}: {need_id}, which must cite {url}, is not in the runbook")
                continue
            line, fields = needs[need_id]
            cited = [source.strip() for source in fields.get("cites", "").split(",") if source.strip()]
            if not any(urls.get(source) == url for source in cited):
                findings.append(
                    f"{RUNBOOK}:{line}: {need_id} must cite {url}; it cites {', '.join(cited) or 'nothing'}"
                )
    return findings


def readme_findings(lines: list[str]) -> list[str]:
    label, target = README_BULLET
    if README_INDEX not in [line.strip() for line in lines]:
        return [f"{README}: no '{README_INDEX}' section"]
    start = [line.strip() for line in lines].index(README_INDEX) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    bullets = [(i + 1, LINK.match(lines[i][2:])) for i in range(start, end) if lines[i].startswith("- ")]
    for number, link in bullets:
        if link and (link["label"] == label or link["target"] == target):
            if (link["label"], link["target"]) != README_BULLET:
                return [
                    f"{README}:{number}: the runbook's docs-index bullet must be [{label}]({target}); "
                    f"it is [{link['label']}]({link['target']})"
                ]
            return []
    return [f"{README}:{start}: the docs index has no bullet [{label}]({target})"]


def read(relative: str, root: Path = REPO) -> list[str]:
    return (root / relative).read_text(encoding="utf-8").split("\n")


def seed_findings(files: Callable[[str], list[str]]) -> list[str]:
    runbook = files(RUNBOOK)
    return (
        section_findings(runbook)
        + photon_findings(runbook)
        + citation_findings(runbook, files(REGISTER))
        + readme_findings(files(README))
    )


def test_the_repository_holds_the_seed() -> None:
    assert (REPO / RUNBOOK).is_file(), f"the runbook is no longer at {RUNBOOK}"
    assert seed_findings(read) == []


def test_the_policy_and_schema_still_require_the_seed() -> None:
    """The build's own copy of the seed may hold more, never less (an edit there alone is caught here)."""
    import json
    import tomllib

    policy = tomllib.loads((REPO / "runbook_policy.toml").read_text(encoding="utf-8"))
    assert policy["docname"] == Path(RUNBOOK).stem
    assert list(policy["sections"].values()) == SECTIONS
    assert [sentence.replace("`", "") for sentence in PHOTON_SENTENCES] == policy["photon_sentences"]
    schema = json.loads((REPO / "needs_schema.json").read_text(encoding="utf-8"))
    required: dict[str, set[str]] = {}
    for rule in schema["schemas"]:
        if rule["id"].startswith("required-citation-"):
            url = rule["validate"]["network"]["cites"]["contains"]["local"]["properties"]["url"]["const"]
            required.setdefault(url, set()).update(rule["select"]["properties"]["id"]["enum"])
    for url, recommendations in REQUIRED_CITATIONS.items():
        assert set(recommendations) <= required.get(url, set()), f"needs_schema.json no longer requires {url}"


# --- The pin fails on each edit that would get past a policy changed along with the runbook. ---------
def replace(relative: str, old: str, new: str) -> Callable[[dict[str, str]], None]:
    def mutate(texts: dict[str, str]) -> None:
        assert old in texts[relative], f"{old!r} not in {relative}"
        texts[relative] = texts[relative].replace(old, new, 1)

    return mutate


def swap(relative: str, first: str, second: str) -> Callable[[dict[str, str]], None]:
    marker = "\x00"
    return lambda texts: [
        replace(relative, first, marker)(texts),
        replace(relative, second, first)(texts),
        replace(relative, marker, second)(texts),
    ]


S1, S2 = PHOTON_SENTENCES
PHOTON_LINK = "([REC_PHOTON_STANDARD](#REC_PHOTON_STANDARD))"
ROCKSDB = "https://docs.databricks.com/aws/en/structured-streaming/rocksdb-state-store"
FAILURES = [
    # (name, edit, file whose line is named, text on that line after the edit, what the finding says)
    (
        "a seed section renamed",
        replace(RUNBOOK, "## Photon Note\n", "## Photon\n"),
        (RUNBOOK, "## Photon\n", "section 'Photon' is not in the seed"),
    ),
    (
        "two seed sections swapped",
        swap(RUNBOOK, "## Operations Checklist\n", "## Tuning Playbook\n"),
        (
            RUNBOOK,
            "## Tuning Playbook\n",
            "section 'Tuning Playbook' is out of order; the seed has 'Operations Checklist'",
        ),
    ),
    (
        "a section added between seed sections",
        replace(RUNBOOK, "## Photon Note\n", "## Costs\n\nText.\n\n## Photon Note\n"),
        (RUNBOOK, "## Costs\n", "section 'Costs' is not in the seed"),
    ),
    (
        "the Photon sentences reordered",
        replace(RUNBOOK, f"{S1}\n{S2}\n", f"{S2}\n{S1}\n"),
        (RUNBOOK, S2, "the Photon Note must open with"),
    ),
    (
        "the Photon sentences preceded by another sentence",
        replace(RUNBOOK, f"{S1}\n", f"Photon is off here. {S1}\n"),
        (RUNBOOK, "Photon is off here.", "the Photon Note must open with"),
    ),
    # Issue 18 item 7: more ways to reorder the Photon sentences or put something before them.
    (
        "the Photon sentences swapped on one line",
        replace(RUNBOOK, f"{S1}\n{S2}\n", f"{S2} {S1}\n"),
        (RUNBOOK, f"{S2} {S1}", "the Photon Note must open with"),
    ),
    (
        "the recommendation link moved between the two Photon sentences",
        replace(RUNBOOK, f"{S2}\n{PHOTON_LINK}\n", f"{PHOTON_LINK}\n{S2}\n"),
        (RUNBOOK, S1, "the Photon Note must open with"),
    ),
    (
        "the Photon sentences preceded by a paragraph of their own",
        replace(RUNBOOK, f"## Photon Note\n\n{S1}\n", f"## Photon Note\n\nPhoton is not used here.\n\n{S1}\n"),
        (RUNBOOK, "Photon is not used here.", "it opens with 'Photon is not used here.'"),
    ),
    (
        "the Photon sentences preceded by a bold label line",
        replace(RUNBOOK, f"## Photon Note\n\n{S1}\n", f"## Photon Note\n\n**Engine.**\n{S1}\n"),
        (RUNBOOK, "**Engine.**", "it opens with '**Engine.** For this environment"),
    ),
    (
        "the Photon sentences preceded by a subheading",
        replace(RUNBOOK, f"## Photon Note\n\n{S1}\n", f"## Photon Note\n\n### Engine choice\n\n{S1}\n"),
        (RUNBOOK, "### Engine choice", "it opens with '### Engine choice'"),
    ),
    (
        "the Photon sentences without their code formatting",
        replace(RUNBOOK, S1, S1.replace("`", "")),
        (RUNBOOK, S1.replace("`", ""), "the Photon Note must open with"),
    ),
    (
        "a Photon sentence changed",
        replace(RUNBOOK, S2, S2.replace("reevaluate", "consider")),
        (RUNBOOK, S1, "the Photon Note must open with"),
    ),
    (
        "the first Photon sentence reworded",
        replace(RUNBOOK, S1, S1.replace("we run", "we use")),
        (RUNBOOK, S1.replace("we run", "we use"), "the Photon Note must open with"),
    ),
    (
        "a required citation removed from a second recommendation, among others it keeps",
        replace(
            RUNBOOK,
            "  :cites: SRC_DBX_STATEFUL_STREAMING, SRC_SPARK_CONFIGURATION, SRC_SPARK_SS_ADDITIONAL_INFO\n",
            "  :cites: SRC_SPARK_CONFIGURATION, SRC_SPARK_SS_ADDITIONAL_INFO\n",
        ),
        (RUNBOOK, '<div id="REC_SHUFFLE_PARTITIONS">', "REC_SHUFFLE_PARTITIONS must cite"),
    ),
    (
        "a required citation removed from its recommendation",
        replace(RUNBOOK, ":cites: SRC_DBX_STATEFUL_STREAMING\n", ":cites: SRC_DBX_PHOTON\n"),
        (RUNBOOK, '<div id="REC_COMPUTE_OPTIMIZED_WORKERS">', "REC_COMPUTE_OPTIMIZED_WORKERS must cite"),
    ),
    (
        "a required source's URL changed in the register",
        replace(REGISTER, f":url: {ROCKSDB}\n", f":url: {ROCKSDB}-v2\n"),
        (RUNBOOK, '<div id="REC_ROCKSDB_CHANGELOG">', f"REC_ROCKSDB_CHANGELOG must cite {ROCKSDB}"),
    ),
    (
        "a recommendation with a required citation renamed",
        replace(RUNBOOK, '<div id="REC_TRIGGER_INTERVAL">', '<div id="REC_TRIGGER_CHOICE">'),
        (RUNBOOK, None, "REC_TRIGGER_INTERVAL, which must cite https://spark.apache.org/docs/4.1.1/api/python/"),
    ),
    (
        "the README bullet relabelled",
        replace(
            README,
            "- [Cluster configuration runbook](",
            "- [Runbook](",
        ),
        (
            README,
            "- [Runbook](",
            "must be [Cluster configuration runbook](docs/low-latency-streaming-cluster-config.md)",
        ),
    ),
    (
        "the README bullet pointed elsewhere",
        replace(
            README,
            "- [Cluster configuration runbook](docs/low-latency-streaming-cluster-config.md)",
            "- [Cluster configuration runbook](docs/index.md)",
        ),
        (
            README,
            "- [Cluster configuration runbook](docs/index.md)",
            "it is [Cluster configuration runbook](docs/index.md)",
        ),
    ),
    (
        "the README bullet relabelled while another bullet links the runbook",
        replace(
            README,
            "- [Cluster configuration runbook](docs/low-latency-streaming-cluster-config.md)",
            "- [Operations](docs/low-latency-streaming-cluster-config.md)",
        ),
        (README, "- [Operations](", "it is [Operations](docs/low-latency-streaming-cluster-config.md)"),
    ),
]


@pytest.mark.parametrize(("name", "mutate", "expected"), FAILURES, ids=[case[0] for case in FAILURES])
def test_the_pin_fails_naming_the_culprit(name: str, mutate: Callable, expected: tuple) -> None:
    texts = {relative: (REPO / relative).read_text(encoding="utf-8") for relative in (RUNBOOK, REGISTER, README)}
    mutate(texts)
    findings = seed_findings(lambda relative: texts[relative].split("\n"))
    relative, needle, says = expected
    if needle is None:
        where = f"{relative}:"
    else:
        number = next(i for i, line in enumerate(texts[relative].split("\n"), start=1) if needle.rstrip("\n") in line)
        where = f"{relative}:{number}:"
    assert [finding for finding in findings if finding.startswith(where) and says in finding], findings


HARMLESS = [
    ("the Photon Note's third sentence reworded", replace(RUNBOOK, f"{S2}\n", f"{S2} Ask the platform team first.\n")),
    (
        "another docs-index bullet relabelled",
        replace(README, "- [Evidence](docs/evidence.md)", "- [Benchmarks](docs/evidence.md)"),
    ),
    (
        "a required recommendation citing one more source",
        replace(
            RUNBOOK, ":cites: SRC_DBX_STATEFUL_STREAMING\n", ":cites: SRC_DBX_STATEFUL_STREAMING, SRC_DBX_PHOTON\n"
        ),
    ),
]


@pytest.mark.parametrize(("name", "mutate"), HARMLESS, ids=[case[0] for case in HARMLESS])
def test_the_pin_lets_harmless_edits_pass(name: str, mutate: Callable) -> None:
    texts = {relative: (REPO / relative).read_text(encoding="utf-8") for relative in (RUNBOOK, REGISTER, README)}
    mutate(texts)
    assert seed_findings(lambda relative: texts[relative].split("\n")) == []
