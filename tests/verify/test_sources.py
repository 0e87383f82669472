"""``sources fetch`` and ``refs enrich`` against pages served on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ct_helpers import Cli
from verify.conftest import make_project
from warcio.archiveiterator import ArchiveIterator

from claimtrack import refstore


def _captures(root: Path) -> dict:
    return json.loads((root / "captures" / "index.json").read_text("utf-8"))


def test_fetch_writes_valid_warc_request_and_response_and_an_index(tmp_path: Path, news) -> None:
    url = news.url("/energy/gas-imports")
    root = make_project(tmp_path, {"news": url, "report": news.url("/reports/outlook-2020.pdf")}, {})
    result = Cli(root)("sources", "fetch", "--format", "json")
    rows = {r["key"]: r for r in json.loads(result.stdout)["sources"]}
    assert rows["news"]["action"] == rows["report"]["action"] == "captured"
    entry = _captures(root)["references"]["news"][0]
    assert entry["url"] == url and entry["status"] == 200 and entry["content_type"] == "text/html"
    assert len(entry["text_sha256"]) == 64 and entry["fetched_at"].endswith("Z")
    with open(root / "captures" / entry["file"], "rb") as handle:
        records = [
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
            for r in ArchiveIterator(handle)
        ]
    kinds = [r[0] for r in records]
    assert kinds == ["warcinfo", "request", "response"]
    assert records[2][1] == url and b"Fatih D\xc3\xb6nmez" in records[2][2]
    pdf = _captures(root)["references"]["report"][0]
    assert pdf["content_type"] == "application/pdf" and pdf["text_chars"] > 200
    # warcio's own validator recomputes every record's block and payload digests.
    for capture in (entry, pdf):
        check = subprocess.run(
            [sys.executable, "-c", "import sys; from warcio.cli import main; main(sys.argv[1:])", "check", "-v",
             str(root / "captures" / capture["file"])],
            capture_output=True, text=True,
        )  # fmt: skip
        assert check.returncode == 0 and check.stdout.count("digest pass") == 3, check.stdout


def test_the_request_goes_through_the_link_checker_with_its_user_agent(tmp_path: Path, news) -> None:
    root = make_project(tmp_path, {"news": news.url("/energy/gas-imports")}, {})
    (root / "pyproject.toml").write_text(
        (root / "pyproject.toml").read_text() + 'user_agent = "claimtrack-test-agent"\n', encoding="utf-8"
    )
    Cli(root)("sources", "fetch")
    (request,) = [r for r in news.requests if r[1] == "/energy/gas-imports"]
    assert request[0] == "GET" and request[2]["User-Agent"] == "claimtrack-test-agent"


def test_fetch_is_incremental_and_never_overwrites_a_capture(tmp_path: Path, news) -> None:
    root = make_project(tmp_path, {"news": news.url("/energy/gas-imports")}, {})
    cli = Cli(root)
    cli("sources", "fetch")
    first = _captures(root)["references"]["news"][0]
    before = (root / "captures" / first["file"]).read_bytes()
    cli("sources", "fetch")  # already captured: no request
    assert len(news.hits("/energy/gas-imports")) == 1
    news.version = 2
    result = cli("sources", "fetch", "--refresh", "--format", "json")
    assert json.loads(result.stdout)["sources"][0]["changed"] is True
    entries = _captures(root)["references"]["news"]
    assert len(entries) == 2 and entries[0]["file"] != entries[1]["file"]
    assert entries[0]["text_sha256"] != entries[1]["text_sha256"]
    assert (root / "captures" / first["file"]).read_bytes() == before


def test_failed_and_walled_fetches_are_recorded_and_exit_1(tmp_path: Path, news) -> None:
    root = make_project(tmp_path, {"walled": news.url("/walled"), "gone": news.url("/missing")}, {})
    result = Cli(root)("sources", "fetch", "--format", "json", code=1)
    rows = {r["key"]: r for r in json.loads(result.stdout)["sources"]}
    assert rows["walled"]["verdict"] == "blocked" and rows["gone"]["verdict"] == "dead"
    assert all(r["action"] == "failed" for r in rows.values())


def test_captures_folder_is_configurable(tmp_path: Path, news) -> None:
    root = make_project(tmp_path, {"news": news.url("/energy/gas-imports")}, {})
    (root / "pyproject.toml").write_text(
        (root / "pyproject.toml").read_text() + '\n[tool.claimtrack.sources]\ncaptures = "archive/web"\n',
        encoding="utf-8",
    )
    Cli(root)("sources", "fetch")
    assert (root / "archive" / "web" / "index.json").is_file()


def test_a_bad_sources_setting_is_one_line_naming_the_key(tmp_path: Path) -> None:
    root = make_project(tmp_path, {}, {})
    (root / "pyproject.toml").write_text("[tool.claimtrack.sources]\nmax_bytes = -1\n", encoding="utf-8")
    result = Cli(root)("sources", "fetch", code=2)
    assert "[tool.claimtrack.sources] max_bytes" in result.stderr and "Traceback" not in result.stderr


def test_enrich_proposes_only_empty_fields_with_provenance_and_writes_them(tmp_path: Path, news) -> None:
    root = make_project(
        tmp_path,
        {"news": news.url("/energy/gas-imports"), "untitled": news.url("/reports/outlook-2020.pdf")},
        {},
    )
    cli = Cli(root)
    cli("sources", "fetch")
    bib = root / "references" / "sources.bib"
    original = bib.read_text("utf-8")
    proposed = {i["key"]: i for i in json.loads(cli("refs", "enrich", "--format", "json").stdout)}
    news_fields = {f["field"]: f for f in proposed["news"]["fields"]}
    assert (
        news_fields["date"]["value"] == "2020-01-21"
        and news_fields["date"]["from"] == "JSON-LD datePublished"
    )
    assert news_fields["authors"]["value"] == ["Kaya, Ay\u015fe"]
    assert "title" not in news_fields  # set by a person: never proposed
    pdf_fields = {f["field"]: f["value"] for f in proposed["untitled"]["fields"]}
    assert pdf_fields["title"] == "Regional Energy Outlook 2020"
    assert bib.read_text("utf-8") == original  # no --write: nothing written
    table = cli("refs", "enrich").stdout
    assert "+ date" in table and "JSON-LD datePublished" in table
    cli("refs", "enrich", "--write")
    refs = {r.key: r for r in refstore.read(bib)}
    assert refs["news"].date == "2020-01-21" and refs["news"].title == "Source news"
    assert refs["news"].container == "Example Energy News" and refs["news"].language == "en"
    assert refs["untitled"].title == "Regional Energy Outlook 2020"
    assert original.splitlines()[0] in bib.read_text("utf-8")  # the rest of each entry is left as it was
    again = json.loads(cli("refs", "enrich", "--format", "json").stdout)
    assert all(f["field"] not in ("date", "title") for i in again for f in i["fields"])


def test_an_unreachable_network_is_exit_2_not_dead_sources(tmp_path: Path) -> None:
    # Nothing listens on these loopback ports: every connection is refused, as on a machine offline.
    root = make_project(tmp_path, {"a": "http://127.0.0.41:9/a", "b": "http://127.0.0.42:9/b"}, {})
    result = Cli(root)("sources", "fetch", code=2)
    assert "offline" in result.stderr
    assert not (root / "captures" / "index.json").exists()  # nothing recorded as dead


def test_nothing_to_fetch_or_verify_and_unknown_keys_are_exit_2(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.claimtrack]\n", encoding="utf-8")
    cli = Cli(tmp_path)
    assert "no references" in cli("sources", "fetch", code=2).stderr
    assert "nothing to verify" in cli("verify", code=2).stderr
    root = make_project(tmp_path / "p", {"a": "http://127.0.0.21:9/a"}, {})
    assert "unknown citekey(s): nope" in Cli(root)("refs", "enrich", "--keys", "nope", code=2).stderr
    assert "unknown citekey(s): nope" in Cli(root)("sources", "fetch", "--keys", "nope", code=2).stderr


def test_a_redirected_source_keeps_every_hop_in_its_capture(tmp_path: Path, news) -> None:
    old = news.url("/old/gas-imports")
    root = make_project(tmp_path, {"moved": old}, {})
    Cli(root)("sources", "fetch")
    entry = _captures(root)["references"]["moved"][0]
    assert entry["url"] == old and entry["final_url"] == news.url("/energy/gas-imports")
    with open(root / "captures" / entry["file"], "rb") as handle:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.http_headers and r.http_headers.get_statuscode())
                   for r in ArchiveIterator(handle)]  # fmt: skip
    responses = [(uri, status) for kind, uri, status in records if kind == "response"]
    assert responses == [(old, "301"), (news.url("/energy/gas-imports"), "200")]
    assert entry["text_chars"] > 500  # the text is the final page's, not the redirect's


def test_the_link_checkers_deny_list_applies_to_fetches(tmp_path: Path, news) -> None:
    root = make_project(tmp_path, {"news": news.url("/energy/gas-imports")}, {})
    (root / "pyproject.toml").write_text(
        (root / "pyproject.toml").read_text() + 'deny = ["127.0.0.21/32"]\n', encoding="utf-8"
    )
    result = Cli(root)("sources", "fetch", "--format", "json", code=1)
    (row,) = json.loads(result.stdout)["sources"]
    assert row["action"] == "failed" and row["verdict"] == "skipped" and "refused" in row["detail"]
    assert news.hits("/energy/gas-imports") == []  # no connection was made


def test_a_page_over_the_size_cap_is_cut_and_marked_truncated(tmp_path: Path, news) -> None:
    root = make_project(tmp_path, {"news": news.url("/energy/gas-imports")}, {})
    Cli(root)("sources", "fetch", "--max-bytes", "2048")
    entry = _captures(root)["references"]["news"][0]
    assert entry["truncated"] is True and entry["bytes"] == 2048
    with open(root / "captures" / entry["file"], "rb") as handle:
        (response,) = [r for r in ArchiveIterator(handle) if r.rec_type == "response"]
        assert response.rec_headers.get_header("WARC-Truncated") == "length"
