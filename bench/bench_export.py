"""Export and import speed on a synthetic library; prints figures, asserts nothing.

    PYTHONPATH=. python bench/bench_export.py [N]

Builds N references of every type in a temporary project, then times each
export format (the CSL-formatted ones run pandoc once, whatever N is) and
``refs import`` of the biblatex export into a fresh project.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from claimtrack import refstore
from claimtrack.export import render
from claimtrack.model import Reference
from claimtrack.project import Project
from claimtrack.refimport import import_library

TYPES = ["webpage", "article-newspaper", "article-journal", "book", "report"]


def synthetic(n: int) -> list[Reference]:
    refs = []
    for i in range(n):
        kind = TYPES[i % len(TYPES)]
        refs.append(
            Reference(
                key=f"author{i}2020title",
                type=kind,
                title=f'Title number {i} on the "South Caucasus" & 50% of NATO\'s Policy',
                title_translation="An English Title" if i % 3 == 0 else None,
                authors=[f"Family{i}, Given", "Şahin, Ayşe"] if i % 4 else [],
                organization=None if i % 4 else f"Institute {i}",
                container=f"Container {i % 50}",
                volume=str(i % 30) if kind == "article-journal" else None,
                issue=str(i % 4 + 1) if kind == "article-journal" else None,
                pages=f"{i}--{i + 10}" if kind == "article-journal" else None,
                publisher="Publisher" if kind == "book" else None,
                date=f"20{i % 20:02d}-{i % 12 + 1:02d}" if i % 7 else None,
                url=f"https://example.org/{i}/a_b%20c?x=1&y=2#frag",
                urldate="2020-11-06",
                language=["en", "ru", "tr"][i % 3],
            )
        )
    return refs


def timed(label: str, func) -> object:
    start = time.perf_counter()
    value = func()
    print(f"{label:<28} {time.perf_counter() - start:8.3f} s")
    return value


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        (root / "references").mkdir(parents=True)
        refstore.write(root / "references" / "all.bib", synthetic(n))
        project = timed(f"load {n} references", lambda: Project.open(root))
        refs = sorted(project.references.values(), key=lambda r: r.key)
        exported = {}
        for fmt in ("biblatex", "bibtex", "csl-json", "ris"):
            exported[fmt] = timed(f"export {fmt}", lambda fmt=fmt: render(refs, fmt))
        for style in ("apa", "chicago-author-date"):
            timed(f"export text ({style})", lambda style=style: render(refs, "text", style=style))
        library = Path(tmp) / "library.bib"
        library.write_text(exported["biblatex"], encoding="utf-8")
        fresh = Path(tmp) / "fresh"
        (fresh / "references").mkdir(parents=True)
        result = timed("refs import (biblatex)", lambda: import_library(Project.open(fresh), library))
        print(f"imported {len(result.added)} of {n}, skipped {len(result.skipped)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
