"""``claimtrack refs check`` end to end, against the loopback registries."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from links.helpers import run_cli
from registries import records
from registries.conftest import CLAIMS, EXPECTED, LIBRARY, make_library

CONTRACT = {"reference", "verdict", "identifier", "registry", "matched", "score", "reason", "claims"}


def check(root: Path, *args: str):
    proc = run_cli("refs", "check", "--root", str(root), "--format", "json", *args)
    assert proc.stdout, proc.stderr
    return proc, json.loads(proc.stdout)


def line_of(key: str) -> int:
    """The line of ``@type{key,`` in the library."""
    return next(n for n, text in enumerate(LIBRARY.splitlines(), 1) if text.endswith("{" + key + ","))


def by_key(data) -> dict:
    return {r["reference"]: r for r in data["results"]}


def test_every_verdict_against_the_registries(library, fake):
    proc, data = check(library)
    assert proc.returncode == 1, proc.stderr  # findings
    found = by_key(data)
    assert {k: r["verdict"] for k, r in found.items()} == EXPECTED
    for result in data["results"]:
        assert set(result) >= CONTRACT
    # A DOI attached to another work: both sides shown, and the right DOI found by title.
    wrong = found["boettiger2013"]
    assert wrong["matched"]["title"].startswith("Methylphenidate Exposure")
    assert wrong["matched"]["doi"] == "10.1371/journal.pone.0033693"
    assert "Early warning signals" in wrong["title"]
    assert wrong["suggested_doi"] == "10.1007/s12080-013-0192-6"
    # Retractions: from the record's updated-by, and from a notice's update-to.
    assert "10.1016/s0140-6736(10)60175-4" in found["wakefield1998"]["reason"]
    assert "10.1016/s0140-6736(20)31324-6" in found["mehra2020"]["reason"]
    # Corrections and addenda are not retractions.
    assert found["zhou2020"]["verdict"] == "verified"
    assert found["zhou2020"]["matched"] == {
        "title": "A pneumonia outbreak associated with a new coronavirus of probable bat origin",
        "authors": ["Zhou", "Yang", "Wang", "Hu", "Zhang"],
        "year": 2020,
        "container": "Nature",
        "doi": "10.1038/s41586-020-2012-7",
    }
    # The claims resting on each finding.
    assert found["fabricated2019"]["claims"] == ["c-ews"]
    assert found["wakefield1998"]["claims"] == ["c-mmr"]
    assert found["badisbn"]["reason"] == "isbn '978-0-226-45808-4': ISBN-13 check digit is 3, not 4"
    assert found["reuters"]["registry"] is None
    # A bad ISSN beside a good DOI: the work is checked through the DOI, the ISSN mentioned.
    assert "issn '1461-0239': ISSN check digit" in found["badissngooddoi"]["reason"]
    # Polite: Crossref's polite pool is joined with the mailto in the User-Agent.
    assert all("mailto:refcheck-tests@example.org" in ua for ua in fake["crossref"].user_agents)


def test_results_are_kept_for_audit_and_lookups(library, fake):
    check(library)
    saved = json.loads((library / ".claimtrack" / "refcheck.json").read_text())
    assert {r["reference"]: r["verdict"] for r in saved["results"]} == EXPECTED
    audit = run_cli("audit", "--root", str(library), "--format", "json", "--select", "CT5")
    findings = json.loads(audit.stdout)["findings"]
    got = {(f["slug"], f["reference"]) for f in findings}
    assert got == {
        ("retracted-source", "wakefield1998"),
        ("retracted-source", "mehra2020"),
        ("identifier-mismatch", "boettiger2013"),
        ("identifier-mismatch", "delphiwrongauthors"),
        ("reference-not-found", "fabricated2019"),
        ("reference-not-found", "fabricated2016"),
        ("reference-not-found", "fakearxiv"),
        ("invalid-identifier", "badisbn"),
        ("invalid-identifier", "baddoi"),
        ("invalid-identifier", "badissn"),
        ("invalid-identifier", "badissngooddoi"),
    }
    retracted = next(f for f in findings if f["reference"] == "wakefield1998")
    assert retracted["code"] == "CT504" and retracted["file"] == "references/library.bib"
    assert retracted["line"] == line_of("wakefield1998") == 11
    shown = run_cli("refs", "show", "wakefield1998", "--root", str(library))
    assert "registries: retracted" in shown.stdout
    claim = run_cli("claims", "show", "c-ews", "--root", str(library))
    assert "registries: not-found" in claim.stdout and "registries: mismatch" in claim.stdout


def test_invalid_identifiers_are_found_offline_with_file_and_line(tmp_path, fake):
    root = make_library(tmp_path, fake)
    fake.close()  # no registry at all: the offline rule needs none
    audit = run_cli("audit", "--root", str(root), "--format", "json", "--select", "CT501")
    findings = json.loads(audit.stdout)["findings"]
    assert [(f["reference"], f["file"], f["line"]) for f in findings] == [
        ("badissn", "references/library.bib", line_of("badissn")),
        ("badissngooddoi", "references/library.bib", line_of("badissngooddoi")),
        ("badisbn", "references/library.bib", line_of("badisbn")),
        ("baddoi", "references/library.bib", line_of("baddoi")),
    ]
    assert "ISSN check digit is 6, not 7" in findings[0]["message"]
    assert "check digit is 3, not 4" in findings[2]["message"]
    assert audit.returncode == 1


def test_unreachable_registries_are_unchecked_never_not_found(library, fake):
    check(library, "--keys", "fabricated2019")  # found earlier: not found
    fake.take_down("crossref")
    fake.take_down("openalex")
    proc, data = check(library, "--keys", "zhou2020,fabricated2016,fabricated2019", "--no-cache")
    found = by_key(data)
    assert {k: r["verdict"] for k, r in found.items()} == dict.fromkeys(found, "unchecked")
    assert "crossref unreachable" in found["zhou2020"]["reason"]
    assert "cannot search by title" in found["fabricated2016"]["reason"]
    assert proc.returncode == 2  # nothing could be checked
    assert "no registry could be reached" in proc.stderr
    # A registry down today does not undo what an earlier run found.
    saved = json.loads((library / ".claimtrack" / "refcheck.json").read_text())
    kept = {r["reference"]: r["verdict"] for r in saved["results"]}
    assert kept == {"fabricated2019": "not-found", "zhou2020": "unchecked", "fabricated2016": "unchecked"}


def test_one_registry_down_is_named_and_the_others_still_decide(library, fake):
    fake.take_down("datacite")
    fake.take_down("openalex")
    _, data = check(library, "--keys", "fabricated2019,fabricated2016,boettiger2018,zhou2020")
    found = by_key(data)
    assert {k: r["verdict"] for k, r in found.items()} == {
        "fabricated2019": "not-found", "fabricated2016": "not-found", "boettiger2018": "verified",
        "zhou2020": "verified",
    }  # fmt: skip
    assert "DataCite could not be asked" in found["fabricated2019"]["reason"]
    assert "openalex unreachable" in found["fabricated2016"]["reason"]
    assert "retraction check incomplete: openalex unreachable" in found["zhou2020"]["reason"]


def test_a_registry_answering_503_is_unchecked(library, fake):
    fake["crossref"].status = 503
    _, data = check(library, "--keys", "zhou2020")
    (result,) = data["results"]
    assert result["verdict"] == "unchecked"
    assert "HTTP 503" in result["reason"]


def test_answers_that_are_not_the_api_leave_the_reference_unchecked(library, fake):
    fake["crossref"].garbage = b"<html><body>Maintenance</body></html>"
    fake["arxiv"].garbage = b"<html>not a feed"
    (library / ".claimtrack").mkdir()
    (library / ".claimtrack" / "registry-cache.json").write_text("{broken")  # a damaged cache is ignored
    proc, data = check(library, "--keys", "zhou2020,vaswani2017")
    found = by_key(data)
    assert found["zhou2020"]["verdict"] == "unchecked"
    assert "not JSON" in found["zhou2020"]["reason"]
    assert found["vaswani2017"]["verdict"] == "unchecked"
    assert "Traceback" not in proc.stderr


def test_one_bad_moment_of_a_registry_does_not_write_it_off(tmp_path, fake):
    root = make_library(tmp_path, fake, concurrency="1", retries="0")
    fake["crossref"].fail_next = 2  # two requests fail, then the registry is fine again
    _, data = check(root, "--keys", "zhou2020,wakefield1998,mehra2020")
    found = by_key(data)
    assert [found[k]["verdict"] for k in ("zhou2020", "wakefield1998")] == ["unchecked", "unchecked"]
    assert "HTTP 503" in found["zhou2020"]["reason"]
    assert found["mehra2020"]["verdict"] == "retracted"  # still asked, and answered
    assert data["unreachable"] == {}


def test_rate_limit_is_waited_out_when_retry_after_is_short(library, fake):
    fake["crossref"].throttle = 1
    fake["crossref"].retry_after = "1"
    start = time.monotonic()
    _, data = check(library, "--keys", "zhou2020")
    assert data["results"][0]["verdict"] == "verified"
    assert time.monotonic() - start >= 1.0  # it did wait
    doi_requests = [r for r in fake["crossref"].requests if r.startswith("/works/10.1038")]
    assert len(doi_requests) == 2  # the 429, then the answer


def test_a_long_retry_after_is_not_waited_and_says_so(library, fake):
    fake["crossref"].throttle = 100
    fake["crossref"].retry_after = "3600"
    start = time.monotonic()
    proc, data = check(library, "--keys", "zhou2020,boettiger2018,wakefield1998,mehra2020,boettiger2013")
    assert time.monotonic() - start < 20
    found = by_key(data)
    assert found["zhou2020"]["verdict"] == "unchecked"
    assert "Retry-After 3600" in found["zhou2020"]["reason"]
    # OpenAlex answered the title search, but Crossref did not: not a verdict of "not found".
    assert found["boettiger2018"]["verdict"] in ("verified", "unchecked")
    # Left alone for the rest of the run: only the requests already in flight (2 at once) were sent.
    assert len(fake["crossref"].requests) <= 2
    assert {found[k]["verdict"] for k in ("wakefield1998", "mehra2020", "boettiger2013")} == {"unchecked"}


def test_cache_answers_the_second_run_and_rechecks_after_its_lifetime(library, fake):
    check(library, "--keys", "boettiger2018,zhou2020")
    asked = len(fake["crossref"].requests) + len(fake["openalex"].requests)
    assert asked
    _, again = check(library, "--keys", "boettiger2018,zhou2020")
    assert len(fake["crossref"].requests) + len(fake["openalex"].requests) == asked
    assert again["requests"] == 0 and again["from_cache"] > 0
    # A retraction appears later; after the recheck period the work is asked about again.
    records.ZHOU_2020["updated-by"].append(
        {
            "DOI": "10.1038/s41586-099-0000-0",
            "type": "retraction",
            "label": "Retraction",
            "source": "publisher",
            "updated": {"date-parts": [[2026, 1, 2]]},
        }  # fmt: skip
    )
    try:
        _, cached = check(library, "--keys", "zhou2020")
        assert cached["results"][0]["verdict"] == "verified"  # within its lifetime: the cache answers
        cache_file = library / ".claimtrack" / "registry-cache.json"
        data = json.loads(cache_file.read_text())
        for entry in data["entries"].values():
            entry["at"] -= 31 * 86400
        cache_file.write_text(json.dumps(data))
        _, later = check(library, "--keys", "zhou2020")
        assert later["results"][0]["verdict"] == "retracted"
    finally:
        records.ZHOU_2020["updated-by"].pop()


def test_write_fills_a_missing_doi_and_corrects_a_wrong_one_only(library, fake):
    bib = library / "references" / "library.bib"
    before = bib.read_text()
    proc, data = check(library, "--write")
    after = bib.read_text()
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=False) if a != b]
    added = len(after.splitlines()) - len(before.splitlines())
    assert added == 1  # boettiger2018 gained a doi line
    assert "  doi = {10.1111/ele.13085}," in after
    assert changed[0] == ("  doi = {10.1371/journal.pone.0033693},", "  doi = {10.1007/s12080-013-0192-6},")
    found = by_key(data)
    assert found["boettiger2013"]["written"].startswith("doi = 10.1007/s12080-013-0192-6 (was 10.1371")
    # Checked again once written: the kept results (what audit reads) describe the file as it is.
    assert found["boettiger2013"]["verdict"] == "verified"
    assert found["boettiger2018"]["identifier"] == "doi:10.1111/ele.13085"
    # Never written: fabricated entries, conflicting details, or a field other than doi.
    for key in ("fabricated2019", "fabricated2016", "delphiwrongauthors", "wakefield1998"):
        assert found[key]["written"] is None
    assert "title = {Early warning signals: the charted and uncharted territories}" in after
    # The edited file reads back, and a second --write changes nothing.
    proc2, data2 = check(library, "--write")
    assert bib.read_text() == after
    assert by_key(data2)["boettiger2013"]["verdict"] == "verified"


def test_formats_markdown_and_github(library, fake):
    md = run_cli("refs", "check", "--root", str(library), "--format", "markdown")
    assert "| retracted | `wakefield1998`" in md.stdout
    gh = run_cli("refs", "check", "--root", str(library), "--format", "github")
    line = next(x for x in gh.stdout.splitlines() if "wakefield1998" in x)
    assert re.match(r"::error file=references/library\.bib,line=11,title=retracted reference::", line)
    table = run_cli("refs", "check", "--root", str(library))
    assert "wakefield1998" in table.stdout and "zhou2020" not in table.stdout  # verified ones hidden
    assert "retracted" in table.stdout


def test_unknown_key_and_bad_settings_are_one_line_errors(tmp_path, fake):
    root = make_library(tmp_path, fake)
    proc = run_cli("refs", "check", "--root", str(root), "--keys", "zhou2021")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "claimtrack: error: unknown reference 'zhou2021' (closest: zhou2020)"
    (root / "pyproject.toml").write_text('[tool.claimtrack.registries]\ntimeout = "soon"\n')
    proc = run_cli("refs", "check", "--root", str(root))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "[tool.claimtrack.registries] timeout" in proc.stderr
    assert CLAIMS  # the project still has its claims: nothing was written on error


def test_write_leaves_an_entry_it_cannot_edit_safely_and_says_why(tmp_path, fake):
    one_line = "@article{boettiger2018, author = {Boettiger, Carl}, title = {From noise to knowledge: how randomness generates novel phenomena and reveals information}, journaltitle = {Ecology Letters}, date = {2018}}\n"
    root = make_library(tmp_path, fake, library=one_line)
    proc, data = check(root, "--write")
    (result,) = data["results"]
    assert result["verdict"] == "verified" and result["written"] is None
    assert (
        "not written: entry boettiger2018: cannot set doi safely: one-line entries are not edited"
        in result["reason"]
    )
    assert (root / "references" / "library.bib").read_text() == one_line


def test_a_mirror_that_matches_dois_exactly_is_asked_with_the_doi_as_written(tmp_path, fake):
    fake["crossref"].case_sensitive = True
    fake["crossref"].records[:] = [dict(records.BOETTIGER_2013, DOI="10.1007/S12080-013-0192-6")]
    library = """@article{ews,
  author = {Boettiger, Carl and Ross, Noam and Hastings, Alan},
  title = {Early warning signals: the charted and uncharted territories},
  date = {2013},
  doi = {10.1007/S12080-013-0192-6},
}
"""
    root = make_library(tmp_path, fake, library=library)
    _, data = check(root)
    assert data["results"][0]["verdict"] == "verified"
