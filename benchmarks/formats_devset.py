"""Measure ingest on a development set of real documents against oracles we did not write.

    python benchmarks/formats_devset.py [DIR]     (default: $CLAIMTRACK_DEVSETS/formats)

For each document: the oracle's note count (pandoc's own ``Note`` elements,
read with pandoc's plain reader for the format; for HTML, whose notes pandoc
does not know, the note elements counted by their ids; for a PDF, the document
it was made from, named in ``oracles.txt`` as ``pdf-name = source-name``), the
notes claimtrack linked to claims, the recall of the URLs inside the notes (in
the references made from them), the number of claims, and the claims that
look like code, markup, navigation or note text (listed, to be read).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from claimtrack.errors import InputError
from claimtrack.ingest import ingest_all
from claimtrack.ingest.formats import EXTENSIONS, PANDOC_READERS
from claimtrack.ingest.pandoc import executable
from claimtrack.project import Project

_HTML_NOTE_IDS = re.compile(
    r"""id=["'](cite_note-[^"']+|fn:[^"']+|fn\d+|_ftn\d+|ftn\d+|fn\d+x\d+|easy-footnote-bottom-[^"']+|footnote_\d+_\d+)["']"""
    r"""|data-type=["']footnote["'] id=["']([^"']+)["']"""
)
_JUNK = re.compile(
    r"\{\{|\{%|\{:|```|</?[a-z][a-z0-9]*(?:\s[^>]*)?>|\\[a-zA-Z]+\{|^\s*(?:def|class|import|var|let|const|function|return)\s"
    r"|[;{}]\s*$|^\W*(?:home|next|previous|menu|share|tweet)\W*$",
    re.I,
)


def oracle_of_ast(path: Path, reader: str) -> tuple[int, set[str]]:
    pandoc, _ = executable()
    done = subprocess.run([pandoc, "-f", reader, "-t", "json", str(path)], capture_output=True, check=True)
    ast = json.loads(done.stdout)
    notes: dict[str, set[str]] = {}
    # Markdown repeats a note for each reference to its label: one note; elsewhere each Note counts.
    dedupe = reader.startswith(("markdown", "gfm", "commonmark"))

    def urls_in(node, found):
        if isinstance(node, list):
            for x in node:
                urls_in(x, found)
        elif isinstance(node, dict):
            if node.get("t") == "Link" and not node["c"][2][0].startswith("#"):
                found.add(node["c"][2][0])
            elif node.get("t") == "Str" and re.match(r"https?://", node["c"]):
                found.add(node["c"].rstrip(".,;:)"))
            urls_in(node.get("c"), found)

    def walk(node):
        if isinstance(node, list):
            for x in node:
                walk(x)
        elif isinstance(node, dict):
            if node.get("t") == "Note":
                key = json.dumps(node["c"], sort_keys=True) if dedupe else str(len(notes))
                notes.setdefault(key, set())
                urls_in(node["c"], notes[key])
                return
            walk(node.get("c"))

    walk(ast["blocks"])
    return len(notes), {u for us in notes.values() for u in us if u.startswith(("http", "www", "ftp"))}


def oracle_of_html(path: Path) -> tuple[int, set[str]]:
    import lxml.html

    text = path.read_text("utf-8", "replace")
    ids = {a or b for a, b in _HTML_NOTE_IDS.findall(text)}
    root = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", text))
    urls: set[str] = set()
    for ident in ids:
        for el in root.xpath(f'//*[@id="{ident}"]'):
            block = el
            while block.tag not in ("li", "p", "div") and block.getparent() is not None:
                block = block.getparent()
            # a link back into the page (a backlink saved with the page's full URL) is no source
            urls |= {
                a.get("href")
                for a in block.iter("a")
                if (a.get("href") or "").startswith("http") and not _in_page(a.get("href"), text)
            }
            urls |= {
                a.text_content().strip()
                for a in block.iter("a")
                if not a.get("href") and a.text_content().strip().startswith("http")
            }
    return len(ids), urls


def _in_page(href: str, text: str) -> bool:
    fragment = href.partition("#")[2]
    return bool(fragment) and f'id="{fragment}"' in text


def oracle(path: Path, mapping: dict[str, str]) -> tuple[int, set[str], str]:
    if path.name in mapping:
        source = path.parent / mapping[path.name]
        count, urls, _ = oracle(source, {})
        return count, urls, f"pandoc on {source.name}"
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind == "html":
        count, urls = oracle_of_html(path)
        return count, urls, "note ids in the HTML"
    if kind == "text":
        kind = "markdown"
    if kind in PANDOC_READERS:
        count, urls = oracle_of_ast(
            path, PANDOC_READERS[kind].split("-")[0] if kind != "markdown" else "markdown"
        )
        if kind == "markdown":  # pandoc repeats a note cited twice; count the definitions it read
            text = re.sub(r"^(```|~~~).*?^\1", "", path.read_text("utf-8"), flags=re.M | re.S)
            labels = set(re.findall(r"^\[\^([^\]]+)\]:", text, re.M))
            return len(labels) or count, urls, "pandoc Note elements (one per definition)"
        return count, urls, "pandoc Note elements"
    return 0, set(), "none"


def _norm_text(text: str) -> str:
    return text.replace("&amp;", "&").replace("https://", "").replace("http://", "").replace("www.", "")


def _norm(url: str) -> str:
    return (
        url.strip()
        .rstrip("/")
        .replace("&amp;", "&")
        .removeprefix("http://")
        .removeprefix("https://")
        .removeprefix("www.")
    )


def measure(path: Path, mapping: dict[str, str]) -> dict:
    notes_oracle, urls_oracle, how = oracle(path, mapping)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "reports").mkdir()
        shutil.copy(path, root / "reports" / path.name)
        (root / "claims").mkdir()
        (root / "references").mkdir()
        try:
            [change] = ingest_all(Project.open(root), [root / "reports" / path.name], dry_run=True)
        except InputError as exc:
            return {"document": path.name, "error": str(exc)}
    cf = change.claim_file
    linked = {label for c in cf.claims for label in c.footnotes}
    defined = {f.label for f in cf.footnotes}
    keys = {k for f in cf.footnotes for k in f.references}
    ours = {_norm(r.url) for r in change.new_refs if r.url and r.key in keys}
    found = {u for u in urls_oracle if _norm(u) in ours}
    note_texts = [" ".join(f.text.split()) for f in cf.footnotes]
    kept = {u for u in urls_oracle if _norm(u) in ours or any(_norm(u) in _norm_text(t) for t in note_texts)}
    junk = [c.text for c in cf.claims if _JUNK.search(c.text)]
    junk += [c.text for c in cf.claims if len(c.text) > 40 and any(c.text in t for t in note_texts)]
    return {
        "document": path.name,
        "format": cf.report.format.value,
        "oracle": how,
        "notes_oracle": notes_oracle,
        "notes_read": len(defined),
        "notes_linked": len(linked & defined),
        "urls_oracle": len(urls_oracle),
        "urls_found": len(found),
        "urls_kept": len(kept),
        "urls_missed": sorted(set(urls_oracle) - kept)[:5],
        "claims": len(cf.claims),
        "suspect_claims": junk[:8],
    }


def read_oracles(folder: Path) -> dict[str, str]:
    """``oracles.txt``: lines ``document = the document its oracle is read from``."""
    mapping = {}
    if (folder / "oracles.txt").exists():
        for line in (folder / "oracles.txt").read_text().splitlines():
            if "=" in line and not line.startswith("#"):
                a, b = (x.strip() for x in line.split("=", 1))
                mapping[a] = b
    return mapping


def documents(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.iterdir()) if p.suffix.lower() in EXTENSIONS and p.name != "oracles.txt"]


def main() -> None:
    folder = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(os.environ.get("CLAIMTRACK_DEVSETS", "../shared/devsets")) / "formats"
    )
    mapping = read_oracles(folder)
    rows = []
    print(
        "| document | format | notes oracle | notes linked | % | URLs in notes (oracle) | kept in note records | % "
        "| as references | % | claims | suspect claims |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path in documents(folder):
        row = measure(path, mapping)
        rows.append(row)
        if "error" in row:
            print(f"| {row['document']} | error: {row['error']} |")
            continue
        pn = f"{100 * row['notes_linked'] / row['notes_oracle']:.0f}" if row["notes_oracle"] else "—"
        pk = f"{100 * row['urls_kept'] / row['urls_oracle']:.0f}" if row["urls_oracle"] else "—"
        pu = f"{100 * row['urls_found'] / row['urls_oracle']:.0f}" if row["urls_oracle"] else "—"
        print(
            f"| {row['document']} | {row['format']} | {row['notes_oracle']} | {row['notes_linked']} | {pn} | "
            f"{row['urls_oracle']} | {row['urls_kept']} | {pk} | {row['urls_found']} | {pu} | {row['claims']} "
            f"| {len(row['suspect_claims'])} |",
            flush=True,
        )
    if "-v" in os.environ.get("DEVSET_FLAGS", ""):
        print(json.dumps(rows, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
