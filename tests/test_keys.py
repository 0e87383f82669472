"""Citekey generation: readable, ASCII, unique, stable."""

from __future__ import annotations

from claimtrack.keys import make_key


def key(taken: set[str] | None = None, **fields) -> str:
    base = {"authors": [], "organization": None, "container": None, "url": None, "date": None, "title": None}
    base.update(fields)
    return make_key(**base, taken=taken if taken is not None else set())


def test_author_year_first_significant_title_word() -> None:
    made = key(authors=["Naumkin, Vitaly"], date="2020-10-07", title="The Fire in Karabakh")
    assert made == "naumkin2020fire"


def test_falls_back_to_organization_then_site_then_host() -> None:
    made = key(organization="International Crisis Group", date="2019", title="A Report")
    assert made == "international2019report"
    made = key(container="The Guardian", date="2020-09-28", title="On Syrian mercenaries")
    assert made == "guardian2020syrian"
    assert key(url="https://www.bbc.co.uk/news/x", date="2021", title="Why now") == "bbc2021now"
    assert key(url="https://kommersant.ru/doc/1", title="Ogon'") == "kommersantogon"


def test_ascii_folding_of_names_and_titles() -> None:
    assert key(authors=["Çelik, Ayşe"], date="2020", title="Işık ve gölge") == "celik2020isik"
    assert key(authors=["Łukasz, Øre"], date="2020", title="Straße") == "lukasz2020strasse"
    assert key(authors=["Шахназаров, К."], date="2020", title="Война") == "shakhnazarov2020voina"


def test_missing_date_leaves_the_year_out() -> None:
    assert key(authors=["Smith, Jo"], title="Notes") == "smithnotes"


def test_clash_gets_letter_suffix_case_insensitively() -> None:
    taken = {"Smith2020notes", "smith2020notesa"}
    assert key(taken, authors=["Smith, Jo"], date="2020", title="Notes") == "smith2020notesb"


def test_suffix_past_z() -> None:
    base = "smith2020notes"
    taken = {base} | {base + chr(c) for c in range(ord("a"), ord("z") + 1)}
    assert key(taken, authors=["Smith, Jo"], date="2020", title="Notes") == base + "aa"


def test_nothing_known_still_gives_a_key() -> None:
    assert key() == "ref"
    assert key({"ref"}) == "refa"
