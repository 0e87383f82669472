"""The derived index: incremental rebuilds, deletions, bad files, concurrent runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from lookup.lookup_fixtures import REFS, claim, turkey_file

from claimtrack import claimstore, refstore
from claimtrack.errors import InputError
from claimtrack.index import build, query
from claimtrack.model import ClaimFile


def refresh(root: Path) -> build.Stats:
    where = build.layout(root)
    conn = build.connect(where.db_path)
    try:
        return build.refresh(conn, where)
    finally:
        conn.close()


def claim_ids(root: Path) -> list[str]:
    conn, _ = build.open_index(root)
    return [r[0] for r in conn.execute("SELECT id FROM claims ORDER BY report, pos")]


def search(root: Path, text: str, **kw) -> list[str]:
    conn, where = build.open_index(root)
    return [h["id"] for h in query.search(conn, where.root, text, query.Filters(), **kw)["hits"]]


def test_first_run_reads_every_file_then_nothing(sample):
    first = refresh(sample)
    assert first.rebuilt
    assert sorted(first.read) == ["claims/iran.yaml", "claims/turkey.yaml", "references/sources.bib"]
    second = refresh(sample)
    assert second.read == [] and not second.rebuilt


def test_the_index_lives_in_dot_claimtrack_and_is_git_ignored(sample):
    import subprocess

    refresh(sample)
    assert (sample / ".claimtrack" / "index.sqlite").is_file()
    # git itself says the derived files stay out of the repository
    subprocess.run(["git", "init", "-q", str(sample)], check=True)
    status = subprocess.run(
        ["git", "-C", str(sample), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "claims/" in status and ".claimtrack" not in status


def test_only_the_changed_file_is_read_again(sample):
    refresh(sample)
    changed = turkey_file()
    changed.claims.append(claim("turkey", 5, "Pipeline capacity doubled in 2021.", [], []))
    claimstore.write(sample / "claims" / "turkey.yaml", changed)
    stats = refresh(sample)
    assert stats.read == ["claims/turkey.yaml"]
    assert search(sample, "pipeline capacity") == ["turkey-c005"]


def test_a_deleted_file_takes_its_rows_with_it(sample):
    refresh(sample)
    (sample / "claims" / "iran.yaml").unlink()
    stats = refresh(sample)
    assert stats.deleted == ["claims/iran.yaml"] and stats.read == []
    assert "iran-c001" not in claim_ids(sample)
    assert search(sample, "Tel Aviv") == []
    conn, _ = build.open_index(sample)
    assert conn.execute("SELECT count(*) FROM footnotes WHERE report = 'iran'").fetchone()[0] == 0


def test_a_touched_but_unchanged_file_is_hashed_not_read(sample):
    refresh(sample)
    path = sample / "claims" / "iran.yaml"
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000_000))
    assert refresh(sample).read == []


def test_a_same_size_change_within_the_same_mtime_is_still_seen(sample):
    refresh(sample)
    path = sample / "claims" / "iran.yaml"
    st = path.stat()
    text = path.read_text()
    assert "Tel Aviv" in text
    path.write_text(text.replace("Tel Aviv", "Jerusale"))  # same length
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the old mtime
    assert path.stat().st_size == st.st_size
    assert refresh(sample).read == ["claims/iran.yaml"]
    assert search(sample, "Jerusale") == ["iran-c001"]


def test_a_changed_reference_updates_the_claims_that_cite_it(sample):
    refresh(sample)
    renamed = [
        r.model_copy(update={"title": "Zanzibar ceasefire report"}) if r.key == "epdk2020gas" else r
        for r in REFS
    ]
    refstore.write(sample / "references" / "sources.bib", renamed)
    assert refresh(sample).read == ["references/sources.bib"]
    assert search(sample, "Zanzibar", in_sources=True) == ["turkey-c001"]
    assert search(sample, "Sectoral", in_sources=True) == []


def test_a_reference_moved_between_files_is_not_a_duplicate(sample):
    refresh(sample)
    refstore.write(sample / "references" / "sources.bib", REFS[:1])
    refstore.write(sample / "references" / "more.bib", REFS[1:])
    refresh(sample)
    conn, _ = build.open_index(sample)
    assert (
        conn.execute("SELECT file FROM refs WHERE key = 'tass2020drones'").fetchone()[0]
        == "references/more.bib"
    )


def test_a_duplicate_citekey_is_an_error_naming_both_places(sample):
    refstore.write(sample / "references" / "copy.bib", REFS[:1])
    with pytest.raises(InputError, match="citekey 'reuters2020armenia' is also defined at references/"):
        refresh(sample)


def test_a_bad_file_leaves_the_last_good_index_and_is_picked_up_when_fixed(sample):
    refresh(sample)
    path = sample / "claims" / "iran.yaml"
    good = path.read_text()
    path.write_text(good.replace("report:", "report: [", 1))
    with pytest.raises(InputError, match="iran.yaml"):
        refresh(sample)
    where = build.layout(sample)
    conn = build.connect(where.db_path)
    assert conn.execute("SELECT count(*) FROM claims WHERE report = 'iran'").fetchone()[0] == 1
    path.write_text(good.replace("Tel Aviv", "Tbilisi"))
    assert refresh(sample).read == ["claims/iran.yaml"]
    assert search(sample, "Tbilisi") == ["iran-c001"]


def test_an_index_of_another_schema_is_rebuilt(sample):
    refresh(sample)
    conn = build.connect(build.layout(sample).db_path)
    conn.execute("UPDATE meta SET value = 'old' WHERE key = 'schema'")
    conn.close()
    assert refresh(sample).rebuilt
    assert len(claim_ids(sample)) == 5


def test_a_corrupt_index_file_is_replaced(sample):
    db = sample / ".claimtrack" / "index.sqlite"
    db.parent.mkdir()
    db.write_bytes(b"this is not sqlite" * 100)
    assert len(claim_ids(sample)) == 5


# Each child is a fresh interpreter that imports only claimtrack: a worker that had to import this
# test module failed under `pytest` run as a script (the tests folder is not importable there).
_CHILD = (
    "import sys; from claimtrack.index import build; "
    "conn, _ = build.open_index(sys.argv[1]); "
    "print(conn.execute('SELECT count(*) FROM claims').fetchone()[0])"
)


def test_concurrent_first_runs_agree(sample):
    # Several processes find no index at once: one builds, the others wait and reuse it.
    children = [
        subprocess.Popen([sys.executable, "-c", _CHILD, str(sample)], stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    counts = [int(child.communicate(timeout=100)[0]) for child in children]
    assert counts == [5, 5, 5]
    conn, _ = build.open_index(sample)
    assert conn.execute("SELECT count(*) FROM claims_fts").fetchone()[0] == 5
    assert conn.execute("SELECT count(*) FROM files").fetchone()[0] == 3


def test_empty_project(tmp_path):
    (tmp_path / "claims").mkdir()
    conn, where = build.open_index(tmp_path)
    assert query.search(conn, where.root, None, query.Filters())["total"] == 0


def many_reports(root: Path, n: int) -> None:
    for i in range(n):
        data = turkey_file().model_dump(mode="json")
        data["report"]["id"] = f"copy{i:02d}"
        for c in data["claims"]:
            c["id"], c["report"] = f"copy{i:02d}-{c['id']}", f"copy{i:02d}"
        claimstore.write(root / "claims" / f"copy{i:02d}.yaml", ClaimFile.model_validate(data))


def test_a_big_first_build_parses_in_worker_processes(sample):
    many_reports(sample, build.PARALLEL_FROM + 4)
    stats = refresh(sample)
    assert len(stats.read) == build.PARALLEL_FROM + 7
    assert len(claim_ids(sample)) == 5 + 4 * (build.PARALLEL_FROM + 4)
    assert len(search(sample, "33.2 percent", limit=100)) == 1 + build.PARALLEL_FROM + 4


def test_a_bad_file_in_a_parallel_build_is_named_with_its_line(sample):
    many_reports(sample, build.PARALLEL_FROM + 4)
    (sample / "claims" / "copy05.yaml").write_text("report:\n  id: x\n  title: [unclosed\n")
    with pytest.raises(InputError) as err:
        refresh(sample)
    assert err.value.path.endswith("copy05.yaml") and err.value.line == 4
