"""Link-rot checking of cited URLs: ``claimtrack links check`` and ``links archive``.

targets (what to check) -> policy/denylist/transport/checker (the network)
-> classify (verdicts) -> cache, impact -> report (outputs); run ties them.
"""
