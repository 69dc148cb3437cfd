from rule_roots import root_conf

globals().update(root_conf(__file__, ["pinpoint_words"]))
