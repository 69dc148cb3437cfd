from rule_roots import root_conf

globals().update(root_conf(__file__, ["spark_keys"], runbook_databricks_only_keys={}))
