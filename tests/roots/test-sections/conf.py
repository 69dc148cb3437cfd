from rule_roots import root_conf

globals().update(
    root_conf(
        __file__,
        ["structure"],
        runbook_sections=["Purpose", "Checklist", "Playbook"],
        runbook_required_recommendations=["REC_WORKERS"],
    )
)
