"""Identifier fields the reference model does not hold yet, read from the ``.bib`` text.

DBLP and publisher exports carry ``eprint``/``archivePrefix``, ``issn``,
``pmid`` and ``pmcid``; the model keeps none of them (yet), so ``refs check``
and the offline identifier rule would miss an arXiv id or a bad ISSN check
digit.  This scan takes just those fields, by citekey, from each file: short
values of fields written one to a line (as BibTeX tools write them), found
without a full BibTeX parse (a parse of every file on
each audit would cost seconds on a large library).  Fields the model gains
later win over these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from ..textfile import read_text

FIELDS = ("issn", "eprint", "archiveprefix", "eprinttype", "pmid", "pmcid")
_ENTRY = re.compile(r"^[ \t]*@[A-Za-z]+[ \t]*[{(][ \t]*([^,\s]+)[ \t]*,", re.M)
_FIELD = re.compile(rf"^[ \t]*({'|'.join(FIELDS)})[ \t]*=[ \t]*[{{\"]?[ \t]*([^}}\",\n]+)", re.I | re.M)


def scan(text: str) -> dict[str, dict[str, str]]:
    """citekey -> {field: value} for the identifier fields of each entry that has any."""
    if not _FIELD.search(text):
        return {}
    found: dict[str, dict[str, str]] = {}
    starts = list(_ENTRY.finditer(text))
    for index, start in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        fields = {m.group(1).lower(): m.group(2).strip() for m in _FIELD.finditer(text, start.end(), end)}
        if fields:
            found[start.group(1)] = fields
    return found


def load(paths: Iterable[Path]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for path in paths:
        try:
            found.update(scan(read_text(path, allow_empty=True)))
        except (InputError, OSError, ValueError):
            continue  # the project loaded it a moment ago; a file gone since has nothing to add
    return found
