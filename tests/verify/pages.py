"""Pages for the verify tests, written for them: a news article inside a site's
navigation and footer, the same article changed, a German page, a bot wall,
and a PDF report built here byte by byte (no PDF library involved)."""

from __future__ import annotations

ARTICLE_PARAGRAPHS = [
    "Turkey's natural gas imports fell by 9.3 percent in 2019 to 45.2 billion cubic meters, the Energy "
    "Market Regulatory Authority (EPDK) said in its annual market report published on Monday.",
    "Russia remained the largest supplier with a share of 33.2%, followed by Azerbaijan with 21.2% and "
    "Iran with 16.7%, according to the report.",
    "\u201cWe have diversified our supply routes and we no longer depend on a single country for our "
    "energy security,\u201d Energy Minister Fatih D\u00f6nmez told reporters in Ankara on Tuesday.",
    "Liquefied natural gas (LNG) accounted for 28.2 percent of total imports, up from 22.4 percent a year "
    "earlier, as spot cargoes from the United States and Qatar became cheaper.",
    "The regulator said spending on gas imports dropped to $12.1 billion from $14.6 billion, helping to "
    "narrow the country's current account deficit for the first time in three years.",
    "Analysts expect demand to recover in 2020 as industrial production picks up, although warmer winters "
    "have reduced household consumption in recent years.",
]

_CHROME_TOP = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Example Energy News</title>
<meta name="description" content="Energy news from Ankara and the region.">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Example Energy News">
<meta property="article:published_time" content="2020-01-21T09:30:00+03:00">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "{title}", "author": {{"@type": "Person", "name": "Ay\u015fe Kaya"}},
 "datePublished": "2020-01-21T09:30:00+03:00", "publisher": {{"@type": "Organization", "name": "Example Energy News"}}}}</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/energy">Energy</a></li>
<li><a href="/markets">Markets</a></li><li><a href="/subscribe">Subscribe for 4.99 a month</a></li></ul></nav></header>
<div class="ticker">Brent crude 64.2 USD | Gold up 1.3% | Lira 5.9 per dollar</div>
<main><article>
<h1>{title}</h1>
<p class="byline">By Ay\u015fe Kaya, January 21, 2020</p>
"""

_CHROME_BOTTOM = """
</article>
<aside><h2>Most read</h2><ul>
<li><a href="/a1">Oil prices rose 4% on Monday as traders eyed supply cuts</a></li>
<li><a href="/a2">Electricity tariffs to rise 15 percent from February</a></li>
<li><a href="/a3">Coal output hits a record 85 million tonnes</a></li></ul></aside>
</main>
<footer><p>\u00a9 2020 Example Energy News. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a> | <a href="/contact">Contact us</a></p>
<p>Sign up to our newsletter to receive the 10 most important energy stories every week.</p></footer>
</body></html>
"""


def article(
    paragraphs: list[str] | None = None, title: str = "Turkey's gas imports fall as supply diversifies"
) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in (paragraphs or ARTICLE_PARAGRAPHS))
    return _CHROME_TOP.format(title=title) + body + _CHROME_BOTTOM


def changed_article() -> str:
    """The same article a week later: Russia's share paragraph was removed, one was added."""
    paragraphs = [p for p in ARTICLE_PARAGRAPHS if not p.startswith("Russia")]
    paragraphs.append(
        "Correction: an earlier version of this article misstated the suppliers' shares; that paragraph "
        "has been removed pending a review of the regulator's figures."
    )
    return article(paragraphs)


GERMAN_PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Gasimporte der T\u00fcrkei sinken</title></head><body>
<nav><a href="/">Startseite</a> <a href="/wirtschaft">Wirtschaft</a></nav>
<article><h1>Gasimporte der T\u00fcrkei sinken</h1>
<p>Die Erdgasimporte der T\u00fcrkei sind im Jahr 2019 um 9,3 Prozent auf 45,2 Milliarden Kubikmeter
gesunken, teilte die Regulierungsbeh\u00f6rde EPDK am Montag in ihrem Jahresbericht mit.</p>
<p>Russland blieb mit einem Anteil von 33,2 Prozent der gr\u00f6\u00dfte Lieferant, gefolgt von Aserbaidschan
und dem Iran. Der Energieminister sagte, das Land sei nicht mehr von einem einzigen Lieferanten abh\u00e4ngig
und habe seine Versorgungswege in den vergangenen Jahren deutlich erweitert.</p>
<p>Fl\u00fcssigerdgas machte 28,2 Prozent der gesamten Einfuhren aus, nach 22,4 Prozent im Vorjahr, weil
Ladungen aus den Vereinigten Staaten und Katar g\u00fcnstiger wurden.</p></article>
<footer>Impressum | Datenschutz</footer></body></html>
"""

PAYWALLED = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Inside the regulator's gas pricing review | Example Business Daily</title></head><body>
<nav><a href="/">Home</a> <a href="/markets">Markets</a> <a href="/subscribe">Subscribe</a></nav>
<article><h1>Inside the regulator's gas pricing review</h1>
<p>The Energy Market Regulatory Authority has begun a review of how wholesale gas prices are set for
industrial buyers, three people familiar with the matter said, after complaints from manufacturers
about the cost of long-term contracts.</p>
<p>The review is expected to run until the summer and could lead to changes in the tariff formula
used by the state pipeline company, the people said.</p>
<div class="paywall"><h2>Subscribe to continue reading</h2>
<p>Get unlimited access to Example Business Daily from 1 euro for the first month.</p>
<p>Already a subscriber? <a href="/login">Sign in</a></p></div></article>
<footer>Example Business Daily | Terms | Privacy</footer></body></html>
"""

BOT_WALL = """<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>
<div id="challenge-platform"><h1>Checking your browser before accessing the site.</h1>
<p>Please enable JavaScript and cookies to continue.</p></div></body></html>
"""

PDF_LINES = [
    "Regional Energy Outlook 2020",
    "Summary of findings",
    "Gas demand in the region grew by 2.4 percent in 2019, the slowest pace in a decade,",
    "while renewable capacity additions reached a record 11.8 gigawatts.",
    "Twenty-five member states have adopted national hydrogen strategies since 2018.",
    'The report concludes that "the transition will not be completed without a',
    'substantial increase in public investment in grids and storage".',
    "Investment in grids reached EUR 3.5 billion, a third more than in the previous year.",
    "Prepared by the Regional Energy Observatory, Vienna, March 2020.",
]


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf(lines: list[str] | None = None, title: str = "Regional Energy Outlook 2020") -> bytes:
    """A one-page PDF 1.4 with Helvetica text, document information and a valid xref table."""
    lines = lines or PDF_LINES
    stream = (
        "BT /F1 11 Tf 14 TL 56 780 Td\n" + "".join(f"({_pdf_escape(line)}) Tj T*\n" for line in lines) + "ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream",
        f"<< /Title ({_pdf_escape(title)}) /Author (Maria Berger) /CreationDate (D:20200315120000Z) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
