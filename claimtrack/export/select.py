"""Which references an export takes: of a report, of some claims, found by a search, or named."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import Optional

from ..errors import UsageError
from ..model import Claim, Reference


def split_list(value: Optional[str]) -> list[str]:
    """ "a, b c" -> ["a", "b", "c"]: ids and keys are given comma- or space-separated."""
    return [item for item in re.split(r"[,\s]+", value or "") if item]


def search_claims(project, query: str, report_id: Optional[str] = None) -> tuple[set[str], Optional[str]]:
    """(ids of the claims ``claims search QUERY`` finds, how they matched): one search everywhere.

    The same index, query language and matching as ``claims search`` (every word in the claim,
    else with the sentences around it, else any word), with no limit; the caller says which.
    """
    from ..index.build import open_index
    from ..index.query import Filters, search

    conn, _ = open_index(project.root)
    try:
        found = search(conn, project.root, query, Filters(report=report_id), limit=-1)
    finally:
        conn.close()
    return {hit["id"] for hit in found["hits"]}, found["matched"]


def select(
    project,
    *,
    report: Optional[str] = None,
    claim_ids: Iterable[str] = (),
    keys: Iterable[str] = (),
    search: Optional[str] = None,
    cited_only: bool = False,
) -> list[Reference]:
    """The references chosen, sorted by citekey.

    ``report``, ``claim_ids`` and ``search`` narrow down claims together (all
    must hold) and take the sources those claims cite; a report alone also
    takes the sources its footnotes and bibliography cite, unless
    ``cited_only``.  ``keys`` adds references by citekey.  With no selector,
    every reference (or, with ``cited_only``, every one a claim cites).
    """
    claim_ids, keys = list(claim_ids), list(keys)
    report_id = project.resolve_report(report) if report else None
    chosen: set[str] = set()
    if report_id or claim_ids or search:
        claims = _claims(project, report_id, claim_ids, search)
        chosen.update(key for claim in claims for key in claim.references)
        if report_id and not claim_ids and not search and not cited_only:
            chosen.update(key for _, footnote in project.footnotes(report_id) for key in footnote.references)
            bibliography = project.claim_files[report_id].bibliography
            chosen.update(entry.key for entry in bibliography if entry.key in project.references)
    elif not keys:
        chosen.update(project.references)
        if cited_only:
            chosen = {key for key in chosen if project.claims_citing(key)}
    from ..names import resolve

    chosen.update(
        resolve(key, project.references, "citekey", " (see `claimtrack refs list`)") for key in keys
    )
    missing = sorted(key for key in chosen if key not in project.references)
    if missing:
        raise UsageError(f"claims cite citekey(s) not in references/: {', '.join(missing)}")
    return [project.references[key] for key in sorted(chosen)]


def _claims(project, report_id: Optional[str], claim_ids: list[str], search: Optional[str]) -> list[Claim]:
    claims = list(project.claims(report_id))
    if claim_ids:
        from ..names import resolve

        by_id = {claim.id: claim for claim in project.claims()}
        wanted = {resolve(cid, by_id, "claim id", " (see `claimtrack claims list`)") for cid in claim_ids}
        claims = [claim for claim in claims if claim.id in wanted]
    if search:
        found, matched = search_claims(project, search, report_id)
        if matched and matched != "all":
            how = "with the sentences around them" if matched == "context" else "with any of its words"
            print(f"claimtrack: no claim has every word of {search!r}; taking claims {how} "
                  "(as `claims search` does)", file=sys.stderr)  # fmt: skip
        claims = [claim for claim in claims if claim.id in found]
    return claims
