"""What counts as a checkable factual claim, and why: the sentences behind citation-needed."""

from __future__ import annotations

import pytest

from claimtrack.checkworthy import assess


@pytest.mark.parametrize(
    ("sentence", "reason", "trigger"),
    [
        ("Almost 70 percent of Armenia's foreign trade goes through Georgia.", "statistic", "70 percent"),
        ("In January 2011, tensions rose over the TANAP deal.", "date or event", "In January 2011"),
        ("Since May 1994, there have been no peacemaking operations.", "date or event", "Since May 1994"),
        ("Turkey's bases in Iraq created new problems in the spring of 2020.", "date or event", "spring of 2020"),
        ("As soon as 1992, Baku established relations with NATO.", "date or event", "As soon as 1992"),
        ("Irish scholar Fred Halliday calls this approach a policy of flowers.", "attribution", "calls this"),
        ("France has the third largest Armenian diaspora in the world.", "comparison", "the third largest"),
        # an attribution inside the author's hedge still needs a source
        ("As Hamidreza Azizi pointed out, the new corridor will diminish Iran's leverage.", "attribution",
         "pointed out"),
        # reported fear is not the author's hedge
        ("Between 2002 and 2014, the country supported NATO, while Moscow feared that Baku could become an "
         "outpost.", "date or event", "Between 2002"),
    ],
)  # fmt: skip
def test_checkable(sentence, reason, trigger):
    verdict = assess(sentence)
    assert verdict.checkable, verdict
    assert (verdict.reason, verdict.trigger) == (reason, trigger)


@pytest.mark.parametrize(
    "sentence",
    [
        # opinion, hedge, prediction
        "This is a great opportunity to remind the world about himself.",
        "Macron's main opponent Marine Le Pen is most likely to exploit this issue in 2022.",
        "The peacemaking operation will make it possible to settle the status by November 10, 2020.",
        # the report's own argument, with a date that only sets the scene
        "The escalation on September 27, 2020 has clearly demonstrated the internationalisation of the conflict.",
        "Importantly, Russia is most interested in a balance, particularly after 2008.",
        "On November 10, 2020, Moscow gained a reputation as an effective mediator.",
        # a question
        "Why is Turkey insisting on the continuation of war in 2020?",
        # idioms and nouns that look like attribution or comparison
        "That said, selective cooperation is quite possible.",
        "In the international system of nation-states there is no superior entity.",
        "This emphasised once again the vulnerability of that country.",
        "The conflict is not the only reason for differences between Paris and Ankara.",
        # a bare number
        "The general outline of compromises was not filled during 11 years.",
    ],
)
def test_not_checkable(sentence):
    assert not assess(sentence).checkable, assess(sentence)
