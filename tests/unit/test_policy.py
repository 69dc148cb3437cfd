"""model.py's runbook policy (runbook_policy.toml) and text_lines.py's line finder."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from docs_project import REPO_ROOT
from runbook_checks.model import PolicyError, Sections, load_policy, policy_values
from runbook_checks.text_lines import line_of

POLICY = REPO_ROOT / "runbook_policy.toml"


class FakeConfig(dict):
    """What load_policy reads of Sphinx's Config: its settings, conf.py's raw values and -D overrides."""

    def __init__(self, settings: dict, raw: dict | None = None, overrides: dict | None = None):
        super().__init__(settings)
        self._raw_config = raw or {}
        self.overrides = overrides or {}

    def __getattr__(self, name: str):
        return self[name]


def test_the_project_policy_fills_known_settings_only() -> None:
    values = policy_values(POLICY)
    assert values["runbook_docname"] == "low-latency-streaming-cluster-config"
    assert next(iter(values["runbook_sections"])) == "purpose"
    assert Sections.of(SimpleNamespace(runbook_sections=values["runbook_sections"])).photon == "Photon Note"


def test_conf_py_and_overrides_win_over_the_policy(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text('docname = "page"\nscale_to_workers = 4\nreadme_file = "R.md"\n', encoding="utf-8")
    config = FakeConfig(
        {"runbook_docname": "", "runbook_scale_to_workers": 0, "runbook_readme_file": "", "runbook_sections": {}},
        raw={"runbook_scale_to_workers": 8},
        overrides={"runbook_readme_file": "X.md"},
    )
    config["runbook_readme_file"] = "X.md"
    config["runbook_scale_to_workers"] = 8
    load_policy(config, policy)
    assert (config.runbook_docname, config.runbook_scale_to_workers, config.runbook_readme_file) == ("page", 8, "X.md")


def test_an_unknown_policy_key_is_an_error(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text('sectoins = ["Purpose"]\n', encoding="utf-8")
    with pytest.raises(PolicyError, match=f"runbook policy {policy}: unknown key 'sectoins'"):
        load_policy(FakeConfig({"runbook_sections": {}}), policy)


def test_an_unreadable_policy_names_its_file(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("docname = \n", encoding="utf-8")
    with pytest.raises(PolicyError, match=f"runbook policy {policy}: "):
        policy_values(policy)


def test_an_unknown_section_role_is_an_error() -> None:
    with pytest.raises(PolicyError, match=r"unknown section role\(s\) \['photon_note'\]"):
        Sections.of(SimpleNamespace(runbook_sections={"photon_note": "Photon Note"}))


def test_sections_keep_their_declared_order_and_leave_undeclared_roles_empty() -> None:
    config = SimpleNamespace(runbook_sections={"tuning": "Playbook", "purpose": "Purpose"})
    assert Sections.ordered(config) == ["Playbook", "Purpose"]
    sections = Sections.of(config)
    assert (sections.photon, sections.titles(["purpose", "mapping"])) == ("", ["Purpose"])


@pytest.mark.parametrize(
    ("start", "limit", "expected"),
    [(1, None, 2), (3, None, 4), (3, 0, None), (5, None, None), (0, None, 2)],
)
def test_line_of(start: int, limit: int | None, expected: int | None) -> None:
    lines = ["a", "x b", "c", "x d"]
    assert line_of(lines, "x", start, limit) == expected
