from rule_roots import root_conf

globals().update(
    root_conf(
        __file__,
        ["spec_values", "figures"],
        runbook_job_spec_file="resources/tiny.job.yml",
        runbook_runtime_spark={"18": "4.1.0"},
        runbook_scale_to_workers=4,
    )
)
