"""Reference rules: uncited entries, no locator, one source under several keys, no date."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Optional

from .. import urls
from ..model import Reference, RefType
from .context import AuditContext
from .findings import Finding, Related, finding
from .words import normalized_title, overlap, stems


def _describe(ref: Optional[Reference], key: str) -> str:
    if ref is None:
        return key
    who = ref.authors[0].split(",")[0] if ref.authors else ref.organization or ref.container or ""
    year = (ref.date or "")[:4]
    title = f"“{ref.title}”" if ref.title else key
    extra = ", ".join(x for x in (who, year) if x)
    return f"{title} ({extra})" if extra else title


def _at_reference(ctx: AuditContext, ref: Reference) -> dict[str, object]:
    footnotes = [label for report, label in ctx.project.footnotes_citing(ref.key) if report in ctx.reports]
    return {
        "report": ctx.report_of(ref.key),
        "file": ref.file,
        "line": ref.line,
        "reference": ref.key,
        "footnote": footnotes[0] if footnotes else None,
    }


def _supported_claim(ctx: AuditContext, report: str, ref: Optional[Reference]) -> Optional[tuple[int, str]]:
    """(line, text) of an uncited claim of ``report`` that the entry's title is plainly about."""
    if ref is None or not ref.title:
        return None
    title = stems(ref.title)
    best: Optional[tuple[int, int, str]] = None
    for claim in ctx.claim_file(report).claims:
        if claim.cited:
            continue
        shared = len(title & stems(claim.text))
        if shared >= 4 and (best is None or shared > best[0]):
            best = (shared, claim.location.line, claim.text)
    return (best[1], best[2]) if best else None


def check_uncited_reference(ctx: AuditContext) -> Iterator[Finding]:
    for report in ctx.reports:
        file = ctx.report_file(report)
        for entry in ctx.claim_file(report).bibliography:
            if entry.cited:
                continue
            ref = ctx.reference(entry.key)
            message = f"{_describe(ref, entry.key)} is in the bibliography, but the text never cites it."
            hint = _supported_claim(ctx, report, ref)
            related = []
            if hint:
                message += (
                    f" It looks like the source of line {hint[0]} (“{hint[1][:70]}…”), which names no source."
                )
                related = [Related(file=file, line=hint[0], message="the uncited claim it may support")]
            yield finding(
                "uncited-reference",
                message,
                report=report,
                file=file,
                line=entry.line,
                reference=entry.key,
                related=related,
            )
    if not ctx.whole_project:
        return  # a reference no report cites belongs to no report in scope
    cited = set(ctx.citing_reports)
    for key, ref in ctx.project.references.items():
        if key not in cited:
            yield finding(
                "uncited-reference",
                f"{_describe(ref, key)} is in {ref.file} but no report cites it.",
                file=ref.file,
                line=ref.line,
                reference=key,
            )


_WHAT_TO_ADD = {
    RefType.ARTICLE: "its DOI or URL",
    RefType.BOOK: "its ISBN",
    RefType.REPORT: "its URL",
    RefType.NEWS: "its URL",
    RefType.WEBPAGE: "its URL",
}


def check_no_locator(ctx: AuditContext) -> Iterator[Finding]:
    for ref in ctx.references_in_scope:
        if ref.url or ref.doi or ref.isbn:
            continue
        yield finding(
            "no-locator",
            f"{_describe(ref, ref.key)} has no URL, DOI or ISBN: nothing leads a reader to it to check the claims it supports.",
            fix=f"Add {_WHAT_TO_ADD[ref.type]} to {ref.key}.",
            **_at_reference(ctx, ref),  # type: ignore[arg-type]
        )


def _site(ref: Reference) -> str:
    return (urls.host(ref.url) if ref.url else "") or (ref.container or "").casefold()


_NUMERIC_ID = re.compile(r"\d{4,}")


def _same_document(a: Reference, b: Reference) -> bool:
    """Same title and site; numeric document ids in both URLs, if any, must agree.

    Sites reuse titles for recurring documents ("Statement by the OSCE Minsk Group
    Co-Chair countries"); a differing id in the URL tells those apart.
    """
    if not a.title or not b.title or _site(a) != _site(b) or not _site(a):
        return False
    if normalized_title(a.title) != normalized_title(b.title):
        return False
    ids_a = _NUMERIC_ID.findall(a.url or "")
    ids_b = _NUMERIC_ID.findall(b.url or "")
    return not (ids_a and ids_b and ids_a[-1] != ids_b[-1])


def _similar_titles(a: Reference, b: Reference) -> bool:
    if not a.title or not b.title:
        return True
    return overlap(stems(a.title), stems(b.title)) >= 0.5


def check_duplicate_reference(ctx: AuditContext) -> Iterator[Finding]:
    refs = ctx.references_in_scope
    parent = {r.key: r.key for r in refs}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    by_url: dict[str, list[Reference]] = defaultdict(list)
    for ref in refs:
        if ref.url:
            by_url[urls.normalize(ref.url)].append(ref)
    for group in by_url.values():
        for other in group[1:]:
            # One URL under two different titles is not one source twice but a citation
            # pointing at the wrong page: url-title-conflict reports that.
            if _similar_titles(group[0], other):
                parent[root(other.key)] = root(group[0].key)
    for i, a in enumerate(refs):
        for b in refs[i + 1 :]:
            if root(a.key) != root(b.key) and _same_document(a, b):
                parent[root(b.key)] = root(a.key)
    groups: dict[str, list[Reference]] = defaultdict(list)
    for ref in refs:
        groups[root(ref.key)].append(ref)
    for members in groups.values():
        if len(members) < 2:
            continue
        keep, *rest = members
        same_url = len({urls.normalize(r.url or "") for r in members}) == 1 and keep.url
        if same_url and len({r.url for r in members}) > 1 and "near-duplicate-url" in ctx.selected:
            continue  # URLs differing trivially: near-duplicate-url already says which keys
        why = "the same URL" if same_url else "the same title on the same site"
        keys = ", ".join(r.key for r in members)
        url_list = "; ".join(dict.fromkeys(r.url for r in members if r.url))
        for ref in rest:
            yield finding(
                "duplicate-reference",
                f"{_describe(ref, ref.key)} is one source stored under {len(members)} keys ({keys}): {why}"
                + (f" ({url_list})." if not same_url and url_list else "."),
                fix=f"Cite {keep.key} where {ref.key} is cited and delete {ref.key}"
                + ("; keep the URL that works." if not same_url else "."),
                related=[Related(file=keep.file, line=keep.line, message=f"{keep.key}: the same source")],
                **_at_reference(ctx, ref),  # type: ignore[arg-type]
            )


def check_no_date(ctx: AuditContext) -> Iterator[Finding]:
    for ref in ctx.references_in_scope:
        if ref.date:
            continue
        from_url = urls.date_from_path(ref.url) if ref.url else None
        if from_url:
            message = f"{_describe(ref, ref.key)} has no publication date, but its URL says {from_url}."
            fix = f"Check the page and set date = {{{from_url}}} in {ref.key}."
        else:
            message = f"{_describe(ref, ref.key)} has no publication date; neither the citation nor the URL gives one."
            fix = f"Look the date up on the source and add it to {ref.key}."
        yield finding("no-date", message, fix=fix, **_at_reference(ctx, ref))  # type: ignore[arg-type]


CHECKS = {
    "uncited-reference": check_uncited_reference,
    "no-locator": check_no_locator,
    "duplicate-reference": check_duplicate_reference,
    "no-date": check_no_date,
}
