"""Real works, written in each registry's record shape (trimmed to the fields the checker reads
and a few it must ignore).  Bibliographic facts are those the registries hold for these works.
"""

from __future__ import annotations

from typing import Any


def _date(*parts: int) -> dict[str, Any]:
    return {"date-parts": [list(parts)]}


def _people(*names: tuple[str, str]) -> list[dict[str, Any]]:
    return [
        {"given": given, "family": family, "sequence": "first" if i == 0 else "additional", "affiliation": []}
        for i, (given, family) in enumerate(names)
    ]


def crossref_work(doi: str, title: str, authors: list[tuple[str, str]], issued: tuple[int, ...], container: str,
                  kind: str = "journal-article", **extra: Any) -> dict[str, Any]:  # fmt: skip
    return {
        "indexed": {
            "date-parts": [[2024, 3, 1]],
            "date-time": "2024-03-01T00:00:00Z",
            "timestamp": 1709251200000,
        },
        "DOI": doi,
        "type": kind,
        "title": [title],
        "author": _people(*authors),
        "container-title": [container] if container else [],
        "issued": _date(*issued),
        "published": _date(*issued),
        "prefix": doi.split("/")[0],
        "source": "Crossref",
        "is-referenced-by-count": 12,
        "URL": f"https://doi.org/{doi}",
        "relation": {},
        **extra,
    }


ZHOU_2020 = crossref_work(
    "10.1038/s41586-020-2012-7",
    "A pneumonia outbreak associated with a new coronavirus of probable bat origin",
    [("Peng", "Zhou"), ("Xing-Lou", "Yang"), ("Xian-Guang", "Wang"), ("Ben", "Hu"), ("Lei", "Zhang")],
    (2020, 2, 3),
    "Nature",
    volume="579",
    issue="7798",
    page="270-273",
    publisher="Springer Science and Business Media LLC",
    ISSN=["0028-0836", "1476-4687"],
    # An addendum is an update, not a retraction.
    **{
        "updated-by": [
            {
                "DOI": "10.1038/s41586-020-2951-z",
                "type": "addendum",
                "label": "Addendum",
                "source": "publisher",
                "updated": _date(2020, 11, 17),
            }
        ]
    },  # fmt: skip
)
WAKEFIELD_1998 = crossref_work(
    "10.1016/s0140-6736(97)11096-0",
    "RETRACTED: Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children",
    [("AJ", "Wakefield"), ("SH", "Murch"), ("A", "Anthony"), ("J", "Linnell"), ("DM", "Casson")],
    (1998, 2),
    "The Lancet",
    volume="351",
    issue="9103",
    page="637-641",
    **{
        "updated-by": [
            {
                "DOI": "10.1016/s0140-6736(04)15715-2",
                "type": "correction",
                "label": "Correction",
                "source": "retraction-watch",
                "updated": _date(2004, 3, 6),
                "record-id": "17269",
            },
            {
                "DOI": "10.1016/s0140-6736(10)60175-4",
                "type": "retraction",
                "label": "Retraction",
                "source": "retraction-watch",
                "updated": _date(2010, 2, 6),
                "record-id": "4036",
            },
        ]
    },  # fmt: skip
)
# The Surgisphere paper, as a mirror that lacks the ``updated-by`` link holds it: only the
# notice's ``update-to`` says it was retracted.
MEHRA_2020 = crossref_work(
    "10.1016/s0140-6736(20)31180-6",
    "Hydroxychloroquine or chloroquine with or without a macrolide for treatment of COVID-19: "
    "a multinational registry analysis",
    [("Mandeep R", "Mehra"), ("Sapan S", "Desai"), ("Frank", "Ruschitzka"), ("Amit N", "Patel")],
    (2020, 5),
    "The Lancet",
)
MEHRA_NOTICE = crossref_work(
    "10.1016/s0140-6736(20)31324-6",
    "Retraction—Hydroxychloroquine or chloroquine with or without a macrolide for treatment of COVID-19: "
    "a multinational registry analysis",
    [("Mandeep R", "Mehra"), ("Frank", "Ruschitzka"), ("Amit N", "Patel")],
    (2020, 6),
    "The Lancet",
    **{
        "update-to": [
            {
                "DOI": "10.1016/s0140-6736(20)31180-6",
                "type": "retraction",
                "label": "Retraction",
                "source": "publisher",
                "updated": _date(2020, 6, 5),
            }
        ]
    },  # fmt: skip
)
BOETTIGER_2013 = crossref_work(
    "10.1007/s12080-013-0192-6",
    "Early warning signals: the charted and uncharted territories",
    [("Carl", "Boettiger"), ("Noam", "Ross"), ("Alan", "Hastings")],
    (2013, 6, 21),
    "Theoretical Ecology",
    volume="6",
    issue="3",
    page="255-264",
)
BOETTIGER_2018 = crossref_work(
    "10.1111/ele.13085",
    "From noise to knowledge: how randomness generates novel phenomena and reveals information",
    [("Carl", "Boettiger")],
    (2018, 5, 22),
    "Ecology Letters",
)
SADASIVAN_2012 = crossref_work(
    "10.1371/journal.pone.0033693",
    "Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the Basal Ganglia of Mice",
    [("Shankar", "Sadasivan"), ("Brooks B.", "Pond"), ("Amar K.", "Pani"), ("Chunxu", "Qu"), ("Yun", "Jiao")],
    (2012, 3, 21),
    "PLoS ONE",
    **{
        "updated-by": [
            {
                "DOI": "10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda",
                "type": "correction",
                "label": "Correction",
                "source": "publisher",
                "updated": _date(2012, 5, 8),
            }
        ]
    },  # fmt: skip
)
BOULKEDID_2011 = crossref_work(
    "10.1371/journal.pone.0020476",
    "Using and Reporting the Delphi Method for Selecting Healthcare Quality Indicators: A Systematic Review",
    [
        ("Rym", "Boulkedid"),
        ("Hendy", "Abdoul"),
        ("Marine", "Loustau"),
        ("Olivier", "Sibony"),
        ("Corinne", "Alberti"),
    ],
    (2011, 6, 9),
    "PLoS ONE",
)
GATTI_2017 = crossref_work(
    "10.1007/978-3-319-53923-2",
    "Applications of Quantum Dynamics in Chemistry",
    [("Fabien", "Gatti"), ("Benjamin", "Lasorne"), ("Hans-Dieter", "Meyer"), ("André", "Nauts")],
    (2017,),
    "Lecture Notes in Chemistry",
    kind="book",
    ISBN=["9783319539218", "9783319539232"],
)
CROSSREF = [ZHOU_2020, WAKEFIELD_1998, MEHRA_2020, MEHRA_NOTICE, BOETTIGER_2013, BOETTIGER_2018,
            SADASIVAN_2012, BOULKEDID_2011, GATTI_2017]  # fmt: skip

# DataCite registers arXiv's DOIs (10.48550/arXiv.*).
VASWANI_DATACITE = {
    "doi": "10.48550/arxiv.1706.03762",
    "identifiers": [],
    "creators": [
        {"name": "Vaswani, Ashish", "nameType": "Personal", "givenName": "Ashish", "familyName": "Vaswani"},
        {"name": "Shazeer, Noam", "nameType": "Personal", "givenName": "Noam", "familyName": "Shazeer"},
        {"name": "Parmar, Niki", "nameType": "Personal", "givenName": "Niki", "familyName": "Parmar"},
    ],
    "titles": [{"title": "Attention Is All You Need"}],
    "publisher": "arXiv",
    "container": {},
    "publicationYear": 2017,
    "types": {
        "ris": "GEN",
        "bibtex": "misc",
        "citeproc": "article",
        "schemaOrg": "CreativeWork",
        "resourceTypeGeneral": "Preprint",
    },  # fmt: skip
    "url": "https://arxiv.org/abs/1706.03762",
    "state": "findable",
}
DATACITE = [VASWANI_DATACITE]

ARXIV = [
    {"id": "1706.03762", "version": 7, "published": "2017-06-12T17:57:34Z", "title": "Attention Is All You Need",
     "authors": ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit", "Llion Jones"],
     "comment": "15 pages, 5 figures", "category": "cs.CL",
     "summary": "The dominant sequence transduction models are based on complex recurrent or convolutional "
                "neural networks in an encoder-decoder configuration."},
    {"id": "hep-th/9711200", "version": 3, "published": "1997-11-27T21:32:37Z",
     "title": "The Large N Limit of Superconformal Field Theories and Supergravity", "authors": ["Juan M. Maldacena"],
     "journal_ref": "Adv.Theor.Math.Phys.2:231-252,1998", "doi": "10.1023/A:1026654312961", "category": "hep-th"},
]  # fmt: skip

OPENLIBRARY = [
    {"url": "https://openlibrary.org/books/OL26836005M/The_Structure_of_Scientific_Revolutions",
     "key": "/books/OL26836005M", "title": "The Structure of Scientific Revolutions",
     "authors": [{"url": "https://openlibrary.org/authors/OL392406A/Thomas_S._Kuhn", "name": "Thomas S. Kuhn"}],
     "identifiers": {"isbn_13": ["9780226458083"], "isbn_10": ["0226458083"], "openlibrary": ["OL26836005M"]},
     "publishers": [{"name": "University of Chicago Press"}], "publish_date": "2012", "number_of_pages": 264},
    # Known only as an edition record (/isbn/{isbn}.json), not to the Books API.
    {"key": "/books/OL2207548M", "title": "Mathematical bioeconomics", "edition_only": True,
     "identifiers": {"isbn_10": ["0471508837"], "isbn_13": ["9780471508830"]},
     "publishers": [{"name": "Wiley"}], "publish_date": "1990"},
]  # fmt: skip


def openalex_work(crossref: dict[str, Any], ident: str, retracted: bool = False) -> dict[str, Any]:
    """The OpenAlex record of a Crossref work (OpenAlex takes its metadata from Crossref)."""
    year = crossref["issued"]["date-parts"][0][0]
    return {
        "id": f"https://openalex.org/{ident}",
        "doi": f"https://doi.org/{crossref['DOI']}",
        "title": crossref["title"][0],
        "display_name": crossref["title"][0],
        "publication_year": year,
        "publication_date": f"{year}-01-01",
        "type": "article",
        "authorships": [
            {
                "author_position": "first" if i == 0 else "middle",
                "author": {"id": None, "display_name": f"{a['given']} {a['family']}"},
                "raw_author_name": f"{a['given']} {a['family']}",
            }
            for i, a in enumerate(crossref["author"])
        ],  # fmt: skip
        "primary_location": {"source": {"display_name": (crossref["container-title"] or [None])[0]}},
        "is_retracted": retracted,
        "cited_by_count": 10,
    }


OPENALEX = [
    openalex_work(ZHOU_2020, "W3004280078"),
    openalex_work(WAKEFIELD_1998, "W2095588450", retracted=True),
    openalex_work(BOETTIGER_2013, "W2110470925"),
    openalex_work(BOETTIGER_2018, "W2803526094"),
    openalex_work(BOULKEDID_2011, "W2040596618"),
    openalex_work(SADASIVAN_2012, "W2026766390"),
]


def load(fake: Any) -> None:
    fake["crossref"].records.extend(CROSSREF)
    fake["datacite"].records.extend(DATACITE)
    fake["arxiv"].records.extend(ARXIV)
    fake["openlibrary"].records.extend(OPENLIBRARY)
    fake["openalex"].records.extend(OPENALEX)
