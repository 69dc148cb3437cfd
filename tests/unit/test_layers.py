"""The extension's layers: rules and views import shared words (the model layer), never each other.

Every module of `_ext/runbook_checks` is declared in one layer below; a new module must be added.
Allowed: anything -> model; package -> anything. Refused: rule -> rule, rule -> view,
view -> rule, view -> view, model -> rule or view.
"""

from __future__ import annotations

import ast
from pathlib import Path

import runbook_checks

PACKAGE = Path(runbook_checks.__file__).parent
REPO = PACKAGE.parents[1]
LAYERS = {
    "rule": {
        "structure",
        "citations",
        "register",
        "applies_to",
        "prose_links",
        "inference_marks",
        "inline_cites",
        "pinpoints",
        "pinpoint_words",
        "section_drift",
        "claim_coverage",
        "evidence",
        "result_seal",
        "result_runs",
        "quote_subjects",
        "readme_links",
        "spec_consistency",
        "spec_values",
        "figures",
        "spark_keys",
        "markdown_mapping",
        "suspect_claims",
    },
    "view": {
        "source_matrix",
        "trace_graph",
        "basis_marks",
        "evidence_tables",
        "evidence_quotes",
        "claim_marks",
        "coverage_line",
        "suspect_marks",
        "lock_notes",
    },
    "model": {
        "context",
        "model",
        "nodes",
        "claim_model",
        "claim_text",
        "doctree_utils",
        "need_refs",
        "evidence_results",
        "evidence_relations",
        "result_cache",
        "result_digest",
        "text_lines",
        "gfm_source",
        "claim_fingerprints",
        "claim_reviews",
        "source_model",
        "figure_forms",
        "section_locks",
    },
    # Loaded by sphinxcontrib-spelling's builder by name (conf.py spelling_filters); imports nothing of ours.
    "plugin": {"spelling_filters"},
    # Setup on top: the extension's entry point and what it wires (build dependencies, merged findings).
    "package": {"__init__", "dependencies", "one_finding", "schema_locations"},
}
REFUSED = {("rule", "rule"), ("rule", "view"), ("view", "rule"), ("view", "view"), ("model", "rule"), ("model", "view")}


def layer_of(module: str) -> str:
    return next(layer for layer, modules in LAYERS.items() if module in modules)


def package_imports(path: Path) -> set[str]:
    """Modules of this package that `path` imports (relative or absolute)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 1 or node.module == "runbook_checks":  # from . import a / from runbook_checks import a
                found.update(alias.name for alias in node.names)
            elif node.module and node.module.startswith("runbook_checks."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("runbook_checks."))
    return found


def modules() -> list[str]:
    return sorted(path.stem for path in PACKAGE.glob("*.py"))


def test_every_module_is_in_one_layer() -> None:
    declared = [module for layer in LAYERS.values() for module in layer]
    assert len(declared) == len(set(declared))
    assert set(modules()) == set(declared), set(modules()) ^ set(declared)


def test_rules_and_views_import_only_the_model() -> None:
    crossings = [
        f"{module} ({layer_of(module)}) imports {target} ({layer_of(target)})"
        for module in modules()
        for target in sorted(package_imports(PACKAGE / f"{module}.py"))
        if target != module and (layer_of(module), layer_of(target)) in REFUSED
    ]
    assert crossings == []


def test_the_walk_sees_a_crossing(tmp_path: Path) -> None:
    """The import walk itself can fail: a rule importing a view is seen."""
    module = tmp_path / "structure.py"
    module.write_text("from .source_matrix import SourceMatrixDirective\nfrom runbook_checks import spec_values\n")
    assert package_imports(module) == {"source_matrix", "spec_values"}
    module.write_text("from runbook_checks.source_matrix import fill_source_matrices\n")
    assert package_imports(module) == {"source_matrix"}


def top_level_imports(path: Path) -> set[str]:
    """First components of every module `path` imports absolutely (`from a.b import c` -> 'a')."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found


def is_command_line_tool(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Compare) and isinstance(node.left, ast.Name) and node.left.id == "__name__"
        for node in ast.walk(tree)
    )


def outside_imports(folder: str, refused: set[str]) -> list[str]:
    return [
        f"{path.relative_to(REPO)} imports {name}"
        for path in sorted((REPO / folder).rglob("*.py"))
        for name in sorted(top_level_imports(path) & refused)
    ]


def test_command_line_tools_live_outside_the_sphinx_package() -> None:
    tools = [f"{path.relative_to(REPO)}" for path in sorted(PACKAGE.glob("*.py")) if is_command_line_tool(path)]
    assert tools == [], f"move command-line tools to tools/: {tools}"


def test_the_job_and_the_bundle_model_never_import_the_docs_extension() -> None:
    assert outside_imports("src", {"runbook_checks", "sphinx", "sphinx_needs", "docutils"}) == []


def test_benchmarks_never_import_tests() -> None:
    test_modules = {path.stem for path in (REPO / "tests").rglob("*.py")}
    assert outside_imports("benchmarks", test_modules | {"tests", "conftest"}) == []


def test_the_outside_walks_see_a_crossing(tmp_path: Path) -> None:
    """Both walks can fail: a CLI guard and an import of the docs extension are seen."""
    module = tmp_path / "tool.py"
    module.write_text('import runbook_checks.model\nif __name__ == "__main__":\n    pass\n')
    assert is_command_line_tool(module)
    assert top_level_imports(module) == {"runbook_checks"}
