"""Hand corrections to claim records that re-ingest keeps.

A person may correct, in ``claims/*.yaml``, these fields of a claim:

* ``review`` (the whole block): a person's alone; ingest never writes it;
* ``references``: citekeys added to a claim, or removed from it, stay added
  or removed, while the citekeys the report's footnotes bring still follow
  the report;
* ``section``: a corrected section stays.

and, of a footnote, ``references`` (kept while the footnote's text is
unchanged, see :mod:`.build`).  Everything else (text, footnotes, location,
ids, report metadata) is derived from the report and rewritten by ingest:
correct those in the report.

Nothing extra is stored to tell a correction from derived data.  For
``references`` the previous record itself says what was derived: the
citekeys of the claim's footnotes (and of the bibliography, for author-year
reports); anything else in the list was added by hand.  For ``section``: when
the report is unchanged, any difference from what ingest derives is a
correction; when the report changed, the claim's section is compared with
the other claims of its paragraph in the previous record (a paragraph has one
section): a claim that differed from them was corrected.
"""

from __future__ import annotations

from collections import Counter
from typing import Optional

from ..model import Claim, ClaimFile


def keep_hand_edits(new: ClaimFile, previous: Optional[ClaimFile]) -> None:
    """Carry the corrections of ``previous`` over into ``new`` (in place)."""
    if previous is None:
        return
    unchanged_report = previous.report.sha256 == new.report.sha256
    old = {c.id: c for c in previous.claims}
    footnote_refs = {f.label: f.references for f in previous.footnotes}
    bibliography = {b.key for b in previous.bibliography}
    for claim in new.claims:
        before = old.get(claim.id)
        if before is None or claim.detached:
            continue
        claim.references = _references(claim, before, footnote_refs, bibliography)
        base = claim.section if unchanged_report else _paragraph_section(before, previous)
        if base is not _UNKNOWN and before.section != base:
            claim.section = before.section


def _references(
    claim: Claim, before: Claim, footnote_refs: dict[str, list[str]], bibliography: set[str]
) -> list[str]:
    derived = [k for label in before.footnotes for k in footnote_refs.get(label, [])]
    derived += [k for k in before.references if k in bibliography]
    added = [k for k in before.references if k not in derived]
    removed = {k for k in derived if k not in before.references}
    if not added and not removed:
        return claim.references
    kept = [k for k in claim.references if k not in removed]
    return kept + [k for k in added if k not in kept]


_UNKNOWN = object()


def _paragraph_section(before: Claim, previous: ClaimFile) -> object:
    """The section ingest gave ``before``'s paragraph last time, from the claims beside it."""
    paragraph = before.location.paragraph
    here: Counter[Optional[str]] = Counter()
    sides: dict[int, set[Optional[str]]] = {-1: set(), 1: set()}
    for other in previous.claims:
        if other is before or other.detached:
            continue
        offset = other.location.paragraph - paragraph
        if offset == 0:
            here[other.section] += 1
        elif offset in sides:
            sides[offset].add(other.section)
    if here:
        return here.most_common(1)[0][0]
    if len(sides[-1]) == 1 and sides[-1] == sides[1]:  # the paragraphs on both sides agree
        return next(iter(sides[-1]))
    return _UNKNOWN
