"""URL rules: a URL under two titles, near-duplicate URLs, typo domains, slug/title mismatch, malformed URLs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Optional

from .. import urls
from .context import AuditContext
from .findings import Finding, Related, finding
from .sources import Citation, citations
from .words import overlap, slug_words, stems

# Below this share of shared words, two titles name different articles.
SAME_TITLE = 0.5
# A slug sharing less than this with the title is about something else.
SLUG_MATCH = 0.25


def _related(citation: Citation, message: str) -> Related:
    return Related(file=citation.file, line=citation.line, message=message)


def _at(citation: Citation) -> dict[str, object]:
    return {
        "report": citation.report,
        "file": citation.file,
        "line": citation.line,
        "footnote": citation.footnote,
        "reference": citation.key,
        "url": citation.url,
    }


def _title_stems(ctx: AuditContext, citation: Citation) -> set[str]:
    """Words of the title as cited, plus the reference's title and its translation."""
    texts = [citation.title or ""]
    ref = ctx.reference(citation.key) if citation.key else None
    if ref:
        texts += [ref.title or "", ref.title_translation or ""]
    return stems(" ".join(texts))


def _slug_match(ctx: AuditContext, citation: Citation) -> Optional[tuple[float, int]]:
    """(share, count) of words slug and title share; None when the URL has no headline slug.

    The share is of the shorter of the two, so a long live-blog slug does not
    drown a short title that it plainly contains.
    """
    slug = stems(" ".join(slug_words(citation.url)))
    if len(slug) < 3:
        return None
    title = _title_stems(ctx, citation)
    if not title:
        return None
    return overlap(slug, title), len(slug & title)


def _unrelated(score: Optional[tuple[float, int]]) -> bool:
    """Slug and title share at most one word, and under a quarter of the shorter."""
    return score is not None and score[1] <= 1 and score[0] < SLUG_MATCH


def _clusters(items: list[Citation]) -> list[list[Citation]]:
    """Citations grouped by title: one group per distinct article title."""
    groups: list[tuple[set[str], list[Citation]]] = []
    for item in items:
        words = stems(item.title or "")
        for group_words, members in groups:
            if overlap(words, group_words) >= SAME_TITLE:
                members.append(item)
                break
        else:
            groups.append((words, [item]))
    return [members for _, members in groups]


def check_url_title_conflict(ctx: AuditContext) -> Iterator[Finding]:
    by_url: dict[str, list[Citation]] = defaultdict(list)
    for citation in citations(ctx):
        if citation.title:
            by_url[urls.normalize(citation.url)].append(citation)
    for items in by_url.values():
        groups = _clusters(items)
        if len(groups) < 2:
            continue
        scores = [max((_slug_match(ctx, c) or (0.0, 0))[0] for c in g) for g in groups]
        best = max(scores)
        right = [g for g, s in zip(groups, scores, strict=True) if s == best and best >= SLUG_MATCH]
        wrong = [g for g in groups if g not in right] if len(right) == 1 else groups
        culprit = wrong[0][0]
        others = [c for g in groups for c in g if c is not culprit]
        listing = "; ".join(f"{c.where} as “{c.title}”" for g in groups for c in g[:1])
        message = f"{culprit.url} is cited under different titles: {listing}."
        if len(right) == 1:
            message += (
                f" Its slug matches “{right[0][0].title}”, so {culprit.where} points at the wrong page."
            )
        yield finding(
            "url-title-conflict",
            message,
            related=[_related(c, f"{c.where} cites it as “{c.title}”") for c in others],
            **_at(culprit),  # type: ignore[arg-type]
        )


def conflicting_urls(ctx: AuditContext) -> set[str]:
    """Normalised URLs reported as url-title-conflict: their slug mismatch is not reported twice."""
    if "url-title-conflict" not in ctx.selected:
        return set()
    return {urls.normalize(f.url or "") for f in check_url_title_conflict(ctx)}


def check_url_title_mismatch(ctx: AuditContext) -> Iterator[Finding]:
    skip = conflicting_urls(ctx)
    seen: set[tuple[str, Optional[str]]] = set()
    for citation in citations(ctx):
        if urls.normalize(citation.url) in skip or (citation.url, citation.title) in seen:
            continue
        seen.add((citation.url, citation.title))
        if not _unrelated(_slug_match(ctx, citation)):
            continue
        # A title naming the site ("Official statistics of ... (EPDK)") describes the page
        # rather than quoting its headline; its slug need not echo it.
        site_words = {w[:4] for w in urls.host(citation.url).split(".")[:-1] if len(w) >= 3}
        if site_words & _title_stems(ctx, citation):
            continue
        slug = "-".join(slug_words(citation.url))
        yield finding(
            "url-title-mismatch",
            f"The URL of {citation.where} reads “{slug}”, which has nothing to do with its title "
            f"“{citation.title}”: the URL may belong to another article.",
            **_at(citation),  # type: ignore[arg-type]
        )


def _difference(a: str, b: str) -> str:
    """How two URLs of the same normalised form differ, in words."""
    kinds = []
    if a.split(":", 1)[0].lower() != b.split(":", 1)[0].lower():
        kinds.append("http/https")
    if ("//www." in a.lower()) != ("//www." in b.lower()):
        kinds.append("www.")
    if a.lower().endswith(".htm") != b.lower().endswith(".htm"):
        kinds.append(".htm/.html")
    if a.rstrip("/") != a or b.rstrip("/") != b:
        kinds.append("trailing slash")
    if "?" in a or "?" in b or "#" in a or "#" in b:
        kinds.append("tracking parameters or fragment")
    return ", ".join(kinds) or "trivially"


def check_near_duplicate_url(ctx: AuditContext) -> Iterator[Finding]:
    by_page: dict[str, list[Citation]] = defaultdict(list)
    for citation in citations(ctx):
        by_page[urls.normalize(citation.url)].append(citation)
    for items in by_page.values():
        variants = list(dict.fromkeys(c.url for c in items))
        if len(variants) < 2:
            continue
        first = next(c for c in items if c.url == variants[0])
        others = [next(c for c in items if c.url == v) for v in variants[1:]]
        listing = "; ".join(f"{c.url} ({c.where})" for c in [first, *others])
        yield finding(
            "near-duplicate-url",
            f"One page cited under {len(variants)} URLs that differ only by "
            f"{_difference(variants[0], variants[1])}: {listing}. At most one of them is right.",
            related=[_related(c, f"{c.where} cites {c.url}") for c in others],
            **_at(first),  # type: ignore[arg-type]
        )


def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _close(a: str, b: str) -> bool:
    """Hosts one or two edits apart in their name, with the same top-level domain."""
    name_a, _, tld_a = a.rpartition(".")
    name_b, _, tld_b = b.rpartition(".")
    if tld_a != tld_b or min(len(name_a), len(name_b)) < 5:
        return False
    if name_a.endswith("." + name_b) or name_b.endswith("." + name_a):
        return False  # a subdomain of the other
    limit = 1 if min(len(name_a), len(name_b)) < 10 else 2
    return 0 < _distance(name_a, name_b) <= limit


def _known(name: str) -> bool:
    try:
        from ..sites import SITES
    except ImportError:  # pragma: no cover  (sites.py lands with ingest)
        return False
    return name in SITES


def check_suspicious_domain(ctx: AuditContext) -> Iterator[Finding]:
    by_host: dict[str, list[Citation]] = defaultdict(list)
    for citation in citations(ctx):
        name = urls.host(citation.url)
        if name:
            by_host[name].append(citation)
    hosts = sorted(by_host)
    for i, a in enumerate(hosts):
        for b in hosts[i + 1 :]:
            if not _close(a, b):
                continue
            # The typo is the host no known site has, else the one cited less.
            rank = {h: (_known(h), len(by_host[h])) for h in (a, b)}
            typos = [a, b] if rank[a] == rank[b] else [min((a, b), key=lambda h: rank[h])]
            for typo in typos:
                other = b if typo == a else a
                for citation in by_host[typo]:
                    good = by_host[other][0]
                    yield finding(
                        "suspicious-domain",
                        f"{typo} in {citation.where} is one or two letters away from {other} "
                        f"({good.where}): a misspelt domain makes the link dead.",
                        fix=f"Check the domain; it is probably {other}."
                        if len(typos) == 1
                        else "Check which spelling of the domain is right and correct the other.",
                        related=[_related(good, f"{good.where} cites {good.url}")],
                        **_at(citation),  # type: ignore[arg-type]
                    )


def check_malformed_url(ctx: AuditContext) -> Iterator[Finding]:
    seen: set[tuple[str, Optional[int]]] = set()
    for citation in citations(ctx):
        problem = urls.is_valid(citation.url)
        if problem and (citation.url, citation.line) not in seen:
            seen.add((citation.url, citation.line))
            yield finding(
                "malformed-url",
                f"The URL “{citation.url}” in {citation.where} is malformed: {problem}.",
                **_at(citation),  # type: ignore[arg-type]
            )
    for ref in ctx.references_in_scope:
        if ref.archive_url and (problem := urls.is_valid(ref.archive_url)):
            yield finding(
                "malformed-url",
                f"The archive URL “{ref.archive_url}” of {ref.key} is malformed: {problem}.",
                report=ctx.report_of(ref.key),
                file=ref.file,
                line=ref.line,
                reference=ref.key,
                url=ref.archive_url,
            )


CHECKS = {
    "url-title-conflict": check_url_title_conflict,
    "near-duplicate-url": check_near_duplicate_url,
    "suspicious-domain": check_suspicious_domain,
    "url-title-mismatch": check_url_title_mismatch,
    "malformed-url": check_malformed_url,
}
