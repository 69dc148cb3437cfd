"""The source register: consistent with itself, covering the deployed runtime.

(That sources live on the register page, and that a page's host, publisher and ID prefix agree, are
schema rules of needs_schema.json: `source-on-the-register`, `*-host-publisher`.)

- a Spark doc URL names a release (`/docs/4.1.1/`, not `/docs/latest/`), within the source's runtime range;
- no page is registered twice: URLs are compared in their canonical form (source_model.py: without
  fragment, query, trailing slash or `.html`, case-folded, Databricks' legacy `/en/` and unprefixed
  paths read as the `/aws/en/` page);
- a sourced recommendation only cites sources whose runtime range covers the runtime every target
  deploys (the spec's `spark_version`, and the Spark version that runtime is built on), unless the
  claim declares the newer runtime it is about (`runtime_condition`) and says so in its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bundle_spec import SpecError, job_cluster

from .context import CheckContext, Problem
from .source_model import (
    SPARK_VERSION,
    Version,
    canonical_url,
    is_versioned_spark_doc,
    parse_runtime,
    spark_doc_version,
)

SPEC_RUNTIME = re.compile(r"^(\d+)\.(\d+|x)")


def at_least(version: Version, bound: Version) -> bool:
    """version >= bound, comparing as many parts as the bound has; '18' is not known to be >= 18.3."""
    return version[: len(bound)] >= bound if len(version) >= len(bound) else version > bound[: len(version)]


def at_most(version: Version, bound: Version) -> bool:
    return version[: len(bound)] <= bound


def covers(source: dict, runtime: dict[str, Version]) -> bool:
    low, high = parse_runtime(source.get("runtime_min")), parse_runtime(source.get("runtime_max"))
    if low is None:
        return True
    product, minimum = low
    version = runtime[product]
    return at_least(version, minimum) and (high is None or at_most(version, high[1]))


def spec_runtimes(ctx: CheckContext) -> Iterator[tuple[str, str, dict[str, Version]] | Problem]:
    """(target, spark_version, {'DBR': ..., 'Spark': ...}) per target, or a problem naming what is unknown."""
    jobs = ctx.governed_jobs()
    for target in ctx.bundle.targets() if len(jobs) == 1 else []:
        cluster = job_cluster(ctx.bundle.resolved_job(jobs[0], target))
        spark_version = str(cluster.get("spark_version", ""))
        match = SPEC_RUNTIME.match(spark_version)
        spark = ctx.config.runbook_runtime_spark.get(match.group(1)) if match else None
        if spark is None:
            message = f"spec spark_version '{spark_version}' (target {target}) is not in the policy's runtime_spark"
            yield Problem("register", message)
            continue
        dbr = (int(match.group(1)),) + (() if match.group(2) == "x" else (int(match.group(2)),))
        yield target, spark_version, {"DBR": dbr, "Spark": tuple(int(part) for part in spark.split("."))}


def check(ctx: CheckContext) -> Iterator[Problem]:
    sources = {need_id: need for need_id, need in ctx.needs.items() if need["type"] == "src"}
    yield from url_problems(ctx, sources)
    try:
        runtimes = list(spec_runtimes(ctx))
    except SpecError:
        return  # the spec rule reports the unreadable file
    yield from (item for item in runtimes if isinstance(item, Problem))
    deployed = [item for item in runtimes if not isinstance(item, Problem)]
    for need_id, need in ctx.needs.items():
        if need["type"] == "rec" and need.get("basis") == "source":
            yield from coverage_problems(ctx, need_id, need, sources, deployed)


def url_problems(ctx: CheckContext, sources: dict) -> Iterator[Problem]:
    """Each source's URL: a versioned Spark page inside the source's range, and a page no other source has."""
    first_by_page: dict[str, tuple[str, str]] = {}
    for need_id, need in sorted(sources.items(), key=lambda item: (item[1]["docname"], item[1].get("lineno") or 0)):
        where, url = ctx.need_location(need_id), need.get("url") or ""
        if not is_versioned_spark_doc(url):
            message = (
                f"'{need_id}' URL is the unversioned Spark documentation ('/docs/{spark_doc_version(url)}'): "
                f"register the page of the release the source speaks for (/docs/<version>/...): {url}"
            )
            yield Problem("register", message, where)
        version = spark_doc_version(url) or ""
        if SPARK_VERSION.match(version) and not covers(need, {"Spark": tuple(int(p) for p in version.split("."))}):
            message = (
                f"'{need_id}' URL is the Spark {version} documentation, outside its range "
                f"{need.get('runtime_min')} - {need.get('runtime_max') or 'newer'}"
            )
            yield Problem("register", message, where)
        page = canonical_url(url)
        if page in first_by_page:
            first_id, first_url = first_by_page[page]
            same = "" if first_url == url else f" ({url} and {first_url} are the same page)"
            yield Problem("register", f"'{need_id}' repeats the URL of '{first_id}': {url}{same}", where)
        first_by_page.setdefault(page, (need_id, url))


def coverage_problems(ctx: CheckContext, need_id: str, need: dict, sources: dict, deployed: list) -> Iterator[Problem]:
    where = ctx.need_location(need_id)
    condition = parse_runtime(need.get("runtime_condition"))
    if condition and need["runtime_condition"].split(" ")[1] not in (need.get("content") or ""):
        yield Problem(
            "register",
            f"'{need_id}' declares runtime_condition {need['runtime_condition']} but its text does not state it",
            where,
        )
    for source_id in need.get("cites") or []:
        source = sources.get(source_id)
        low = parse_runtime((source or {}).get("runtime_min"))
        if source is None or (condition and low and condition[0] == low[0] and at_least(condition[1], low[1])):
            continue  # unknown sources are sphinx-needs' to report; a stated condition may rely on a newer page
        missed = [
            f"{spark_version} (target {target})"
            for target, spark_version, runtime in deployed
            if not covers(source, runtime)
        ]
        if missed:
            span = f"{source.get('runtime_min')} - {source.get('runtime_max') or 'newer'}"
            message = (
                f"'{need_id}' relies on '{source_id}' ({span}), which does not cover the spec's spark_version "
                f"{', '.join(missed)}; cite a source that covers it, or declare the claim's runtime_condition and "
                "state it in the text"
            )
            yield Problem("register", message, where)
