"""Sphinx configuration: the runbook project and its need model.

The need model (types, fields, links, schema rules) is declared here once. sphinx-needs enforces
what it can express; `_ext/runbook_checks` enforces the rest (see its module docstrings).
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
    "sphinx.ext.graphviz",
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
# sphinx-needs' own palette is light-only; runbook.css maps it onto furo's theme variables.
needs_css = "blank.css"

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

# ---------------------------------------------------------------------------------------------
# Need model
# ---------------------------------------------------------------------------------------------
# Source URLs must be https and on the two publishers the digest covers.
SOURCE_URL_PATTERN = r"^https://(docs\.databricks\.com|spark\.apache\.org)/\S+$"

RUNTIME_PATTERN = r"^(DBR|Spark) \d+(\.\d+){0,2}$"

needs_id_required = True
needs_id_regex = r"^(SRC|REC|EVD)_[A-Z0-9_]{3,}$"
needs_build_json = True
needs_reproducible_json = True
needs_report_dead_links = True
needs_default_layout = "clean"
needs_flow_engine = "graphviz"

# The traceability graph is drawn by graphviz-pure (a `dot` from PyPI, pinned in requirements.txt),
# so the HTML build needs no system Graphviz. runbook_checks/trace_graph.py runs it and inlines the
# SVG, so the graph's links work at any zoom and its colours follow the light/dark theme.
graphviz_dot = str(Path(sys.executable).parent / "graphviz-pure")
graphviz_output_format = "svg"
needs_schema_validation_enabled = True

# ---------------------------------------------------------------------------------------------
# Need presentation
# ---------------------------------------------------------------------------------------------
# A recommendation box shows its basis as a text badge, its title and its sources; settings and
# evidence open on demand. The style (and so the CSS class `needs_style_basis-*`) is derived
# from `basis`, never typed by hand.
needs_layouts = {
    "rec_compact": {
        "grid": "simple",
        "layout": {
            "head": [
                '<<meta("basis")>> **<<meta("title")>>**',
                '<<meta_id()>> cites <<meta_links("cites")>> '
                '<<collapse_button("meta", collapsed="hide details", visible="details", initial=True)>>',
            ],
            "meta": [
                '<<meta_all(no_links=True, exclude=["basis", "layout", "style"])>>',
                '<<meta_links_all(exclude=["cites"])>>',
            ],
        },
    },
    "src_compact": {
        "grid": "simple",
        "layout": {
            "head": ['**<<meta("title")>>** <<meta_id()>>', '<<meta("url")>>'],
            "meta": ['<<meta_all(no_links=True, exclude=["url", "layout", "style"])>>', "<<meta_links_all()>>"],
        },
    },
}
needs_fields = {
    "layout": {"predicates": [('type == "rec"', "rec_compact"), ('type == "src"', "src_compact")]},
    "style": {
        "predicates": [('type == "rec" and basis == "source"', "basis-source"), ('type == "rec"', "basis-inference")]
    },
}
# Source URLs render as links wherever the field is shown (register boxes, tables).
needs_string_links = {
    "source_url": {
        "regex": r"^(?P<value>https://\S+)$",
        "link_url": "{{value}}",
        "link_name": "{{value}}",
        "options": ["url"],
    }
}

needs_types = {
    "src": {
        "title": "Source",
        "prefix": "SRC_",
        "color": "#DCE8F5",
        "style": "node",
        "fields": {
            "url": {
                "description": "Exact page URL of the authoritative source.",
                "nullable": False,
                "schema": {"type": "string", "pattern": SOURCE_URL_PATTERN},
            },
            "publisher": {
                "description": "Who publishes the page.",
                "nullable": False,
                "schema": {"type": "string", "enum": ["Databricks", "Apache Spark"]},
            },
            "applies_to": {
                "description": "What the captures of the page say about versions, in words (the structured "
                "fields below are what the build checks).",
                "nullable": False,
                "schema": {"type": "string", "minLength": 3},
            },
            "runtime_min": {
                "description": "Oldest runtime the page covers: 'DBR 13.3', 'Spark 4.1', or 'any' for "
                "pages that state no version.",
                "nullable": False,
                "schema": {"type": "string", "pattern": RUNTIME_PATTERN + "|^any$"},
            },
            "runtime_max": {
                "description": "Newest runtime the page covers, where known (a versioned doc set).",
                "schema": {"type": "string", "pattern": RUNTIME_PATTERN},
            },
            "maturity": {
                "description": "Release stage of what the page documents.",
                "nullable": False,
                "schema": {"type": "string", "enum": ["GA", "Public Preview", "Beta"]},
            },
        },
    },
    "rec": {
        "title": "Recommendation",
        "prefix": "REC_",
        "color": "#FCE8C8",
        "style": "node",
        "fields": {
            "basis": {
                "description": "'source' when a cited page states it, 'inference' when it is our reasoning.",
                "nullable": False,
                "schema": {"type": "string", "enum": ["source", "inference"]},
            },
            "runtime_condition": {
                "description": "For a claim about a feature that needs a newer runtime than the spec pins "
                "down ('DBR 18.3'): the claim states the condition, so its sources may start there.",
                "schema": {"type": "string", "pattern": RUNTIME_PATTERN},
            },
            "settings": {
                "description": "Spec settings this recommendation fixes, as 'path=value' "
                "(checked against the bundle job spec).",
                "schema": {"type": "array", "items": {"type": "string", "pattern": r"^\S+=\S+$"}},
            },
            "pinpoints": {
                "description": "Where on each cited page the support is, one per cited source, separated by "
                "' | ': 'SRC_ID#section-anchor: key term; key term' (checked by runbook_checks/pinpoints.py).",
                "schema": {"type": "string"},
            },
        },
        "links": {
            "cites": {
                "description": "Sources that back the recommendation.",
                "outgoing": "cites",
                "incoming": "backs",
                "target_types": ["src"],
            },
            "evidence": {
                "description": "Local measurements behind an inference.",
                "outgoing": "measured by",
                "incoming": "supports",
                "target_types": ["evid"],
            },
        },
    },
    "evid": {
        "title": "Evidence",
        "prefix": "EVD_",
        "color": "#D9F2D9",
        "style": "node",
        "fields": {
            "artifact": {
                "description": "Committed benchmark result file, relative to the repository root.",
                "nullable": False,
                "schema": {"type": "string", "minLength": 3},
            },
            # The build checks both against the artifact (runbook_checks/evidence.py).
            "figures": {
                "description": "Named figures of the artifact this evidence stands for.",
                "schema": {"type": "array", "items": {"type": "string", "pattern": r"^[A-Za-z][\w.-]*$"}},
            },
            "relations": {
                "description": "What the claim rests on, over those figures, e.g. 'a.p50 * 5 <= b.p50'.",
                "schema": {
                    "type": "array",
                    "items": {"type": "string", "pattern": r"^[\w.\- */]+(<=|>=|<|>)[\w.\- */]+$"},
                },
            },
        },
    },
}

# What a type's own entry cannot say takes a schema rule: conditions between fields, ID prefixes.
needs_schema_definitions = {
    "schemas": [
        {
            "id": "sourced-recommendation-cites",
            "message": "a recommendation with basis 'source' must cite at least one source need "
            "(or be marked basis: inference)",
            "select": {"properties": {"type": {"const": "rec"}, "basis": {"const": "source"}}},
            "validate": {"local": {"properties": {"cites": {"minItems": 1}}, "required": ["cites"]}},
        },
        {
            "id": "source-id-prefix",
            "message": "source need IDs start with SRC_",
            "select": {"properties": {"type": {"const": "src"}}},
            "validate": {"local": {"properties": {"id": {"pattern": "^SRC_"}}}},
        },
        {
            "id": "recommendation-id-prefix",
            "message": "recommendation need IDs start with REC_",
            "select": {"properties": {"type": {"const": "rec"}}},
            "validate": {"local": {"properties": {"id": {"pattern": "^REC_"}}}},
        },
        {
            "id": "evidence-id-prefix",
            "message": "evidence need IDs start with EVD_",
            "select": {"properties": {"type": {"const": "evid"}}},
            "validate": {"local": {"properties": {"id": {"pattern": "^EVD_"}}}},
        },
    ]
}

# ---------------------------------------------------------------------------------------------
# Project checks (_ext/runbook_checks): what sphinx-needs cannot express
# ---------------------------------------------------------------------------------------------
runbook_repo_root = str(REPO_ROOT)
runbook_docname = "low-latency-streaming-cluster-config"
runbook_sections = [
    "Purpose and Scope",
    "Recommended Baseline Cluster Configuration",
    "Why This Configuration",
    "Photon Note",
    "Operations Checklist",
    "Tuning Playbook",
    "Source Mapping",
]
runbook_bundle_file = "databricks.yml"
runbook_job_spec_file = "resources/low_latency_stream_join_simple_job.job.yml"
runbook_readme_file = "README.md"

# What the spec's `spark_version` means: Databricks Runtime major version -> the Apache Spark version
# it is built on (SRC_DBX_RUNTIME_18). A spec naming a runtime missing here fails the build.
runbook_runtime_spark = {"18": "4.1.0"}

# The Photon Note opens with these two sentences, word for word (the runbook's brief fixes them).
runbook_photon_sentences = [
    "For this environment/node choice we run runtime_engine: STANDARD.",
    "If switching to Photon-supported node families, reevaluate with runtime_engine: PHOTON.",
]

# Figures the team assumes rather than measures or reads from the spec: the evidence relations use them
# as `assumed.<name>` and the runbook quotes them with {assumed}`<name>`, so the number is typed once.
# production_eps: events per second per input the job is sized for (REC_FIXED_SIZE_CLUSTER).
runbook_assumptions = {"production_eps": 50}

# The scale rule's target size (REC_SCALE_TRIGGERS): the playbook's scaled cores and partitions follow from it.
runbook_scale_to_workers = 4

# Recommendations the runbook must contain: removing one (the scale rule among them) fails the build.
runbook_required_recommendations = [
    "REC_COMPUTE_OPTIMIZED_WORKERS",
    "REC_SHUFFLE_PARTITIONS",
    "REC_ROCKSDB_CHANGELOG",
    "REC_NO_DATA_MICRO_BATCHES",
    "REC_FIXED_SIZE_CLUSTER",
    "REC_TRIGGER_INTERVAL",
    "REC_STAY_MICRO_BATCH",
    "REC_PHOTON_STANDARD",
    "REC_SCALE_TRIGGERS",
    "REC_MONITOR_PROGRESS",
    "REC_REPARTITION_ON_SCALE",
]

# spark.* keys that exist only on Databricks runtimes, each with the source need that documents it.
# Every other key must be known to the pinned open-source engine (spark_keys_snapshot.json).
runbook_databricks_only_keys = {
    "spark.sql.streaming.stateStore.partitions": "SRC_DBX_STATE_REPARTITIONING",
    "spark.databricks.acl.needAdminPermissionToViewLogs": "SRC_DBX_JOB_PRIVILEGES",
}

# Each required source URL, and the recommendations that must cite it.
STATEFUL_STREAMING = "https://docs.databricks.com/aws/en/structured-streaming/stateful-streaming"
ROCKSDB_STATE_STORE = "https://docs.databricks.com/aws/en/structured-streaming/rocksdb-state-store"
SPARK_TRIGGER_PY = (
    "https://spark.apache.org/docs/4.1.1/api/python/reference/pyspark.sql/api/"
    "pyspark.sql.streaming.DataStreamWriter.trigger.html"
)
runbook_required_citations = {
    STATEFUL_STREAMING: [
        "REC_COMPUTE_OPTIMIZED_WORKERS",
        "REC_SHUFFLE_PARTITIONS",
        "REC_NO_DATA_MICRO_BATCHES",
        "REC_ROCKSDB_CHANGELOG",
    ],
    ROCKSDB_STATE_STORE: ["REC_ROCKSDB_CHANGELOG"],
    SPARK_TRIGGER_PY: ["REC_TRIGGER_INTERVAL"],
}

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
