from rule_roots import root_conf

globals().update(root_conf(__file__, ["evidence"], runbook_assumptions={"production_eps": 50}))
