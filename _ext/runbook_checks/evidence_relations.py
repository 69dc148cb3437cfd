"""Arithmetic over named figures: the relations evidence needs rest on, and the quotes on the page.

A relation is `side OP side` with OP one of <= >= < >; a side is numbers and figure names joined by
`*` and `/`, read left to right: `runbook.trigger_ms.p50.max * threshold.x <= spark-defaults.trigger_ms.p50.min`.
Nothing else is evaluated, so a relation can never run code. The build refuses a number typed in a
relation (`literals`): a relation's threshold is declared once, in the runbook policy's
`[evidence_thresholds]`, and named `threshold.<name>`.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Mapping

COMPARE = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt}
TOKEN = re.compile(r"\s*(?:(?P<number>\d+(?:\.\d+)?)(?![\w.-])|(?P<name>[A-Za-z][\w.-]*)|(?P<op>[*/]))")


class RelationError(Exception):
    """A relation or expression that does not parse, or names a figure the results lack."""


def names(expression: str) -> list[str]:
    return [m["name"] for m in TOKEN.finditer(expression) if m["name"]]


def literals(expression: str) -> list[str]:
    """The numbers typed in an expression or relation (`a * 5 <= b` -> ['5'])."""
    return [m["number"] for m in TOKEN.finditer(expression) if m["number"]]


def is_relation(expression: str) -> bool:
    return any(op in expression for op in COMPARE)


def evaluate(expression: str, figures: Mapping[str, float]) -> float:
    """Value of `a * b / c ...` over numbers and figure names."""
    position, value, pending = 0, None, "*"
    text = expression.strip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if not match or match.end() == position:
            raise RelationError(f"cannot read '{text[position:].strip()}' in '{expression}'")
        position = match.end()
        if match["op"]:
            if pending:
                raise RelationError(f"two operators in a row in '{expression}'")
            pending = match["op"]
            continue
        if not pending:
            raise RelationError(f"missing '*' or '/' in '{expression}'")
        if match["name"] and match["name"] not in figures:
            raise RelationError(f"no figure '{match['name']}' in the results")
        operand = float(match["number"]) if match["number"] else float(figures[match["name"]])
        value = operand if value is None else value * operand if pending == "*" else value / operand
        pending = None
    if value is None or pending:
        raise RelationError(f"incomplete expression '{expression}'")
    return value


def holds(relation: str, figures: Mapping[str, float]) -> tuple[bool, str]:
    """(whether the relation holds, the relation with its figures' values, for the message)."""
    match = re.fullmatch(r"(.+?)\s*(<=|>=|<|>)\s*(.+)", relation.strip())
    if not match:
        raise RelationError(f"'{relation}' is not 'expression <=|>=|<|> expression'")
    left, op, right = match.groups()
    left_value, right_value = evaluate(left, figures), evaluate(right, figures)
    return COMPARE[op](left_value, right_value), f"{left_value:g} {op} {right_value:g}"
