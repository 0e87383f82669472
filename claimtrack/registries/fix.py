"""``refs check --write``: fill a missing DOI, or correct a wrong one, when the match is unambiguous.

Only the ``doi`` field is ever written, and only when a title search found
exactly one registered work that is, beyond reasonable doubt, the one cited:
a reference with no DOI gains it; a DOI registered nowhere, or registered for
another work, is replaced.  Titles, authors and every other field stay as a
person wrote them, even where the registry disagrees (the report shows the
differences).  The whole read-modify-write holds the project lock; each file
is edited in place (one line) and written atomically, and is parsed back to
prove nothing else changed.
"""

from __future__ import annotations

from pathlib import Path

from .. import atomic, refstore
from ..errors import InputError
from ..links.archive import set_field
from ..lock import project_lock
from ..project import Project
from ..textfile import read_text
from .check import CheckReport
from .identifiers import normalize_doi
from .results import Result, Verdict
from .settings import RegistrySettings


def wanted(result: Result, current_doi: str | None) -> bool:
    """Whether ``result`` justifies writing its suggested DOI over ``current_doi``."""
    if not (result.suggested_doi and result.unambiguous):
        return False
    if not current_doi:
        return result.verdict in (Verdict.VERIFIED, Verdict.RETRACTED)
    return result.verdict is Verdict.MISMATCH and normalize_doi(current_doi) != result.suggested_doi


def _write_doi(path: Path, key: str, doi: str) -> bool:
    text = read_text(path, allow_empty=True)
    before = refstore.parse(text, path)
    target = next((r for r in before if r.key == key), None)
    if target is None:
        raise InputError(f"no entry {key!r}", path)
    try:
        edited = set_field(text, target.line or 1, "doi", doi)
    except ValueError as exc:
        raise InputError(f"entry {key}: cannot set doi safely: {exc}", path, target.line) from None
    after = refstore.parse(edited, path)
    expected = [r.model_copy(update={"doi": doi}) if r.key == key else r for r in before]
    if [r.model_dump() for r in after] != [r.model_dump() for r in expected]:
        raise InputError(f"entry {key}: setting doi would change other data; not written", path, target.line)
    return atomic.write_text(path, edited)


def apply(project: Project, results: list[Result]) -> int:
    """Write the DOIs the results justify; mark each result with what was written.  Returns the count."""
    written = 0
    with project_lock(project.root):
        project.load()  # the references as they are now, under the lock
        for result in results:
            ref = project.references.get(result.reference)
            if ref is None or not ref.file or not wanted(result, ref.doi):
                continue
            doi = result.suggested_doi or ""
            try:
                changed = _write_doi(project.root / ref.file, ref.key, doi)
            except InputError as exc:
                # This entry cannot be edited safely (a one-line entry, a doi spanning lines):
                # leave it, say why, and go on with the others.
                result.reason += f" (not written: {exc.message})"
                continue
            if changed:
                written += 1
                result.written = f"doi = {doi}" + (f" (was {ref.doi})" if ref.doi else " (was missing)")
    return written


def write_and_recheck(project: Project, settings: RegistrySettings, report: CheckReport) -> None:
    """``--write``: write what the results justify, then check the written references again,
    so the results kept for ``audit`` describe the files as they now are."""
    from .check import check

    if not apply(project, report.results):
        return
    project.load()  # the references as written
    written = {r.reference: r.written for r in report.results if r.written}
    again = check(project, settings, list(written))
    fresh = {r.reference: r for r in again.results}
    for index, result in enumerate(report.results):
        if result.reference in fresh:
            report.results[index] = fresh[result.reference].model_copy(
                update={"written": written[result.reference]}
            )
    report.requests += again.requests
    report.from_cache += again.from_cache
