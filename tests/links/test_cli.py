"""``claimtrack links check`` / ``links archive`` as a user runs them: exit codes, outputs, cache."""

from __future__ import annotations

import json
import socket
import xml.etree.ElementTree as ET
from pathlib import Path

from links.helpers import make_project, page, reply, run_cli, write_claims

from claimtrack.links.targets import in_shard

FAST = ["--host-request-interval", "0ms", "--timeout", "2", "--max-retries", "0"]
FAST_SETTINGS = 'links = { connect_timeout = 1, retry_wait = "50ms" }\n'


def links_json(root: Path, *args: str):
    proc = run_cli("links", "check", "--root", str(root), "--format", "json", *FAST, *args)
    assert proc.stdout, proc.stderr
    return proc, json.loads(proc.stdout)


def by_key(data):
    return {r["references"][0]: r for r in data["results"]}


def closed_port(host: str) -> int:
    """A port on ``host`` that nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def test_offline_machine_is_reported_as_offline_not_dead(tmp_path):
    # Nothing listens on two loopback hosts: as on a machine without network,
    # no host can be reached.  The .invalid name is answered without any
    # lookup, so it is no evidence either way: it stays dead.
    root = make_project(
        tmp_path,
        {
            "a": f"http://127.0.0.30:{closed_port('127.0.0.30')}/2020/10/07/story",
            "b": f"http://127.0.0.29:{closed_port('127.0.0.29')}/report.pdf",
            "c": "https://ministry.invalid/report",
        },
        extra=FAST_SETTINGS,
    )
    proc, data = links_json(root)
    assert proc.returncode == 2
    assert data["network"] == "offline"
    assert "2 hosts tried" in data["network_detail"] and "offline" in data["network_detail"]
    got = by_key(data)
    assert got["a"]["verdict"] == got["b"]["verdict"] == "error"
    assert all("network unreachable" in got[k]["detail"] for k in "ab")
    assert got["c"]["verdict"] == "dead"
    assert "network unreachable" in proc.stderr and "No link was judged dead" in proc.stderr
    table = run_cli("links", "check", "--root", str(root), *FAST)
    assert table.returncode == 2
    assert "network unreachable" in table.stdout
    # nothing was cached: a run with network must check them again
    cache = root / ".claimtrack" / "links-cache.json"
    assert not cache.exists() or not json.loads(cache.read_text())["entries"]


def test_one_unreachable_host_is_its_own_verdict_not_offline(tmp_path):
    root = make_project(
        tmp_path, {"a": f"http://127.0.0.28:{closed_port('127.0.0.28')}/page"}, extra=FAST_SETTINGS
    )
    proc, data = links_json(root)
    assert proc.returncode == 0, proc.stderr  # an error is not a dead link
    assert data["network"] == "online" and "network unreachable" not in proc.stderr
    result = by_key(data)["a"]
    assert result["verdict"] == "error" and "could not connect" in result["detail"]
    proc, _ = links_json(root, "--fail-on", "error")
    assert proc.returncode == 1


def test_only_invalid_names_are_dead_not_offline(tmp_path):
    root = make_project(
        tmp_path, {"a": "https://www.example-news.invalid/2020/10/07/story"}, extra=FAST_SETTINGS
    )
    proc, data = links_json(root)
    assert proc.returncode == 1 and data["network"] == "online"
    assert by_key(data)["a"]["verdict"] == "dead" and "does not exist" in by_key(data)["a"]["detail"]


def test_warm_rerun_with_one_refused_host_reports_the_cached_dead_link(tmp_path, sites):
    site = sites("127.0.0.27")
    down = f"http://127.0.0.26:{closed_port('127.0.0.26')}/page"
    root = make_project(
        tmp_path, {"ok": site.ok("/ok"), "gone": site.url("/gone"), "down": down}, extra=FAST_SETTINGS
    )
    proc, first = links_json(root)
    assert proc.returncode == 1 and by_key(first)["gone"]["verdict"] == "dead"
    proc, second = links_json(root)  # the two verdicts come from the cache; only "down" is tried
    assert second["checked"] == 1 and second["from_cache"] == 2
    assert second["network"] == "online", second["network_detail"]
    assert proc.returncode == 1 and "network unreachable" not in proc.stderr
    got = by_key(second)
    assert got["gone"]["verdict"] == "dead" and got["gone"]["cached"] is True
    assert got["down"]["verdict"] == "error" and "could not connect" in got["down"]["detail"]


def test_exit_codes_and_github_annotations_point_at_the_url_line(tmp_path, sites):
    site = sites("127.0.0.31")
    root = make_project(
        tmp_path, {"alive": site.ok("/ok"), "gone": site.url("/missing")}, extra=FAST_SETTINGS
    )
    proc = run_cli("links", "check", "--root", str(root), "--format", "github", *FAST)
    assert proc.returncode == 1, proc.stderr
    bib = (root / "references" / "sources.bib").read_text().split("\n")
    url_line = next(i for i, line in enumerate(bib, 1) if "/missing" in line)
    errors = [line for line in proc.stdout.splitlines() if line.startswith("::error")]
    assert len(errors) == 1
    assert f"file=references/sources.bib,line={url_line}," in errors[0]
    assert "HTTP 404" in errors[0] and site.url("/missing") in errors[0]


def test_only_alive_links_exit_zero(tmp_path, sites):
    site = sites("127.0.0.32")
    root = make_project(tmp_path, {"a": site.ok("/a"), "b": site.ok("/b")}, extra=FAST_SETTINGS)
    proc = run_cli("links", "check", "--root", str(root), *FAST)
    assert proc.returncode == 0, proc.stderr
    assert "2 URLs: 2 alive" in proc.stdout


def test_junit_and_markdown_outputs(tmp_path, sites):
    site = sites("127.0.0.33")
    root = make_project(tmp_path, {"a": site.ok("/a"), "b": site.url("/missing")}, extra=FAST_SETTINGS)
    proc = run_cli("links", "check", "--root", str(root), "--format", "junit", *FAST)
    suite = ET.fromstring(proc.stdout)
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    failed = [c for c in suite.iter("testcase") if c.find("failure") is not None]
    assert [c.get("name") for c in failed] == [site.url("/missing")]
    out = tmp_path / "summary.md"
    proc = run_cli("links", "check", "--root", str(root), "--format", "markdown", "-o", str(out), *FAST)
    text = out.read_text()
    assert proc.returncode == 1 and text.startswith("## Link check")
    assert f"| dead | 404 | <{site.url('/missing')}> | b |" in text


def test_dead_link_impact_names_claims_left_without_a_live_source(tmp_path, sites):
    site = sites("127.0.0.34")
    root = make_project(tmp_path, {"dead": site.url("/gone"), "live": site.ok("/here")}, extra=FAST_SETTINGS)
    write_claims(root, {"c1": ["dead"], "c2": ["dead", "live"], "c3": ["live"]})
    _, data = links_json(root)
    dead = by_key(data)["dead"]
    assert dead["verdict"] == "dead"
    assert dead["claims"] == ["c1", "c2"]
    assert dead["claims_without_live_source"] == ["c1"]  # c2 still has a live source


def test_cache_serves_unchanged_references_without_requests(tmp_path, sites):
    site = sites("127.0.0.35")
    calls = []

    def counted(req):
        calls.append(req.path)
        reply(req, 200, page("ok"))

    site.routes["/a"] = counted
    site.routes["/flaky"] = lambda req: (calls.append(req.path), reply(req, 500, "oops"))
    root = make_project(tmp_path, {"a": site.url("/a"), "f": site.url("/flaky")}, extra=FAST_SETTINGS)
    _, first = links_json(root)
    assert by_key(first)["a"]["cached"] is False and first["checked"] == 2
    _, second = links_json(root)
    assert by_key(second)["a"]["cached"] is True and by_key(second)["a"]["verdict"] == "alive"
    assert by_key(second)["f"]["cached"] is False  # an error is never cached
    assert calls.count("/a") == 1 and calls.count("/flaky") == 2
    assert second["requests"] == 1
    _, third = links_json(root, "--no-cache")
    assert calls.count("/a") == 2 and by_key(third)["a"]["cached"] is False


def test_cache_lifetime_per_verdict(tmp_path, sites):
    site = sites("127.0.0.36")
    settings = 'links = { connect_timeout = 1, cache_max_age = { dead = "0s", alive = "7d" } }\n'
    root = make_project(tmp_path, {"a": site.ok("/a"), "d": site.url("/missing")}, extra=settings)
    links_json(root)
    _, second = links_json(root)
    assert by_key(second)["a"]["cached"] is True
    assert by_key(second)["d"]["cached"] is False  # dead verdicts expire at once here
    assert site.hits("/missing") == ["GET", "GET"]


def test_flaky_url_fails_the_build_only_after_consecutive_failures(tmp_path, sites):
    site = sites("127.0.0.37")
    state = {"up": False}
    site.routes["/sometimes"] = lambda req: reply(req, 200 if state["up"] else 404, page("x"))
    root = make_project(tmp_path, {"s": site.url("/sometimes")}, extra=FAST_SETTINGS)
    proc, first = links_json(root, "--fail-after", "2")
    assert proc.returncode == 0 and by_key(first)["s"]["tolerated"] is True
    assert by_key(first)["s"]["failing_runs"] == 1
    proc, second = links_json(root, "--fail-after", "2")
    assert proc.returncode == 1 and by_key(second)["s"]["failing_runs"] == 2
    assert by_key(second)["s"]["cached"] is False  # below the threshold it was checked again
    state["up"] = True
    proc, third = links_json(root, "--fail-after", "2", "--no-cache")
    assert proc.returncode == 0 and by_key(third)["s"]["failing_runs"] == 0
    state["up"] = False
    proc, fourth = links_json(root, "--fail-after", "2", "--no-cache")
    assert proc.returncode == 0 and by_key(fourth)["s"]["failing_runs"] == 1  # the streak restarted


def test_shards_split_by_host_and_cover_everything(tmp_path, sites):
    hosts = [sites(f"127.0.1.{i}") for i in range(1, 7)]
    urls = {f"k{i}{j}": s.ok(f"/p{j}") for i, s in enumerate(hosts) for j in range(2)}
    root = make_project(tmp_path, urls, extra=FAST_SETTINGS)
    seen = []
    for shard in ("1/3", "2/3", "3/3"):
        proc, data = links_json(root, "--shard", shard, "--no-cache")
        assert proc.returncode == 0 and data["shard"] == shard
        seen.append({r["url"] for r in data["results"]})
        index = int(shard[0])
        assert all(in_shard(r["url"].split("/")[2].split(":")[0], index, 3) for r in data["results"])
    assert sorted(u for part in seen for u in part) == sorted(urls.values())
    for site in hosts:  # a host is never split between shards
        assert sum(any(site.host in u for u in part) for part in seen) == 1
    bad = run_cli("links", "check", "--root", str(root), "--shard", "4/3")
    assert (
        bad.returncode == 2 and bad.stderr.startswith("claimtrack: error:") and "Traceback" not in bad.stderr
    )


def test_archive_finds_and_records_a_snapshot(tmp_path, sites):
    site, wayback = sites("127.0.0.38"), sites("127.0.0.39")
    asked = []

    def available(req):
        from urllib.parse import parse_qs, urlsplit

        query = parse_qs(urlsplit(req.path).query)
        asked.append(query)
        snapshot = {
            "status": "200",
            "available": True,
            "url": f"http://web.archive.org/web/{query['timestamp'][0]}120000/{query['url'][0]}",
            "timestamp": f"{query['timestamp'][0]}120000",
        }
        body = {"url": query["url"][0], "archived_snapshots": {"closest": snapshot}}
        reply(req, 200, json.dumps(body), Content_Type="application/json")

    wayback.routes["/wayback/available"] = available
    gone = site.url("/2020/story")
    root = make_project(
        tmp_path, {"alive": site.ok("/x"), "gone": gone, "zz": site.ok("/y")}, extra=FAST_SETTINGS
    )
    bib = root / "references" / "sources.bib"
    before = bib.read_text()
    api = ["--archive-api", wayback.url("/wayback/available")]
    proc = run_cli("links", "archive", "--root", str(root), "--format", "json", *api)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["archives"][0]["archive_url"].startswith("http://web.archive.org/web/20201007")
    assert asked == [{"url": [gone], "timestamp": ["20201007"]}]  # the citation's access date
    assert bib.read_text() == before  # without --write nothing changes
    _, checked = links_json(root, "--archive", *api)
    assert by_key(checked)["gone"]["archive"]["url"].endswith(f"/{gone}")
    assert by_key(checked)["alive"]["archive"] is None
    proc = run_cli("links", "archive", "--root", str(root), "--write", *api)
    assert proc.returncode == 0, proc.stderr
    after = bib.read_text()
    added = [line for line in after.split("\n") if line not in before.split("\n")]
    assert added == [f"  archiveurl = {{http://web.archive.org/web/20201007120000/{gone}}},"]
    removed = [line for line in before.split("\n") if line not in after.split("\n")]
    assert removed == []
    from claimtrack.refstore import read

    refs = {r.key: r for r in read(bib)}
    assert refs["gone"].archive_url.endswith(gone) and refs["alive"].archive_url is None


def test_bad_settings_and_flags_are_one_line_errors(tmp_path):
    root = make_project(
        tmp_path, {"a": "http://x.invalid/"}, extra='links = { host_request_interval = "soon" }\n'
    )
    proc = run_cli("links", "check", "--root", str(root))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "pyproject.toml" in proc.stderr and "host_request_interval" in proc.stderr
    root2 = make_project(tmp_path / "b", {"a": "http://x.invalid/"})
    for args in (["--fail-on", "dead"], ["--host-request-interval", "fast"], ["--deny", "not-a-range"]):
        proc = run_cli("links", "check", "--root", str(root2), *args)
        assert proc.returncode == 2 and proc.stderr.startswith("claimtrack: error:"), (args, proc.stderr)
        assert len(proc.stderr.strip().splitlines()) == 1


def test_report_file_urls_are_checked_with_their_lines(tmp_path, sites):
    site = sites("127.0.0.40")
    root = make_project(tmp_path, {}, extra=FAST_SETTINGS)
    report = tmp_path / "report.md"
    report.write_text(f"Intro.\n\nSee [the data]({site.ok('/data')}) and {site.url('/lost')}.\n")
    proc, data = links_json(root, str(report))
    assert proc.returncode == 1
    got = {r["url"]: (r["verdict"], r["places"]) for r in data["results"]}
    assert got == {
        site.url("/data"): ("alive", [{"file": "report.md", "line": 3}]),
        site.url("/lost"): ("dead", [{"file": "report.md", "line": 3}]),
    }


def test_last_verdicts_reach_the_lookups(tmp_path, sites):
    """links check records each URL's verdict; claims search --verdict and claims show read it."""
    site = sites("127.0.0.38")
    alive = site.ok("/alive")
    root = make_project(
        tmp_path,
        {"gone": site.url("/gone"), "fine": alive},
        claims={"c1": ["gone"], "c2": ["fine"]},
        extra=FAST_SETTINGS,
    )
    proc, _ = links_json(root)
    assert proc.returncode == 1
    verdicts = json.loads((root / ".claimtrack" / "link-verdicts.json").read_text("utf-8"))
    assert verdicts[site.url("/gone")]["verdict"] == "dead"
    assert verdicts[alive]["verdict"] == "alive" and verdicts[alive]["http_status"] == 200
    found = run_cli("claims", "search", "Claim", "--verdict", "dead", "--format", "json", "--root", str(root))
    assert found.returncode == 0, found.stderr
    assert [hit["id"] for hit in json.loads(found.stdout)["hits"]] == ["c1"]
    shown = run_cli("claims", "show", "c1", "--root", str(root))
    assert "dead" in shown.stdout


def test_include_fragments_flag_and_setting(tmp_path, sites):
    site = sites("127.0.0.50")
    site.routes["/doc"] = lambda req: reply(req, 200, '<html><h1 id="intro">Intro</h1></html>')
    urls = {"ok": site.url("/doc#intro"), "gone": site.url("/doc#methods")}
    root = make_project(tmp_path, urls, extra=FAST_SETTINGS)
    proc, data = links_json(root)
    assert proc.returncode == 0 and by_key(data)["gone"]["verdict"] == "alive"  # not asked: not checked
    proc, data = links_json(root, "--include-fragments", "--no-cache")
    assert proc.returncode == 1, proc.stderr
    assert by_key(data)["ok"]["verdict"] == "alive" and by_key(data)["gone"]["verdict"] == "dead"
    settings = "links = { connect_timeout = 1, include_fragments = true }\n"
    root2 = make_project(tmp_path / "settings", urls, extra=settings)
    proc, data = links_json(root2)
    assert proc.returncode == 1 and by_key(data)["gone"]["verdict"] == "dead"
