"""Crossref's REST API: ``/works/{doi}``, bibliographic search, and retraction notices.

Shapes (https://api.crossref.org/swagger-ui, and responses recorded by client
libraries): a work is ``{"status": "ok", "message-type": "work", "message":
{...}}``; a search is ``message-type: work-list`` with ``message.items``.  An
unknown DOI is a 404 whose body is plain text ("Resource not found.").

Retractions show in three places: the retracted work's ``updated-by`` (since
2023 also filled from the Retraction Watch database, ``source:
retraction-watch``), the notice's own ``update-to`` pointing at the work
(found with ``filter=updates:{doi}``), and titles prefixed "RETRACTED:".
"""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import quote

from .records import Work
from .text import first, plain
from .transport import Transport, payload

REGISTRY = "crossref"
# Update types that take a work back.  Retraction Watch also records
# corrections and expressions of concern, which do not.
RETRACTING = {"retraction", "withdrawal", "removal", "retracted", "withdrawn", "partial_retraction"}
_REINSTATING = {"reinstatement", "reinstated"}


def _date(node: Any) -> Optional[str]:
    parts = ((node or {}).get("date-parts") or [[None]])[0] if isinstance(node, dict) else None
    parts = [p for p in parts or [] if isinstance(p, int) or (isinstance(p, str) and p.isdigit())]
    if not parts:
        return None
    return "-".join(f"{int(p):02d}" if i else str(int(p)) for i, p in enumerate(parts))


def _year(message: dict[str, Any]) -> Optional[int]:
    for name in ("issued", "published", "published-print", "published-online", "created"):
        when = _date(message.get(name))
        if when:
            return int(when[:4])
    return None


def _family_names(message: dict[str, Any]) -> list[str]:
    names = []
    for person in message.get("author") or message.get("editor") or []:
        name = plain(person.get("family") or person.get("name") or "")
        if name:
            names.append(name)
    return names


def _notice(update: dict[str, Any], about: str) -> str:
    kind = str(update.get("label") or update.get("type") or "retraction").lower()
    bits = [x for x in (_date(update.get("updated")), update.get("source")) if x]
    when = f" ({', '.join(bits)})" if bits else ""
    doi = update.get("DOI")
    return f"{kind} notice {doi}{when}: {about}" if doi else f"{kind}{when}: {about}"


def retraction_of(message: dict[str, Any]) -> Optional[str]:
    """Evidence that this work was retracted or withdrawn, from its own record."""
    updates = [u for u in message.get("updated-by") or [] if isinstance(u, dict)]
    taking_back = [u for u in updates if str(u.get("type", "")).lower() in RETRACTING]
    if taking_back:
        latest = max(taking_back, key=lambda u: _date(u.get("updated")) or "")
        reinstated = [
            u
            for u in updates
            if str(u.get("type", "")).lower() in _REINSTATING
            and (_date(u.get("updated")) or "") > (_date(latest.get("updated")) or "")
        ]
        if not reinstated:
            return _notice(latest, "Crossref updated-by")
    for kind, related in (message.get("relation") or {}).items():
        if "retract" in kind.lower() or "withdraw" in kind.lower():
            ids = ", ".join(str(r.get("id")) for r in related if isinstance(r, dict))
            return f"{kind} {ids}: Crossref relation".replace("  ", " ")
    title = first(message.get("title")) or ""
    if title.upper().startswith(("RETRACTED:", "RETRACTED ARTICLE:", "WITHDRAWN:")):
        return f"title marked {title.split(':', 1)[0]!r}: Crossref record"
    return None


def work(message: dict[str, Any]) -> Work:
    doi = str(message.get("DOI") or "").lower() or None
    container = first(message.get("container-title"))
    if message.get("type") in ("book", "monograph", "edited-book") and not container:
        container = plain(message.get("publisher")) or None
    return Work(
        registry=REGISTRY,
        title=first(message.get("title")) or "",
        subtitle=first(message.get("subtitle")),
        authors=_family_names(message),
        year=_year(message),
        container=container,
        doi=doi,
        isbn=[str(i) for i in message.get("ISBN") or []],
        type=message.get("type"),
        url=f"https://doi.org/{doi}" if doi else None,
        retraction=retraction_of(message),
    )


async def by_doi(http: Transport, doi: str) -> Optional[Work]:
    """The work registered under ``doi`` at Crossref, or None if Crossref does not know it."""
    response = await http.get(REGISTRY, "/works/" + quote(doi, safe="/()<>;:"))
    if response is None:
        return None
    message = payload(REGISTRY, response).get("message") or {}
    return work(message) if isinstance(message, dict) and message.get("DOI") else None


async def notices_for(http: Transport, doi: str) -> Optional[str]:
    """Evidence of a retraction notice whose ``update-to`` points at ``doi``, if any."""
    response = await http.get(REGISTRY, "/works", {"filter": f"updates:{doi}", "rows": "20"})
    if response is None:
        return None
    for item in (payload(REGISTRY, response).get("message") or {}).get("items") or []:
        for update in item.get("update-to") or []:
            if (
                str(update.get("DOI", "")).lower() == doi.lower()
                and str(update.get("type", "")).lower() in RETRACTING
            ):
                notice = dict(update, DOI=item.get("DOI"))
                return _notice(notice, "Crossref update-to")
    return None


async def search(http: Transport, query: str, rows: int = 5) -> list[Work]:
    """Works matching a free-form citation (title, authors, year, container), best first."""
    response = await http.get(REGISTRY, "/works", {"query.bibliographic": query, "rows": str(rows)})
    if response is None:
        return []
    items = (payload(REGISTRY, response).get("message") or {}).get("items") or []
    return [work(item) for item in items if isinstance(item, dict) and item.get("DOI")]
