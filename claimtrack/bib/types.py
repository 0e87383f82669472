"""Entry types across formats: biblatex <-> BibTeX <-> CSL <-> RIS, and the model's five kinds.

biblatex -> CSL follows citeproc's (pandoc's ``getTypeAndGenre``), except
``@misc`` and ``@set``, which pandoc leaves without a type, invalid CSL:
they become ``document``, CSL 1.0.2's generic type.  RIS follows Zotero's
RIS translator; BibTeX aliases follow biber's driver map (``datamodel``).
"""

from __future__ import annotations

from typing import Optional

from ..model import RefType

# biblatex entry type -> CSL type (citeproc/pandoc)
TO_CSL = {
    "article": "article-journal", "periodical": "article-journal", "suppperiodical": "article-journal",
    "book": "book", "mvbook": "book", "collection": "book", "mvcollection": "book", "manual": "book",
    "proceedings": "book", "mvproceedings": "book", "reference": "book", "mvreference": "book",
    "software": "book", "inbook": "chapter", "bookinbook": "chapter", "suppbook": "chapter",
    "incollection": "chapter", "suppcollection": "chapter", "booklet": "pamphlet", "dataset": "dataset",
    "online": "webpage", "patent": "patent", "inproceedings": "paper-conference",
    "inreference": "entry-encyclopedia", "report": "report", "thesis": "thesis", "unpublished": "manuscript",
    "artwork": "graphic", "image": "graphic", "audio": "song", "music": "song", "jurisdiction": "legal_case",
    "legislation": "legislation", "standard": "legislation", "legal": "treaty", "letter": "personal_communication",
    "movie": "motion_picture", "video": "motion_picture", "performance": "speech", "review": "review",
}  # fmt: skip
CSL_GENERIC = "document"
# CSL type -> biblatex entry type (and entrysubtype)
FROM_CSL = {
    "article": ("article", None), "article-journal": ("article", None),
    "article-magazine": ("article", "magazine"), "article-newspaper": ("article", "newspaper"),
    "book": ("book", None), "chapter": ("incollection", None), "paper-conference": ("inproceedings", None),
    "entry": ("inreference", None), "entry-encyclopedia": ("inreference", None),
    "entry-dictionary": ("inreference", None), "thesis": ("thesis", None), "report": ("report", None),
    "webpage": ("online", None), "post": ("online", None), "post-weblog": ("online", None),
    "manuscript": ("unpublished", None), "patent": ("patent", None), "dataset": ("dataset", None),
    "graphic": ("artwork", None), "song": ("audio", None), "motion_picture": ("movie", None),
    "legal_case": ("jurisdiction", None), "legislation": ("legislation", None), "bill": ("legislation", None),
    "treaty": ("legal", None), "personal_communication": ("letter", None), "speech": ("performance", None),
    "pamphlet": ("booklet", None), "software": ("software", None), "review": ("review", None),
    "review-book": ("review", None), "standard": ("standard", None), "periodical": ("periodical", None),
    "broadcast": ("video", None), "interview": ("misc", None), "map": ("misc", None),
    "document": ("misc", None), "collection": ("collection", None), "classic": ("book", None),
}  # fmt: skip
# CSL type -> RIS TY (Zotero's RIS translator)
TO_RIS = {
    "article-journal": "JOUR", "article": "JOUR", "article-magazine": "MGZN", "article-newspaper": "NEWS",
    "book": "BOOK", "chapter": "CHAP", "paper-conference": "CPAPER", "entry-encyclopedia": "ENCYC",
    "entry-dictionary": "DICT", "thesis": "THES", "report": "RPRT", "webpage": "ELEC", "post-weblog": "BLOG",
    "manuscript": "UNPB", "patent": "PAT", "dataset": "DATA", "graphic": "ART", "song": "SOUND",
    "motion_picture": "MPCT", "legal_case": "CASE", "legislation": "STAT", "bill": "BILL",
    "personal_communication": "PCOMM", "speech": "SLIDE", "pamphlet": "PAMP", "software": "COMP",
    "review": "JOUR", "treaty": "GEN", "document": "GEN", "map": "MAP", "broadcast": "MPCT",
    "interview": "GEN", "standard": "STAND",
}  # fmt: skip
# RIS TY -> CSL type (the inverse, with the tags other programs write: Mendeley's CONF, EndNote's JFULL...)
FROM_RIS = {ris: csl for csl, ris in reversed(TO_RIS.items())}
FROM_RIS.update({
    "JOUR": "article-journal", "JFULL": "article-journal", "EJOUR": "article-journal", "CONF": "paper-conference",
    "CPAPER": "paper-conference", "EBOOK": "book", "EDBOOK": "book", "ECHAP": "chapter", "GEN": "document",
    "ELEC": "webpage", "WEB": "webpage", "ICOMM": "webpage", "INPR": "article-journal", "ABST": "article-journal",
    "SER": "book", "CTLG": "book", "STAND": "standard", "GOVDOC": "report", "NEWS": "article-newspaper",
})  # fmt: skip
# biblatex entry type -> classic BibTeX entry type
TO_BIBTEX = {
    "article": "article", "periodical": "article", "suppperiodical": "article", "book": "book",
    "mvbook": "book", "collection": "book", "mvcollection": "book", "reference": "book", "mvreference": "book",
    "inbook": "inbook", "bookinbook": "incollection", "suppbook": "incollection",
    "incollection": "incollection", "suppcollection": "incollection", "inreference": "incollection",
    "proceedings": "proceedings", "mvproceedings": "proceedings", "inproceedings": "inproceedings",
    "manual": "manual", "booklet": "booklet", "report": "techreport", "unpublished": "unpublished",
}  # fmt: skip


def to_csl(entry_type: str, entrysubtype: Optional[str] = None) -> str:
    if entry_type == "article" and entrysubtype in ("magazine", "newspaper"):
        return f"article-{entrysubtype}"
    return TO_CSL.get(entry_type, CSL_GENERIC)


def to_bibtex(entry_type: str, thesis_type: Optional[str] = None) -> str:
    """The classic type; a thesis is @mastersthesis when its ``type`` says so, else @phdthesis."""
    if entry_type == "thesis":
        return (
            "mastersthesis" if (thesis_type or "").lower() in ("mathesis", "mastersthesis") else "phdthesis"
        )
    return TO_BIBTEX.get(entry_type, "misc")


def coarse(entry_type: str, entrysubtype: Optional[str] = None) -> RefType:
    """The model's five kinds (``Reference.type``), as ``refs import`` has always mapped them."""
    if entry_type == "article":
        return RefType.NEWS if entrysubtype == "newspaper" else RefType.ARTICLE
    csl = TO_CSL.get(entry_type, CSL_GENERIC)
    if entry_type == "manual":
        return RefType.REPORT
    if csl in ("article-journal", "chapter", "paper-conference", "entry-encyclopedia"):
        return RefType.ARTICLE
    if csl == "book" or entry_type == "booklet":
        return RefType.BOOK
    if csl in ("report", "thesis") or entry_type == "manual":
        return RefType.REPORT
    return RefType.WEBPAGE


# The model's kinds -> (biblatex type, entrysubtype), for references ingest made.
FROM_COARSE = {
    RefType.WEBPAGE: ("online", None),
    RefType.NEWS: ("article", "newspaper"),
    RefType.ARTICLE: ("article", None),
    RefType.BOOK: ("book", None),
    RefType.REPORT: ("report", None),
}
