"""Terminal output of the lookups: search hits, a claim, a reference, a footnote.

Takes the dicts of :mod:`claimtrack.index.query` (the JSON contract) and
prints them through :class:`~claimtrack.render.term.Term` (colour only on a
terminal).  User text is only ever text, never markup.
"""

from __future__ import annotations

from typing import Any, Optional

from .term import Part, Term

MARK = "bold yellow"
DIM = "dim"
KEY = "cyan"

Line = tuple[list[Part], dict[str, Any]]  # parts and Term.line's keywords


def _where(hit: dict[str, Any]) -> str:
    bits = [hit["report"] if isinstance(hit["report"], str) else hit["report"]["id"]]
    if hit.get("section"):
        bits.append(hit["section"])
    line = hit.get("line") or (hit.get("location") or {}).get("line")
    if line:
        bits.append(f"line {line}")
    return " · ".join(bits)


def _highlighted(text: str, highlights: list[list[int]]) -> list[Part]:
    parts: list[Part] = []
    pos = 0
    for start, end in sorted(highlights):
        if start < pos:
            continue
        parts += [text[pos:start], (text[start:end], MARK)]
        pos = end
    return [*parts, text[pos:]]


def search_hits(term: Term, result: dict[str, Any]) -> None:
    total, hits = result["total"], result["hits"]
    if result["query"]:
        how = {
            "any": " (no claim has every word: showing claims with any)",
            "context": " (with the sentences around them)",
        }.get(result["matched"] or "", "")
        head = f"{total} claim{'s' * (total != 1)} match {result['query']!r}{how}"
    else:
        head = f"{total} claim{'s' * (total != 1)}"
    if hits and len(hits) < total:
        head += f"; the first {len(hits)} shown (--limit)"
    term.line((head, "bold"))
    for n, hit in enumerate(hits, 1):
        sources = ", ".join(hit["references"])
        fns = ",".join(hit["footnotes"])
        meta: list[Part] = [(f"{n:>2}. ", DIM), (hit["id"], KEY), "  "]
        if sources:
            meta += [("→ ", DIM), (sources, "green"), (f" (fn {fns})" if fns else "", DIM)]
        else:
            meta.append(("→ no source" + (f" (fn {fns})" if fns else ""), "red"))
        term.line(*meta)
        term.line(*_highlighted(hit["text"], hit["highlights"]), indent=4)
        if hit.get("source_match"):
            term.line((f"(matched in its sources: {hit['source_match']})", DIM), indent=4)
        term.line((_where(hit), DIM), indent=4, cut=True)


def _reference_lines(term: Term, ref: dict[str, Any], indent: int) -> None:
    if ref.get("missing"):
        term.line((ref["key"], KEY), ("  not defined in references/", "red"), indent=indent)
        return
    title = ref.get("title") or "(no title)"
    term.line((ref["key"], KEY), f"  {title}", (f"  [{ref['type']}]", DIM), indent=indent)
    more = indent + 4
    if ref.get("title_translation"):
        term.line((f"[{ref['title_translation']}]", DIM), indent=more)
    who = "; ".join(ref.get("authors") or []) or ref.get("organization") or ""
    detail = " · ".join(b for b in (who, ref.get("container"), ref.get("publisher"), ref.get("date")) if b)
    if detail:
        term.line(detail, indent=more)
    if ref.get("url"):
        term.line((ref["url"], "blue"), indent=more, fold=True)
    link = ref.get("link")
    if link:
        status = f" (HTTP {link['http_status']})" if link.get("http_status") else ""
        when = f", checked {link['checked_at']}" if link.get("checked_at") else ""
        style = "green" if link["verdict"].lower() in ("ok", "alive", "live") else "red"
        term.line(("link: ", DIM), (link["verdict"] + status, style), (when, DIM), indent=more)
    check = ref.get("registry_check")
    if check:
        style = (
            "green" if check["verdict"] == "verified" else "dim" if check["verdict"] == "unchecked" else "red"
        )
        term.line(
            ("registries: ", DIM), (check["verdict"], style), (f" — {check['reason']}", DIM), indent=more
        )
    archive = ref.get("archive_url") or (link or {}).get("archive_url")
    if archive:
        term.line(("archive: ", DIM), (archive, "blue"), indent=more)
    _support_lines(term, ref.get("support"), more)


_SUPPORT_STYLE = {"supported": "green", "partly": "yellow", "altered": "bold red", "not-found": "red"}


def _support_lines(term: Term, support: Optional[dict[str, Any]], indent: int) -> None:
    """The last verify's verdict on this source for the claim, and its evidence passage."""
    if not support:
        return
    verdict = support.get("verdict", "")
    term.line(
        ("source says: ", DIM),
        (verdict, _SUPPORT_STYLE.get(verdict, DIM)),
        (f"  {support.get('reason', '')}", DIM),
        indent=indent,
    )
    passage = support.get("passage")
    if passage:
        text = "“" + " ".join(passage.split()) + "”"
        terms = support.get("matched_terms") or []
        spans: list[list[int]] = []
        if terms:
            import re

            words = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
            spans = [[m.start(), m.end()] for m in re.finditer(rf"(?<!\w)(?:{words})(?!\w)", text)]
        term.line(("evidence: ", DIM), *_highlighted(text, spans), indent=indent)
    drift = support.get("drift") or {}
    if drift.get("changed"):
        kept = {True: "the evidence is still there", False: "the evidence passage is gone"}.get(
            drift.get("passage_kept"), ""
        )
        share = f"{drift.get('changed_share', 0):.0%}"
        term.line(
            ("changed: ", DIM),
            (f"{share} of the text since {drift.get('first_capture')}; {kept}", "yellow"),
            indent=indent,
        )


def _footnote_line(term: Term, fn: dict[str, Any], indent: int, report: str = "") -> None:
    where = f"{report} " if report else ""
    if fn.get("missing"):
        term.line(
            (f"{where}[{fn['label']}] ", KEY), ("not among the report's footnotes", "red"), indent=indent
        )
        return
    kind = "" if fn["kind"] == "source" else f" ({fn['kind']})"
    term.line((f"{where}[{fn['label']}]", KEY), (kind, DIM), " ", fn["text"], indent=indent)


def _whole_words(text: str, at_start: bool) -> str:
    """Drop the word that the fixed-width prefix/suffix window may have cut in two."""
    text = text.strip()
    if len(text) < 20 or " " not in text:  # short: the paragraph's edge, not a cut
        return text
    return text.split(" ", 1)[1] if at_start else text.rsplit(" ", 1)[0]


def _heading(term: Term, present: bool, yes: str, no: str) -> None:
    term.line((yes, "bold") if present else (no, "red"))


def claim(term: Term, shown: list[dict[str, Any]]) -> None:
    for data in shown:
        report = data["report"]
        term.line(("claim ", "bold"), (data["id"], f"bold {KEY}"), ("  " + _where(data), DIM))
        term.line(("report: ", DIM), f"{report['title']} ({report['id']})")
        loc = data["location"]
        context: list[Part] = []
        if loc.get("prefix"):
            context.append(("…" + _whole_words(loc["prefix"], at_start=True) + " ", DIM))
        context.append((data["text"], "bold"))
        if loc.get("suffix"):
            context.append((" " + _whole_words(loc["suffix"], at_start=False) + "…", DIM))
        term.blank()
        term.line(*context, indent=2)
        term.blank()
        if data.get("cited_as"):
            term.line(("cited as: ", DIM), "; ".join(data["cited_as"]))
        _heading(term, bool(data["footnotes"]), "Footnotes", "No footnote")
        for fn in data["footnotes"]:
            _footnote_line(term, fn, 2)
        _heading(term, bool(data["references"]), "Sources", "No source")
        for ref in data["references"]:
            _reference_lines(term, ref, 2)
        review = data["review"]
        bits = [review["status"]] + [f"{k}: {review[k]}" for k in ("by", "at", "note") if review.get(k)]
        term.line(("Review: ", "bold"), " · ".join(bits))
        if data.get("detached"):
            term.line(("detached: no longer found in the report's text", "red"))


def reference(term: Term, data: dict[str, Any]) -> None:
    _reference_lines(term, data, 0)
    term.line((f"defined at {data['file']}:{data['line']}", DIM))
    n_claims, n_fns = len(data["claims"]), len(data["footnotes"])
    reports = ", ".join(r["id"] for r in data["reports"]) or "none"
    term.blank()
    term.line(
        (f"{n_claims} claim(s), {n_fns} footnote(s) in {len(data['reports'])} report(s) ({reports})", "bold")
    )
    for entry in data.get("bibliography", []):
        how = "cited in its text" if entry["cited"] else "never cited in its text"
        term.line((f"{entry['report']} ", KEY), f"bibliography, line {entry['line']}: {how}", indent=2)
    for fn in data["footnotes"]:
        _footnote_line(term, fn, 2, fn["report"])
    for c in data["claims"]:
        via = f" fn {','.join(c['via'])}" if c["via"] else ""
        term.line((c["id"], KEY), (f"  {c['report']}{via}", DIM), indent=2)
        term.line(c["text"], indent=4)


def footnote(term: Term, data: dict[str, Any]) -> None:
    report = data["report"]
    term.line(
        ("footnote ", "bold"), (data["label"], f"bold {KEY}"), f" of {report['title']} ({report['id']})"
    )
    term.line((f"line {data['line']}" + (f" · {data['kind']}" if data["kind"] != "source" else ""), DIM))
    term.blank()
    term.line(data["text"], indent=2)
    term.blank()
    if data.get("locator"):
        term.line(("locator: ", DIM), data["locator"])
    _heading(term, bool(data["references"]), "Cites", "Cites no source")
    for ref in data["references"]:
        _reference_lines(term, ref, 2)
    _heading(term, bool(data["claims"]), "Carried by", "Carried by no claim")
    for c in data["claims"]:
        term.line((c["id"], KEY), (f"  line {c['line']}", DIM), indent=2)
        term.line(c["text"], indent=4)
