from rule_roots import root_conf

globals().update(root_conf(__file__, ["pinpoints", "section_drift"]))
