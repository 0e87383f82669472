"""One case per network behaviour, each against real servers on loopback addresses."""

from __future__ import annotations

import dataclasses
import sys
import time

from links.helpers import StampingSite, make_project, page, reply, reset

from claimtrack.links import run
from claimtrack.links.targets import collect
from claimtrack.project import Project


def check(tmp_path, urls, policy, **kw):
    project = Project.open(make_project(tmp_path, urls))
    report = run.check(project, collect(project), policy, **kw)
    return {r.references[0]: r for r in report.results}, report


def test_alive_page_has_the_json_fields(tmp_path, sites, fast):
    site = sites("127.0.0.1")
    results, report = check(tmp_path, {"a": site.ok("/article/1")}, fast)
    r = results["a"]
    assert r.verdict == "alive" and r.http_status == 200
    assert r.final_url == site.url("/article/1")
    assert r.references == ["a"] and r.elapsed_ms >= 0
    assert report.network == "online" and report.exit_code == 0
    assert site.hits("/article/1") == ["GET"]


def test_hanging_server_is_an_error_after_the_timeout(tmp_path, sites, fast):
    site = sites("127.0.0.2")
    site.routes["/hang"] = lambda req: site.stop.wait(30)
    policy = dataclasses.replace(fast, timeout=0.4, max_retries=1)
    start = time.monotonic()
    results, report = check(tmp_path, {"a": site.url("/hang")}, policy)
    assert time.monotonic() - start < 5
    assert results["a"].verdict == "error" and "timed out" in results["a"].detail
    assert results["a"].attempts == 2  # retried once: a timeout is transient
    assert report.exit_code == 0  # an error is not a dead link unless --fail-on error


def test_slow_server_within_the_timeout_is_alive(tmp_path, sites, fast):
    site = sites("127.0.0.3")

    def slow(req):
        time.sleep(0.4)
        reply(req, 200, page("Slow but fine"))

    site.routes["/slow"] = slow
    results, _ = check(tmp_path, {"a": site.url("/slow")}, fast)
    assert results["a"].verdict == "alive"
    assert results["a"].elapsed_ms >= 400


def test_reset_connection_is_retried_then_an_error(tmp_path, sites, fast):
    site = sites("127.0.0.4")
    site.routes["/reset"] = reset
    results, _ = check(tmp_path, {"a": site.url("/reset")}, fast)
    r = results["a"]
    assert r.verdict == "error" and "reset or closed" in r.detail
    # Retried, and never more than max_retries + 1 requests in all (the HTTP
    # client itself sends a GET twice when a connection drops: both count).
    hits = len(site.hits("/reset"))
    assert r.attempts == hits and 2 <= hits <= fast.max_retries + 1


def test_huge_body_is_not_downloaded(tmp_path, sites, fast):
    site = sites("127.0.0.5")
    sent = {"bytes": 0}
    chunk = b"<p>" + b"x" * 65530 + b"</p>"

    def huge(req):
        req.send_response(200)
        req.send_header("Content-Type", "text/html")
        req.send_header("Content-Length", str(2 * 1024**3))
        req.end_headers()
        for _ in range(2 * 1024**3 // len(chunk)):
            if site.stop.is_set():
                return
            req.wfile.write(chunk)
            sent["bytes"] += len(chunk)

    site.routes["/huge"] = huge
    results, _ = check(tmp_path, {"a": site.url("/huge")}, fast)
    assert results["a"].verdict == "alive"
    time.sleep(0.2)  # let the server notice the closed connection
    assert sent["bytes"] < 64 * 1024**2  # what the socket buffers took, not the 2 GiB


def test_redirect_loop_is_detected(tmp_path, sites, fast):
    site = sites("127.0.0.6")
    site.routes["/a"] = lambda req: reply(req, 302, Location="/b")
    site.routes["/b"] = lambda req: reply(req, 302, Location="/a")
    results, _ = check(tmp_path, {"a": site.url("/a")}, fast)
    assert results["a"].verdict == "error" and "redirect loop" in results["a"].detail
    assert len(site.requests) == 2  # each page asked once


def test_long_redirect_chain_stops_at_the_limit(tmp_path, sites, fast):
    site = sites("127.0.0.7")
    for i in range(20):
        site.routes[f"/hop/{i}"] = lambda req, i=i: reply(req, 302, Location=f"/hop/{i + 1}")
    site.ok("/hop/20")
    policy = dataclasses.replace(fast, max_redirects=5)
    results, _ = check(tmp_path, {"a": site.url("/hop/0")}, policy)
    assert results["a"].verdict == "error" and "more than 5 redirects" in results["a"].detail
    assert len(site.requests) == 6


def test_permanent_redirect_chain_says_where_to_update(tmp_path, sites, fast):
    old, new = sites("127.0.0.8"), sites("127.0.0.10")
    target = new.ok("/2020/story")
    old.routes["/story"] = lambda req: reply(req, 301, Location=old.url("/story/"))
    old.routes["/story/"] = lambda req: reply(req, 308, Location=target)
    results, _ = check(tmp_path, {"a": old.url("/story")}, fast)
    r = results["a"]
    assert r.verdict == "redirected" and r.update_to == target and r.final_url == target
    assert [(h.url, h.status) for h in r.redirects] == [(old.url("/story"), 301), (old.url("/story/"), 308)]


def test_temporary_redirect_is_alive(tmp_path, sites, fast):
    site = sites("127.0.0.11")
    site.routes["/go"] = lambda req: reply(req, 302, Location="/login-landing")
    site.ok("/login-landing")
    results, _ = check(tmp_path, {"a": site.url("/go")}, fast)
    assert results["a"].verdict == "alive" and results["a"].update_to is None


def test_deep_link_redirected_to_home_page_is_probably_dead(tmp_path, sites, fast):
    site = sites("127.0.0.12")
    site.routes["/news/2020/10/07/story-123"] = lambda req: reply(req, 301, Location="/")
    site.ok("/", "Welcome")
    results, report = check(tmp_path, {"a": site.url("/news/2020/10/07/story-123")}, fast)
    assert results["a"].verdict == "dead" and "home page" in results["a"].detail
    assert report.exit_code == 1


def test_429_with_retry_after_is_honoured(tmp_path, sites, fast):
    site = sites("127.0.0.13")
    calls = []

    def limited(req):
        calls.append(time.monotonic())
        if len(calls) == 1:
            reply(req, 429, "slow down", Retry_After="1")
        else:
            reply(req, 200, page("Finally"))

    site.routes["/limited"] = limited
    results, _ = check(tmp_path, {"a": site.url("/limited")}, fast)
    assert results["a"].verdict == "alive"
    assert len(calls) == 2 and calls[1] - calls[0] >= 0.95


def test_429_with_a_retry_after_beyond_the_cap_is_blocked_without_waiting(tmp_path, sites, fast):
    site = sites("127.0.0.14")
    site.routes["/limited"] = lambda req: reply(req, 429, "come back tomorrow", Retry_After="86400")
    start = time.monotonic()
    results, report = check(tmp_path, {"a": site.url("/limited")}, fast)
    assert time.monotonic() - start < 2
    assert results["a"].verdict == "blocked" and "rate limited" in results["a"].detail
    assert len(site.requests) == 1
    assert report.exit_code == 0  # blocked is not proof of death


def test_503_that_recovers_is_alive(tmp_path, sites, fast):
    site = sites("127.0.0.15")
    calls = []

    def flaky(req):
        calls.append(1)
        reply(req, 503 if len(calls) < 3 else 200, page("Back" if len(calls) >= 3 else "Busy"))

    site.routes["/flaky"] = flaky
    results, _ = check(tmp_path, {"a": site.url("/flaky")}, fast)
    assert results["a"].verdict == "alive" and results["a"].attempts == 3


def test_head_refused_falls_back_to_get(tmp_path, sites, fast):
    site = sites("127.0.0.16")

    def pdf(req):
        if req.command == "HEAD":
            reply(req, 405, "", Allow="GET")
        else:
            reply(req, 200, b"%PDF-1.7 ...", Content_Type="application/pdf")

    site.routes["/files/report.pdf"] = pdf
    results, _ = check(tmp_path, {"a": site.url("/files/report.pdf")}, fast)
    assert results["a"].verdict == "alive"
    assert site.hits("/files/report.pdf") == ["HEAD", "GET"]


def test_file_answering_head_needs_no_get(tmp_path, sites, fast):
    site = sites("127.0.0.17")
    site.routes["/data.csv"] = lambda req: reply(req, 200, "a,b\n1,2\n", Content_Type="text/csv")
    results, _ = check(tmp_path, {"a": site.url("/data.csv")}, fast)
    assert results["a"].verdict == "alive" and site.hits("/data.csv") == ["HEAD"]


def test_soft_404_is_dead(tmp_path, sites, fast):
    site = sites("127.0.0.18")
    site.routes["/gone"] = lambda req: reply(req, 200, page("Page not found – Example News"))
    site.routes["/ru"] = lambda req: reply(req, 200, page("Страница не найдена"))
    site.routes["/real"] = lambda req: reply(req, 200, page("How we found the 404 bug", "not found anywhere"))
    results, _ = check(tmp_path, {"a": site.url("/gone"), "b": site.url("/ru"), "c": site.url("/real")}, fast)
    assert results["a"].verdict == "dead" and "not found" in results["a"].detail.lower()
    assert results["b"].verdict == "dead"
    assert results["c"].verdict == "alive"  # "404" in an article's title is not a missing page


def test_404_and_410_are_dead(tmp_path, sites, fast):
    site = sites("127.0.0.19")
    site.routes["/gone"] = lambda req: reply(req, 410, page("Gone"))
    results, report = check(tmp_path, {"a": site.url("/missing"), "b": site.url("/gone")}, fast)
    assert results["a"].verdict == "dead" and results["a"].http_status == 404
    assert results["b"].verdict == "dead" and results["b"].http_status == 410
    assert report.exit_code == 1


def test_bot_wall_for_non_browser_user_agents_is_blocked_not_dead(tmp_path, sites, fast):
    site = sites("127.0.0.20")

    def walled(req):
        if "Mozilla/" in req.headers.get("User-Agent", ""):
            reply(req, 200, page("The article"))
        else:
            reply(req, 403, page("Access denied", "Please verify you are a human"))

    site.routes["/article"] = walled
    results, _ = check(tmp_path, {"a": site.url("/article")}, fast)
    assert results["a"].verdict == "alive"  # the default user agent is browser-like
    tmp2 = tmp_path / "curl"
    results, report = check(
        tmp2, {"a": site.url("/article")}, dataclasses.replace(fast, user_agent="curl/8.5")
    )
    assert results["a"].verdict == "blocked" and results["a"].http_status == 403
    assert report.exit_code == 0
    results, report = check(
        tmp_path / "strict",
        {"a": site.url("/article")},
        dataclasses.replace(fast, user_agent="curl/8.5", fail_on=frozenset({"blocked"})),
    )
    assert report.exit_code == 1


def test_cloudflare_challenge_is_blocked(tmp_path, sites, fast):
    site = sites("127.0.0.21")
    site.routes["/c"] = lambda req: reply(req, 503, page("Just a moment..."), cf_mitigated="challenge")
    results, _ = check(tmp_path, {"a": site.url("/c")}, dataclasses.replace(fast, max_retries=0))
    assert results["a"].verdict == "blocked"


def test_redirect_to_a_denied_address_is_refused(tmp_path, sites, fast):
    public, internal = sites("127.0.0.1"), sites("127.0.0.9")
    secret = internal.ok("/latest/meta-data/", "secret")
    public.routes["/innocent"] = lambda req: reply(req, 302, Location=secret)
    policy = dataclasses.replace(fast, deny=("127.0.0.9/32",))
    results, report = check(tmp_path, {"a": public.url("/innocent")}, policy)
    r = results["a"]
    assert r.verdict == "skipped" and "127.0.0.9" in r.detail and "deny-listed" in r.detail
    assert internal.requests == []  # never contacted
    assert public.hits("/innocent") == ["GET"]


def test_deny_loopback_refuses_the_first_connection(tmp_path, sites, fast):
    site = sites("127.0.0.22")
    results, _ = check(tmp_path, {"a": site.ok("/x")}, dataclasses.replace(fast, deny_loopback=True))
    assert results["a"].verdict == "skipped" and "loopback" in results["a"].detail
    assert site.requests == []


def test_nonexistent_name_is_dead_when_other_hosts_answer(tmp_path, sites, fast):
    site = sites("127.0.0.23")
    results, report = check(tmp_path, {"a": site.ok("/fine"), "b": "http://no-such-site.invalid/page"}, fast)
    assert results["a"].verdict == "alive"
    assert results["b"].verdict == "dead" and "does not exist" in results["b"].detail
    assert report.network == "online"


def test_per_host_interval_spaces_requests(tmp_path, fast):
    # The server takes each request's arrival time from the kernel (see
    # StampingSite): what a site's rate limiter would see.  The first request
    # also opens the connection; the next ones reuse it, so a checker that
    # paces only before connecting sends them closer than the interval.
    site = StampingSite("127.0.0.24")
    try:
        urls = {f"k{i}": site.url(f"/p{i}") for i in range(4)}
        policy = dataclasses.replace(fast, host_concurrency=1, host_request_interval=0.5)
        results, _ = check(tmp_path, urls, policy)
    finally:
        site.close()
    assert {r.verdict for r in results.values()} == {"alive"}
    stamps = sorted(t for t, _ in site.arrivals)
    gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    assert len(stamps) == 4, site.arrivals
    assert site.kernel_stamps == 4 or sys.platform != "linux"
    assert min(gaps) >= 0.5, gaps
    assert max(gaps) < 0.5 + 0.4, gaps  # paced, not serialised behind something else


def test_invalid_and_excluded_urls_send_nothing(tmp_path, sites, fast):
    site = sites("127.0.0.25")
    url = site.ok("/private/x")
    policy = dataclasses.replace(fast, exclude=(r"/private/",))
    results, report = check(
        tmp_path, {"a": url, "b": "ftp://example.invalid/file", "c": "http://nodot/x"}, policy
    )
    assert results["a"].verdict == "skipped" and site.requests == []
    assert results["b"].verdict == "invalid" and "scheme" in results["b"].detail
    assert results["c"].verdict == "invalid"
    assert report.exit_code == 1  # an invalid URL in a citation needs fixing


def test_redirect_hop_goes_ahead_of_the_queue(tmp_path, sites, fast):
    site = sites("127.0.0.26")
    order = []

    def log(req, status=200, **headers):
        order.append(req.path)
        reply(req, status, page("ok"), **headers)

    site.routes["/old"] = lambda req: log(req, 301, Location="/new")
    site.routes["/new"] = log
    urls = {"a": site.url("/old")}
    for i in range(3):
        site.routes[f"/p{i}"] = log
        urls[f"k{i}"] = site.url(f"/p{i}")
    policy = dataclasses.replace(fast, host_concurrency=1, host_request_interval=0.1)
    results, _ = check(tmp_path, urls, policy)
    assert order[:2] == ["/old", "/new"]  # the hop did not wait behind /p0../p2
    assert results["a"].verdict == "redirected" and results["a"].elapsed_ms < 1000


def article(title: str, canonical: str = "", words: int = 400, extra_head: str = "") -> str:
    """A news article: a headline, a long text, optionally its canonical address."""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    text = " ".join(["The search went on through the night in the valley."] * (words // 10))
    return (
        f"<html><head><title>{title} – Daily News</title>{link}{extra_head}</head>"
        f"<body><nav>Home World Politics</nav><h1>{title}</h1><p>{text}</p></body></html>"
    )


def test_news_headlines_saying_not_found_are_alive(tmp_path, sites, fast):
    site = sites("127.0.0.41")
    headlines = {
        "en": ("/world/2020/10/missing-hiker", "Missing hiker not found after three-day search"),
        "ru": ("/news/2020/10/07/turist", "Пропавший в горах турист так и не найден"),
        "tr": ("/haber/2020/kayip-dagci", "Kayıp dağcı üç gündür hâlâ bulunamadı"),
    }
    urls = {}
    for key, (path, title) in headlines.items():
        # one names itself as canonical; the others have no canonical at all
        own = site.url(path) if key == "en" else ""
        site.routes[path] = lambda req, t=title, c=own: reply(req, 200, article(t, c))
        urls[key] = site.url(path)
    results, report = check(tmp_path, urls, fast)
    assert {k: r.verdict for k, r in results.items()} == {"en": "alive", "ru": "alive", "tr": "alive"}
    assert report.exit_code == 0
    # The made-up sibling path was asked once for the whole host, and answered 404.
    probes = [p for _, p, _ in site.requests if "/ct-" in p]
    assert len(probes) == 1


def test_soft_404_needs_strong_evidence(tmp_path, sites, fast):
    site = sites("127.0.0.42")
    # a generic error title, short, nothing else in it
    site.routes["/a/story"] = lambda req: reply(req, 200, page("Oops! That page can’t be found. | Example"))
    site.routes["/b/story"] = lambda req: reply(req, 200, page("Hata 404 - Sayfa bulunamadı"))
    # a "not found" title on a page naming the home page as its address
    site.routes["/c/story"] = lambda req: reply(
        req, 200, article("The story you want was not found here", canonical=site.url("/"))
    )
    # a short page whose title says nothing, but its text does
    site.routes["/d/story"] = lambda req: reply(
        req,
        200,
        "<html><head><title>Example Times</title></head><body><h1>Example Times</h1>"
        "<p>Sorry, the page you requested could not be found. Try the search.</p></body></html>",
    )
    # a long article that mentions a missing page in its text stays alive
    site.routes["/e/story"] = lambda req: reply(
        req,
        200,
        article("How a typo took a ministry offline", words=600).replace(
            "</p>", " One reader saw that the page could not be found for a day.</p>"
        ),
    )
    urls = {k: site.url(f"/{k}/story") for k in "abcde"}
    results, _ = check(tmp_path, urls, fast)
    verdicts = {k: r.verdict.value for k, r in results.items()}
    assert verdicts == {"a": "dead", "b": "dead", "c": "dead", "d": "dead", "e": "alive"}, {
        k: r.detail for k, r in results.items()
    }
    assert "gives its address as" in results["c"].detail
    assert "could not be found" in results["d"].detail


def test_the_same_not_found_page_at_a_made_up_path_is_a_soft_404(tmp_path, sites, fast):
    site = sites("127.0.0.43")
    shell = article("This story is not found in our archive")
    site.routes["/2019/01/story"] = lambda req: reply(req, 200, shell)

    class Anything(dict):  # the site answers every path with the same page
        def get(self, key, default=None):
            return super().get(key) or (lambda req: reply(req, 200, shell))

    site.routes = Anything(site.routes)
    results, _ = check(tmp_path, {"a": site.url("/2019/01/story")}, fast)
    assert results["a"].verdict == "dead" and "made-up address" in results["a"].detail


def test_a_site_with_one_title_for_every_page_keeps_its_not_found_headlines(tmp_path, sites, fast):
    # Every page is titled "Daily News" and unknown paths answer 200 with an
    # error page: the headline's page is not that error page.
    site = sites("127.0.0.52")

    def titled(heading: str) -> str:
        return (
            f"<html><head><title>Daily News</title></head><body><h1>{heading}</h1><p>Text.</p></body></html>"
        )

    site.routes["/2020/10/hiker"] = lambda req: reply(
        req, 200, titled("Missing hiker not found after search")
    )

    class Anything(dict):
        def get(self, key, default=None):
            return super().get(key) or (lambda req: reply(req, 200, titled("Sorry, nothing at this address")))

    site.routes = Anything(site.routes)
    results, _ = check(tmp_path, {"a": site.url("/2020/10/hiker")}, fast)
    assert results["a"].verdict == "alive", results["a"].detail


def test_redirect_to_a_not_found_url_is_dead(tmp_path, sites, fast):
    site = sites("127.0.0.44")
    site.routes["/reports/2020/energy"] = lambda req: reply(req, 302, Location="/page-not-found?from=energy")
    site.routes["/page-not-found"] = lambda req: reply(req, 200, page("Example Ministry"))
    results, report = check(tmp_path, {"a": site.url("/reports/2020/energy")}, fast)
    assert results["a"].verdict == "dead" and "error page" in results["a"].detail
    assert report.exit_code == 1


def refresh_page(target: str) -> str:
    return (
        f'<html><head><meta http-equiv="refresh" content="0; url={target}"><title>Moved</title></head></html>'
    )


def test_meta_refresh_is_followed(tmp_path, sites, fast):
    site = sites("127.0.0.45")
    site.routes["/old-report"] = lambda req: reply(req, 200, refresh_page("/missing-report"))
    site.routes["/old-data"] = lambda req: reply(req, 200, refresh_page(site.url("/data/2020")))
    site.ok("/data/2020", "Data 2020")
    site.routes["/live"] = lambda req: reply(
        req, 200, page("Live blog").replace("<head>", '<head><meta http-equiv="refresh" content="300">')
    )
    results, report = check(
        tmp_path, {"a": site.url("/old-report"), "b": site.url("/old-data"), "c": site.url("/live")}, fast
    )
    a, b, c = results["a"], results["b"], results["c"]
    assert a.verdict == "dead" and a.http_status == 404 and a.final_url == site.url("/missing-report")
    assert [(h.url, h.via) for h in a.redirects] == [(site.url("/old-report"), "meta refresh")]
    assert b.verdict == "alive" and b.final_url == site.url("/data/2020")
    assert c.verdict == "alive" and c.redirects == []  # a refresh of the page itself is no redirect
    assert report.exit_code == 1


def test_include_fragments_checks_ids_names_and_text(tmp_path, sites, fast):
    site = sites("127.0.0.46")
    body = (
        "<html><head><title>Annual report</title></head><body><h1>Annual report</h1>"
        '<h2 id="energy-prices">Energy prices</h2><p>Gas imports fell by 33.2 percent in 2019.</p>'
        '<a name="annex-b"></a><p>Annex B.</p></body></html>'
    )
    site.routes["/report"] = lambda req: reply(req, 200, body)
    urls = {
        "id": site.url("/report#energy-prices"),
        "name": site.url("/report#annex-b"),
        "gone": site.url("/report#coal-prices"),
        "text": site.url("/report#:~:text=fell%20by%2033.2%20percent"),
        "textgone": site.url("/report#:~:text=rose%20by%2012%20percent"),
    }
    plain, report = check(tmp_path / "plain", urls, fast)
    assert {r.verdict.value for r in plain.values()} == {"alive"}  # without the flag: not checked
    assert report.exit_code == 0
    assert site.hits("/report") == ["GET"]  # five citations of one page: one request
    policy = dataclasses.replace(fast, include_fragments=True)
    results, report = check(tmp_path / "checked", urls, policy)
    assert site.hits("/report") == ["GET", "GET"]
    verdicts = {k: r.verdict.value for k, r in results.items()}
    assert verdicts == {"id": "alive", "name": "alive", "gone": "dead", "text": "alive", "textgone": "dead"}
    assert "no element #coal-prices" in results["gone"].detail
    assert "rose by 12 percent" in results["textgone"].detail
    assert report.exit_code == 1


def test_deep_link_redirected_to_a_login_page_is_blocked(tmp_path, sites, fast):
    site = sites("127.0.0.47")
    site.routes["/members/reports/2020-q3"] = lambda req: reply(
        req, 302, Location="/users/sign_in?return_to=%2Fmembers%2Freports%2F2020-q3"
    )
    site.ok("/users/sign_in", "Sign in")
    results, report = check(tmp_path, {"a": site.url("/members/reports/2020-q3")}, fast)
    assert results["a"].verdict == "blocked" and "login page" in results["a"].detail
    assert report.exit_code == 0


def test_402_payment_required_is_blocked(tmp_path, sites, fast):
    site = sites("127.0.0.48")
    site.routes["/premium/article"] = lambda req: reply(req, 402, page("Subscribe to read"))
    results, report = check(tmp_path, {"a": site.url("/premium/article")}, fast)
    assert results["a"].verdict == "blocked" and results["a"].http_status == 402
    assert report.exit_code == 0


def test_malformed_responses_are_errors_without_retries(tmp_path, sites, fast):
    site = sites("127.0.0.49")

    def raw(data: bytes):
        def send(req):
            req.wfile.write(data)
            req.wfile.flush()
            req.close_connection = True

        return send

    site.routes["/status"] = raw(b"HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n")
    site.routes["/garbage"] = raw(b"\x00\x01\x02 this is not HTTP at all\r\n\r\n")
    site.routes["/header"] = raw(b"HTTP/1.1 200 OK\r\nno colon in this header\r\n\r\n")
    urls = {k: site.url(f"/{k}") for k in ("status", "garbage", "header")}
    results, _ = check(tmp_path, urls, fast)
    for key in urls:
        r = results[key]
        assert r.verdict == "error" and "malformed HTTP response" in r.detail, (key, r.detail)
        assert r.attempts == 1 and len(site.hits(f"/{key}")) == 1  # never asked again


def test_compressed_pages_are_judged_on_their_text(tmp_path, sites, fast):
    import gzip

    site = sites("127.0.0.51")

    def zipped(title: str, words: int):
        body = gzip.compress(article(title, words=words).encode())
        return lambda req: reply(req, 200, body, Content_Encoding="gzip")

    site.routes["/gone"] = zipped("Page not found", 10)
    site.routes["/story"] = zipped("Budget talks resume", 20000)  # about 1 MB of text once unpacked
    results, _ = check(tmp_path, {"a": site.url("/gone"), "b": site.url("/story")}, fast)
    assert results["a"].verdict == "dead" and "Page not found" in results["a"].detail
    assert results["b"].verdict == "alive"
