"""Files outside docs/ that the build checks the pages against: each page notes them as dependencies, so
an incremental build re-reads the pages, and so runs the rules again, when one of them changes.

Sphinx marks a document outdated when a file it noted (`env.note_dependency`) is newer than the
document's last read; without this an edit to the spec, README, the key snapshot or a result file
leaves every page current and the next incremental build passes without looking.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bundle_spec import SpecError, load_bundle

from .evidence_results import RESULTS_FOLDER


def governed_files(config: Any, extension_folder: Path) -> list[Path]:
    """The bundle spec and its resource files, README, the Spark key snapshot, the result files, the review
    record, the source lock."""
    root = Path(config.runbook_repo_root)
    files = [root / config.runbook_bundle_file, root / config.runbook_readme_file]
    try:
        bundle = load_bundle(root, config.runbook_bundle_file)
        files += [root / path for path in bundle.resource_files]
    except (OSError, SpecError):
        pass  # an unreadable spec is reported by the spec rules; the bundle file itself is noted above
    files.append(extension_folder / config.runbook_spark_key_snapshot)
    files += sorted((root / RESULTS_FOLDER).glob("*.json"))
    if config.runbook_reviews_file:  # the review record: a new review re-judges the claims
        files.append(root / config.runbook_reviews_file)
    if config.runbook_source_lock_file:  # the probe's section fingerprints: a new fetch re-judges the claims
        files.append(root / config.runbook_source_lock_file)
    return files


def note_governed_files(app: Any, docname: str, source: list[str]) -> None:
    """`source-read`: the page depends on every governed file (a missing one is noted too, so its
    creation counts as a change)."""
    for path in governed_files(app.config, Path(__file__).parent):
        app.env.note_dependency(str(path))
