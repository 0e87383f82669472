"""DataCite's REST API (``/dois/{doi}``): DOIs of data sets, software, preprints, theses.

Asked when Crossref does not know a DOI.  Shape (JSON:API,
https://support.datacite.org/reference/get_dois-id): ``{"data": {"id",
"type": "dois", "attributes": {"doi", "titles": [{"title"}], "creators":
[{"name", "nameType", "givenName", "familyName"}], "publisher",
"publicationYear", "container", "types": {"resourceTypeGeneral"}}}}``; an
unknown DOI is a 404 with ``{"errors": [...]}``.
"""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import quote

from .records import Work
from .text import plain, year_of
from .transport import Transport, payload

REGISTRY = "datacite"


def _family(creator: dict[str, Any]) -> str:
    if creator.get("familyName"):
        return plain(creator["familyName"])
    name = plain(creator.get("name") or "")
    if creator.get("nameType") == "Organizational":
        return name
    return name.split(",", 1)[0].strip() if "," in name else (name.split()[-1] if name else "")


def work(attributes: dict[str, Any]) -> Work:
    titles = [t for t in attributes.get("titles") or [] if isinstance(t, dict)]
    main = next((t for t in titles if not t.get("titleType")), titles[0] if titles else {})
    subtitle = next((t for t in titles if t.get("titleType") == "Subtitle"), {})
    publisher = attributes.get("publisher")
    if isinstance(publisher, dict):  # ?publisher=true gives {"name": ...}
        publisher = publisher.get("name")
    container = (attributes.get("container") or {}).get("title") or publisher
    doi = str(attributes.get("doi") or "").lower() or None
    types = attributes.get("types") or {}
    return Work(
        registry=REGISTRY,
        title=plain(main.get("title")),
        subtitle=plain(subtitle.get("title")) or None,
        authors=[
            n for n in (_family(c) for c in attributes.get("creators") or [] if isinstance(c, dict)) if n
        ],
        year=year_of(attributes.get("publicationYear")),
        container=plain(container) or None,
        doi=doi,
        type=types.get("resourceTypeGeneral") or types.get("citeproc"),
        url=f"https://doi.org/{doi}" if doi else None,
    )


async def by_doi(http: Transport, doi: str) -> Optional[Work]:
    response = await http.get(REGISTRY, "/dois/" + quote(doi, safe="/()"))
    if response is None:
        return None
    data = payload(REGISTRY, response).get("data") or {}
    attributes = data.get("attributes") if isinstance(data, dict) else None
    return work(attributes) if isinstance(attributes, dict) and attributes.get("doi") else None
