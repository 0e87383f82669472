"""``refs check``: each reference's identifiers and details against the registries.

The plan for one reference, first that applies:

1. a malformed identifier -> ``invalid`` (offline);
2. a DOI -> Crossref, then DataCite; compared with our details; a retraction
   looked for in the record (``updated-by``), in notices pointing at it
   (``update-to``) and in OpenAlex (``is_retracted``);
3. an arXiv id -> the arXiv API; 4. an ISBN -> Open Library (then a title search);
5. a journal article or book with no identifier -> a title search in Crossref
   (``query.bibliographic``) and OpenAlex;
6. web pages, news and reports -> ``unchecked`` (the link check covers them).

"Not found" is said only when every registry asked answered; a registry that
could not be reached makes the verdict ``unchecked``, with the reason.
"""

from __future__ import annotations

import asyncio
import difflib
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Optional

from pydantic import ValidationError

from ..errors import UsageError
from ..model import Reference, RefType
from ..project import Project
from . import arxiv, crossref, datacite, openalex, openlibrary, rawfields, refids
from .cache import RegistryCache
from .identifiers import strip_doi
from .match import (
    Comparison,
    compare,
    conflicting,
    our_families,
    our_year,
    same_when_linked,
    same_when_searched,
)
from .records import Work
from .results import FINDINGS, Matched, Result, Verdict, now_iso
from .settings import RegistrySettings
from .transport import Transport, Unreachable

# The end of the reason given to web pages, news and reports: not a registry's business.
LINK_CHECKED = "the link check and source capture cover it"
_UNCHECKED_KIND = {
    RefType.WEBPAGE: "a web page",
    RefType.NEWS: "a news article",
    RefType.REPORT: "a report (grey literature)",
}


@dataclass
class CheckRun:
    """What one run needs: the transport, the cache, and what the registries said."""

    project: Project
    settings: RegistrySettings
    http: Transport
    cache: RegistryCache
    raw: dict[str, dict[str, str]] = field(default_factory=dict)  # identifier fields the model lacks

    async def ask(self, key: str, call: Callable[[], Awaitable[Any]]) -> Any:
        """A registry answer (Work, None or [Work]) from the cache, or asked now and cached."""
        hit, value = self.cache.get(key)
        if hit:
            try:
                return _works(value)
            except ValidationError:
                pass  # an entry of another version: ask again
        answer = await call()
        self.cache.put(key, _dump(answer))
        return answer


def _dump(answer: Any) -> Any:
    if isinstance(answer, list):
        return [w.model_dump(mode="json") for w in answer]
    return answer.model_dump(mode="json") if isinstance(answer, Work) else answer


def _works(value: Any) -> Any:
    if isinstance(value, list):
        return [Work.model_validate(v) for v in value]
    return Work.model_validate(value) if isinstance(value, dict) else value


@dataclass
class Attempt:
    """Registries that failed to answer while judging one reference."""

    failures: list[Unreachable] = field(default_factory=list)

    def failed(self, exc: Unreachable) -> None:
        if all(f.registry != exc.registry for f in self.failures):
            self.failures.append(exc)

    def why(self) -> str:
        return "; ".join(f"{f.registry} unreachable ({f.reason})" for f in self.failures)


def _describe(work: Work) -> str:
    who = ", ".join(work.authors[:3]) + (" et al." if len(work.authors) > 3 else "")
    bits = [b for b in (who, str(work.year) if work.year else "", work.container or "") if b]
    title = work.title + (f": {work.subtitle}" if work.subtitle else "")
    return f"“{title}”" + (f" ({'; '.join(bits)})" if bits else "")


def _result(ref: Reference, project: Project, verdict: Verdict, reason: str, **fields: Any) -> Result:
    return Result(
        reference=ref.key,
        verdict=verdict,
        reason=reason,
        claims=list(project.claims_citing(ref.key)),
        title=ref.title,
        file=ref.file,
        line=ref.line,
        checked_at=now_iso(),
        **fields,
    )


def _with_work(work: Work, comparison: Optional[Comparison]) -> dict[str, Any]:
    return {
        "registry": work.registry,
        "matched": Matched(**work.matched()),
        "score": comparison.score if comparison else None,
        "differences": comparison.differences if comparison else [],
    }


def search_query(ref: Reference) -> str:
    """A free-form citation for Crossref's query.bibliographic: title, first authors, year."""
    parts = [ref.title or "", " ".join(our_families(ref)[:3])]
    year = our_year(ref)
    if year:
        parts.append(str(year))
    return " ".join(p for p in parts if p)


async def search(run: CheckRun, ref: Reference, attempt: Attempt) -> list[tuple[Work, Comparison]]:
    """Candidates from Crossref and OpenAlex for a reference, most alike first."""
    query = search_query(ref)

    async def one(registry: str, call: Callable[[], Awaitable[list[Work]]]) -> list[Work]:
        try:
            return await run.ask(f"{registry} search {query}", call)
        except Unreachable as exc:
            attempt.failed(exc)
            return []

    found = await asyncio.gather(
        one("crossref", lambda: crossref.search(run.http, query)),
        one("openalex", lambda: openalex.search(run.http, ref.title or "")),
    )
    scored = [(w, compare(ref, w)) for works in found for w in works]
    scored.sort(key=lambda pair: pair[1].score, reverse=True)
    return scored


def _url_hint(ref: Reference) -> str:
    """Journals outside the registries exist: a URL lets the link check say whether the page does."""
    return f"; it gives a URL ({ref.url}): `links check` tells whether that page exists" if ref.url else ""


def _search_answered(attempt: Attempt) -> bool:
    """Crossref or OpenAlex answered the title search, so "not found" can be said.

    The issue's rule: a reference is unchecked when every registry that could know it was
    unreachable; one registry down is named in the reason of the verdict the others allow.
    """
    failed = {f.registry for f in attempt.failures}
    return not {"crossref", "openalex"} <= failed


def pick(
    ref: Reference, scored: list[tuple[Work, Comparison]]
) -> tuple[Optional[tuple[Work, Comparison]], bool]:
    """The candidate that is our work, and whether it is the only plausible one."""
    same = [(w, c) for w, c in scored if same_when_searched(c, ref)]
    if not same:
        return None, False
    best = same[0]
    rivals = [
        (w, c)
        for w, c in same[1:]
        if c.score >= best[1].score - 0.05 and (w.doi or "") != (best[0].doi or "") and w.doi
    ]
    return best, not rivals


async def retraction(run: CheckRun, work: Work, attempt: Attempt) -> Optional[str]:
    """Evidence that a found work was retracted: its record, notices pointing at it, OpenAlex."""
    if work.retraction:
        return work.retraction
    if not work.doi:
        return None
    doi = work.doi
    checks: list[tuple[str, Callable[[], Awaitable[Any]]]] = [
        (f"openalex doi {doi}", lambda: openalex.by_doi(run.http, doi)),
    ]
    if work.registry == "crossref":
        checks.insert(0, (f"crossref updates {doi}", lambda: crossref.notices_for(run.http, doi)))
    for key, call in checks:
        try:
            answer = await run.ask(key, call)
        except Unreachable as exc:
            attempt.failed(exc)
            continue
        evidence = answer.retraction if isinstance(answer, Work) else answer
        if evidence:
            return evidence
    return None


async def _judge_found(
    run: CheckRun,
    ref: Reference,
    work: Work,
    comparison: Comparison,
    how: str,
    attempt: Attempt,
    **extra: Any,
) -> Result:
    notice = await retraction(run, work, attempt)
    incomplete = f" (retraction check incomplete: {attempt.why()})" if attempt.failures else ""
    if notice:
        return _result(ref, run.project, Verdict.RETRACTED, f"{how}; retracted: {notice}",
                       retraction=notice, **_with_work(work, comparison), **extra)  # fmt: skip
    return _result(
        ref, run.project, Verdict.VERIFIED, how + incomplete, **_with_work(work, comparison), **extra
    )


async def _suggest(run: CheckRun, ref: Reference, attempt: Attempt) -> dict[str, Any]:
    """The registered DOI of the work we describe, found by title, for a wrong or missing DOI."""
    if not ref.title:
        return {}
    best, unique = pick(ref, await search(run, ref, attempt))
    if best is None or not best[0].doi:
        return {}
    return {"suggested_doi": best[0].doi, "unambiguous": unique}


async def by_doi(run: CheckRun, ref: Reference, doi: str) -> Result:
    attempt = Attempt()
    ident = f"doi:{doi}"
    work: Optional[Work] = None
    # DOIs are case-insensitive and the registries answer either way; a mirror may not, so
    # the DOI as the reference writes it is tried too when the lower-case form is unknown.
    forms = list(dict.fromkeys([doi, strip_doi(ref.doi or "") or doi]))
    for registry, lookup in (("crossref", crossref.by_doi), ("datacite", datacite.by_doi)):
        for form in forms:
            try:
                work = await run.ask(
                    f"{registry} doi {form}", lambda lookup=lookup, form=form: lookup(run.http, form)
                )
            except Unreachable as exc:
                attempt.failed(exc)
                break
            if work is not None:
                break
        if work is not None:
            break
    if work is None:
        return await _unregistered_doi(run, ref, doi, attempt)
    comparison = compare(ref, work)
    blank = not (ref.title or ref.authors) or not (work.title or work.authors)
    if same_when_linked(comparison, ref) or blank:
        how = f"DOI registered at {work.registry} for this work"
        if blank:
            how = f"DOI registered at {work.registry}; no title or authors on one side to compare"
        return await _judge_found(run, ref, work, comparison, how, attempt, identifier=ident)
    suggestion = await _suggest(run, ref, attempt)
    if suggestion.get("suggested_doi") == doi:
        suggestion = {}
    reason = f"DOI {doi} is registered for another work: {_describe(work)}"
    if suggestion:
        reason += f"; the work cited is registered as {suggestion['suggested_doi']}"
    return _result(ref, run.project, Verdict.MISMATCH, reason, identifier=ident, **_with_work(work, comparison),
                   **suggestion)  # fmt: skip


async def _unregistered_doi(run: CheckRun, ref: Reference, doi: str, attempt: Attempt) -> Result:
    """Crossref (and DataCite) do not know the DOI: the work may exist under another one."""
    ident = f"doi:{doi}"
    if any(f.registry == "crossref" for f in attempt.failures):
        # Crossref registers most DOIs: without its answer nothing can be said.
        return _result(ref, run.project, Verdict.UNCHECKED, f"cannot tell whether DOI {doi} exists: {attempt.why()}",
                       identifier=ident, transient=True)  # fmt: skip
    datacite_down = next((f for f in attempt.failures if f.registry == "datacite"), None)
    where = f"DOI {doi} is registered neither at Crossref nor at DataCite"
    if datacite_down:
        where = (
            f"DOI {doi} is not registered at Crossref (DataCite could not be asked: {datacite_down.reason})"
        )
    best, unique = pick(ref, await search(run, ref, attempt)) if ref.title else (None, False)
    if (
        best is not None and best[0].doi == doi
    ):  # a registry knows it after all (OpenAlex indexes DataCite too)
        return await _judge_found(run, ref, best[0], best[1], f"DOI {doi} found by title at {best[0].registry}",
                                  attempt, identifier=ident)  # fmt: skip
    if best is not None and best[0].doi:
        return _result(ref, run.project, Verdict.MISMATCH, f"{where}; the work is registered as {best[0].doi}",
                       identifier=ident, suggested_doi=best[0].doi, unambiguous=unique,
                       **_with_work(*best))  # fmt: skip
    if not _search_answered(attempt):
        return _result(ref, run.project, Verdict.UNCHECKED, f"{where}; cannot search by title: {attempt.why()}",
                       identifier=ident, transient=True)  # fmt: skip
    note = f" ({attempt.why()})" if attempt.failures else ""
    return _result(ref, run.project, Verdict.NOT_FOUND,
                   f"{where}, and no registry knows a work titled like it: possibly fabricated{note}"
                   f"{_url_hint(ref)}", identifier=ident)  # fmt: skip


async def by_arxiv(run: CheckRun, ref: Reference, arxiv_id: str) -> Result:
    attempt = Attempt()
    ident = f"arxiv:{arxiv_id}"
    try:
        work = await run.ask(f"arxiv id {arxiv_id}", lambda: arxiv.by_id(run.http, arxiv_id))
    except Unreachable as exc:
        return _result(
            ref,
            run.project,
            Verdict.UNCHECKED,
            f"arxiv unreachable ({exc.reason})",
            identifier=ident,
            transient=True,
        )
    except arxiv.FeedError as exc:
        return _result(ref, run.project, Verdict.UNCHECKED, f"arxiv answered with something else: {exc}",
                       identifier=ident, transient=True)  # fmt: skip
    if work is None:
        return _result(ref, run.project, Verdict.NOT_FOUND, f"arXiv has no e-print {arxiv_id}: possibly fabricated",
                       identifier=ident)  # fmt: skip
    comparison = compare(ref, work)
    if same_when_linked(comparison, ref) or (not ref.title and not ref.authors):
        return await _judge_found(run, ref, work, comparison, f"arXiv e-print {arxiv_id} is this work", attempt,
                                  identifier=ident)  # fmt: skip
    return _result(ref, run.project, Verdict.MISMATCH, f"arXiv {arxiv_id} is another work: {_describe(work)}",
                   identifier=ident, **_with_work(work, comparison))  # fmt: skip


async def by_isbn(run: CheckRun, ref: Reference, isbn: str) -> Result:
    attempt = Attempt()
    ident = f"isbn:{isbn}"
    try:
        work = await run.ask(f"openlibrary isbn {isbn}", lambda: openlibrary.by_isbn(run.http, isbn))
    except Unreachable as exc:
        attempt.failed(exc)
        work = None
    if work is not None:
        comparison = compare(ref, work)
        if same_when_linked(comparison, ref) or (not ref.title and not ref.authors):
            return _result(ref, run.project, Verdict.VERIFIED, f"ISBN {isbn} is this book at Open Library",
                           identifier=ident, **_with_work(work, comparison))  # fmt: skip
        return _result(ref, run.project, Verdict.MISMATCH, f"ISBN {isbn} is another book: {_describe(work)}",
                       identifier=ident, **_with_work(work, comparison))  # fmt: skip
    # Open Library does not know every book: a title search decides.
    result = await by_search(run, ref, attempt, identifier=ident)
    lead = f"ISBN {isbn} unknown to Open Library" if not attempt.failures else attempt.why()
    result.reason = f"{lead}; {result.reason}"
    return result


async def by_search(run: CheckRun, ref: Reference, attempt: Optional[Attempt] = None, **extra: Any) -> Result:
    attempt = attempt or Attempt()
    if not ref.title:
        return _result(
            ref, run.project, Verdict.UNCHECKED, "no identifier and no title to search for", **extra
        )
    scored = await search(run, ref, attempt)
    best, unique = pick(ref, scored)
    if best is not None:
        work, comparison = best
        how = f"found by title at {work.registry}"
        fill = {"suggested_doi": work.doi, "unambiguous": unique} if work.doi and not ref.doi else {}
        return await _judge_found(run, ref, work, comparison, how, attempt, **fill, **extra)
    clash = next(((w, c) for w, c in scored if conflicting(c, ref)), None)
    if clash is not None:
        work, comparison = clash
        return _result(ref, run.project, Verdict.MISMATCH,
                       f"a work with this title is registered, but by other authors or in another year: "
                       f"{_describe(work)}", **_with_work(work, comparison), **extra)  # fmt: skip
    if not _search_answered(attempt):
        return _result(
            ref,
            run.project,
            Verdict.UNCHECKED,
            f"cannot search by title: {attempt.why()}",
            transient=True,
            **extra,
        )
    near = f"; closest: {_describe(scored[0][0])} ({scored[0][1].score:.0%} alike)" if scored else ""
    closest = {"score": scored[0][1].score, "differences": scored[0][1].differences} if scored else {}
    return _result(ref, run.project, Verdict.NOT_FOUND,
                   f"neither Crossref nor OpenAlex knows a work like it: possibly fabricated{near}"
                   f"{f' ({attempt.why()})' if attempt.failures else ''}{_url_hint(ref)}",
                   **closest, **extra)  # fmt: skip


async def check_reference(run: CheckRun, ref: Reference) -> Result:
    ids = refids.of(ref, run.raw.get(ref.key))
    # A malformed DOI, or a malformed identifier with no good one beside it, decides the
    # verdict.  A bad ISSN or PMID beside a good DOI does not: the work is still checked
    # through the DOI, the reason mentions the bad one, and audit's CT501 flags it.
    usable = ids.doi or ids.arxiv or ids.isbns
    fatal = [p for p in ids.problems if p.field in ("doi", "url")] or ([] if usable else ids.problems)
    if fatal:
        return _result(ref, run.project, Verdict.INVALID, "; ".join(str(p) for p in ids.problems),
                       identifier=f"{fatal[0].field}:{fatal[0].value}")  # fmt: skip
    result = await _by_identifier(run, ref, ids)
    if ids.problems:
        result.reason += f" (also: {'; '.join(str(p) for p in ids.problems)})"
    return result


async def _by_identifier(run: CheckRun, ref: Reference, ids: refids.RefIds) -> Result:
    if ids.doi:
        return await by_doi(run, ref, ids.doi)
    if ids.arxiv:
        return await by_arxiv(run, ref, ids.arxiv)
    if ids.isbns:
        return await by_isbn(run, ref, ids.isbns[0])
    if ref.type not in _UNCHECKED_KIND or ids.pmid or ids.pmcid:
        return await by_search(run, ref, identifier=ids.primary)
    kind = _UNCHECKED_KIND.get(ref.type, "not a scholarly work")
    return _result(ref, run.project, Verdict.UNCHECKED,
                   f"{kind} with no DOI, arXiv id or ISBN: {LINK_CHECKED}")  # fmt: skip


@dataclass
class CheckReport:
    results: list[Result]
    requests: int
    from_cache: int
    unreachable: dict[str, str]  # registry -> why, for registries that failed in this run

    @property
    def findings(self) -> bool:
        return any(r.verdict in FINDINGS for r in self.results)

    @property
    def nothing_checked(self) -> bool:
        """Registries were needed, and none of the references needing one could be checked."""
        networked = [r for r in self.results if r.verdict is not Verdict.UNCHECKED or r.transient]
        return bool(self.unreachable and networked and all(r.transient for r in networked))


def select(project: Project, keys: Optional[Iterable[str]]) -> list[Reference]:
    if not keys:
        return list(project.references.values())
    chosen: dict[str, Reference] = {}
    for raw in keys:
        for key in (k.strip() for k in raw.split(",")):
            if not key:
                continue
            if key not in project.references:
                near = difflib.get_close_matches(key, list(project.references), n=3)
                hint = f" (closest: {', '.join(near)})" if near else ""
                raise UsageError(f"unknown reference {key!r}{hint}")
            chosen[key] = project.references[key]
    return list(chosen.values())


async def _run_all(
    project: Project,
    settings: RegistrySettings,
    refs: list[Reference],
    cache: RegistryCache,
    on_done: Optional[Callable[[Result], None]],
) -> CheckReport:
    async with Transport(settings) as http:
        run = CheckRun(project, settings, http, cache, rawfields.load(project.reference_files()))

        async def one(ref: Reference) -> Result:
            try:
                result = await check_reference(run, ref)
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                # A registry record of a shape we do not know: say so for this reference
                # and go on with the others, rather than lose the whole run.
                result = _result(ref, project, Verdict.UNCHECKED,
                                 f"a registry answered with a record we cannot read ({type(exc).__name__}: {exc})",
                                 transient=True)  # fmt: skip
            if on_done:
                on_done(result)
            return result

        results = list(await asyncio.gather(*(one(ref) for ref in refs)))
        down = {name: why for name in ("crossref", "datacite", "openalex", "arxiv", "openlibrary")
                if (why := http.down(name))}  # fmt: skip
        return CheckReport(results, http.requests, cache.hits, down)


def check(
    project: Project,
    settings: RegistrySettings,
    keys: Optional[Iterable[str]] = None,
    *,
    use_cache: bool = True,
    on_done: Optional[Callable[[Result], None]] = None,
) -> CheckReport:
    refs = select(project, keys)
    cache = RegistryCache(project.root, recheck_days=settings.recheck_days, absent_days=settings.absent_days,
                          enabled=use_cache)  # fmt: skip
    report = asyncio.run(_run_all(project, settings, refs, cache, on_done))
    cache.save()
    return report
