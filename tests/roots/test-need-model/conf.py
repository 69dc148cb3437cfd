from rule_roots import root_conf

# No rule of ours: what fails here is the need model (conf.py) as sphinx-needs enforces it.
globals().update(root_conf(__file__, []))
