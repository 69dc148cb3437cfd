"""prose_links.py: every external hyperlink on the pages names a registered page."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from runbook_checks import prose_links

from unit.fakes import context, document, para, source

REGISTERED = "https://docs.databricks.com/aws/en/structured-streaming/triggers"


def link(uri: str) -> nodes.reference:
    return nodes.reference("", uri, refuri=uri)


def page_with(*links: tuple[str, int]) -> nodes.document:
    doc = document()
    for uri, line in links:
        doc += para("See ", link(uri), ".", line=line)
    return doc


def check(tmp_path: Path, doc: nodes.document, text: str) -> list:
    (tmp_path / "runbook.md").write_text(text, encoding="utf-8")
    needs = {"SRC_TRIGGERS": source("SRC_TRIGGERS", REGISTERED)}
    return list(prose_links.check(context(needs, {"runbook": doc}, repo_root=tmp_path)))


def test_links_to_registered_pages_in_any_form_pass(tmp_path: Path) -> None:
    forms = [
        REGISTERED,
        REGISTERED + "#processing-time",
        REGISTERED + "/",
        "https://docs.databricks.com/en/structured-streaming/triggers.html",
    ]
    doc = page_with(*[(uri, n) for n, uri in enumerate(forms, start=1)], ("#section", 9), ("other.md", 10))
    doc += para(nodes.reference("", "internal", refuri="sources.html#SRC_TRIGGERS", internal=True), line=11)
    assert check(tmp_path, doc, "") == []


def test_unregistered_pages_fail_at_the_line_of_the_url(tmp_path: Path) -> None:
    unregistered = [
        "https://docs.databricks.com/aws/en/structured-streaming/stream-monitoring-metrics",
        "https://docs.databricks.com/gcp/en/structured-streaming/triggers",  # another cloud's page
        "https://spark.apache.org/docs/4.1.1/",
        "https://stackoverflow.com/questions/1",
    ]
    text = "\n".join(["# Runbook", "", "A paragraph that", f"links [a page]({unregistered[0]}) on its second line."])
    text += "\n\n" + "\n\n".join(f"See <{uri}>." for uri in unregistered[1:]) + "\n"
    doc = page_with((unregistered[0], 3), *[(uri, 6 + 2 * n) for n, uri in enumerate(unregistered[1:])])
    found = check(tmp_path, doc, text)
    assert [(p.subtype, p.location) for p in found] == [
        ("register", ("runbook", 4)),
        ("register", ("runbook", 6)),
        ("register", ("runbook", 8)),
        ("register", ("runbook", 10)),
    ]
    for problem, uri in zip(found, unregistered, strict=True):
        assert f"link to '{uri}', a page the source register does not hold" in problem.message
