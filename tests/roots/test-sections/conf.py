from rule_roots import root_conf

globals().update(
    root_conf(
        __file__,
        ["structure"],
        runbook_sections={"purpose": "Purpose", "checklist": "Checklist", "tuning": "Playbook"},
        runbook_required_recommendations=["REC_WORKERS"],
        runbook_photon_sentences=[],
    )
)
