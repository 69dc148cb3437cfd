"""What a source's fields mean: the page its URL names (its canonical form), the Spark version of a
Spark doc URL, and the runtime range of `runtime_min` / `runtime_max`.

Two URLs name the same page when their canonical forms are equal. The canonical form drops what
does not change the page, for any host:

- the scheme and letter case (`HTTPS://Docs.Databricks.com/...`, `/Rocksdb-State-Store`): compared
  case-folded, as no two registered pages differ by case alone;
- the `#fragment` (a section of the page: pinpoints name it) and the `?query` (tracking, language);
- a trailing `/`, a trailing `.html` and a trailing `/index` or `/index.html`.

For docs.databricks.com also the legacy path forms of the same AWS page: before the cloud-prefixed
layout the AWS documentation lived at `/<path>.html` and `/en/<path>.html`, now at `/aws/en/<path>`
(Azure's pages live on learn.microsoft.com, so the unprefixed paths were AWS's). `/aws/<path>` without a
language is folded too. `/gcp/en/...` and `/azure/en/...` are other clouds' pages and stay distinct,
and so do the API reference (`/api/...`) and the release notes' own paths.

Spark's documentation is versioned in its path (`/docs/4.1.1/...`); `spark_doc_version` returns the
version, or the word that stands in its place (`latest`, `preview`; empty for `/docs/` itself) for an
unversioned page.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

DATABRICKS_DOCS = "docs.databricks.com"
SPARK_DOCS = "spark.apache.org"
# Leading path parts that name the AWS documentation's language or cloud, legacy forms included.
_DATABRICKS_AWS_PREFIX = re.compile(r"^/(?:aws/en|aws|en)(?=/)")
_SPARK_DOC_PATH = re.compile(r"^/docs/([^/]+)(?:/|$)")
SPARK_VERSION = re.compile(r"^\d+(?:\.\d+){1,2}$")


def canonical_url(url: str) -> str:
    """The page a URL names, as `host/path` case-folded: equal for two URLs of the same page."""
    parts = urlsplit((url or "").strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.lower()
    if host == DATABRICKS_DOCS:
        path = _DATABRICKS_AWS_PREFIX.sub("", path)
    for suffix in ("/index.html", "/index", ".html", "/"):
        path = path.removesuffix(suffix)
    return f"{host}{path}"


def spark_doc_version(url: str) -> str | None:
    """The version segment of a Spark documentation URL ('4.1.1', 'latest'); None for other URLs."""
    parts = urlsplit((url or "").strip())
    if (parts.hostname or "").lower().removeprefix("www.") != SPARK_DOCS:
        return None
    match = _SPARK_DOC_PATH.match(parts.path)
    if match:
        return match.group(1)
    return "" if parts.path.rstrip("/") == "/docs" else None


def is_versioned_spark_doc(url: str) -> bool:
    """False for a Spark documentation page whose path names no release (`/docs/latest/`, `/docs/preview/`)."""
    version = spark_doc_version(url)
    return version is None or bool(SPARK_VERSION.match(version))


Version = tuple[int, ...]
RUNTIME = re.compile(r"^(DBR|Spark) (\d+(?:\.\d+){0,2})$")


def parse_runtime(text: str | None) -> tuple[str, Version] | None:
    """'DBR 13.3' -> ('DBR', (13, 3)); 'any', empty or malformed (the need schema reports it) -> None."""
    match = RUNTIME.match(text or "")
    return (match.group(1), tuple(int(part) for part in match.group(2).split("."))) if match else None
