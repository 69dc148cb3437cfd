from rule_roots import root_conf

globals().update(
    root_conf(
        __file__,
        ["register", "applies_to", "prose_links"],
        runbook_job_spec_file="resources/tiny.job.yml",
        runbook_runtime_spark={"18": "4.1.0"},
    )
)
