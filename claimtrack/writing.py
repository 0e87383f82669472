"""A writer's view of a project: locked, recovered from any crash, then loaded.

Every command that changes records (ingest, refs import, links archive
--write) reads the records only once it holds the project's write lock, and
only after a commit a killed writer left half done was finished.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

from .lock import project_lock
from .project import Project
from .transaction import recover

Stamp = tuple[tuple[str, int, int], ...]


def records_stamp(project: Project) -> Stamp:
    """Every record file with its size and mtime: equal stamps, records as they were read."""
    files = []
    for path in [*project.claim_file_paths(), *project.reference_files()]:
        try:
            st = path.stat()
        except OSError:
            continue
        files.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(files)


@contextmanager
def locked(
    project: Project, *, lock_timeout: Optional[float] = None, stamp: Optional[Stamp] = None
) -> Iterator[bool]:
    """Hold ``project``'s write lock, finish any abandoned commit, and reload its records.

    With ``stamp`` (taken when the records were read without the lock), the
    records are reloaded only if they changed since; the block gets True when
    they did (then what was computed from them must be computed again).
    """
    timeout = project.settings.lock_timeout if lock_timeout is None else lock_timeout
    with project_lock(project.root, timeout=timeout):
        recover(project.root, [project.claims_dir, project.references_dir])
        changed = stamp is None or records_stamp(project) != stamp
        if changed:
            project.load()
        yield changed


@contextmanager
def writing(
    root: Optional[Path], *, lock_timeout: Optional[float] = None, create: bool = False
) -> Iterator[Project]:
    """The project at ``root`` (or found upward), loaded under the write lock."""
    project = Project.open(root, load=False, create=create)
    with locked(project, lock_timeout=lock_timeout):
        yield project


def ingest_locked(
    project: Project,
    paths: list[Path],
    *,
    lock_timeout: Optional[float] = None,
    forced: Optional[str] = None,
    bibliographies: Optional[list[Path]] = None,
) -> list:
    """Ingest ``paths`` into ``project`` (opened with ``load=False``), holding the write lock only while it must.

    Reading and parsing the reports is most of the work and needs no lock: it
    is done first, against the records as they are; under the lock the result
    is written if no other writer changed the records meanwhile, and computed
    again from the new records if one did.
    """
    from .ingest import import_bibliographies, ingest_all, record_ledger
    from .ingest.commit import already_written, plan, write_changes

    stamp = records_stamp(project)  # before reading: a commit from now on shows in the stamp
    project.load()
    changes = ingest_all(project, paths, dry_run=True, forced=forced, bibliographies=bibliographies)
    texts = plan(project, changes)
    timeout = project.settings.lock_timeout if lock_timeout is None else lock_timeout
    with project_lock(project.root, timeout=timeout):
        recover(project.root, [project.claims_dir, project.references_dir])
        if records_stamp(project) != stamp:
            if already_written(texts):  # a concurrent writer wrote exactly this: nothing to do
                for change in changes:
                    change.unchanged, change.new_refs = True, []
                return changes
            project.load()  # another writer changed the records: compute again from them
            changes = ingest_all(project, paths, dry_run=True, forced=forced, bibliographies=bibliographies)
            texts = plan(project, changes)
        import_bibliographies(project, changes)
        write_changes(project, changes, texts)
        record_ledger(project, changes, forced)
    return changes
