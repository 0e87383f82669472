"""url-title-conflict, near-duplicate-url, suspicious-domain, url-title-mismatch, malformed-url."""

from __future__ import annotations

from claimtrack.audit.words import slug_words

EURASIANET = "https://eurasianet.org/in-armenia-azerbaijan-conflict-us-missing-in-action"


def _footnotes(build, notes: dict[str, tuple[str, str]], keys: dict[str, str] | None = None):
    """A report whose sentence carries one footnote per entry of ``notes``: label -> (title, url)."""
    markers = "".join(f"<sup>{label}</sup>" for label in notes)
    definitions = "\n\n".join(
        f"<sup>{label}</sup> *{title}.* URL: <{url}>" for label, (title, url) in notes.items()
    )
    build.report(f"Washington stayed away in October 2020.{markers}\n\n{definitions}\n")
    keys = keys or {label: f"ref{label}" for label in notes}
    for label, (title, url) in notes.items():
        build.footnote(label, f"*{title}.* URL: <{url}>", refs=[keys[label]])
        if keys[label] not in {r.key for r in build.refs}:
            build.ref(keys[label], title=title, url=url, date="2020-10-14")
    build.claim(
        "Washington stayed away in October 2020.",
        footnotes=list(notes),
        refs=list(dict.fromkeys(keys.values())),
    )
    return build


def test_one_url_under_two_titles_names_the_wrong_citation(build):
    _footnotes(
        build,
        {
            "60": ("How Azerbaijan Is Lobbying Washington To Sanitize Its War", EURASIANET),
            "61": ("In Armenia-Azerbaijan conflict, U.S. missing in action", EURASIANET),
        },
    )
    findings = build.audit("url-title-conflict", "url-title-mismatch").findings
    # one finding: the slug mismatch of footnote 60 is part of the conflict, not a second finding
    [finding] = findings
    assert finding.slug == "url-title-conflict" and finding.severity == "error"
    assert finding.footnote == "60" and finding.line == 3
    assert "footnote 60 points at the wrong page" in finding.message
    assert [r.line for r in finding.related] == [5]


def test_conflict_found_when_ingest_merged_both_citations_into_one_reference(build):
    _footnotes(
        build,
        {
            "60": ("How Azerbaijan Is Lobbying Washington To Sanitize Its War", EURASIANET),
            "61": ("In Armenia-Azerbaijan conflict, U.S. missing in action", EURASIANET),
        },
        keys={"60": "eurasianet", "61": "eurasianet"},
    )
    assert build.slugs("url-title-conflict") == ["url-title-conflict"]


def test_same_url_same_title_differently_written_is_no_conflict(build):
    url = "https://valdaiclub.com/a/highlights/eight-principles-of-iran-s-foreign-policy"
    _footnotes(
        build,
        {
            "25": ("Eight Principles of Iran's Foreign Policy Towards the Nagorno-Karabakh Conflict", url),
            "29": ("Eight Principles of Iran’s Foreign Policy towards The Nagorno-Karabakh Conflict", url),
        },
        keys={"25": "kaleji", "29": "kaleji"},
    )
    assert build.slugs("url-title-conflict", "url-title-mismatch", "near-duplicate-url") == []


def test_url_title_mismatch_alone(build):
    _footnotes(build, {"60": ("How Azerbaijan Is Lobbying Washington To Sanitize Its War", EURASIANET)})
    [finding] = build.audit("url-title-mismatch").findings
    assert (
        finding.code == "CT304" and "in-armenia-azerbaijan-conflict-us-missing-in-action" in finding.message
    )


def test_slugs_that_fit_their_titles_are_not_mismatches(build):
    _footnotes(
        build,
        {
            # transliteration, Turkish letters, a changed headline sharing two words, no slug, a site-named title
            "1": ("Türkiye'nin Azerbaycan'a silah ihracatı zirve yaptı",
                  "https://www.dw.com/tr/turkiyenin-azerbaycana-silah-ihracati-zirve-yapti/a-55276973"),
            "2": ("Erdogan slams Minsk Group over Nagorno-Karabakh occupation",
                  "https://www.hurriyetdailynews.com/us-russia-france-involvement-for-ceasefire-in-karabakh-unacceptable-erdogan-158761"),
            "3": ("Prinuzhdenie k konfliktu", "https://www.kommersant.ru/doc/4537733"),
            "4": ("Official statistics of the Energy Market Regulatory Authority (EPDK)",
                  "https://www.epdk.gov.tr/Detay/Icerik/3-0-95/dogal-gazaylik-sektor-raporu"),
            "5": ("News, Reports, Media on Combat in Karabakh",
                  "https://jam-news.net/fighting-in-karabakh-news-ceasefire-violated-events-azerbaijan-armenia/"),
        },
    )  # fmt: skip
    assert build.slugs("url-title-mismatch") == []


def test_slug_words_ignore_ids_and_sections():
    assert slug_words("https://en.irna.ir/news/84074208/Azeri-or-Armenian-drone-crashes") == [
        "azeri", "or", "armenian", "drone", "crashes",
    ]  # fmt: skip
    assert slug_words("https://www.kommersant.ru/doc/4537733") == []
    assert slug_words("https://www.mid.ru/en/foreign_policy/official_documents/-/asset_publisher/Cpt") == []


CNN = "https://edition.cnn.com/2020/10/01/middleeast/azerbaijan-armenia-syrian-rebels-intl/index"
TITLE = "Rebels from Syria recruited to fight in conflict between Azerbaijan and Armenia"


def test_htm_and_html_of_one_page(build):
    _footnotes(build, {"2": (TITLE, CNN + ".htm"), "21": (TITLE, CNN + ".html")})
    findings = build.audit("near-duplicate-url", "duplicate-reference").findings
    # reported once, as a near-duplicate URL: not again as two keys of one source
    [finding] = findings
    assert finding.slug == "near-duplicate-url" and finding.footnote == "2"
    assert ".htm/.html" in finding.message and finding.related[0].message == f"footnote 21 cites {CNN}.html"


def test_http_https_and_www_variants(build):
    _footnotes(
        build,
        {"1": (TITLE, "http://www.example.org/page/"), "2": (TITLE, "https://example.org/page")},
    )
    [finding] = build.audit("near-duplicate-url").findings
    assert "http/https" in finding.message and "www." in finding.message


def test_same_url_or_different_pages_are_not_near_duplicates(build):
    _footnotes(
        build,
        {
            "1": (TITLE, CNN + ".html"),
            "2": (TITLE, CNN + ".html"),
            "3": ("Document 10", "http://vn.kazimirov.ru/doc10.htm"),
            "4": ("Document 3", "http://vn.kazimirov.ru/doc3.htm"),
        },
        keys={"1": "cnn", "2": "cnn", "3": "doc10", "4": "doc3"},
    )
    assert build.slugs("near-duplicate-url") == []


def test_typo_domain_next_to_the_real_one(build):
    _footnotes(
        build,
        {
            "24": (
                "Davutoglu sozdal partiyu",
                "https://eadaaily.com/ru/news/2019/12/13/davutoglu-sozdal-partiyu",
            ),
            "47": (
                "Iran gotov pomoch Rossii",
                "https://eadaily.com/ru/news/2020/11/10/iran-gotov-pomoch-rossii",
            ),
        },
    )
    [finding] = build.audit("suspicious-domain").findings
    # eadaily.com is a known site, so the other spelling is the typo
    assert finding.footnote == "24" and finding.code == "CT303"
    assert finding.fix == "Check the domain; it is probably eadaily.com."


def test_short_and_related_domains_are_not_suspicious(build):
    _footnotes(
        build,
        {
            "1": ("Erdogan obvinil Rossiju", "https://ria.ru/20201028/erdogan-1581919748.html"),
            "2": ("V Gruzii obespokoilis", "https://vz.ru/news/2020/11/10/1069866.html"),
            "3": ("Spor Erdogana i Makrona", "https://www.ng.ru/world/2020-10-25/2_7998_dispute.html"),
            "4": ("Azeri drone crashes", "https://en.irna.ir/news/84074208/Azeri-drone-crashes"),
            "5": ("Iran press story", "https://irna.ir/news/1/story"),
            "6": ("Iran gov story", "https://irangov.ir/detail/350890"),
        },
    )
    assert build.slugs("suspicious-domain") == []


def test_malformed_url(build):
    _footnotes(
        build, {"1": ("Broken", "htps://www.tehrantimes.com/news/1"), "2": ("Fine", "https://x.org/a")}
    )
    build.ref("by_hand", title="Typed into the .bib", url="https:// www.tehrantimes.com/news/2", date="2020")
    findings = build.audit("malformed-url").findings
    assert len(findings) == 2
    in_footnote, in_bib = sorted(findings, key=lambda f: f.footnote is None)
    assert in_footnote.footnote == "1" and "scheme 'htps' is not http or https" in in_footnote.message
    assert in_bib.file == "references/r1.bib" and "white space" in in_bib.message
