"""Spelling filters: skip code-like tokens (dotted names, snake_case) that prose never contains."""

import re

from enchant.tokenize import Filter


class CodeIdentifierFilter(Filter):
    """Skip dotted identifiers (pyspark.sql.streaming), snake_case, CamelCase and camelCase API names."""

    _pattern = re.compile(r"^(\w+(\.\w+)+|\w*_\w*|[A-Za-z][a-z]+([A-Z][a-z0-9]+)+)$")

    def _skip(self, word: str) -> bool:
        return bool(self._pattern.match(word))
