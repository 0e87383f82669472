"""Footnote markers and definitions as written in a report file, with their lines.

The claim records say which labels each claim carries and which footnotes are
defined, but not where a marker sits, nor a marker whose definition is
missing (ingest has no footnote record to hang it on).  Until the records
carry that, the audit re-reads the report here: one job, one small module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import ReportFormat

# <sup>12</sup> in the text; a definition is a line that starts with one.
_SUP = re.compile(r"<sup>\s*(\d+)\s*</sup>")
_SUP_DEF = re.compile(r"^\s{0,3}<sup>\s*(\d+)\s*</sup>")
# [^label] in the text; a definition is "[^label]:" at the start of a line.
_PANDOC = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_PANDOC_DEF = re.compile(r"^\s{0,3}\[\^([^\]\s]+)\]:")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


@dataclass
class FootnoteScan:
    markers: dict[str, list[int]] = field(default_factory=dict)  # label -> lines of its markers
    definitions: dict[str, list[int]] = field(default_factory=dict)  # label -> lines of definitions


def scan(text: str, fmt: ReportFormat) -> FootnoteScan:
    """Markers and definitions of a report; author-year reports have neither."""
    result = FootnoteScan()
    if fmt is ReportFormat.AUTHOR_YEAR:
        return result
    marker, definition = (_SUP, _SUP_DEF) if fmt is ReportFormat.SUP_FOOTNOTES else (_PANDOC, _PANDOC_DEF)
    in_fence = False
    for number, line in enumerate(text.split("\n"), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        rest = line
        head = definition.match(line)
        if head:
            result.definitions.setdefault(head.group(1), []).append(number)
            rest = line[head.end() :]
        for match in marker.finditer(rest):
            result.markers.setdefault(match.group(1), []).append(number)
    return result
