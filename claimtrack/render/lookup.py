"""Terminal output of the lookups: search hits, a claim, a reference, a footnote.

Takes the dicts of :mod:`claimtrack.index.query` (the JSON contract) and
prints them with rich.  User text always goes in as ``Text``, never as markup,
so a ``[`` in a claim cannot be taken for a style.
"""

from __future__ import annotations

from typing import Any, Optional

from rich.console import Console, Group
from rich.padding import Padding
from rich.text import Text

MARK = "bold yellow"
DIM = "dim"
KEY = "cyan"


def _line(*parts: tuple[str, str] | str) -> Text:
    text = Text()
    for part in parts:
        if isinstance(part, tuple):
            text.append(*part)
        else:
            text.append(part)
    return text


def _indent(renderable: Any, left: int = 4) -> Padding:
    return Padding(renderable, (0, 0, 0, left), expand=False)


def _where(hit: dict[str, Any]) -> str:
    bits = [hit["report"] if isinstance(hit["report"], str) else hit["report"]["id"]]
    if hit.get("section"):
        bits.append(hit["section"])
    line = hit.get("line") or (hit.get("location") or {}).get("line")
    if line:
        bits.append(f"line {line}")
    return " · ".join(bits)


def search_hits(console: Console, result: dict[str, Any]) -> None:
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
    console.print(Text(head, style="bold"))
    for n, hit in enumerate(hits, 1):
        text = Text(hit["text"])
        for start, end in hit["highlights"]:
            text.stylize(MARK, start, end)
        sources = ", ".join(hit["references"])
        fns = ",".join(hit["footnotes"])
        meta = _line((f"{n:>2}. ", DIM), (hit["id"], KEY), "  ")
        if sources:
            meta.append_text(_line(("→ ", DIM), (sources, "green"), (f" (fn {fns})" if fns else "", DIM)))
        else:
            meta.append("→ no source" + (f" (fn {fns})" if fns else ""), style="red")
        where = Text(_where(hit), style=DIM, no_wrap=True, overflow="ellipsis")
        parts: list[Any] = [meta, _indent(text), _indent(where)]
        if hit.get("source_match"):
            parts.insert(2, _indent(Text(f"(matched in its sources: {hit['source_match']})", style=DIM)))
        console.print(Group(*parts))


def _reference_lines(ref: dict[str, Any]) -> list[Any]:
    if ref.get("missing"):
        return [_line((ref["key"], KEY), ("  not defined in references/", "red"))]
    title = ref.get("title") or "(no title)"
    lines: list[Any] = [_line((ref["key"], KEY), f"  {title}", (f"  [{ref['type']}]", DIM))]
    if ref.get("title_translation"):
        lines.append(_indent(Text(f"[{ref['title_translation']}]", style=DIM)))
    who = "; ".join(ref.get("authors") or []) or ref.get("organization") or ""
    detail = " · ".join(b for b in (who, ref.get("container"), ref.get("publisher"), ref.get("date")) if b)
    if detail:
        lines.append(_indent(Text(detail)))
    if ref.get("url"):
        lines.append(_indent(Text(ref["url"], style="blue", overflow="fold")))
    link = ref.get("link")
    if link:
        status = f" (HTTP {link['http_status']})" if link.get("http_status") else ""
        when = f", checked {link['checked_at']}" if link.get("checked_at") else ""
        style = "green" if link["verdict"].lower() in ("ok", "alive", "live") else "red"
        lines.append(_indent(_line(("link: ", DIM), (link["verdict"] + status, style), (when, DIM))))
    check = ref.get("registry_check")
    if check:
        style = (
            "green" if check["verdict"] == "verified" else "dim" if check["verdict"] == "unchecked" else "red"
        )
        lines.append(
            _indent(_line(("registries: ", DIM), (check["verdict"], style), (f" — {check['reason']}", DIM)))
        )
    archive = ref.get("archive_url") or (link or {}).get("archive_url")
    if archive:
        lines.append(_indent(_line(("archive: ", DIM), (archive, "blue"))))
    lines.extend(_support_lines(ref.get("support")))
    return lines


_SUPPORT_STYLE = {"supported": "green", "partly": "yellow", "altered": "bold red", "not-found": "red"}


def _support_lines(support: Optional[dict[str, Any]]) -> list[Any]:
    """The last verify's verdict on this source for the claim, and its evidence passage."""
    if not support:
        return []
    verdict = support.get("verdict", "")
    lines: list[Any] = [
        _indent(
            _line(
                ("source says: ", DIM),
                (verdict, _SUPPORT_STYLE.get(verdict, DIM)),
                (f"  {support.get('reason', '')}", DIM),
            )
        )
    ]
    passage = support.get("passage")
    if passage:
        text = Text("“" + " ".join(passage.split()) + "”")
        terms = support.get("matched_terms") or []
        if terms:
            import re

            words = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
            text.highlight_regex(rf"(?<!\w)(?:{words})(?!\w)", style=MARK)
        lines.append(_indent(_line(("evidence: ", DIM)) + text))
    drift = support.get("drift") or {}
    if drift.get("changed"):
        kept = {True: "the evidence is still there", False: "the evidence passage is gone"}.get(
            drift.get("passage_kept"), ""
        )
        share = f"{drift.get('changed_share', 0):.0%}"
        lines.append(
            _indent(
                _line(
                    ("changed: ", DIM),
                    (f"{share} of the text since {drift.get('first_capture')}; {kept}", "yellow"),
                )
            )
        )
    return lines


def _footnote_lines(fn: dict[str, Any], report: str = "") -> list[Any]:
    where = f"{report} " if report else ""
    if fn.get("missing"):
        return [_line((f"{where}[{fn['label']}] ", KEY), ("not among the report's footnotes", "red"))]
    kind = "" if fn["kind"] == "source" else f" ({fn['kind']})"
    return [_line((f"{where}[{fn['label']}]", KEY), (kind, DIM), " ", fn["text"])]


def _whole_words(text: str, at_start: bool) -> str:
    """Drop the word that the fixed-width prefix/suffix window may have cut in two."""
    text = text.strip()
    if len(text) < 20 or " " not in text:  # short: the paragraph's edge, not a cut
        return text
    return text.split(" ", 1)[1] if at_start else text.rsplit(" ", 1)[0]


def claim(console: Console, shown: list[dict[str, Any]]) -> None:
    for data in shown:
        report = data["report"]
        console.print(_line(("claim ", "bold"), (data["id"], f"bold {KEY}"), ("  " + _where(data), DIM)))
        console.print(_line(("report: ", DIM), f"{report['title']} ({report['id']})"))
        loc = data["location"]
        context = Text()
        if loc.get("prefix"):
            context.append("…" + _whole_words(loc["prefix"], at_start=True) + " ", style=DIM)
        context.append(data["text"], style="bold")
        if loc.get("suffix"):
            context.append(" " + _whole_words(loc["suffix"], at_start=False) + "…", style=DIM)
        console.print(Padding(context, (1, 0, 1, 2), expand=False))
        if data.get("cited_as"):
            console.print(_line(("cited as: ", DIM), "; ".join(data["cited_as"])))
        console.print(
            Text("Footnotes", style="bold") if data["footnotes"] else Text("No footnote", style="red")
        )
        for fn in data["footnotes"]:
            console.print(_indent(Group(*_footnote_lines(fn)), 2))
        console.print(Text("Sources", style="bold") if data["references"] else Text("No source", style="red"))
        for ref in data["references"]:
            console.print(_indent(Group(*_reference_lines(ref)), 2))
        review = data["review"]
        bits = [review["status"]] + [f"{k}: {review[k]}" for k in ("by", "at", "note") if review.get(k)]
        console.print(_line(("Review: ", "bold"), " · ".join(bits)))
        if data.get("detached"):
            console.print(Text("detached: no longer found in the report's text", style="red"))


def reference(console: Console, data: dict[str, Any]) -> None:
    for line in _reference_lines(data):
        console.print(line)
    console.print(Text(f"defined at {data['file']}:{data['line']}", style=DIM))
    n_claims, n_fns = len(data["claims"]), len(data["footnotes"])
    reports = ", ".join(r["id"] for r in data["reports"]) or "none"
    console.print(
        Text(
            f"\n{n_claims} claim(s), {n_fns} footnote(s) in {len(data['reports'])} report(s) ({reports})",
            "bold",
        )
    )
    for entry in data.get("bibliography", []):
        how = "cited in its text" if entry["cited"] else "never cited in its text"
        console.print(
            _indent(_line((f"{entry['report']} ", KEY), f"bibliography, line {entry['line']}: {how}"), 2)
        )
    for fn in data["footnotes"]:
        console.print(_indent(Group(*_footnote_lines(fn, fn["report"])), 2))
    for c in data["claims"]:
        via = f" fn {','.join(c['via'])}" if c["via"] else ""
        console.print(_indent(_line((c["id"], KEY), (f"  {c['report']}{via}", DIM)), 2))
        console.print(_indent(Text(c["text"]), 4))


def footnote(console: Console, data: dict[str, Any]) -> None:
    report = data["report"]
    console.print(
        _line(
            ("footnote ", "bold"), (data["label"], f"bold {KEY}"), f" of {report['title']} ({report['id']})"
        )
    )
    console.print(
        _line((f"line {data['line']}" + (f" · {data['kind']}" if data["kind"] != "source" else ""), DIM))
    )
    console.print(Padding(Text(data["text"]), (1, 0, 1, 2), expand=False))
    if data.get("locator"):
        console.print(_line(("locator: ", DIM), data["locator"]))
    console.print(Text("Cites", style="bold") if data["references"] else Text("Cites no source", style="red"))
    for ref in data["references"]:
        console.print(_indent(Group(*_reference_lines(ref)), 2))
    console.print(
        Text("Carried by", style="bold") if data["claims"] else Text("Carried by no claim", style="red")
    )
    for c in data["claims"]:
        console.print(_indent(_line((c["id"], KEY), (f"  line {c['line']}", DIM)), 2))
        console.print(_indent(Text(c["text"]), 4))
