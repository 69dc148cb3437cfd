from rule_roots import root_conf

globals().update(
    root_conf(
        __file__,
        ["suspect_claims"],
        runbook_job_spec_file="resources/tiny.job.yml",
        runbook_runtime_spark={"18": "4.1.0"},
        runbook_scale_to_workers=4,
        runbook_assumptions={"production_eps": 50},
        runbook_reviews_file="reviews.jsonl",
        runbook_review_expiry_days={"GA": 365, "Public Preview": 180, "Beta": 90},
    )
)
