"""``claimtrack audit``: a linter for missing citations and reference defects.

findings (the rule registry and the Finding model), one module per family of
rules (citations, references, urls), coverage, runner (select/ignore/fail-on)
and render (the output formats).
"""
