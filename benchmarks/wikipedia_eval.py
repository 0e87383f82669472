"""Wikipedia pages saved as HTML: note markers linked to the right note, notes parsed into references.

    python benchmarks/wikipedia_eval.py DIR          # every .html under DIR (a saved Wikipedia article)
    SHOW=1 python benchmarks/wikipedia_eval.py DIR   # also each wrong field

The oracle is the page's own markup, not our code: each ``<sup class="reference">`` of a
paragraph links to ``#cite_note-ID``, the ``<li id="cite_note-ID">`` of a references list; the
fields of a note are those of the COinS metadata (``<span class="Z3988" title="ctx_ver=...">``,
an OpenURL ContextObject) MediaWiki's citation templates write beside each rendered citation:
``rft.atitle``/``rft.btitle`` (title), ``rft.au``/``rft.aulast`` (first author), ``rft.date``
(year), ``rft_id`` (URL).

Per page: note markers in paragraphs, how many of them the claims carry as a footnote whose
text is that note's (counted per note, at most as often as the page cites it), notes, notes
ingest read, note texts that became claims (must be 0), then title / first author / year / URL
of the first reference of each note with COinS against the COinS.
"""

from __future__ import annotations

import html
import os
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parent))

from citations_eval import _ingest_rendered, norm  # noqa: E402

from claimtrack.errors import InputError  # noqa: E402


def _first(query: dict[str, list[str]], *names: str) -> str | None:
    """The first of these COinS keys the citation has (its value once more HTML-unescaped:
    the templates escape "&#91;" inside the already escaped attribute)."""
    return next((html.unescape(query[n][0]) for n in names if n in query), None)


def _notes(root) -> dict[str, dict]:
    """cite_note id → its text and COinS fields."""
    notes = {}
    for li in root.xpath('//ol[contains(@class, "references")]/li[starts-with(@id, "cite_note")]'):
        body = li.xpath('.//span[contains(@class, "reference-text")]')
        text = " ".join((body[0] if body else li).text_content().split())
        coins = {}
        span = li.xpath('.//span[contains(@class, "Z3988")]/@title')
        if span:
            q = parse_qs(span[0])
            author = _first(q, "rft.aulast", "rft.au")
            url = _first(q, "rft_id")
            coins = {
                "title": _first(q, "rft.atitle", "rft.btitle", "rft.title"),
                "author": (author.split(",")[0] if "," in author else author.split()[-1]) if author else None,
                "year": (_first(q, "rft.date") or "")[:4] or None,
                "url": url if url and url.startswith("http") else None,
            }
        refs = body[0].xpath('./a[starts-with(@href, "#CITEREF")]') if body else []
        page = re.search(r",\s*(pp?\.\s*[\w–-]+)", text)
        harv = refs[0].get("href")[1:] if len(refs) == 1 and not coins else None
        notes[li.get("id")] = {"text": text, "coins": coins, "citeref": harv, "loc": page and page.group(1)}
    return notes


def _citerefs(root) -> dict[str, str]:
    """CITEREF id → the title its bibliography entry's COinS gives (or its quoted / italic title)."""
    titles = {}
    for cite in root.xpath("//cite[starts-with(@id, 'CITEREF')]"):
        span = cite.xpath("following-sibling::span[contains(@class, 'Z3988')][1]/@title")
        title = _first(parse_qs(span[0]), "rft.atitle", "rft.btitle", "rft.title") if span else None
        if not title:
            named = cite.xpath(".//i") or cite.xpath(".//a")
            title = named[0].text_content().strip('"“” ') if named else None
        titles[cite.get("id")] = title or ""
    return titles


def _markers(root) -> Counter:
    """How often each note is cited from a paragraph of the article."""
    counts: Counter = Counter()
    for a in root.xpath('//p//sup[contains(@class, "reference")]/a[starts-with(@href, "#cite_note")]'):
        counts[a.get("href")[1:]] += 1
    return counts


def _same_note(ours: str, theirs: str) -> bool:
    a, b = norm(ours), norm(theirs)
    return bool(a) and (a[:60] == b[:60] or a in b or b in a)


def score_page(path: Path, grand: Counter, fields: Counter, fields_total: Counter) -> None:
    root = lxml.html.fromstring(path.read_bytes())
    notes, markers = _notes(root), _markers(root)
    try:
        tmp, project, claim_file = _ingest_rendered(path)
    except InputError as exc:
        print(f"   {path.name}: {exc}")
        return
    show = bool(os.environ.get("SHOW"))
    with tmp:
        by_label = {f.label: f for f in claim_file.footnotes}
        carried: Counter = Counter()
        for claim in claim_file.claims:
            for label in claim.footnotes:
                if label in by_label:
                    carried[by_label[label].text] += 1
        citerefs = _citerefs(root)
        harv: Counter = Counter()  # (title, page) of each citation of a short note turned citation
        for claim in claim_file.claims:
            for c in claim.citations:
                ref = project.references.get(c.key)
                if ref is not None and c.style.value == "citekey":
                    harv[(norm(ref.title), _page(c.locator))] += 1
        linked = 0
        for note_id, wanted in markers.items():
            note = notes.get(note_id, {})
            text = note.get("text", "")
            got = sum(n for t, n in carried.items() if _same_note(_plain(t), text))
            if note.get(
                "citeref"
            ):  # "King 2003, p. 41.": a citation of the bibliography's entry, at that page
                got += harv[(norm(citerefs.get(note["citeref"])), _page(note.get("loc")))]
            linked += min(wanted, got)
        read = sum(
            1
            for n in notes.values()
            if any(_same_note(_plain(f.text), n["text"]) for f in claim_file.footnotes)
            or (n["citeref"] and harv[(norm(citerefs.get(n["citeref"])), _page(n["loc"]))])
        )
        as_claims = sum(
            1
            for c in claim_file.claims
            if len(norm(c.text)) > 30 and any(norm(c.text) in norm(n["text"]) for n in notes.values())
        )
        for note in notes.values():
            coins = note["coins"]
            if not coins:
                continue
            footnote = next(
                (f for f in claim_file.footnotes if _same_note(_plain(f.text), note["text"])), None
            )
            ref = project.references.get(footnote.references[0]) if footnote and footnote.references else None
            ours = {
                "title": ref.title if ref else None,
                "author": (
                    ref.authors[0].split(",")[0]
                    if ref and ref.authors
                    else (ref.organization if ref else None)
                ),
                "year": ((ref.date or "")[:4] or None) if ref else None,
                "url": ref.url if ref else None,
            }
            for name, want in coins.items():
                if not want:
                    continue
                fields_total[name] += 1
                same = (
                    (ours[name] or "").rstrip("/") == want.rstrip("/")
                    if name == "url"
                    else norm(ours[name]) == norm(want)
                )
                fields[name] += same
                if show and not same:
                    print(f"   {path.name} {name}: want {want!r} got {ours[name]!r} | {note['text'][:100]}")
    total = sum(markers.values())
    grand.update(markers=total, linked=linked, notes=len(notes), read=read, as_claims=as_claims)
    share = 100 * linked / total if total else 100.0
    print(f"| {path.name} | {total} | {linked} | {share:.1f}% | {len(notes)} | {read} | {as_claims} |")


def _page(locator: str | None) -> str:
    return re.sub(r"^(?:pp?\.)\s*|\s+", "", locator or "").replace("–", "-")


def _plain(markdown: str) -> str:
    """A footnote's text as the page shows it: link targets and emphasis marks dropped."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"[*_\\]", "", text)


def main() -> None:
    folder = Path(sys.argv[1])
    grand: Counter = Counter()
    fields: Counter = Counter()
    fields_total: Counter = Counter()
    print("| page | note markers | linked right | % | notes | notes read | notes as claims |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path in sorted(folder.rglob("*.htm*")):
        score_page(path, grand, fields, fields_total)
    share = 100 * grand["linked"] / grand["markers"] if grand["markers"] else 0
    print(
        f"| **all** | {grand['markers']} | {grand['linked']} | {share:.1f}% | {grand['notes']} | "
        f"{grand['read']} | {grand['as_claims']} |"
    )
    print()
    print("| field (COinS) | notes with it | exact | % |")
    print("| --- | ---: | ---: | ---: |")
    for name in ("title", "author", "year", "url"):
        n = fields_total[name]
        print(f"| {name} | {n} | {fields[name]} | {100 * fields[name] / n if n else 0:.1f}% |")


if __name__ == "__main__":
    main()
