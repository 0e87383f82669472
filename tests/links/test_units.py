"""Units without a network: durations, settings, the deny-list, verdict rules, the .bib edit."""

from __future__ import annotations

import asyncio

import pytest

from claimtrack.errors import InputError
from claimtrack.links.archive import record, wayback_timestamp
from claimtrack.links.classify import classify, redirected_home, soft_404
from claimtrack.links.denylist import DeniedAddress, DenyList, ResolveError, resolve
from claimtrack.links.policy import from_settings, parse_duration, parse_shard
from claimtrack.refstore import read


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("50ms", 0.05), ("1s", 1.0), ("1.5", 1.5), (2, 2.0), ("10m", 600.0), ("7d", 604800.0), ("0ms", 0.0)],
)
def test_durations_as_lychee_writes_them(text, seconds):
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("bad", ["soon", "-1s", "5 parsecs", "", True, -3])
def test_bad_durations_are_refused(bad):
    with pytest.raises(ValueError):
        parse_duration(bad)


def test_settings_and_per_host_overrides():
    policy = from_settings(
        {
            "host_request_interval": "1s",
            "hosts": {
                "slow.example.org": {"host_concurrency": 1, "host_request_interval": "5s", "timeout": 60}
            },
        }
    )
    assert policy.for_host("other.org").interval == 1.0
    slow = policy.for_host("slow.example.org")
    assert (slow.concurrency, slow.interval, slow.timeout) == (1, 5.0, 60.0)
    assert policy.for_host("www.slow.example.org").interval == 5.0
    with pytest.raises(InputError, match=r"links\] hosts.x.timeout"):
        from_settings({"hosts": {"x": {"timeout": "never"}}})
    with pytest.raises(InputError, match="unknown_key"):
        from_settings({"unknown_key": 1})


def test_shard_spec():
    assert parse_shard("2/4") == (2, 4)
    for bad in ("0/4", "5/4", "x", "1/0"):
        with pytest.raises(ValueError):
            parse_shard(bad)


def test_deny_list_defaults_and_flags():
    default = DenyList.build()
    assert default.reason("169.254.169.254") == "link-local"
    assert default.reason("::ffff:169.254.169.254") == "link-local"  # IPv4-mapped IPv6
    assert default.reason("fe80::1") == "link-local"
    assert default.reason("100.100.100.200") == "cloud metadata"
    assert default.reason("127.0.0.1") is None and default.reason("10.1.2.3") is None
    strict = DenyList.build(private=True, loopback=True, extra=["198.51.100.0/24"])
    assert strict.reason("10.1.2.3") == "private" and strict.reason("192.168.0.1") == "private"
    assert strict.reason("127.0.0.9") == "loopback" and strict.reason("::1") == "loopback"
    assert strict.reason("198.51.100.7") == "denied by settings"
    with pytest.raises(DeniedAddress):
        default.check_name("metadata.google.internal")
    with pytest.raises(ValueError):
        DenyList.build(extra=["not-a-range"])


def test_resolution_without_dns_queries():
    assert asyncio.run(resolve("127.0.0.5", 80, 1)) == ["127.0.0.5"]
    assert asyncio.run(resolve("localhost", 80, 1)) == ["127.0.0.1"]
    with pytest.raises(ResolveError) as info:
        asyncio.run(resolve("gone.example.invalid", 80, 1))
    assert info.value.missing


def test_verdict_rules():
    def verdict(status, body="", headers=None, url="https://a.org/x/1", final=None, permanent=False):
        return classify(
            url=url,
            status=status,
            headers=headers or {},
            body=body,
            final_url=final or url,
            permanent=permanent,
            redirected=final is not None,
        )[0].value

    assert verdict(200, "<title>Budget 2021</title>") == "alive"
    assert verdict(404) == "dead" and verdict(410) == "dead"
    assert verdict(403) == "blocked" and verdict(429) == "blocked" and verdict(999) == "blocked"
    assert verdict(503) == "error" and verdict(400) == "error"
    assert verdict(503, "<title>Just a moment...</title>") == "blocked"
    assert verdict(200, "<title>Attention Required! | Cloudflare</title>") == "blocked"
    assert verdict(404, "", {"cf-mitigated": "challenge"}) == "blocked"  # a challenge is never "dead"
    assert verdict(200, url="https://a.org/news/1", final="https://a.org/") == "dead"
    assert verdict(200, url="https://a.org/", final="https://www.a.org/", permanent=True) == "redirected"
    assert verdict(200, url="https://a.org/x", final="https://a.org/errors/404.html") == "dead"
    assert soft_404("<title>Sayfa bulunamadı</title>")
    assert soft_404("<h1>Error 404</h1>") and not soft_404("<title>The 404 bus route</title>")
    assert not redirected_home("https://a.org/", "https://a.org/en/")


def test_wayback_timestamps():
    assert wayback_timestamp("2020-10-07") == "20201007"
    assert wayback_timestamp("2020-10") == "202010"
    assert wayback_timestamp("last week") is None and wayback_timestamp(None) is None


BIB = """% curated by hand
@online{first,
  title = {First},
  url = {https://a.example/1},
  note = {keep {this} exactly},
}

@online{second,
  author = {Doe, Jane},
  title = {Second},
  url = {https://a.example/2}}

@online{third,
  title = {Third},
  url = {https://a.example/3},
  archiveurl = {https://old.example/3},
}
"""


def test_recording_an_archive_url_touches_only_that_entry(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB)
    assert record(bib, "second", "https://web.archive.org/web/2020/https://a.example/2")
    text = bib.read_text()
    assert text.startswith("% curated by hand\n@online{first,")
    assert (
        "  url = {https://a.example/2},\n  archiveurl = {https://web.archive.org/web/2020/https://a.example/2},\n}"
        in text
    )
    assert (
        text.replace(
            "  url = {https://a.example/2},\n  archiveurl = {https://web.archive.org/web/2020/https://a.example/2},\n}",
            "  url = {https://a.example/2}}",
        )
        == BIB
    )
    assert record(bib, "first", "https://web.archive.org/web/2019/https://a.example/1")
    assert (
        "  note = {keep {this} exactly},\n  archiveurl = {https://web.archive.org/web/2019/"
        in bib.read_text()
    )
    assert record(bib, "third", "https://web.archive.org/web/2018/3")  # replaces in place
    refs = {r.key: r for r in read(bib)}
    assert refs["third"].archive_url == "https://web.archive.org/web/2018/3"
    assert refs["first"].note == "keep {this} exactly" and refs["second"].authors == ["Doe, Jane"]
    assert not record(bib, "third", "https://web.archive.org/web/2018/3")  # unchanged: not rewritten
    with pytest.raises(InputError, match="no entry 'fourth'"):
        record(bib, "fourth", "https://x.example")


def test_page_facts():
    from claimtrack.links import fragments, page

    base = "https://a.org/news/1"
    head = '<head><meta http-equiv="Refresh" content="0; URL=\'/new/1\'"><title>Moved</title></head>'
    assert page.meta_refresh(head, base) == "https://a.org/new/1"
    assert page.meta_refresh('<head><meta http-equiv="refresh" content="600"></head>', base) is None
    noscript = '<head><noscript><meta http-equiv="refresh" content="0;url=/enable-js"></noscript></head>'
    assert page.meta_refresh(noscript, base) is None  # for browsers without JavaScript only
    canonical = '<head><link rel="canonical" href="/news/1/"><meta property="og:url" content="https://a.org/x"></head>'
    assert page.canonical_urls(canonical, base) == ["https://a.org/news/1/", "https://a.org/x"]
    body = '<h2 id="s-1">One</h2><a name="old-anchor"></a><p>Gas imports&nbsp;fell by 33.2 percent.</p>'
    assert fragments.missing("s-1", body) is None and fragments.missing("old-anchor", body) is None
    assert fragments.missing("top", body) is None and fragments.missing("s-2", body)
    assert fragments.missing(":~:text=imports%20fell,percent", body) is None
    assert fragments.missing(":~:text=gas-,imports%20fell", body) is None  # a prefix is context, not text
    assert fragments.missing("s-1:~:text=rose", body)
