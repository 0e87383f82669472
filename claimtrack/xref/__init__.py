"""Cross-reference tables between claims, footnotes and sources (``claimtrack xref``)."""
