"""``links archive`` does what its --help says: two formats, exit 2 when the archive cannot be reached."""

from __future__ import annotations

from links.helpers import make_project, run_cli
from links.test_cli import FAST_SETTINGS, closed_port


def test_archive_api_unreachable_exits_2_as_help_says(tmp_path, sites):
    site = sites("127.0.0.41")
    root = make_project(tmp_path, {"gone": site.url("/2020/story")}, extra=FAST_SETTINGS)
    api = f"http://127.0.0.42:{closed_port('127.0.0.42')}/wayback/available"
    proc = run_cli("links", "archive", "--root", str(root), "--archive-api", api, "--timeout", "2")
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "archive API could not be reached" in proc.stderr
    assert "Traceback" not in proc.stderr
    helped = run_cli("links", "archive", "--help")
    assert "2 usage or input error, or the network is unreachable" in " ".join(helped.stdout.split())


def test_archive_offers_only_the_formats_it_renders(tmp_path):
    helped = " ".join(run_cli("links", "archive", "--help").stdout.split())
    assert "-f, --format FORMAT table or json. (default: table)" in helped
    assert "junit" not in helped
    proc = run_cli("links", "archive", "--root", str(tmp_path), "--format", "junit")
    assert proc.returncode == 2
    assert "'junit' is not one of 'table', 'json'" in proc.stderr


def test_offline_counts_agree_in_every_format(tmp_path):
    # Nothing listens on these loopback hosts: the machine looks offline, nothing is checked.
    import json
    import xml.etree.ElementTree as ET

    from links.test_cli import FAST

    root = make_project(
        tmp_path,
        {
            "a": f"http://127.0.0.43:{closed_port('127.0.0.43')}/story",
            "b": f"http://127.0.0.44:{closed_port('127.0.0.44')}/report.pdf",
            "c": "https://ministry.invalid/report",  # judged dead by its name: no request needed
        },
        extra=FAST_SETTINGS,
    )
    data = json.loads(run_cli("links", "check", "--root", str(root), "--format", "json", *FAST).stdout)
    assert data["network"] == "offline"
    assert data["not_checked"] == 2
    assert data["checked"] == 1  # only the .invalid name was judged
    junit = run_cli("links", "check", "--root", str(root), "--format", "junit", *FAST)
    suite = ET.fromstring(junit.stdout)
    assert junit.returncode == 2
    assert int(suite.get("errors")) == len(suite.findall(".//error")) == 2
    assert int(suite.get("tests")) == len(suite.findall("testcase")) == 3
    table = run_cli("links", "check", "--root", str(root), *FAST)
    assert "3 URLs: 2 not checked" in table.stdout
