"""One finding, one warning: rules that check each bundle target report a finding per target; where the
targets agree (the same subtype, place and words but for the target's name), the build says it once,
naming every target it holds for."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .context import Problem

# The forms in which the rules name a target: "(target dev)" and "for target dev".
TARGET = re.compile(r"(?P<lead>\(target |for target )(?P<name>[A-Za-z0-9_-]+)")


def merged(problems: Iterable[Problem]) -> list[Problem]:
    """The problems in their first order, those that differ only in their target named once each."""
    groups: dict[tuple, tuple[Problem, list[str]]] = {}
    for problem in problems:
        named = [match["name"] for match in TARGET.finditer(problem.message)]
        shape = TARGET.sub(lambda match: match["lead"] + "*", problem.message)
        key = (problem.subtype, problem.location, shape if len(named) == 1 else problem.message)
        first, targets = groups.setdefault(key, (problem, []))
        targets.extend(name for name in named if name not in targets)
    out = []
    for first, targets in groups.values():
        if len(targets) > 1:
            match = TARGET.search(first.message)
            lead = "(targets " if match["lead"] == "(target " else "for targets "
            message = first.message[: match.start()] + lead + ", ".join(targets) + first.message[match.end() :]
            first = Problem(first.subtype, message, first.location)
        out.append(first)
    return out
