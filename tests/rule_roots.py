"""Small in-process Sphinx projects for the build rules: `tests/roots/test-<subtype>/`.

Each root is a conf.py (MyST, sphinx-needs with the project's own need model, our extension running
only the rule under test) and a few lines of MyST. A test copies the root, writes the page it needs,
builds it in-process with `sphinx.testing`'s `make_app` (no HTML writing: the `dummy` builder) and
reads the warnings as (subtype, file:line, message).
"""

from __future__ import annotations

import re
import runpy
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from docs_project import REPO_ROOT
from runbook_checks.text_lines import line_of as find_line

ROOTS = Path(__file__).parent / "roots"
# What the roots take from the project's conf.py: MyST as the runbook uses it. The need model and the
# runbook policy are the project's own files, which a root's conf.py may override setting by setting.
FROM_CONF = ("myst_enable_extensions", "myst_heading_anchors")
# One reported problem: "[path:line: ]WARNING|ERROR: message [type.subtype]"; sphinx-needs' schema
# violations run over several lines, the type closing the last.
HEADER = re.compile(r"^(?:(?P<path>\S*?):(?P<line>\d+)?:? )?(?:WARNING|ERROR): (?P<message>.*)$")
TYPE = re.compile(r"\s\[(?P<type>[\w.-]+)\]$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@cache
def project_conf() -> dict[str, Any]:
    values = runpy.run_path(str(REPO_ROOT / "conf.py"))
    return {
        **{key: values[key] for key in FROM_CONF},
        "needs_from_toml": str(REPO_ROOT / values["needs_from_toml"]),
        "runbook_policy": str(REPO_ROOT / values["runbook_policy"]),
    }


def root_conf(conf_file: str, rules: Iterable[str], **extra: Any) -> dict[str, Any]:
    """A root's whole configuration: `globals().update(root_conf(__file__, ["rule_module"]))`."""
    return {
        **project_conf(),
        "extensions": ["myst_parser", "sphinx_needs", "runbook_checks"],
        "root_doc": "runbook",
        "exclude_patterns": ["_build"],
        "suppress_warnings": ["toc.not_included"],
        "runbook_repo_root": str(Path(conf_file).parent),
        "runbook_docname": "runbook",
        "runbook_rules": list(rules),
        **extra,
    }


@dataclass(frozen=True)
class Warned:
    type: str  # "runbook.pinpoint", "needs.link_target_type", ...
    where: str  # "runbook.md:12", relative to the root
    message: str


def parse_warnings(output: str, srcdir: Path) -> list[Warned]:
    entries: list[list[str]] = []  # [where, message]
    for line in ANSI.sub("", output).splitlines():
        match = HEADER.match(line)
        if match:
            path = (match["path"] or "").replace(str(srcdir) + "/", "")
            entries.append([f"{path}:{match['line']}" if match["line"] else path, match["message"]])
        elif entries:
            entries[-1][1] += "\n" + line
    found = []
    for where, message in entries:
        kind = TYPE.search(message)
        found.append(Warned(kind["type"] if kind else "", where, message[: kind.start()] if kind else message))
    return found


@dataclass
class Built:
    srcdir: Path
    warnings: list[Warned]

    def expect(self, type_: str, where: str | None, *fragments: str) -> Warned:
        """The one warning of this type at this file:line (None: any place) whose message holds every fragment."""
        for warned in self.warnings:
            placed = where is None or warned.where == where
            if warned.type == type_ and placed and all(fragment in warned.message for fragment in fragments):
                return warned
        listed = "\n".join(f"  [{w.type}] {w.where}: {w.message}" for w in self.warnings) or "  (none)"
        raise AssertionError(f"no [{type_}] warning at {where} with {fragments}; warnings:\n{listed}")

    def of_type(self, prefix: str) -> list[Warned]:
        return [warned for warned in self.warnings if warned.type.startswith(prefix)]


def build_root(
    make_app: Callable[..., Any], tmp_path: Path, root: str, files: dict[str, str] | None = None, **conf: Any
) -> Built:
    """Copy `tests/roots/test-<root>`, write `files` (path -> text) over it, build it in-process."""
    srcdir = tmp_path / root
    shutil.copytree(ROOTS / f"test-{root}", srcdir)
    for relative, text in (files or {}).items():
        (srcdir / relative).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / relative).write_text(text, encoding="utf-8")
    app = make_app("dummy", srcdir=srcdir, confoverrides=conf, freshenv=True)
    app.build()
    return Built(srcdir, parse_warnings(app.warning.getvalue(), srcdir))


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line of `text` holding `needle`."""
    number = find_line(text.split("\n"), needle)
    assert number is not None, f"{needle!r} is in no line"
    return number
