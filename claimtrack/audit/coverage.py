"""Citation coverage per report and per section: how many factual claims cite a source.

A claim counts when it is cited, or when the audit would ask for a citation
(a checkable fact, see checkworthy); opinions, hedged analysis and claims a person marked
no-source-needed are left out of the share, and counted as ``exempt``.
"""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel

from ..checkworthy import assess
from ..model import Claim
from .citations import is_exempt
from .context import AuditContext


class Coverage(BaseModel):
    report: str
    section: Optional[str] = None  # None: the whole report
    claims: int = 0  # every attached claim, as `claims list` and `xref` count them
    cited: int = 0
    uncited: int = 0  # factual claims with no source
    exempt: int = 0  # stored, but no source needed (opinion, hedge, reviewed as such)

    @property
    def factual(self) -> int:
        """The claims the share is taken over: cited, or needing a citation."""
        return self.cited + self.uncited

    @property
    def share(self) -> Optional[float]:
        return self.cited / self.factual if self.factual else None

    def add(self, claim: Claim) -> None:
        if claim.detached:
            return
        if claim.cited:
            self.cited += 1
        elif not is_exempt(claim) and assess(claim.text).checkable:
            self.uncited += 1  # citation-needed, or a note-only footnote
        else:
            self.exempt += 1
        self.claims += 1

    def as_json(self) -> dict[str, object]:
        data = self.model_dump(mode="json")
        data["factual"] = self.factual
        data["share_cited"] = round(self.share, 4) if self.share is not None else None
        return data


def coverage(ctx: AuditContext) -> list[Coverage]:
    """One row per report (section None), each followed by one row per section, in report order."""
    rows: list[Coverage] = []
    for report in ctx.reports:
        total = Coverage(report=report)
        sections: dict[str, Coverage] = {}
        for claim in ctx.claim_file(report).claims:
            total.add(claim)
            name = claim.section or "(no section)"
            sections.setdefault(name, Coverage(report=report, section=name)).add(claim)
        rows.append(total)
        rows.extend(sections.values())
    return rows
