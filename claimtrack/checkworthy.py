"""Is a sentence a checkable factual claim, and why?

Shared by ingest (which stores uncited checkable sentences as claims) and by
the audit (which reports them as ``citation-needed`` with the reason and the
words that triggered it).  Rules, not a model: every verdict can be explained.

A sentence is checkable when it carries a signal of fact (a statistic, a dated
event, a quotation, words attributed to someone, a superlative) and is not
the author's own argument.  The argument shows in modal verbs and hedges
("may", "likely", "would"), predictions ("will"), evaluative words
("clearly", "importantly", "a reputation as") and first-person voice.  Such a
sentence still needs a source for a statistic or for words put in someone's
mouth, but not for the date that merely sets its scene.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_YEAR = r"(?:1[89]|20)\d\d"

# (reason, pattern): the first match of each pattern is the trigger shown to the user.
_SIGNALS: list[tuple[str, re.Pattern[str]]] = [
    (
        "statistic",
        re.compile(
            r"\b\d[\d,.]*\s?(?:%|percent\b|per cent\b)|\$\s?\d[\d,.]*(?:\s(?:million|billion|thousand))?"
            r"|\b\d[\d,.]*\s(?:million|billion|thousand|hectares|km|kilometres|kilometers|miles|people|"
            r"rockets|drones|troops|soldiers|casualties|refugees|deaths|dead|killed|wounded)\b"
            r"|\b(?:\w+\s)?times (?:more|less|higher|lower)\b",
            re.I,
        ),
    ),
    (
        "date or event",
        re.compile(
            rf"\b(?:(?i:on|in|since|by|until|from)\s)?(?:{_MONTH}\s\d{{1,2}}(?:-\d{{1,2}})?,?\s{_YEAR}"
            rf"|\d{{1,2}}(?:st|nd|rd|th)?\s{_MONTH}(?:\s{_YEAR})?|{_MONTH},?\s{_YEAR}|{_MONTH}\s\d{{1,2}}\b"
            rf"|(?i:in|since|by|until|from|before|after|as soon as|early|late|between|during)\s{_YEAR}\b"
            rf"|(?i:spring|summer|autumn|fall|winter|end|beginning|middle|start) of {_YEAR}\b)"
        ),
    ),
    # A quotation of some length; short quoted words are scare quotes or terms.
    ("quotation", re.compile(r"“[^”]{25,}”|«[^»]{25,}»")),
    (
        "attribution",
        re.compile(
            # "This emphasised...", "which noted...": a thing, not a person or body, is the subject.
            r"(?<!\bthis )(?<!\bThis )(?<!\bwhich )(?<!\bit )(?<!\bIt )(?<!That )(?<!that )"
            r"\b(?:said|says|stated|declared|declares|announced|announces|claimed|reported|told|noted|"
            r"warned|warns|accused|accuses|blamed|blames|admitted|admits|confirmed|confirms|emphasi[sz]ed|"
            r"stressed|according to|called (?:for|on)|"
            r"calls? (?:it|this|that|them)|put it|pointed out|observed|criticised|criticized|condemned|demanded|"
            r"proclaimed|denied|insisted)\b",
            re.I,
        ),
    ),
    (
        "comparison",
        re.compile(
            r"(?<!not )(?<!isn't )\b(?:the (?:second |third )?(?:largest|biggest|smallest|only|first|highest|"
            r"lowest)|more than \d|less than \d|fewer than \d|the majority of|most of the)\b",
            re.I,
        ),
    ),
    ("number", re.compile(r"\b\d{2,}[\d,.]*(?:st|nd|rd|th)?\b(?!\s?(?:%|percent))")),
]

# Facts that need a source even inside the author's argument.  A quotation there
# without anyone to say it is a scare quote ("a “division of spheres of influence”").
_STRONG = {"statistic", "attribution"}
# Which reason to show when several apply: the one an editor must check first.
_PRIORITY = ["quotation", "statistic", "attribution", "date or event", "comparison", "number"]

# The author's own argument: hedges, modal verbs, predictions, first person.
_HEDGES = re.compile(
    r"\b(?:(?-i:may)(?!\s\d)|might|could|would|seems?|seemed|likely|unlikely|probably|possibly|perhaps|"
    r"arguably|apparently|should|must|we|our|in our view|it is (?:worth|important|clear|noteworthy|"
    r"equally important)|it would be|the article argues|this piece argues|this hypothesis|"
    r"is expected to|will|(?-i:I))\b",
    re.I,
)
# Evaluative words: the sentence judges rather than reports.
_EVALUATIVE = re.compile(
    r"\b(?:clearly|importantly|naturally|stands? out|characteri[sz]ed by|"
    r"(?:has|have) (?:clearly )?(?:shown|demonstrated|revealed)|reputation as|ambiguous|"
    r"(?:more|less) (?:active|reserved|flexible)|with good reason|justified)\b",
    re.I,
)
# A modal inside reported fear or belief is theirs, not the author's hedge.
_REPORTED = re.compile(r"\b(?:feared|fears|believed|believes|hoped|hopes|expected)\s+that\b[^.;]*", re.I)
# Idioms that contain an attribution verb but attribute nothing.
_IDIOMS = re.compile(r"\b(?:that said|needless to say|so to say|so-called)\b", re.I)


@dataclass
class Assessment:
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (reason, trigger words)
    hedged: bool = False  # the author's argument: hedge, modal, prediction or evaluation
    question: bool = False

    @property
    def checkable(self) -> bool:
        """A statement of fact a reader could check against a source."""
        if self.question or not self.reasons:
            return False
        kinds = {r for r, _ in self.reasons}
        # Within the author's argument only a statistic, a quotation or words attributed to
        # someone still need a source; a date or superlative there sets the scene.
        if self.hedged:
            return bool(kinds & _STRONG)
        # A bare number ("for 26 years", "an 18 year-old") is not a claim on its own.
        return bool(kinds - {"number"})

    @property
    def reason(self) -> str:
        return self._first()[0]

    @property
    def trigger(self) -> str:
        return self._first()[1]

    def _first(self) -> tuple[str, str]:
        """The reason shown: the strongest one that makes the sentence checkable."""
        if not self.reasons:
            return ("", "")
        counted = [r for r in self.reasons if r[0] in _STRONG] if self.hedged else self.reasons
        return min(counted or self.reasons, key=lambda r: _PRIORITY.index(r[0]))


def _curl(text: str) -> str:
    """Straight double quotes paired left to right as “ and ”, so a quotation is found whole."""
    if text.count('"') % 2:
        return text
    parts = text.split('"')
    return "".join(p + ("“" if i % 2 == 0 else "”") for i, p in enumerate(parts[:-1])) + parts[-1]


def assess(sentence: str) -> Assessment:
    text = _curl(sentence.strip())
    result = Assessment(question=text.rstrip("”\"’' )").endswith("?"))
    scrubbed = _IDIOMS.sub(" ", text)
    for reason, pattern in _SIGNALS:
        match = pattern.search(scrubbed)
        if match:
            words = match.group(0).strip()
            result.reasons.append((reason, words[1:-1] if reason == "quotation" else words))
    own = _REPORTED.sub(" ", text)
    result.hedged = bool(_HEDGES.search(own) or _EVALUATIVE.search(own))
    return result
