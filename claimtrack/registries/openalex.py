"""OpenAlex (``/works?search=...``, ``/works/doi:...``): a second opinion and ``is_retracted``.

Shape (https://docs.openalex.org/api-entities/works/work-object): a list is
``{"meta": {"count"}, "results": [work, ...]}``; a work has ``id``, ``doi``
(as https://doi.org/...), ``title``/``display_name``, ``publication_year``,
``authorships: [{"author": {"display_name"}, "raw_author_name"}]``,
``primary_location.source.display_name``, ``type`` and ``is_retracted``.
"""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import quote

from .records import Work
from .text import plain
from .transport import Transport, payload

REGISTRY = "openalex"


def _family(authorship: dict[str, Any]) -> str:
    name = plain((authorship.get("author") or {}).get("display_name") or authorship.get("raw_author_name"))
    parts = name.split()
    return parts[-1] if parts else ""


def work(data: dict[str, Any]) -> Work:
    doi = str(data.get("doi") or "").lower().removeprefix("https://doi.org/") or None
    source = ((data.get("primary_location") or {}).get("source") or {}).get("display_name")
    year = data.get("publication_year")
    return Work(
        registry=REGISTRY,
        title=plain(data.get("title") or data.get("display_name")),
        authors=[n for n in (_family(a) for a in data.get("authorships") or [] if isinstance(a, dict)) if n],
        year=year if isinstance(year, int) else None,
        container=plain(source) or None,
        doi=doi,
        type=data.get("type"),
        url=data.get("id"),
        retraction="is_retracted: OpenAlex" if data.get("is_retracted") else None,
    )


async def search(http: Transport, title: str, rows: int = 5) -> list[Work]:
    """Works whose title (or abstract) matches: OpenAlex's ``search`` covers no author names."""
    params = {"search": title, "per-page": str(rows)}
    if http.settings.mailto:
        params["mailto"] = http.settings.mailto
    response = await http.get(REGISTRY, "/works", params)
    if response is None:
        return []
    return [work(r) for r in payload(REGISTRY, response).get("results") or [] if isinstance(r, dict)]


async def by_doi(http: Transport, doi: str) -> Optional[Work]:
    response = await http.get(REGISTRY, "/works/doi:" + quote(doi, safe="/()"))
    if response is None:
        return None
    data = payload(REGISTRY, response)
    return work(data) if isinstance(data, dict) and data.get("id") else None
