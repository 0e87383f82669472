"""Render real citekey documents in real citation styles: numbered, author-date and notes dev sets.

    python benchmarks/render_devset.py SRC CSL OUT

SRC/<doc>/ holds a document (.md/.qmd/.Rmd) and its .bib (see
tests/devsets/citations/SOURCES.md); CSL holds .csl styles from the
citation-style-language repository.  pandoc --citeproc renders each document
in each style with linked citations; the links are the oracle (which entry
each in-text citation or note points to) and are then removed, leaving the
document a reader would see: "[3]", "(Smith et al., 2019)", footnotes with
full and short notes, and a reference list under a heading.

OUT/<style>/<doc>.md is the document, OUT/<style>/<doc>.json the oracle:
{"bib": [...], "entries": [key, ...], "citations": [[key, ...] per citation or note]}.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

STYLES = {
    "ieee": "numbered",
    "american-medical-association": "numbered",
    "elsevier-vancouver": "numbered",
    "nature": "numbered",
    "apa": "author-date",
    "chicago-author-date-17th-edition": "author-date",
    "harvard-cite-them-right": "author-date",
    "modern-language-association": "author-date",
    "chicago-notes-bibliography-17th-edition": "notes",
}
_LINK = re.compile(r"\[((?:[^\[\]]|\\[\[\]]|\[(?:[^\[\]]|\\[\[\]])*\])*)\]\(#ref-([^)\s]+)\)")
_SPAN = re.compile(r"\[((?:[^\[\]]|\\[\[\]]|\[(?:[^\[\]]|\\[\[\]])*\]\([^)]*\))*)\]\{\.csl-[\w-]+\}")


def render(doc: Path, bibs: list[Path], csl: Path, heading: str) -> str:
    command = ["pandoc", str(doc), "--citeproc", "--csl", str(csl), "-M", "link-citations=true",
               "-M", f"reference-section-title={heading}", "-t", "markdown-citations-bracketed_spans-native_divs",
               "--wrap=none"]  # fmt: skip
    for bib in bibs:
        command += ["--bibliography", str(bib)]
    # the document's own bibliography: line would point elsewhere
    text = doc.read_text("utf-8")
    text = re.sub(r"^bibliography:.*$", "", text, count=1, flags=re.M)
    done = subprocess.run(command[:1] + ["-f", "markdown"] + command[2:], input=text, capture_output=True,
                          text=True, check=True)  # fmt: skip
    return done.stdout


def split(rendered: str, kind: str) -> tuple[str, dict]:
    lines = rendered.split("\n")
    entries: list[str] = []
    citations: list[list[str]] = []
    labels: list[str] = []  # notes: the footnote label of each citation group
    out: list[str] = []
    for line in lines:
        entry = re.match(r"^:::+\s*\{#ref-([^\s}]+)", line)
        if entry:
            entries.append(entry.group(1))
            continue
        if re.match(r"^:::+", line):
            continue
        if "](#ref-" in line:
            note = re.match(r"^\[\^([^\]\s]+)\]:", line)
            if kind == "notes" and note:
                citations.append([m.group(2) for m in _LINK.finditer(line)])
                labels.append(note.group(1))
            elif kind != "notes":
                citations.extend([m.group(2)] for m in _LINK.finditer(line))
            line = _LINK.sub(lambda m: m.group(1), line)
        line = _SPAN.sub(lambda m: m.group(1), line)
        line = re.sub(r"</?span[^>]*>", "", line)
        line = line.replace("\\[", "[").replace("\\]", "]")
        out.append(line)
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text, {"entries": entries, "citations": citations, "labels": labels}


def main() -> None:
    src, csl_dir, out = (Path(a) for a in sys.argv[1:4])
    only = set(sys.argv[4:])  # style names, to render only those
    for style, kind in STYLES.items():
        if only and style not in only:
            continue
        csl = csl_dir / f"{style}.csl"
        if not csl.exists():
            continue
        (out / style).mkdir(parents=True, exist_ok=True)
        heading = "Bibliography" if kind == "notes" else "References"
        for doc_dir in sorted(p for p in src.iterdir() if p.is_dir()):
            bibs = sorted(doc_dir.glob("*.bib"))
            for doc in sorted(p for p in doc_dir.iterdir() if p.suffix.lower() in (".md", ".qmd", ".rmd")):
                try:
                    rendered = render(doc, bibs, csl, heading)
                except subprocess.CalledProcessError as exc:
                    print(f"skip {doc}: {exc.stderr.strip()[:200]}", file=sys.stderr)
                    continue
                text, oracle = split(rendered, kind)
                oracle["bib"] = [str(b) for b in bibs]
                oracle["kind"] = kind
                name = f"{doc_dir.name}-{doc.stem}"
                (out / style / f"{name}.md").write_text(text, "utf-8")
                (out / style / f"{name}.json").write_text(json.dumps(oracle, indent=1), "utf-8")
        print(style, len(list((out / style).glob("*.md"))), "documents")


if __name__ == "__main__":
    main()
