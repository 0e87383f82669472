"""How many in-text citations ingest links to the right reference, against an oracle we did not write.

    python benchmarks/citations_eval.py citekey DIR    # DIR/<doc>/*.{md,qmd,Rmd} + *.bib
    python benchmarks/citations_eval.py numbered DIR   # DIR/*.md with a numbered reference list
    python benchmarks/citations_eval.py author-date DIR

citekey: the oracle is pandoc's own reader: every ``Cite`` element of
``pandoc -t json`` with the citation ids in order.  A citation is linked
right when ingest gives the claim a citation of that key whose reference
has the title the ``.bib`` entry has.

numbered / author-date: the oracle is the document's own list: pandoc's
``Link`` to ``#cite_note-N`` / the number in brackets, or the list entry
whose first author and year the citation names (checked by hand on the
sample printed with SHOW=1).  Also reported: list entries that became claims
(must be 0).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from claimtrack import refimport
from claimtrack.errors import InputError
from claimtrack.ingest import ingest_all
from claimtrack.project import Project

DOC_SUFFIXES = {".md", ".qmd", ".rmd", ".markdown"}


def bib_refs(path: Path) -> list:
    """The entries of a .bib (the project's importer); none if it refuses the file."""
    try:
        return refimport.read_library(Path(path)).references
    except InputError as exc:
        print(f"   {path}: {exc}")
        return []


def pandoc_cites(path: Path) -> list[str]:
    out = subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "json", str(path)], capture_output=True, text=True, check=True
    )
    keys: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Cite":
                keys.extend(c["citationId"] for c in node["c"][0])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(out.stdout))
    return keys


def _project(tmp: Path) -> Project:
    for name in ("claims", "references", "reports"):
        (tmp / name).mkdir()
    return Project.open(tmp)


def citekey(folder: Path) -> Counter:
    print("| document | pandoc Cite keys | in the .bib | linked right | % | missing keys reported |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    grand = Counter()
    for doc_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        bibs = sorted(doc_dir.glob("*.bib"))
        titles = {}
        for bib in bibs:
            for ref in bib_refs(bib):
                titles.setdefault(ref.key, ref.title)
        for doc in sorted(p for p in doc_dir.iterdir() if p.suffix.lower() in DOC_SUFFIXES):
            oracle = pandoc_cites(doc)
            with tempfile.TemporaryDirectory() as tmp:
                project = _project(Path(tmp))
                copy = Path(tmp) / "reports" / doc.name
                shutil.copy(doc, copy)
                text = copy.read_text("utf-8")
                if re.search(r"^bibliography:", text, re.M):  # the bibliography is given below instead
                    copy.write_text(re.sub(r"^bibliography:.*$", "", text, count=1, flags=re.M), "utf-8")
                try:
                    ingest_all(project, [copy], bibliographies=bibs)
                except InputError as exc:  # the importer refuses the .bib: nothing linked
                    print(f"   {doc_dir.name}/{doc.name}: {exc}")
                project.load()
                ours = Counter()
                missing = set()
                for claim in project.claims():
                    for c in claim.citations:
                        if c.style.value != "citekey":
                            continue
                        ref = project.references.get(c.key)
                        if c.found and ref is not None and ref.title == titles.get(c.label):
                            ours[c.label] += 1
                        elif not c.found:
                            missing.add(c.label)
            wanted = Counter(oracle)
            in_bib = sum(n for k, n in wanted.items() if k in titles)
            linked = sum(min(n, ours[k]) for k, n in wanted.items() if k in titles)
            absent = {k for k in wanted if k not in titles}
            grand.update(total=len(oracle), in_bib=in_bib, linked=linked)
            share = 100 * linked / in_bib if in_bib else 100.0
            print(
                f"| {doc_dir.name}/{doc.name} | {len(oracle)} | {in_bib} | {linked} | {share:.1f}% | {len(missing & absent)}/{len(absent)} |"
            )
            if os.environ.get("SHOW"):
                print("   not linked:", sorted((wanted - ours).elements())[:20])
    share = 100 * grand["linked"] / grand["in_bib"] if grand["in_bib"] else 0
    print(f"| **all** | {grand['total']} | {grand['in_bib']} | {grand['linked']} | {share:.1f}% | |")
    return grand


def norm(text: object) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", str(text or "").casefold()).split())


def _ingest_rendered(doc: Path):
    tmp = tempfile.TemporaryDirectory()
    project = _project(Path(tmp.name))
    copy = Path(tmp.name) / "reports" / doc.name
    shutil.copy(doc, copy)
    ingest_all(project, [copy])
    project.load()
    return tmp, project, project.claim_files[copy.stem]


FIELDS = ["author", "title", "date", "container", "url"]


def _family(name: str) -> str:
    """ "van Turnhout" and BibTeX's "Turnhout, M. van" compare equal: the particle is a convention."""
    family, _, given = name.partition(",")
    particles = re.findall(r"\b(?:van|von|de|der|den|da|di|du|la|le|del)\b", given)
    return " ".join(
        w
        for w in (particles + family.split())
        if w.lower() not in {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del"}
    )


def _field_scores(ours, bib, entry_text: str, score: Counter, total: Counter) -> None:
    text = norm(entry_text)
    families = [_family(a) for a in bib.authors if a != "others"]
    if families or bib.organization:
        total["author"] += 1
        mine = [_family(a) for a in ours.authors if a != "others"] or (
            [ours.organization] if ours.organization else []
        )
        want = families or [bib.organization]
        n = min(len(mine), len(want))
        truncated = "others" in ours.authors  # "et al.": the names the style printed are all there is
        if (
            n
            and [norm(x) for x in mine[:n]] == [norm(x) for x in want[:n]]
            and (truncated or len(mine) >= min(len(want), 3))
        ):
            score["author"] += 1
    if bib.title:
        total["title"] += 1
        if norm(ours.title) == norm(bib.title):
            score["title"] += 1
    if bib.date:
        total["date"] += 1
        if (ours.date or "")[:4] == bib.date[:4]:
            score["date"] += 1
    if ours.urldate and ours.date and ours.urldate == ours.date and bib.urldate != bib.date:
        score["urldate_as_date"] += 1  # must stay 0: an access date is never the publication date
    if bib.container and norm(bib.container) in text:
        total["container"] += 1
        if norm(ours.container) == norm(bib.container):
            score["container"] += 1
    if bib.url and bib.url in entry_text:
        total["url"] += 1
        if ours.url == bib.url:
            score["url"] += 1
    shown = os.environ.get("SHOW_FIELDS")  # SHOW_FIELDS=title (or all): print each miss
    if shown:
        pairs = {
            "title": (ours.title, bib.title),
            "container": (ours.container, bib.container if norm(bib.container) in text else None),
            "date": ((ours.date or "")[:4], (bib.date or "")[:4]),
            "author": (ours.authors or ours.organization, bib.authors or bib.organization),
        }
        for name, (mine, want) in pairs.items():
            if shown in (name, "all") and want and norm(str(mine)) != norm(str(want)):
                print(f"-- {name}: {entry_text}\n   bib:  {want!r}\n   ours: {mine!r}")


def listed(folder: Path) -> dict[str, Counter]:
    """numbered and author-date documents rendered by render_devset.py."""
    print("| style | documents | in-text citations | linked right | % | list entries | entries as claims |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    field_rows = []
    results: dict[str, Counter] = {}
    for style_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        counts, score, total = Counter(), Counter(), Counter()
        for doc in sorted(style_dir.glob("*.md")):
            oracle = json.loads(doc.with_suffix(".json").read_text("utf-8"))
            if oracle["kind"] == "notes":
                _notes(doc, oracle, counts, score, total)
                continue
            try:
                tmp, project, claim_file = _ingest_rendered(doc)
            except InputError as exc:
                print(f"   {doc.name}: {exc}")
                counts["failed"] += 1
                continue
            with tmp:
                ours = [e.key for e in claim_file.bibliography]
                to_oracle = dict(zip(ours, oracle["entries"], strict=False))
                bib = {r.key: r for b in oracle["bib"] for r in bib_refs(Path(b))}
                for entry in claim_file.bibliography:
                    ref = project.references.get(entry.key)
                    if ref is not None and to_oracle.get(entry.key) in bib:
                        _field_scores(ref, bib[to_oracle[entry.key]], entry.text, score, total)
                found = Counter(
                    to_oracle.get(c.key) for claim in claim_file.claims for c in claim.citations if c.found
                )
                listed_keys = set(oracle["entries"])  # a key with no entry (a Quarto @fig-x) cites nothing
                wanted = Counter(k for group in oracle["citations"] for k in group if k in listed_keys)
                counts.update(docs=1, cites=sum(wanted.values()), linked=sum(min(n, found[k]) for k, n in wanted.items()),
                              entries=len(oracle["entries"]), our_entries=len(ours))  # fmt: skip
                texts = [norm(e.text) for e in claim_file.bibliography]
                counts["as_claims"] += sum(
                    1
                    for c in claim_file.claims
                    if any(norm(c.text) in t for t in texts if len(norm(c.text)) > 30)
                )
                if os.environ.get("SHOW") and len(ours) != len(oracle["entries"]):
                    print(f"   {doc.name}: {len(ours)} entries, oracle {len(oracle['entries'])}")
        share = 100 * counts["linked"] / counts["cites"] if counts["cites"] else 0
        print(f"| {style_dir.name} | {counts['docs']} | {counts['cites']} | {counts['linked']} | {share:.1f}% | "
              f"{counts['our_entries']}/{counts['entries']} | {counts['as_claims']} |")  # fmt: skip
        field_rows.append((style_dir.name, score, total))
        results[style_dir.name] = (
            counts
            + Counter({f"score_{k}": v for k, v in score.items()})
            + Counter({f"total_{k}": v for k, v in total.items()})
        )
    print()
    print("| style | " + " | ".join(FIELDS) + " | access date as date |")
    print("| --- | " + " | ".join("---:" for _ in FIELDS) + " | ---: |")
    for name, score, total in field_rows:
        cells = [f"{100 * score[f] / total[f]:.1f}% of {total[f]}" if total[f] else "—" for f in FIELDS]
        print(f"| {name} | " + " | ".join(cells) + f" | {score['urldate_as_date']} |")
    return results


def _notes(doc: Path, oracle: dict, counts: Counter, score: Counter, total: Counter) -> None:
    try:
        tmp, project, claim_file = _ingest_rendered(doc)
    except InputError as exc:
        print(f"   {doc.name}: {exc}")
        return
    with tmp:
        bib = {r.key: r for b in oracle["bib"] for r in bib_refs(Path(b))}
        by_title = {norm(r.title): k for k, r in bib.items() if r.title}

        def oracle_key(key: str):
            ref = project.references.get(key)
            if ref is None or not ref.title:
                return None
            t = norm(ref.title)
            return by_title.get(t) or next(
                (k for bt, k in by_title.items() if bt.startswith(t) and len(t) > 15), None
            )

        by_label = {f.label: f for f in claim_file.footnotes}
        pairs = [
            (by_label.get(label), [k for k in keys if k in bib])
            for label, keys in zip(oracle["labels"], oracle["citations"], strict=True)
        ]
        pairs = [
            (note, keys) for note, keys in pairs if keys
        ]  # a note citing only a Quarto @fig-x cites nothing
        for note, wanted in pairs:
            got = Counter(oracle_key(k) for k in (note.references if note else []))
            want = Counter(wanted)
            counts.update(
                docs=0, cites=sum(want.values()), linked=sum(min(n, got[k]) for k, n in want.items())
            )
        counts["docs"] += 1
        counts["entries"] += len(oracle["entries"])
        counts["our_entries"] += len(claim_file.bibliography)
        texts = [norm(e.text) for e in claim_file.bibliography]
        counts["as_claims"] += sum(
            1 for c in claim_file.claims if any(norm(c.text) in t for t in texts if len(norm(c.text)) > 30)
        )
        for note, wanted in pairs:
            if note and len(wanted) == 1 and len(note.references) == 1:
                ref = project.references.get(note.references[0])
                if ref is not None and len(note.text) > 80:  # full notes, not short forms
                    _field_scores(ref, bib[wanted[0]], note.text, score, total)


_ANY_URL = re.compile(r"(?:https?|ftp)://(?:[^\s<>\[\]()\"”]|\([^\s()]*\))+")


def note_urls(folder: Path) -> Counter:
    """Every URL written in a footnote is the URL of one of the footnote's references."""
    print("| document | notes | URLs in notes | found | % |")
    print("| --- | ---: | ---: | ---: | ---: |")
    grand = Counter()
    for doc in sorted(p for p in folder.rglob("*") if p.suffix.lower() in {".md", ".txt"}):
        try:
            tmp, project, claim_file = _ingest_rendered(doc)
        except InputError as exc:
            print(f"   {doc.name}: {exc}")
            continue
        with tmp:
            written = found = 0
            for note in claim_file.footnotes:
                urls = {u.rstrip(".,;:'’") for u in _ANY_URL.findall(note.text.replace("\\", ""))}
                ours = {  # the URL cited, or the archived copy the link went to
                    (url or "").rstrip("/")
                    for k in note.references
                    if k in project.references
                    for url in (project.references[k].url, project.references[k].archive_url)
                }
                # a google.com/search?q=URL wrapper cites the URL it wraps
                urls = {
                    re.sub(r"^https?://(?:www\.)?google\.[a-z.]+/(?:search|url)\?q=", "", u) for u in urls
                }
                written += len(urls)
                found += sum(1 for u in urls if u.rstrip("/") in ours)
                if os.environ.get("SHOW") and any(u.rstrip("/") not in ours for u in urls):
                    print(
                        "   missed:",
                        sorted(u for u in urls if u.rstrip("/") not in ours),
                        "|",
                        note.text[:160],
                    )
            grand.update(notes=len(claim_file.footnotes), urls=written, found=found)
            if claim_file.footnotes:
                share = 100 * found / written if written else 100.0
                print(f"| {doc.name} | {len(claim_file.footnotes)} | {written} | {found} | {share:.1f}% |")
    share = 100 * grand["found"] / grand["urls"] if grand["urls"] else 0
    print(f"| **all** | {grand['notes']} | {grand['urls']} | {grand['found']} | {share:.1f}% |")
    return grand


def main() -> None:
    mode, folder = sys.argv[1], Path(sys.argv[2])
    {"citekey": citekey, "rendered": listed, "note-urls": note_urls}[mode](folder)


if __name__ == "__main__":
    main()
