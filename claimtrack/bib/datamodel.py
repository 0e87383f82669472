"""biblatex's default data model (blx-dm.def, biblatex 3.x): entry types and field kinds.

A field is kept in ``Reference.fields`` if biblatex knows it, else verbatim in
``Reference.extra``.  The kind says how a value is read and written: names
are split into parts, lists at " and ", dates are EDTF, verbatim fields
(URLs, DOIs, files) are never LaTeX-decoded or escaped.
"""

from __future__ import annotations

ENTRY_TYPES = frozenset(
    """article book mvbook inbook bookinbook suppbook booklet collection mvcollection incollection
    suppcollection dataset manual misc online patent periodical suppperiodical proceedings mvproceedings
    inproceedings reference mvreference inreference report set software thesis unpublished xdata
    customa customb customc customd custome customf artwork audio bibnote commentary image jurisdiction
    legislation legal letter movie music performance review standard video""".split()
)

NAME_FIELDS = (
    "author", "editor", "editora", "editorb", "editorc", "translator", "annotator", "commentator",
    "introduction", "foreword", "afterword", "bookauthor", "holder", "namea", "nameb", "namec",
    "shortauthor", "shorteditor", "sortname",
)  # fmt: skip
LIST_FIELDS = frozenset(
    """location publisher institution organization language origlocation origpublisher
    lista listb listc listd liste listf""".split()
)
DATE_FIELDS = ("date", "origdate", "eventdate", "urldate")
VERBATIM_FIELDS = frozenset("url doi eprint file verba verbb verbc urlraw".split())
# Keys and switches: never decoded or escaped (``Hauck_etal_2011`` is a citekey, not text).
KEY_VERBATIM = frozenset("crossref xref xdata ids entryset related options".split())
# Key fields: identifiers and switches, written as read.
KEY_FIELDS = frozenset(
    """authortype bookpagination crossref editortype editoratype editorbtype editorctype entryset
    entrysubtype execute gender hyphenation ids indexsorttitle keywords langid langidopts
    options pagination presort related relatedoptions relatedtype sortkey sortshorthand
    sortyear type xdata xref nameatype namebtype namectype pubstate""".split()
)
LITERAL_FIELDS = frozenset(
    """abstract addendum annotation booksubtitle booktitle booktitleaddon chapter edition eid
    eprintclass eprinttype eventtitle eventtitleaddon howpublished indextitle isan isbn ismn isrn
    issn issue issuesubtitle issuetitle issuetitleaddon iswc journalsubtitle journaltitle
    journaltitleaddon label library mainsubtitle maintitle maintitleaddon nameaddon note number
    origtitle pagetotal part reprinttitle series shorthand shorthandintro shortjournal shortseries
    shorttitle subtitle title titleaddon venue version year month day endyear endmonth endday
    pages volume volumes usera userb userc userd usere userf verba""".split()
)
KNOWN_FIELDS = (
    frozenset(NAME_FIELDS)
    | LIST_FIELDS
    | frozenset(DATE_FIELDS)
    | VERBATIM_FIELDS
    | KEY_FIELDS
    | LITERAL_FIELDS
)

# biber's BibTeX aliases (biber's default driver map): an old name read as the biblatex one.
FIELD_ALIASES = {
    "address": "location", "annote": "annotation", "archiveprefix": "eprinttype", "journal": "journaltitle",
    "key": "sortkey", "pdf": "file", "primaryclass": "eprintclass", "school": "institution",
    "hyphenation": "langid",
}  # fmt: skip
# entry type -> (biblatex type, the ``type`` field it implies)
TYPE_ALIASES = {
    "conference": ("inproceedings", None), "electronic": ("online", None), "www": ("online", None),
    "mastersthesis": ("thesis", "mathesis"), "phdthesis": ("thesis", "phdthesis"),
    "techreport": ("report", "techreport"),
}  # fmt: skip
# Titles a style may recase: their capitals are protected with braces on export.
TITLE_FIELDS = frozenset(
    "title subtitle titleaddon booktitle booksubtitle maintitle mainsubtitle eventtitle origtitle "
    "shorttitle issuetitle reprinttitle".split()
)
