"""Is a sentence a checkable factual claim, and why?

Shared by ingest (which stores uncited checkable sentences as claims) and by
the audit (which reports them as ``citation-needed`` with the reason and the
words that triggered it).  Rules, not a model: every verdict can be explained.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"

# (reason, pattern): the first match of each pattern is the trigger shown to the user.
_SIGNALS: list[tuple[str, re.Pattern[str]]] = [
    (
        "statistic",
        re.compile(
            r"\b\d[\d,.]*\s?(?:%|percent\b|per cent\b)|\$\s?\d[\d,.]*(?:\s(?:million|billion|thousand))?"
            r"|\b\d[\d,.]*\s(?:million|billion|thousand|hectares|km|kilometres|kilometers|miles|people|"
            r"rockets|drones|troops|soldiers|casualties)\b|\b(?:\w+\s)?times (?:more|less|higher|lower)\b",
            re.I,
        ),
    ),
    (
        "date or event",
        re.compile(
            rf"\b(?:(?:on|in|since|by|until|from)\s)?(?:{_MONTH}\s\d{{1,2}},?\s\d{{4}}|\d{{1,2}}\s{_MONTH}\s\d{{4}}"
            rf"|{_MONTH}\s\d{{4}}|{_MONTH}\s\d{{1,2}}\b|(?:in|since|by|until)\s(?:1[89]|20)\d\d\b)"
        ),
    ),
    ("quotation", re.compile(r"[“\"«][^”\"»]{25,}[”\"»]")),
    (
        "attribution",
        re.compile(
            r"\b(?:said|says|stated|states|declared|announced|claimed|reported|told|noted|warned|"
            r"accused|admitted|confirmed|emphasi[sz]ed|stressed|according to|called (?:for|on)|"
            r"calls it|put it|pointed out|observed|criticised|criticized|condemned|demanded)\b",
            re.I,
        ),
    ),
    (
        "comparison",
        re.compile(
            r"\b(?:the (?:second |third )?(?:largest|biggest|smallest|only|first|highest|lowest)|"
            r"more than \d|less than \d|fewer than \d|the majority of|most of the)\b",
            re.I,
        ),
    ),
    ("number", re.compile(r"\b\d{2,}[\d,.]*\b(?!\s?(?:%|percent))")),
]

# Words that mark the sentence as the author's own argument, a hedge or opinion.
_HEDGES = re.compile(
    r"\b(?:may|might|could|would|seems?|seemed|likely|unlikely|probably|possibly|perhaps|"
    r"arguably|apparently|should|must|we|our|in our view|it is (?:worth|important|clear|noteworthy|"
    r"equally important)|it would be|the article argues|this piece argues|this hypothesis|"
    r"is expected to|will|I)\b",
    re.I,
)


@dataclass
class Assessment:
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (reason, trigger words)
    hedged: bool = False
    question: bool = False

    @property
    def checkable(self) -> bool:
        """A statement of fact a reader could check against a source."""
        if self.question or not self.reasons:
            return False
        strong = {r for r, _ in self.reasons} - {"number"}
        # A hedge weakens a bare number or comparison, not a date, quote or attribution.
        if self.hedged:
            return bool(strong & {"statistic", "date or event", "quotation", "attribution"})
        return bool(strong) or len(self.reasons) > 0

    @property
    def reason(self) -> str:
        return self.reasons[0][0] if self.reasons else ""

    @property
    def trigger(self) -> str:
        return self.reasons[0][1] if self.reasons else ""


def assess(sentence: str) -> Assessment:
    text = sentence.strip()
    result = Assessment(question=text.rstrip("”\"’' )").endswith("?"))
    for reason, pattern in _SIGNALS:
        match = pattern.search(text)
        if match:
            result.reasons.append((reason, match.group(0).strip()))
    result.hedged = bool(_HEDGES.search(text))
    return result
