"""LaTeX papers whose references are their own (thebibliography, a .bbl): how many \\cite keys link.

Usage: python benchmarks/latexbib_eval.py DIR   (DIR: one folder per paper, as in
``/work/devsets/citations-latex``; origins in ``tests/devsets/citations/SOURCES.md``)

Each paper folder holds its main ``.tex`` (the file with ``\\documentclass``), the
files it inputs and its ``.bbl``; a ``compare/`` subfolder may hold the paper's own
``.bib``, kept out of the paper's folder so that ingest reads the ``.bbl`` as it
would in an arXiv source without the ``.bib``.

The oracle is not ours:

- the cited keys are pandoc's ``Cite`` elements of the ``.tex`` (``pandoc -f latex
  -t json``, every occurrence);
- the entries are the ``\\bibitem`` keys (bibtex ``.bbl``) or ``\\entry`` keys (biber
  ``.bbl``) as a plain scan of the files finds them.

Per paper it prints: pandoc's cited keys that have an entry, how many of those
occurrences ingest linked to the entry of that key (a claim citation whose label
is the key, ``found``, pointing at the reference under that key), cited keys with
no entry and how many of them ingest reported (``found: false``: CT108), entries,
entries that became claims (a claim whose text is part of an entry's text), and
where the ``.bib`` is there, title / first author / year agreement of the
references ingest wrote with the ``.bib`` entries of the same key.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

import yaml

_BIBITEM = re.compile(r"\\bibitem(?![a-zA-Z])\s*")
_ENTRY_KEY = re.compile(r"\\entry\{([^{}]+)\}\{")


def _main_tex(folder: Path) -> Path | None:
    for tex in sorted(folder.glob("*.tex")):
        if "\\documentclass" in tex.read_text("utf-8", "replace"):
            return tex
    return None


def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def pandoc_cites(tex: Path) -> Counter[str]:
    done = subprocess.run(
        [_pandoc(), "-f", "latex", "-t", "json", tex.name], cwd=tex.parent, capture_output=True, check=True
    )
    keys: Counter[str] = Counter()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Cite":
                for citation in node["c"][0]:
                    keys[citation["citationId"]] += 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(done.stdout))
    return keys


def entry_keys(folder: Path) -> set[str]:
    keys: set[str] = set()
    for path in [*folder.rglob("*.tex"), *folder.glob("*.bbl")]:
        text = "\n".join(line.split("%", 1)[0] if not line.lstrip().startswith("\\verb") else line
                         for line in path.read_text("utf-8", "replace").splitlines())  # fmt: skip
        keys.update(_bibitem_keys(text))
        keys.update(_ENTRY_KEY.findall(text))
    return keys


def _bibitem_keys(text: str) -> list[str]:
    """The key of each \\bibitem: past its optional [label] (braces counted), the {key}."""
    keys = []
    for match in _BIBITEM.finditer(text):
        i, depth = match.end(), 0
        if text.startswith("[", i):
            while i < len(text):
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
                if depth == 0 and text[i - 1] == "]":
                    break
        rest = text[i:].lstrip()
        if rest.startswith("{"):
            keys.append(rest[1 : rest.index("}")].strip())
    return keys


def fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return re.sub(
        r"[^a-z0-9]+", " ", "".join(c for c in text if not unicodedata.combining(c)).casefold()
    ).strip()


def paste_bbl(target: Path, tex: Path) -> bool:
    """arXiv's advice, followed: the .bbl pasted into the .tex in place of \\bibliography{...}."""
    bbl = target / f"{tex.stem}.bbl"
    main = target / tex.name
    text = main.read_text("utf-8", "replace")
    if not bbl.is_file() or "\\begin{thebibliography}" not in bbl.read_text("utf-8", "replace"):
        return False
    command = re.search(r"^[^%\n]*?(\\bibliography\{[^{}]*\})", text, re.M)
    if not command:
        return False
    pasted = bbl.read_text("utf-8", "replace")
    main.write_text(text[: command.start(1)] + pasted + text[command.end(1) :], "utf-8")
    bbl.unlink()
    return True


def ingest(folder: Path, tex: Path, work: Path, inline: bool = False) -> tuple[dict, dict] | None:
    """(claims file, references by key) of ingesting the paper in a fresh project."""
    subprocess.run([sys.executable, "-m", "claimtrack", "init"], cwd=work, capture_output=True, check=True)
    target = work / "reports" / folder.name
    shutil.copytree(folder, target, ignore=shutil.ignore_patterns("compare"))
    if inline and not paste_bbl(target, tex):
        return None
    done = subprocess.run(
        [sys.executable, "-m", "claimtrack", "ingest", str(target / tex.name)],
        cwd=work,
        capture_output=True,
        text=True,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"{folder.name}: ingest failed: {done.stderr.strip()}")
    claims = yaml.safe_load(next((work / "claims").rglob("*.yaml")).read_text("utf-8"))
    from claimtrack.refimport import read_library

    refs = {}
    for bib in (work / "references").rglob("*.bib"):
        refs.update({r.key: r for r in read_library(bib).references})
    return claims, refs


def measure(folder: Path, inline: bool = False) -> dict | None:
    tex = _main_tex(folder)
    if tex is None:
        raise SystemExit(f"{folder}: no .tex with \\documentclass")
    cites = pandoc_cites(tex)
    entries = entry_keys(folder)
    with tempfile.TemporaryDirectory() as tmp:
        done = ingest(folder, tex, Path(tmp), inline)
    if done is None:
        return None
    claims, refs = done
    linked: Counter[str] = Counter()
    own_key: Counter[str] = Counter()
    reported: set[str] = set()
    listed = {e["key"] for e in claims.get("bibliography", [])}
    for claim in claims.get("claims", []):
        for c in claim.get("citations", []):
            if c.get("style") != "citekey":
                continue
            # linked: to a reference of the paper's list (two \bibitems of one work share one)
            if c.get("found", True) and c["key"] in refs and c["key"] in listed:
                linked[c["label"]] += 1
                own_key[c["label"]] += c["key"] == c["label"]
            elif not c.get("found", True):
                reported.add(c.get("label"))
    in_list = {k: n for k, n in cites.items() if k in entries}
    missing = {k for k in cites if k not in entries}
    # the entries as ingest read them, and as the .bbl has them (folded: macros and all)
    entry_texts = [fold(e["text"]) for e in claims.get("bibliography", [])]
    entry_texts += [fold(b.read_text("utf-8", "replace")) for b in folder.glob("*.bbl")]
    as_claims = sum(
        1
        for claim in claims.get("claims", [])
        if len(fold(claim["text"])) >= 25 and any(fold(claim["text"]) in t for t in entry_texts)
    )
    row = {
        "doc": folder.name,
        "cites": sum(in_list.values()),
        "linked": sum(min(n, linked[k]) for k, n in in_list.items()),
        "own_key": sum(min(n, own_key[k]) for k, n in in_list.items()),
        "unlinked": sorted(k for k, n in in_list.items() if linked[k] < n),
        "missing": len(missing),
        "reported": len(missing & reported),
        "entries": len(entries),
        "read": len(claims.get("bibliography", [])),
        "as_claims": as_claims,
    }
    bibs = list((folder / "compare").glob("*.bib"))
    if bibs:
        from claimtrack.refimport import read_library

        truth = {}
        for bib in bibs:
            truth.update({r.key: r for r in read_library(bib).references})
        both = [k for k in refs if k in truth and k in entries]
        row["compared"] = len(both)
        row["title"] = sum(fold(refs[k].title) == fold(truth[k].title) for k in both)
        row["author"] = sum(_first_family(refs[k]) == _first_family(truth[k]) for k in both)
        row["year"] = sum((refs[k].date or "")[:4] == (truth[k].date or "")[:4] for k in both)
    return row


def _first_family(ref) -> str:
    if ref.authors:
        return fold(ref.authors[0].split(",", 1)[0])
    return fold(ref.organization)


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    root = Path(sys.argv[1])
    folders = sorted(p for p in root.iterdir() if p.is_dir())
    print("The .bbl beside the .tex (the .bib kept away):\n")
    table([measure(folder) for folder in folders])
    print("\nThe same papers with the .bbl pasted into the .tex (arXiv's advice; bibtex .bbl only):\n")
    table([row for row in (measure(folder, inline=True) for folder in folders) if row])


def table(rows: list[dict]) -> None:
    head = "| document | cited (in list) | linked | % | under its own key | cited, no entry | reported | entries | read | as claims | title | 1st author | year |"
    print(head)
    print("| --- " * 13 + "|")
    total = Counter()
    for r in rows:
        pct = 100 * r["linked"] / r["cites"] if r["cites"] else 100.0
        fields = (
            [f"{r[f]}/{r['compared']}" for f in ("title", "author", "year")] if "compared" in r else ["-"] * 3
        )
        print(
            f"| {r['doc']} | {r['cites']} | {r['linked']} | {pct:.1f} | {r['own_key']} | {r['missing']} | {r['reported']} "
            f"| {r['entries']} | {r['read']} | {r['as_claims']} | " + " | ".join(fields) + " |"
        )
        total.update({k: v for k, v in r.items() if isinstance(v, int)})
    pct = 100 * total["linked"] / total["cites"] if total["cites"] else 100.0
    for r in rows:
        if r["unlinked"]:
            print(f"{r['doc']}: not linked: {', '.join(r['unlinked'])}", file=sys.stderr)
    fields = [f"{total[f]}/{total['compared']}" for f in ("title", "author", "year")]
    print(
        f"| **all {len(rows)}** | {total['cites']} | {total['linked']} | {pct:.1f} | {total['own_key']} | {total['missing']} "
        f"| {total['reported']} | {total['entries']} | {total['read']} | {total['as_claims']} | "
        + " | ".join(fields)
        + " |"
    )


if __name__ == "__main__":
    main()
