from rule_roots import root_conf

globals().update(root_conf(__file__, ["quote_subjects"]))
