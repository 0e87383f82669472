"""Does the source say it? Each cited claim checked against its captured sources.

text (normalised words with their place in the source) -> passages (BM25
ranking) -> quotes, figures -> judge (a verdict with its reason and evidence)
-> results (``.claimtrack/verify.json`` and its public reader) -> render.
"""
