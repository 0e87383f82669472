"""What a registry says about a work, in one shape whichever registry said it."""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict, Field


class Work(BaseModel):
    """One registry record, reduced to what a reference is compared on."""

    model_config = ConfigDict(extra="ignore")

    registry: str  # crossref, datacite, arxiv, openlibrary, openalex
    title: str = ""
    subtitle: Optional[str] = None
    authors: list[str] = Field(default_factory=list)  # family names, in order
    year: Optional[int] = None
    container: Optional[str] = None  # journal, proceedings, series, publisher for books
    doi: Optional[str] = None
    arxiv: Optional[str] = None
    isbn: list[str] = Field(default_factory=list)
    type: Optional[str] = None
    url: Optional[str] = None
    # Evidence of a retraction or withdrawal, e.g. "retraction notice 10.1016/... (2010-02-06,
    # retraction-watch)"; None when the registry marks none.
    retraction: Optional[str] = None

    @property
    def retracted(self) -> bool:
        return self.retraction is not None

    def matched(self) -> dict[str, object]:
        """The ``matched`` object of the JSON contract."""
        return {
            "title": self.title or None,
            "authors": self.authors,
            "year": self.year,
            "container": self.container,
            "doi": self.doi,
        }
