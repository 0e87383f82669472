"""How faithfully ``refs import`` reads real libraries: per-field agreement with pandoc, round trips, biber, bibtex.

    python benchmarks/bib_agreement.py DIR_OR_FILES...   (default: $CLAIMTRACK_DEVSETS/references)

For each .bib file: our import, written as CSL-JSON, against pandoc's own
reading of the original (``pandoc -f biblatex FILE -t csljson``), field by
field, over the entries where either side has the field (title with
subtitle, each name part, date, container, volume, issue, pages, DOI, URL,
publisher, editor, series, edition, genre, type); then import -> biblatex ->
import -> biblatex byte-identical; ``biber --tool --validate-datamodel``
warnings on our export that it does not give on the original; and
``bibtex`` with ``plain`` on our BibTeX export.  ``--diff FIELD`` prints
the disagreements of one field.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimtrack.bib import biblatex_write, bibtex_read, bibtex_write, csl  # noqa: E402

FIELDS = ["type", "title", "author.family", "author.given", "author.particle", "author.suffix", "author.literal",
          "editor", "issued", "container-title", "volume", "issue", "page", "DOI", "URL", "publisher",
          "collection-title", "edition", "genre"]  # fmt: skip


def _text(value) -> str:
    if value is None:
        return ""
    text = re.sub(r"<[^>]+>", "", str(value))
    text = unicodedata.normalize("NFC", text).casefold()
    # quotation marks: pandoc re-quotes (‘x’ in the source becomes “x”), the quoting style is the processor's
    text = re.sub(r"(?<!\w)['‘’“”\"]|['‘’“”\"](?!\w)", '"', text)
    for a, b in (("’", "'"), ("–", "-"), ("—", "-"), ("\u00a0", " ")):
        text = text.replace(a, b)
    return " ".join(text.split())


def _names(item, role: str, part: str) -> str:
    out = []
    for name in item.get(role) or []:
        if part == "particle":
            out.append(name.get("non-dropping-particle") or name.get("dropping-particle") or "")
        else:
            out.append(name.get(part) or "")
    return "|".join(_text(x) for x in out) if any(out) else ""


def value(item: dict, field: str) -> str:
    if field.startswith("author."):
        return _names(item, "author", field.split(".")[1])
    if field == "editor":
        return ";".join(_text(n.get("family") or n.get("literal")) for n in item.get("editor") or [])
    if field == "issued":
        issued = item.get("issued") or {}
        return json.dumps(issued.get("date-parts") or issued.get("literal") or "")
    if field == "type":
        return item.get("type") or ""
    return _text(item.get(field))


def raw_entries(text: str) -> dict[str, str]:
    """Each entry's source text by key (for telling pandoc's faults apart)."""
    out: dict[str, str] = {}
    for match in re.finditer(r"^@(\w+)\{([^,\s]*),(.*?)(?=^@|\Z)", text, re.M | re.S):
        out.setdefault(match.group(2), match.group(0))
    return out


def _field(raw: str, name: str) -> str | None:
    match = re.search(rf"(?im)^\s*{name}\s*=\s*(.*)$", raw)
    return match.group(1) if match else None


def pandoc_fault(field: str, raw: str, ours: str, theirs: str) -> str | None:
    """Why pandoc's reading is wrong here, if it provably is (biblatex/biber/BibTeX do otherwise)."""
    entry_type = raw[1 : raw.index("{")].lower() if raw else ""
    if field == "type" and theirs == "":
        return "pandoc gives no type (not a CSL type) for @misc, @set and unknown types"
    if field == "issue" and theirs == "" and _field(raw, "issue") and not _field(raw, "number"):
        return "pandoc drops biblatex's issue when there is no number"
    if field == "genre" and theirs == "" and entry_type in ("techreport", "mastersthesis", "phdthesis"):
        return "pandoc does not apply biber's @techreport -> @report, type=techreport alias"
    if field.startswith("author.") and re.search(
        r"\{(\{?\\\w+ ?\w?\}?)?[a-z]|\{\\\w\s*[A-Z]", _field(raw, "author") or ""
    ):
        return "pandoc splits a braced family name ({van Greunen}, {\\v C}opi{\\v c}) that BibTeX keeps whole"
    if field == "issued" and (month := _field(raw, "month")) and re.search(r"\{(1[3-9]|[2-9]\d)\}", month):
        return "pandoc reads an impossible month (month = {25})"
    if field == "DOI" and theirs.startswith("http"):
        return "pandoc keeps a resolver URL in DOI (CSL's DOI is the bare DOI)"
    if field == "DOI" and theirs.startswith("doi:"):
        return "pandoc keeps a resolver URL in DOI (CSL's DOI is the bare DOI)"
    title = _field(raw, "title") or ""
    if field == "title" and theirs == "" and "#" in title:
        return "pandoc drops a whole title containing #"
    symbols = re.compile(r"[-—–°€©®™μ¡\u00ad\s]|\\\w+")
    if re.search(r"\\text[a-z]+|\$\\|\\-", raw) and (
        symbols.sub("", ours) == symbols.sub("", theirs) or _words_within(theirs, ours)
    ):
        return ("pandoc drops LaTeX text symbols (\\textemdash, \\texteuro, \\textdegree, $\\mu$...), "
                "with the words glued to them")  # fmt: skip
    return None


def _words_within(shorter: str, longer: str) -> bool:
    """Every word of ``shorter`` in ``longer``, in order, and ``longer`` has more."""
    words, rest = re.findall(r"\w+", shorter), iter(re.findall(r"\w+", longer))
    return len(words) < len(re.findall(r"\w+", longer)) and all(any(w == x for x in rest) for w in words)


def pandoc_items(path: Path) -> dict[str, dict]:
    text = path.read_text(encoding="utf-8")
    if re.search(r"^@\w+_\w+\{", text, re.M):
        # pandoc's parser stops at an entry type with "_" (Mendeley's @book_section, @web_page): it is
        # given a copy where those read @booksection, @webpage (unknown types either way)
        print("  pandoc reads a copy with '_' removed from entry types", file=sys.stderr)
        text = re.sub(r"^@(\w+)_(\w+)\{", r"@\1\2{", text, flags=re.M)
    if re.search(r"^@\w+\{\s*,", text, re.M):
        print("  pandoc reads a copy without the entries that have no citekey", file=sys.stderr)
        text = re.sub(r"^@(\w+)\{\s*,", r"@comment{", text, flags=re.M)
    done = subprocess.run(
        ["pandoc", "-f", "biblatex", "-t", "csljson"], input=text, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"pandoc cannot read {path}: {done.stderr.strip()[:200]}")
    items: dict[str, dict] = {}
    for item in json.loads(done.stdout):
        items.setdefault(item["id"], item)  # a key twice in the file: both read the first
    return items


def measure(path: Path, diff_field: str | None, tools: bool = True) -> dict:
    text = path.read_text(encoding="utf-8")
    read = bibtex_read.read(text, path)
    ours = {ref.key: csl.item(ref) for ref in read.references}
    theirs = pandoc_items(path)
    row: dict = {"file": path.name, "entries": len(theirs), "faults": {}}
    raws = raw_entries(text)
    for field in FIELDS:
        agree = total = 0
        for key, their in theirs.items():
            mine = ours.get(key, {})
            a, b = value(mine, field), value(their, field)
            if not a and not b:
                continue
            fault = pandoc_fault(field, raws.get(key, ""), a, b) if a != b else None
            if fault:
                row["faults"][fault] = row["faults"].get(fault, 0) + 1
                if field == diff_field:
                    print(f"  {key}: (pandoc wrong) ours {a!r} | pandoc {b!r}")
                continue
            total += 1
            if a == b:
                agree += 1
            elif field == diff_field:
                print(f"  {key}: ours {a!r} | pandoc {b!r}")
        row[field] = (agree, total)
    first = biblatex_write.dumps(read.references)
    second = biblatex_write.dumps(bibtex_read.read(first, path).references)
    row["round trip"] = "identical" if first == second else "DIFFERS"
    row["biber"] = biber_new_warnings(text, first) if tools else "-"
    row["bibtex"] = bibtex_errors(bibtex_write.dumps(read.references)) if tools else "-"
    row["warnings"] = len(read.warnings)
    return row


def _biber_warnings(bib: str, tmp: Path, name: str) -> set[str]:
    (tmp / name).write_text(bib, encoding="utf-8")
    done = subprocess.run(["biber", "--tool", "--validate-datamodel", "--output-file", f"out-{name}", name],
                          cwd=tmp, capture_output=True, text=True)  # fmt: skip
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith(("WARN", "ERROR"))]
    # the same warning about the same value, whether the value is written "a_b" or "a\\_b"
    # (and an invalid ISBN is the same finding however its LaTeX was written)
    lines = [re.sub(r"ISBN '.*' in entry", "ISBN in entry", ln) for ln in lines]
    return {re.sub(r"\(\S+\.bib\)|line \d+|/tmp/\S+|\\", "", ln).strip() for ln in lines}


def biber_new_warnings(original: str, export: str) -> str:
    if not shutil.which("biber"):
        return "biber not installed"
    with tempfile.TemporaryDirectory() as tmp:
        before = _biber_warnings(original, Path(tmp), "original.bib")
        after = _biber_warnings(export, Path(tmp), "export.bib")
    new = sorted(after - before)
    for line in new[:5]:
        print("  biber:", line)
    return f"{len(new)} new"


def bibtex_errors(bibtex: str) -> str:
    if not shutil.which("bibtex"):
        return "bibtex not installed"
    keys = re.findall(r"^@\w+\{([^,]+),", bibtex, re.M)
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "refs.bib").write_text(bibtex, encoding="utf-8")
        Path(tmp, "doc.aux").write_text("\\relax\n\\bibstyle{plain}\n\\bibdata{refs}\n"
                                        + "".join(f"\\citation{{{k}}}\n" for k in keys), encoding="utf-8")  # fmt: skip
        done = subprocess.run(["bibtex", "doc"], cwd=tmp, capture_output=True, text=True)
        errors = re.findall(r"error message", done.stdout)
        match = re.search(r"\((There (?:was|were) \d+ error messages?)\)", done.stdout)
        if done.returncode >= 2 or errors:
            print("  bibtex:", "\n".join(done.stdout.splitlines()[-8:]))
        return match.group(1) if match else "no error"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--diff", help="print the disagreements of this field")
    parser.add_argument("--no-tools", action="store_true", help="skip biber and bibtex (quicker)")
    args = parser.parse_args()
    paths = args.paths or [Path(os.environ.get("CLAIMTRACK_DEVSETS", "../shared/devsets")) / "references"]
    files = sorted(f for p in paths for f in (sorted(p.glob("*.bib")) if p.is_dir() else [p]))
    if not files:
        raise SystemExit("no .bib files found (give a folder or files, or set CLAIMTRACK_DEVSETS)")
    rows = []
    for path in files:
        print(f"== {path.name}", file=sys.stderr)
        rows.append(measure(path, args.diff, tools=not args.no_tools))
    head = ["field", *[r["file"].removesuffix(".bib") for r in rows]]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    print("| entries | " + " | ".join(str(r["entries"]) for r in rows) + " |")
    for field in FIELDS:
        cells = []
        for r in rows:
            agree, total = r[field]
            cells.append(f"{100 * agree / total:.1f}% ({agree}/{total})" if total else "–")
        print(f"| {field} | " + " | ".join(cells) + " |")
    for extra in ("round trip", "biber", "bibtex", "warnings"):
        print(f"| {extra} | " + " | ".join(str(r[extra]) for r in rows) + " |")
    print("\nExcluded as pandoc's faults (field comparisons):")
    for r in rows:
        for fault, count in sorted(r["faults"].items()):
            print(f"- {r['file']}: {count} x {fault}")


if __name__ == "__main__":
    main()
