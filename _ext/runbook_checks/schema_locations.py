"""Give sphinx-needs' schema findings the `file:line` of the need they name.

sphinx-needs 9.1 logs each schema violation ("Need 'SRC_X' has schema violations: ...") without a
location, so the reader would have to search for the need. A logging filter on the schema module's
logger looks the named need up and sets the location Sphinx prints as `docs/sources.md:12:`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from sphinx.application import Sphinx
from sphinx_needs.data import SphinxNeedsData

SCHEMA_LOGGER = "sphinx.sphinx_needs.schema.process"
NAMED_NEED = re.compile(r"^Need '(?P<id>[^']+)' has schema")

Locate = Callable[[str], tuple[str, int] | None]


def need_named(message: str) -> str | None:
    """The need ID a schema finding's first line names, if it names one."""
    match = NAMED_NEED.match(message)
    return match.group("id") if match else None


class NeedLocation(logging.Filter):
    """Sets `record.location` to (docname, line) of the need the finding names; passes every record."""

    def __init__(self, locate: Locate):
        super().__init__()
        self.locate = locate

    def filter(self, record: logging.LogRecord) -> bool:
        need_id = need_named(str(record.msg))
        if need_id and getattr(record, "location", None) is None:
            record.location = self.locate(need_id)
        return True


def install(app: Sphinx) -> None:
    """builder-inited: attach the filter (once per logger) for this app's needs."""

    def locate(need_id: str) -> tuple[str, int] | None:
        need = SphinxNeedsData(app.env).get_needs_view().get(need_id)
        if need is None or not need.get("docname"):
            return None
        return (str(need["docname"]), int(need.get("lineno") or 0))

    logger = logging.getLogger(SCHEMA_LOGGER)
    for old in [f for f in logger.filters if isinstance(f, NeedLocation)]:
        logger.removeFilter(old)
    logger.addFilter(NeedLocation(locate))
