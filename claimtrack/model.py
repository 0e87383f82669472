"""The data model: reports, footnotes, references and claims.

These pydantic models are the boundary between the files on disk
(``claims/*.yaml``, ``references/*.bib``) and every command.  Field names are
part of the JSON contract of ``--format json``: add fields, never rename them.
"""

from __future__ import annotations

import re
from datetime import date as _date
from datetime import datetime as _datetime
from enum import StrEnum
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

# A date "only as precise as known": YYYY, YYYY-MM or YYYY-MM-DD.
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _check_partial_date(value: Optional[str]) -> Optional[str]:
    if value is None or value == "":
        return None
    value = str(value)
    if not PARTIAL_DATE.match(value):
        raise ValueError(f"date must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    parts = [int(p) for p in value.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise ValueError(f"month out of range in {value!r}")
    if len(parts) == 3:
        _date(*parts)  # raises on 2020-02-31
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class ReportFormat(StrEnum):
    """How a report marks its citations; each has its own ingest module."""

    SUP_FOOTNOTES = "sup-footnotes"  # <sup>N</sup> markers, page-foot definitions
    MARKDOWN_FOOTNOTES = "markdown-footnotes"  # pandoc/GitHub [^N] footnotes
    AUTHOR_YEAR = "author-year"  # names in the prose, bibliography at the end
    # Read through pandoc's AST (claimtrack/ingest/pandoc_ast.py), or from the PDF's characters:
    MARKDOWN = "markdown"  # Markdown whose notes are HTML anchors: <sup>[1](#fn1)</sup>, <a name="fn1">
    HTML = "html"
    DOCX = "docx"
    ODT = "odt"
    RTF = "rtf"
    EPUB = "epub"
    LATEX = "latex"
    RST = "rst"
    ORG = "org"
    TYPST = "typst"
    PDF = "pdf"


class Report(_Model):
    id: str
    title: str
    authors: list[str] = Field(default_factory=list)
    date: Optional[str] = None
    publisher: Optional[str] = None
    isbn: Optional[str] = None
    language: str = "en"
    source: str  # path relative to the project root, e.g. reports/x.txt
    sha256: str
    format: ReportFormat

    _date = field_validator("date")(_check_partial_date)


class FootnoteKind(StrEnum):
    SOURCE = "source"  # cites at least one source
    NOTE = "note"  # only explains; cites nothing
    IBID = "ibid"  # "Ibid": the previous footnote's sources


class Footnote(_Model):
    label: str  # "1", or a pandoc label such as "smith"
    line: int  # 1-based line of the definition in the report
    kind: FootnoteKind
    text: str  # raw Markdown of the definition, continuation paragraphs included
    references: list[str] = Field(default_factory=list)  # citekeys
    locator: Optional[str] = None  # "p. 14"

    @property
    def number(self) -> Optional[int]:
        return int(self.label) if self.label.isdigit() else None


class RefType(StrEnum):
    """Kinds of source; each maps onto biblatex, CSL and RIS types on export."""

    WEBPAGE = "webpage"
    NEWS = "article-newspaper"
    ARTICLE = "article-journal"
    BOOK = "book"
    REPORT = "report"


class Name(_Model):
    """One person or organisation of a name list, in parts (as biblatex and CSL keep them)."""

    family: Optional[str] = None
    given: Optional[str] = None
    prefix: Optional[str] = None  # a particle: "de", "van der"
    suffix: Optional[str] = None  # "Jr."
    literal: Optional[str] = None  # an organisation: one name, never split
    useprefix: Optional[bool] = None  # biblatex: the prefix sorts and cites with the family name

    @property
    def display(self) -> str:
        """ "Family, Given" (the particle leads the family): the form of ``Reference.authors``."""
        if self.literal is not None:
            return self.literal
        family = " ".join(part for part in (self.prefix, self.family) if part)
        return f"{family}, {self.given}" if self.given else family


class Reference(_Model):
    """One source.  Stored as a BibTeX entry in ``references/*.bib``.

    ``type`` is one of five coarse kinds (ingest makes these); an imported
    entry also keeps its exact biblatex ``entry_type``, every name list in
    parts (``names``), every other biblatex field (``fields``) and the fields
    biblatex does not know (``extra``, verbatim), so that nothing is lost.
    """

    key: str
    type: RefType = RefType.WEBPAGE
    title: Optional[str] = None
    title_translation: Optional[str] = None  # English title of a foreign one
    authors: list[str] = Field(default_factory=list)  # "Family, Given" each
    organization: Optional[str] = None  # a corporate author
    container: Optional[str] = None  # site, newspaper or journal
    publisher: Optional[str] = None
    location: Optional[str] = None  # place of publication
    volume: Optional[str] = None
    issue: Optional[str] = None
    number: Optional[str] = None  # report or document number
    pages: Optional[str] = None
    date: Optional[str] = None
    url: Optional[str] = None
    doi: Optional[str] = None
    isbn: Optional[str] = None
    language: Optional[str] = None  # BCP-47: en, ru, tr
    urldate: Optional[str] = None  # access date
    archive_url: Optional[str] = None  # a snapshot found by `links archive`
    note: Optional[str] = None
    # The biblatex entry type (inproceedings, thesis...); None: the one ``type`` implies.
    entry_type: Optional[str] = None
    # The biblatex field ``container`` came from, when not the entry type's usual one.
    container_field: Optional[str] = None
    # Every biblatex name list (author, editor, translator...) in parts; ``authors`` mirrors "author".
    names: dict[str, list[Name]] = Field(default_factory=dict)
    # Every other biblatex field, plain Unicode, by its biblatex name (series, edition, subtitle...).
    fields: dict[str, str] = Field(default_factory=dict)
    # Fields outside biblatex's data model, exactly as written in the source, written back as they were.
    extra: dict[str, str] = Field(default_factory=dict)
    # Where the entry lives; not part of the entry itself.
    file: Optional[str] = Field(default=None, exclude=True)
    line: Optional[int] = Field(default=None, exclude=True)

    _dates = field_validator("date", "urldate")(_check_partial_date)

    @property
    def display_authors(self) -> str:
        if self.authors:
            return "; ".join(self.authors)
        return self.organization or ""


class ReviewStatus(StrEnum):
    UNREVIEWED = "unreviewed"
    VERIFIED = "verified"  # a person checked the sources support the claim
    DISPUTED = "disputed"  # the sources do not support it
    NEEDS_SOURCE = "needs-source"
    NO_SOURCE_NEEDED = "no-source-needed"  # silences citation-needed for good


class Review(_Model):
    status: ReviewStatus = ReviewStatus.UNREVIEWED
    note: Optional[str] = None
    by: Optional[str] = None
    at: Optional[str] = None  # ISO date or datetime

    @field_validator("at", mode="before")
    @classmethod
    def _iso(cls, value: object) -> object:
        # A person writes `at: 2026-11-21` in YAML, which loads as a date, not a string.
        return value.isoformat() if isinstance(value, (_date, _datetime)) else value

    @property
    def is_curated(self) -> bool:
        return self != Review()


class Location(_Model):
    """Where a claim sits, precise enough to find it again after edits.

    ``line`` is a hint; ``prefix``/``suffix`` are the text around the claim
    (as in a W3C TextQuoteSelector), which survive lines moving.
    """

    line: int
    end_line: int
    paragraph: int  # index of the paragraph among the report's body paragraphs
    prefix: str = ""
    suffix: str = ""


class CitationStyle(StrEnum):
    """How the document wrote the citation."""

    NOTE = "note"  # a footnote marker
    CITEKEY = "citekey"  # pandoc [@key] / LaTeX \\cite{key}
    NUMBERED = "numbered"  # [3] into a numbered reference list
    AUTHOR_DATE = "author-date"  # (Smith, 2020) into an author-date reference list


class CitationMode(StrEnum):
    """pandoc's citation modes."""

    NORMAL = "normal"  # [@smith] / (Smith, 2020)
    AUTHOR_IN_TEXT = "author-in-text"  # @smith / Smith (2020)
    SUPPRESS_AUTHOR = "suppress-author"  # [-@smith] / (2020)


class Citation(_Model):
    """One citation of one source by a claim, in the order the text gives them."""

    key: str  # the reference's citekey; a key the bibliography lacks stays as written
    style: CitationStyle
    mode: CitationMode = CitationMode.NORMAL
    locator: Optional[str] = None  # "p. 4", "ch. 3", "§3.5"
    prefix: Optional[str] = None  # "see"
    suffix: Optional[str] = None  # "emphasis added"
    label: Optional[str] = None  # as written: footnote label, "3", "Smith 2020a"
    found: bool = True  # False: cited, but no such entry in the bibliography or list


class Claim(_Model):
    id: str
    report: str
    section: Optional[str] = None
    text: str
    footnotes: list[str] = Field(default_factory=list)  # labels
    references: list[str] = Field(default_factory=list)  # citekeys
    # Author-year reports: the names in the prose that cite a source.
    cited_as: list[str] = Field(default_factory=list)
    location: Location
    # Every citation in order, whatever the style, with its locator.
    citations: list[Citation] = Field(default_factory=list)
    review: Review = Field(default_factory=Review)
    # Set on re-ingest when a reviewed claim is no longer in its report: kept,
    # because the review is a person's work, but no longer matched to text.
    detached: bool = False

    @property
    def cited(self) -> bool:
        return bool(self.references)


class BibliographyEntry(_Model):
    """An entry of an author-year report's bibliography."""

    key: str
    line: int
    text: str
    cited: bool  # False: the prose never names it


class ClaimFile(_Model):
    """Everything ingest knows about one report: ``claims/<report>.yaml``."""

    report: Report
    footnotes: list[Footnote] = Field(default_factory=list)
    bibliography: list[BibliographyEntry] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
