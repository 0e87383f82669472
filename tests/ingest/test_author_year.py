"""Ingest of a scraped article with an author-year bibliography."""

from __future__ import annotations

import json

from ct_helpers import write_report

ARTICLE = """
Готовое решение [rms] Corporation
гор. Тюмень. Пожалуйста, временно обращайтесь по адресу e-mail

Small Powers in the Caucasus

Small Powers in the Caucasus

Ana Author
Student, Some University

Small Powers in the Caucasus

Theory First

In 1979, Kenneth Waltz published the book Theory of International Politics. According to Waltz, power is what counts.

Facts Later

In 2008, 77% of the population voted in favor of joining the alliance. Armenia recalled its ambassador on 1 October 2020.


Abilov, S.; ISAYEV, I. (2015). “Azerbaijan-Russian Relations: Balanced Foreign Policy”, OAKA, 9:19, pp.113-143.

Flanagan, S. et al. (2013). “The Turkey, Russia, Iran Nexus”. Center for Strategic and International Studies.

Hovhannisyan, N.; Ayyub, R. (2020). “Armenia Recalls Ambassador to Israel”. Reuters. Available at: https://www.reuters.com/article/us-armenia-idUSKBN26M76L (Accessed 6 November 2020).

Waltz, K. (1979). Theory of International Politics. Reading: Addison-Wesley Publishing.

Jam News. “News on Combat in Karabakh. October 11, 2020”. Jam News. Available at: https://jam-news.net/fighting-in-karabakh/ (Accessed 6 November 2020).

08 ноября 2020
1623 просмотра
Используя этот сайт, вы соглашаетесь на использование файлов cookie
"""


def test_article_boilerplate_bibliography_and_named_authors(project, cli):
    write_report(project, "a.txt", ARTICLE)
    cli("ingest", str(project / "reports"))
    records = (project / "claims" / "a.yaml").read_text("utf-8")
    assert "format: author-year" in records
    assert "date: '2020-11-08'" in records  # the Russian date line of the site
    assert "Тюмень" not in records and "cookie" not in records
    assert "title: Small Powers in the Caucasus" in records and "- Ana Author" in records

    refs = {r["key"]: r for r in json.loads(cli("refs", "list", "--format", "json").stdout)}
    assert len(refs) == 5
    abilov = next(r for r in refs.values() if r["title"].startswith("Azerbaijan-Russian"))
    assert abilov["authors"] == ["Abilov, S.", "Isayev, I."]
    assert (abilov["container"], abilov["volume"], abilov["issue"], abilov["pages"]) == (
        "OAKA",
        "9",
        "19",
        "113-143",
    )
    assert abilov["type"] == "article-journal" and abilov["date"] == "2015"
    reuters = next(r for r in refs.values() if r["container"] == "Reuters")
    assert reuters["url"] == "https://www.reuters.com/article/us-armenia-idUSKBN26M76L"
    assert reuters["urldate"] == "2020-11-06" and reuters["type"] == "article-newspaper"
    waltz = next(r for r in refs.values() if r["title"] == "Theory of International Politics")
    assert (waltz["type"], waltz["publisher"], waltz["location"]) == (
        "book",
        "Addison-Wesley Publishing",
        "Reading",
    )
    flanagan = next(r for r in refs.values() if r["authors"][:1] == ["Flanagan, S."])
    assert flanagan["authors"] == ["Flanagan, S.", "others"] and flanagan["type"] == "report"
    jam = next(r for r in refs.values() if r["organization"] == "Jam News")
    assert jam["date"] == "2020-10-11"  # from the title: the entry has no year

    claims = json.loads(cli("claims", "list", "--format", "json").stdout)
    named = [c for c in claims if c["references"]]
    assert {c["text"] for c in named} == {
        "In 1979, Kenneth Waltz published the book Theory of International Politics.",
        "According to Waltz, power is what counts.",
    }
    assert all(c["references"] == [waltz["key"]] and c["cited_as"] == ["Waltz"] for c in named)
    assert {c["section"] for c in named} == {"Theory First"}
    uncited = {c["text"] for c in claims if not c["references"]}
    assert "Armenia recalled its ambassador on 1 October 2020." in uncited
    # entries the prose never names are kept, and marked
    assert records.count("cited: false") == 4 and records.count("cited: true") == 1
