from rule_roots import root_conf

globals().update(
    root_conf(
        __file__, ["citations"], runbook_required_citations={"https://docs.databricks.com/aws/en/a": ["REC_WORKERS"]}
    )
)
