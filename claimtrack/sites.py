"""Known publishers by web domain: their name, what kind of source they are.

A reference's container (the site or paper) and its type come from here when
the citation does not say them.  Unknown domains stay web pages named by host.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

from .model import RefType
from .urls import host


class Site(NamedTuple):
    name: str
    type: RefType
    language: Optional[str] = None


_NEWS, _WEB, _JOURNAL = RefType.NEWS, RefType.WEBPAGE, RefType.ARTICLE

SITES: dict[str, Site] = {
    "theguardian.com": Site("The Guardian", _NEWS, "en"),
    "edition.cnn.com": Site("CNN", _NEWS, "en"),
    "cnn.com": Site("CNN", _NEWS, "en"),
    "nytimes.com": Site("The New York Times", _NEWS, "en"),
    "reuters.com": Site("Reuters", _NEWS, "en"),
    "uk.reuters.com": Site("Reuters", _NEWS, "en"),
    "bloomberg.com": Site("Bloomberg", _NEWS, "en"),
    "voanews.com": Site("Voice of America", _NEWS, "en"),
    "arabnews.com": Site("Arab News", _NEWS, "en"),
    "newsweek.com": Site("Newsweek", _NEWS, "en"),
    "france24.com": Site("France 24", _NEWS, "en"),
    "cbc.ca": Site("CBC News", _NEWS, "en"),
    "tass.com": Site("TASS", _NEWS, "en"),
    "hurriyetdailynews.com": Site("Hürriyet Daily News", _NEWS, "en"),
    "tehrantimes.com": Site("Tehran Times", _NEWS, "en"),
    "tasnimnews.com": Site("Tasnim News Agency", _NEWS, "en"),
    "en.irna.ir": Site("IRNA", _NEWS, "en"),
    "farsnews.ir": Site("Fars News Agency", _NEWS, "en"),
    "iranpress.com": Site("Iran Press", _NEWS, "en"),
    "parstoday.com": Site("Pars Today", _NEWS, "en"),
    "irandailyonline.ir": Site("Iran Daily", _NEWS, "en"),
    "xinhuanet.com": Site("Xinhua", _NEWS, "en"),
    "eurasianet.org": Site("Eurasianet", _NEWS, "en"),
    "jam-news.net": Site("JAMnews", _NEWS, "en"),
    "ria.ru": Site("RIA Novosti", _NEWS, "ru"),
    "kommersant.ru": Site("Kommersant", _NEWS, "ru"),
    "regnum.ru": Site("Regnum", _NEWS, "ru"),
    "rosbalt.ru": Site("Rosbalt", _NEWS, "ru"),
    "ng.ru": Site("Nezavisimaya Gazeta", _NEWS, "ru"),
    "vz.ru": Site("Vzglyad", _NEWS, "ru"),
    "eadaily.com": Site("EADaily", _NEWS, "ru"),
    "kavkaz-uzel.eu": Site("Kavkaz-Uzel", _NEWS, "ru"),
    "sputnik-georgia.ru": Site("Sputnik Georgia", _NEWS, "ru"),
    "ekhovkaza.com": Site("Ekho Kavkaza", _NEWS, "ru"),
    "aex.ru": Site("AEX.RU", _NEWS, "ru"),
    "dw.com": Site("Deutsche Welle", _NEWS),
    "ntv.com.tr": Site("NTV", _NEWS, "tr"),
    "aftershock.news": Site("Aftershock", _WEB, "ru"),
    "valdaiclub.com": Site("Valdai Discussion Club", _WEB, "en"),
    "carnegie.ru": Site("Carnegie Moscow Center", _WEB, "en"),
    "foreignaffairs.com": Site("Foreign Affairs", _JOURNAL, "en"),
    "en.kremlin.ru": Site("President of Russia", _WEB, "en"),
    "osce.org": Site("OSCE", _WEB, "en"),
    "mid.ru": Site("Ministry of Foreign Affairs of the Russian Federation", _WEB),
    "epdk.gov.tr": Site("Energy Market Regulatory Authority (EPDK)", _WEB),
    "irangov.ir": Site("Islamic Republic of Iran Government", _WEB, "en"),
    "vn.kazimirov.ru": Site("Kazimirov.ru", _WEB),
    "d2071andvip0wj.cloudfront.net": Site("International Crisis Group", RefType.REPORT, "en"),
}


def site_for(url: Optional[str]) -> Optional[Site]:
    """The known site of ``url``: its host, or the host without its first label."""
    if not url:
        return None
    name = host(url)
    while name:
        if name in SITES:
            return SITES[name]
        if "." not in name:
            break
        name = name.split(".", 1)[1]
        if "." not in name:  # stop at the registrable domain
            return SITES.get(name)
    return None
