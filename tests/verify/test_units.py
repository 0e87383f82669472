"""Quotations, figures and text normalisation, one rule at a time."""

from __future__ import annotations

import pytest

from claimtrack.verify import figures, quotes
from claimtrack.verify.figure_check import digit_near
from claimtrack.verify.passages import Passages, split
from claimtrack.verify.source import Source
from claimtrack.verify.text import Doc

SOURCE = (
    "The ministry said on Monday that exports rose to $1.2 billion in the first quarter.\n"
    "\u201cWe will not accept any deal that harms our farmers,\u201d the minister told parliament, "
    "adding that the U.S. proposal was \u2018unacceptable in its present form\u2019.\n"
    "Unemployment fell to 13.4 percent, the lowest rate since 2008, while inflation stood at 9.8%."
)


def passages() -> Passages:
    return Passages(SOURCE)


@pytest.mark.parametrize(
    "claim",
    [
        "The minister said \u201cwe will not accept any deal that harms our farmers\u201d.",
        'The minister said "We will not accept any deal that harms our farmers".',
        "He called the U.S. proposal 'unacceptable in its present form'.",
        "The minister said \u201cwe will not accept any deal \u2026 our farmers\u201d.",
        'The minister said "we will not accept [...] harms our farmers".',
        "The minister said \u201cWe will not accept any deal that harms [Turkey's] farmers\u201d.",
    ],
)
def test_exact_quotations_are_found_whatever_the_marks(claim: str) -> None:
    found = [quotes.check(q, passages()) for q in quotes.quotations(claim)]
    assert found and all(q.found == "exact" for q in found), found


def test_a_changed_word_makes_an_altered_quotation_shown_beside_the_source() -> None:
    claim = "The minister said \u201cwe will never accept any deal that harms our farmers\u201d."
    (result,) = [quotes.check(q, passages()) for q in quotes.quotations(claim)]
    assert result.found == "altered"
    assert result.source_text == "We will not accept any deal that harms our farmers"


def test_a_quotation_the_source_never_made_is_missing() -> None:
    claim = "The minister promised \u201ca new subsidy scheme for every grain producer next spring\u201d."
    (result,) = [quotes.check(q, passages()) for q in quotes.quotations(claim)]
    assert result.found == "missing"


def test_apostrophes_do_not_open_quotations() -> None:
    assert quotes.quotations("The minister's plan isn't new, and the farmers' union agrees.") == []


def test_a_quotation_only_outside_the_article_text_is_still_exact() -> None:
    full = Doc.of(
        "Navigation | Home\nSidebar: \u201cprices will fall next year,\u201d the CEO said.\n" + SOURCE
    )
    (result,) = [
        quotes.check(q, passages(), full) for q in quotes.quotations('He said "prices will fall next year".')
    ]
    assert result.found == "exact" and not result.in_main


@pytest.mark.parametrize(
    ("claim", "source", "same"),
    [
        ("13.4 percent", "13.4%", True),
        ("13.4%", "13.4 per cent", True),
        ("13,4 %", "13.4 percent", True),
        ("$1.2bn", "1.2 billion dollars", True),
        ("US$1,200 million", "$1.2 billion", True),
        ("about 33%", "33.2%", True),
        ("25 states", "twenty-five states", True),
        ("1,500 people", "1500 people", True),
        ("32.2 percent", "33.2%", False),
        ("$1.2 billion", "\u20ac1.2 billion", False),
        ("13.4%", "13.4", False),
        ("2019", "2018", False),
    ],
)
def test_figures_compare_by_value_not_notation(claim: str, source: str, same: bool) -> None:
    (a,) = figures.find(claim)
    (b,) = figures.find(source)
    assert a.matches(b) is same, (a, b)


def test_figures_skip_identifiers_and_small_spelled_numbers_in_claims() -> None:
    found = figures.find("COVID-19 hit two countries and the G20 in 2020.", spelled_small=False)
    assert [f.text for f in found] == ["2020"]


def test_a_one_digit_slip_is_near_but_another_figure_is_not() -> None:
    (a,) = figures.find("32.2%")
    (b,) = figures.find("33.2%")
    (c,) = figures.find("28.2%")
    assert digit_near(a, b) and not digit_near(a, c)


def test_passages_keep_paragraphs_and_join_headings() -> None:
    parts = split("Title\n" + "word " * 30 + "\n\nNext paragraph " + "text " * 20)
    assert len(parts) == 2 and parts[0].startswith("Title word")


def test_words_keep_their_place_in_the_original() -> None:
    doc = Doc.of("Ligature \ufb01nance and \u201cquoted\u201d text")
    at = doc.find(["finance", "and", "quoted"])
    assert at is not None and doc.original(at, at + 2) == "\ufb01nance and \u201cquoted"


def test_source_figures_found_near_the_claim() -> None:
    source = Source(main=SOURCE, full=SOURCE)
    assert any(f.text == "13.4 percent" for fs in source.passage_figures for f in fs)


def test_multiples_and_units() -> None:
    (a,) = figures.find("20x slower")
    (b,) = figures.find("20 times slower")
    (c,) = figures.find("five hours", spelled_small=False)
    (d,) = figures.find("five years ago")
    assert a.matches(b) and not c.matches(d)


def test_a_claim_half_of_which_the_source_never_says_is_partly() -> None:
    from claimtrack.verify.judge import judge

    text = "\n".join(
        [
            "Coal generation slid 18 percent last year, the steepest fall on record, as utilities switched to gas.",
            "Renewable output from wind, solar and hydroelectric plants increased 6 percent over the same period.",
        ]
        * 3
    )
    source = Source(main=text, full=text, language="en")
    whole = judge(
        "c",
        "Coal generation slid 18 percent last year as utilities switched to gas.",
        "en",
        source,
        {"reference": "r"},
    )
    half = judge(
        "c",
        "Coal generation slid 18 percent last year, and electric car sales doubled across the country.",
        "en",
        source,
        {"reference": "r"},
    )
    assert whole.verdict == "supported"
    assert half.verdict == "partly" and "electric car sales" in half.reason
