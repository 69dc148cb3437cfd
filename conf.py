"""Sphinx configuration of the runbook project: Sphinx, theme, MyST, spelling, and two pointers.

The need model is sphinx-needs' project file, ubproject.toml (types, fields, links, layouts), with its
schema rules in needs_schema.json; the runbook policy is runbook_policy.toml. sphinx-needs enforces
what its schema can express; `_ext/runbook_checks` enforces the rest (see its module docstrings).
"""

import sys
import warnings
from pathlib import Path

from sphinx.deprecation import RemovedInSphinx10Warning

# sphinx-needs 9.1 still hands graphviz string paths to Sphinx; not ours to fix, and not a build warning.
warnings.filterwarnings("ignore", category=RemovedInSphinx10Warning, module="sphinx_needs")

REPO_ROOT = Path(__file__).parent.resolve()
sys.path[:0] = [str(REPO_ROOT / "_ext"), str(REPO_ROOT / "src")]  # the extension; the bundle model

project = "Low-latency streaming join runbook"
author = "Data platform team"
copyright = "2026, Data platform team"

extensions = [
    "myst_parser",
    "sphinx_needs",
    "runbook_checks",
]
# sphinxcontrib.spelling is not listed: `-b spelling` loads it through its builder entry point, so
# the HTML build never needs the enchant C library.

root_doc = "index"
exclude_patterns = ["_build", "spelling_wordlist.txt"]
html_theme = "furo"
html_title = "Streaming join runbook"
html_static_path = ["docs/_static"]
html_css_files = ["runbook.css"]
html_js_files = ["runbook.js"]

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

# The need model (types, fields, links, layouts) is sphinx-needs' own project file, which points at the
# schema rules (needs_schema.json); the runbook policy is runbook_policy.toml, read by runbook_checks.
needs_from_toml = "ubproject.toml"
# sphinx-needs' own palette is light-only; runbook.css maps it onto furo's theme variables. Set here, as
# sphinx-needs 9.1 reads `css` from the TOML file as a path, so a theme name like this one would not resolve.
needs_css = "blank.css"

# The traceability graph is drawn by graphviz-pure (a `dot` from PyPI, pinned in requirements.txt),
# so the HTML build needs no system Graphviz. runbook_checks/trace_graph.py runs it and inlines the
# SVG, so the graph's links work at any zoom and its colours follow the light/dark theme.
graphviz_dot = str(Path(sys.executable).parent / "graphviz-pure")

# Runbook policy (sections, required recommendations, Photon sentences, assumptions, allow-list):
runbook_policy = "runbook_policy.toml"
runbook_repo_root = str(REPO_ROOT)

# ---------------------------------------------------------------------------------------------
# Spelling
# ---------------------------------------------------------------------------------------------
spelling_lang = "en_US"
spelling_word_list_filename = "spelling_wordlist.txt"
spelling_show_suggestions = True
spelling_warning = True
spelling_ignore_pypi_package_names = False
spelling_ignore_contributor_names = False
spelling_filters = ["enchant.tokenize.URLFilter", "runbook_checks.spelling_filters.CodeIdentifierFilter"]
