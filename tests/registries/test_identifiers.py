"""Identifiers checked offline: the forms people write, and the check digits that catch typos."""

from __future__ import annotations

import pytest

from claimtrack.model import Reference, RefType
from claimtrack.registries import identifiers as ids
from claimtrack.registries import refids


@pytest.mark.parametrize(
    "written",
    [
        "10.1016/S0140-6736(97)11096-0",
        "doi:10.1016/S0140-6736(97)11096-0",
        "DOI: 10.1016/S0140-6736(97)11096-0",
        "https://doi.org/10.1016/S0140-6736(97)11096-0",
        "http://dx.doi.org/10.1016/S0140-6736(97)11096-0",
        "doi.org/10.1016/S0140-6736(97)11096-0",
        "https://doi.org/10.1016%2FS0140-6736%2897%2911096-0",
    ],
)
def test_doi_forms_normalise_to_one(written):
    assert ids.doi_problem(written) is None
    assert ids.normalize_doi(written) == "10.1016/s0140-6736(97)11096-0"


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("11.1111/ele.13085", "a DOI starts with 10."),
        ("10.1111 /ele.13085", "a DOI has no white space"),
        ("10.1111", "a DOI has a / between its prefix and suffix"),
        ("10.ab/ele.13085", "prefix '10.ab' is not 10. followed by a registrant number"),
        ("10.1111/", "nothing after the /"),
        ("", "empty DOI"),
    ],
)
def test_malformed_dois_say_why(written, reason):
    assert ids.doi_problem(written) == reason
    assert ids.normalize_doi(written) is None


def test_dois_with_unusual_but_legal_characters_pass():
    for doi in (
        "10.1002/(SICI)1097-4636(199812)43:4<409::AID-JBM8>3.0.CO;2-Q",
        "10.1000.10/123456",
        "10.48550/arXiv.1706.03762",
    ):
        assert ids.doi_problem(doi) is None


@pytest.mark.parametrize(
    ("isbn", "problem"),
    [
        ("978-0-226-45808-3", None),  # Kuhn, The Structure of Scientific Revolutions
        ("0-226-45808-3", None),
        ("0262033844", None),  # Cormen et al., Introduction to Algorithms
        ("080442957X", None),  # a check digit of X
        ("978-0-226-45808-4", "ISBN-13 check digit is 3, not 4"),
        ("0-226-45808-4", "ISBN-10 check digit is 3, not 4"),
        ("0-226-54808-3", "ISBN-10 check digit is 2, not 3"),  # two digits swapped
        ("977-0-226-45808-3", "an ISBN-13 starts with 978 or 979"),
        ("978-0-226-4580", "an ISBN has 10 or 13 digits, not 11"),
    ],
)
def test_isbn_check_digits(isbn, problem):
    assert ids.isbn_problem(isbn) == problem


def test_isbn10_converts_to_isbn13():
    assert ids.isbn13("0-226-45808-3") == "9780226458083"


@pytest.mark.parametrize(
    ("issn", "problem"),
    [
        ("0140-6736", None),  # The Lancet
        ("0028-0836", None),  # Nature
        ("1461-023X", None),  # Ecology Letters: check digit X
        ("0140-6737", "ISSN check digit is 6, not 7"),
        ("140-6736", "an ISSN is seven digits and a check digit (0-9 or X)"),
    ],
)
def test_issn_check_digits(issn, problem):
    assert ids.issn_problem(issn) == problem


@pytest.mark.parametrize(
    ("arxiv", "problem"),
    [
        ("1706.03762", None),
        ("1706.03762v7", None),
        ("arXiv:2103.00020", None),
        ("0704.0001", None),
        ("hep-th/9711200", None),
        ("math.GT/0309136", None),
        ("1713.01234", "month 13 of an arXiv id is not 01-12"),
        ("0612.1234", "new-style arXiv ids begin in April 2007 (0704)"),
        ("1412.12345", "five-digit arXiv numbers begin in 2015 (1501)"),
        ("2107.1234", "arXiv ids from 2015 on have five digits after the dot"),
        ("hep-th/9713200", "month 13 of an arXiv id is not 01-12"),
        ("arxiv-2107", "not an arXiv id (YYMM.NNNNN or archive/YYMMNNN)"),
    ],
)
def test_arxiv_ids_old_and_new(arxiv, problem):
    assert ids.arxiv_problem(arxiv) == problem


def test_arxiv_id_found_where_people_write_it():
    assert ids.arxiv_in("https://arxiv.org/abs/1706.03762v5") == "1706.03762"
    assert ids.arxiv_in("https://arxiv.org/pdf/1706.03762.pdf") == "1706.03762"
    assert ids.arxiv_in("arXiv preprint arXiv:1810.04805") == "1810.04805"
    assert ids.arxiv_in("arXiv:hep-th/9711200") == "hep-th/9711200"
    assert ids.arxiv_in("10.48550/arXiv.2103.00020") == "2103.00020"
    assert ids.arxiv_in("https://www.reuters.com/article/1706.03762") is None


def test_pubmed_ids():
    assert ids.pmid_problem("9500320") is None
    assert ids.pmid_problem("95003a0") == "a PMID is a number of up to nine digits"
    assert ids.pmcid_problem("PMC3114237") is None
    assert ids.pmcid_problem("PMC") == "a PMCID is PMC followed by digits"
    assert ids.pmid_in("https://pubmed.ncbi.nlm.nih.gov/9500320/") == "9500320"
    assert ids.pmcid_in("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3114237/") == "PMC3114237"


def test_a_reference_yields_its_identifiers_and_problems():
    ref = Reference(
        key="k",
        type=RefType.ARTICLE,
        title="T",
        doi="https://doi.org/10.1038/S41586-020-2012-7",
        isbn="978-0-226-45808-3, 0-226-45808-4",
        note="PMID: 32015507",
    )
    found = refids.of(ref)
    assert found.doi == "10.1038/s41586-020-2012-7"
    assert found.isbns == ["9780226458083"]
    assert [str(p) for p in found.problems] == ["isbn '0-226-45808-4': ISBN-10 check digit is 3, not 4"]
    assert found.pmid == "32015507"
    assert found.primary == "doi:10.1038/s41586-020-2012-7"
    web = refids.of(Reference(key="w", url="https://doi.org/10.1111/ele.13085"))
    assert web.doi == "10.1111/ele.13085"


def test_fields_a_richer_reference_model_adds_are_read():
    from types import SimpleNamespace

    richer = SimpleNamespace(doi=None, url=None, isbn=None, note=None, container=None,
                             issn=["0140-6737"], eprint="1706.03762", archiveprefix="arXiv", pmid="9500320")  # fmt: skip
    found = refids.of(richer)  # type: ignore[arg-type]
    assert found.arxiv == "1706.03762" and found.pmid == "9500320"
    assert [str(p) for p in found.problems] == ["issn '0140-6737': ISSN check digit is 6, not 7"]


def test_identifier_fields_the_model_lacks_are_scanned_from_the_bib_text():
    from claimtrack.registries.rawfields import scan

    text = """@inproceedings{DBLP:conf/nips/VaswaniSPUJGKP17,
  author    = {Ashish Vaswani and Noam Shazeer},
  title     = {Attention is All you Need},
  eprint    = {1706.03762},
  archivePrefix = {arXiv},
}
@article{lancet, title = {T}, ISSN = "0140-6736",
  pmid = {9500320}}
@book{plain, title = {No identifiers}}
"""
    assert scan(text) == {
        "DBLP:conf/nips/VaswaniSPUJGKP17": {"eprint": "1706.03762", "archiveprefix": "arXiv"},
        "lancet": {"pmid": "9500320"},
    }
