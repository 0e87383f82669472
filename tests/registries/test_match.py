"""Ours against the registry's: what counts as the same work, and what does not."""

from __future__ import annotations

from claimtrack.model import Reference, RefType
from claimtrack.registries.match import compare, conflicting, same_when_linked, same_when_searched
from claimtrack.registries.records import Work

BOETTIGER = Work(
    registry="crossref",
    title="Early warning signals: the charted and uncharted territories",
    authors=["Boettiger", "Ross", "Hastings"],
    year=2013,
    container="Theoretical Ecology",
    doi="10.1007/s12080-013-0192-6",
)


def ref(**fields) -> Reference:
    fields.setdefault("key", "k")
    fields.setdefault("type", RefType.ARTICLE)
    return Reference(**fields)


def test_the_same_work_written_differently_is_the_same():
    ours = ref(title="Early Warning Signals: The Charted and Uncharted Territories.",
               authors=["Boettiger, C.", "others"], date="2014")  # fmt: skip
    c = compare(ours, BOETTIGER)
    assert same_when_searched(c, ours) and same_when_linked(c, ours)


def test_a_title_cited_without_its_subtitle_is_the_same_work_by_the_same_people():
    ours = ref(title="Early warning signals", authors=["Boettiger, Carl", "Ross, Noam"], date="2013")
    c = compare(ours, BOETTIGER)
    assert same_when_linked(c, ours) and same_when_searched(c, ours)
    stranger = ref(title="Early warning signals", authors=["Scheffer, Marten"], date="2009")
    assert not same_when_searched(compare(stranger, BOETTIGER), stranger)


def test_a_registry_keeping_only_the_first_author_still_agrees():
    only_first = BOETTIGER.model_copy(update={"authors": ["Boettiger"]})
    ours = ref(
        title=BOETTIGER.title, authors=["Boettiger, Carl", "Ross, Noam", "Hastings, Alan"], date="2013"
    )
    assert compare(ours, only_first).authors == 1.0


def test_markup_and_latex_do_not_count_as_differences():
    work = Work(registry="crossref", title="<scp>RNeXML</scp>: a package for reading and writing richly annotated "
                "phylogenetic, character, and trait data in <scp>R</scp>", authors=["Boettiger"], year=2016)  # fmt: skip
    work.title = work.title.replace("<scp>", "").replace("</scp>", "")
    ours = ref(title="{RNeXML}: A package for reading and writing richly annotated phylogenetic, character, "
               "and trait data in {R}", authors=["Boettiger, Carl"], date="2016")  # fmt: skip
    assert compare(ours, work).title == 1.0


def test_a_plausible_title_nobody_wrote_is_not_the_work():
    ours = ref(title="Early warning signals of ecosystem collapse: a machine learning perspective",
               authors=["Boettiger, Carl", "Hastings, Alan"], date="2013")  # fmt: skip
    c = compare(ours, BOETTIGER)
    assert not same_when_searched(c, ours)
    assert not same_when_linked(c, ours)


def test_a_real_title_under_other_names_conflicts():
    ours = ref(title=BOETTIGER.title, authors=["Smith, John", "Lee, Anna"], date="2013")
    c = compare(ours, BOETTIGER)
    assert not same_when_searched(c, ours)
    assert conflicting(c, ours)
    assert same_when_linked(c, ours)  # through its own DOI, a title this close is the work


def test_a_doi_of_another_work_is_not_the_work():
    other = Work(registry="crossref", title="Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation "
                 "of Microglia in the Basal Ganglia of Mice", authors=["Sadasivan", "Pond"], year=2012)  # fmt: skip
    ours = ref(title=BOETTIGER.title, authors=["Boettiger, Carl"], date="2013")
    c = compare(ours, other)
    assert not same_when_linked(c, ours)
    assert c.score < 0.5
    assert any(d.startswith("title: ours") for d in c.differences)


def test_books_tolerate_another_edition_year():
    book = Work(
        registry="openlibrary", title="The Structure of Scientific Revolutions", authors=["Kuhn"], year=2012
    )
    ours = ref(type=RefType.BOOK, title="The structure of scientific revolutions", authors=["Kuhn, Thomas S."],
               date="1962")  # fmt: skip
    assert same_when_linked(compare(ours, book), ours)


def test_years_apart_the_same_title_by_the_same_people_is_the_work_otherwise_a_conflict():
    preprint = ref(
        title=BOETTIGER.title, authors=["Boettiger, Carl", "Ross, Noam", "Hastings, Alan"], date="2011"
    )
    assert same_when_searched(compare(preprint, BOETTIGER), preprint)
    other_year = ref(
        title=BOETTIGER.title, authors=["Boettiger, Carl", "Smith, John", "Lee, Anna"], date="2010"
    )
    c = compare(other_year, BOETTIGER)
    assert not same_when_searched(c, other_year) and conflicting(c, other_year)
