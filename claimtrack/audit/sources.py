"""Every citation of a URL as the report writes it: which footnote, which URL, under which title.

The URL rules compare citations, not only references: when ingest merges two
footnotes that cite one URL into one reference, the titles the footnotes gave
it, and the exact URLs they wrote, live only in the footnote text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from markdown_it import MarkdownIt

from .. import urls
from .context import AuditContext


@dataclass(frozen=True)
class Citation:
    report: Optional[str]
    file: Optional[str]  # the report file, or the .bib file of a reference no footnote gives
    line: Optional[int]  # of the footnote definition, bibliography entry or .bib entry
    footnote: Optional[str]  # label; None for an author-year bibliography entry
    url: str  # as written (the Markdown link target)
    title: Optional[str]  # as the citation gives it; else the reference's title
    key: Optional[str]  # the reference it resolves to

    @property
    def where(self) -> str:
        if self.footnote:
            return f"footnote {self.footnote}"
        if self.file and self.file.endswith(".bib"):
            return f"reference {self.key}"
        return f"the bibliography (line {self.line})"


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]  # keep the target as written
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def links_and_titles(markdown: str) -> list[tuple[str, Optional[str]]]:
    """(link target, title) of each link in a footnote, in order.

    The title is the last emphasised span (``*Title*``) or quoted text between
    the previous link and this one: how footnotes and bibliographies set titles.
    Bare URLs in plain text count as links.
    """
    found: list[tuple[str, Optional[str]]] = []
    for paragraph in re.split(r"\n\s*\n", markdown):
        tokens = _md().parseInline(paragraph)
        segment: list[str] = []
        emphasised: list[str] = []
        em_text: Optional[list[str]] = None
        in_link = False
        for token in tokens[0].children or []:
            if token.type == "link_open":
                in_link = True
                href = str(token.attrs.get("href", ""))
                found.append((href, _title(emphasised, "".join(segment))))
                segment, emphasised = [], []
            elif token.type == "link_close":
                in_link = False
            elif token.type in ("em_open", "strong_open"):
                em_text = []
            elif token.type in ("em_close", "strong_close") and em_text is not None:
                emphasised.append("".join(em_text))
                em_text = None
            elif token.type in ("text", "code_inline") and not in_link:
                if em_text is not None:
                    em_text.append(token.content)
                for url in urls.find_bare_urls(token.content):
                    found.append((url, _title(emphasised, "".join(segment))))
                    segment, emphasised = [], []
                segment.append(token.content)
            elif token.type == "softbreak":
                segment.append(" ")
    return found


_QUOTED = re.compile(r"[“\"]([^”\"]{8,})[”\"]")
_BEFORE_URL = re.compile(r"(?:^|[;.]\s)([^;]{8,}?)\s*URL:\s*$")


def _title(emphasised: list[str], text: str) -> Optional[str]:
    candidates = [e.strip(" .") for e in emphasised if len(e.strip()) > 3]
    if candidates:
        return candidates[-1]
    quoted = _QUOTED.findall(text)
    if quoted:
        return quoted[-1].strip(" .,")
    # "Statement by the OSCE Minsk Group Co-Chair countries. URL: <...>"
    before = _BEFORE_URL.search(text)
    return before.group(1).strip(" .;") if before else None


def citations(ctx: AuditContext) -> list[Citation]:
    """Every cited URL of the reports in scope, footnotes and bibliographies (computed once)."""
    if "citations" not in ctx.cache:
        ctx.cache["citations"] = _citations(ctx)
    return ctx.cache["citations"]  # type: ignore[no-any-return]


def _citations(ctx: AuditContext) -> list[Citation]:
    found: list[Citation] = []
    for report in ctx.reports:
        claim_file = ctx.claim_file(report)
        file = ctx.report_file(report)
        items = [(f.label, f.line, f.text, f.references) for f in claim_file.footnotes]
        items += [(None, b.line, b.text, [b.key]) for b in claim_file.bibliography]
        for label, line, text, keys in items:
            for url, title in links_and_titles(text):
                key = _resolve(ctx, url, keys)
                ref = ctx.reference(key) if key else None
                found.append(Citation(report, file, line, label, url, title or (ref and ref.title), key))
    # References whose URL no footnote writes (added or corrected by hand in the .bib).
    seen = {(c.key, c.url) for c in found}
    for ref in ctx.references_in_scope:
        if ref.url and (ref.key, ref.url) not in seen:
            found.append(
                Citation(ctx.report_of(ref.key), ref.file, ref.line, None, ref.url, ref.title, ref.key)
            )
    return found


def _resolve(ctx: AuditContext, url: str, keys: list[str]) -> Optional[str]:
    """The key among ``keys`` whose reference has this URL (exactly, else once normalised)."""
    refs = [r for r in (ctx.reference(k) for k in keys) if r and r.url]
    for ref in refs:
        if ref.url == url:
            return ref.key
    wanted = urls.normalize(url)
    for ref in refs:
        if ref.url and urls.normalize(ref.url) == wanted:
            return ref.key
    return None
