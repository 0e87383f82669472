"""What a dead URL costs: the claims citing it, and those left with no live source."""

from __future__ import annotations

from collections.abc import Mapping

from ..project import Project


def lost_references(project: Project, dead_urls: set[str]) -> set[str]:
    """Citekeys whose only way to the source is a dead URL (an archived copy saves one)."""
    return {
        key
        for key, ref in project.references.items()
        if ref.url and ref.url in dead_urls and not ref.archive_url
    }


def orphaned_claims(project: Project, dead_urls: set[str]) -> Mapping[str, list[str]]:
    """For each dead URL, the claims citing it whose every source is lost.

    A reference without a URL (a printed book) is not lost, and a reference
    whose URL was not checked in this run (another shard) counts as live.
    """
    lost = lost_references(project, dead_urls)
    claims = {claim.id: claim for claim in project.claims()}
    keys_by_url: dict[str, list[str]] = {}
    for key, ref in project.references.items():
        if ref.url in dead_urls:
            keys_by_url.setdefault(ref.url, []).append(key)
    result: dict[str, list[str]] = {}
    for url in dead_urls:
        keys = keys_by_url.get(url, [])
        orphans: list[str] = []
        for key in keys:
            for claim_id in project.claims_citing(key):
                claim = claims.get(claim_id)
                at_stake = claim and claim.references and all(k in lost for k in claim.references)
                if at_stake and claim_id not in orphans:
                    orphans.append(claim_id)
        result[url] = orphans
    return result
