"""Rendered web pages whose citations link to their bibliography entry: linked right, per style.

    python benchmarks/html_citations_eval.py CITEKEY_DIR CSL_DIR [STYLE ...]

Each citekey document of the dev set (``CITEKEY_DIR/<doc>/*.{md,qmd,Rmd}`` with
its ``.bib``) is rendered to a standalone HTML page by pandoc with
``--citeproc -M link-citations=true`` in each CSL style, as pandoc, Quarto and
R Markdown publish pages; ingest reads the page alone (no ``.bib``).  The
oracle is pandoc's own reader: the ``Cite`` elements of the source whose key
the ``.bib`` has.  Reported per style: citations linked to the entry of that
key, entries pandoc rendered vs references made, entries that became claims
(must be 0), and the title of each reference against the ``.bib``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from citations_eval import pandoc_cites

from claimtrack import refimport
from claimtrack.ingest import ingest_all
from claimtrack.ingest.hygiene import front_matter, strip_templates
from claimtrack.ingest.pandoc import executable
from claimtrack.project import Project

DOC_SUFFIXES = {".md", ".qmd", ".rmd", ".markdown"}
STYLES = ["apa", "chicago-author-date-17th-edition", "harvard-cite-them-right", "ieee", "nature"]


def norm(text: object) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", str(text or "").casefold()).split())


def main() -> None:
    evaluate(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:] or STYLES)


def evaluate(folder: Path, csl_dir: Path, styles: list[str]) -> dict[str, Counter]:
    """Print the table; the counts per style."""
    results: dict[str, Counter] = {}
    pandoc = executable()[0]
    print(
        "| style | pages | citations (oracle) | linked right | % | entries rendered → references | entries as claims | titles = .bib |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for style in styles:
        total = Counter()
        for doc_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
            bibs = sorted(doc_dir.glob("*.bib"))
            titles = {r.key: r.title for b in bibs for r in refimport.read_library(b).references}
            for doc in sorted(p for p in doc_dir.iterdir() if p.suffix.lower() in DOC_SUFFIXES):
                _, body = front_matter(doc.read_text("utf-8"))
                source = strip_templates(body)
                with tempfile.TemporaryDirectory() as tmp:
                    root = Path(tmp)
                    (root / "src.md").write_text(source, "utf-8")
                    oracle = Counter(k for k in pandoc_cites(root / "src.md") if k in titles)
                    for name in ("claims", "references", "reports"):
                        (root / name).mkdir()
                    page = root / "reports" / f"{doc.stem}.html"
                    args = [pandoc, str(root / "src.md"), "--citeproc", "-s", "-t", "html", "-o", str(page),
                            "--csl", str(csl_dir / f"{style}.csl"), "-M", "link-citations=true",
                            "-M", f"title={doc.stem}"] + [f"--bibliography={b}" for b in bibs]  # fmt: skip
                    subprocess.run(args, capture_output=True, check=True)
                    rendered = len(re.findall(r'class="csl-entry"', page.read_text("utf-8")))
                    project = Project.open(root)
                    ingest_all(project, [page])
                    project.load()
                    ours = Counter()
                    entries_as_claims = 0
                    import lxml.html

                    tree = lxml.html.fromstring(page.read_text("utf-8"))
                    entry_texts = [norm(e.text_content()) for e in tree.find_class("csl-entry")]
                    for claim in project.claims():
                        ours.update(c.key for c in claim.citations if c.found)
                        if len(norm(claim.text)) > 30 and any(norm(claim.text) in t for t in entry_texts):
                            entries_as_claims += 1
                    refs = project.references
                    if os.environ.get("SHOW"):
                        missed = sorted((oracle - ours).elements())
                        if missed:
                            print(f"   {doc.name}: not linked {missed}")
                        for claim in project.claims():
                            if len(norm(claim.text)) > 30 and any(norm(claim.text) in t for t in entry_texts):
                                print(f"   {doc.name}: entry as claim: {claim.text[:100]}")
                    total.update(
                        pages=1,
                        oracle=sum(oracle.values()),
                        linked=sum(min(n, ours[k]) for k, n in oracle.items()),
                        rendered=rendered,
                        made=len(refs),
                        as_claims=entries_as_claims,
                        titled=sum(1 for k, r in refs.items() if k in titles and titles[k]),
                        title_ok=sum(
                            1 for k, r in refs.items() if titles.get(k) and norm(r.title) == norm(titles[k])
                        ),
                    )
                    shutil.rmtree(root / "claims")
        share = 100 * total["linked"] / total["oracle"] if total["oracle"] else 0
        titles_share = 100 * total["title_ok"] / total["titled"] if total["titled"] else 0
        print(f"| {style} | {total['pages']} | {total['oracle']} | {total['linked']} | {share:.1f}% | "
              f"{total['rendered']} → {total['made']} | {total['as_claims']} | {titles_share:.1f}% |")  # fmt: skip
        results[style] = total
    return results


if __name__ == "__main__":
    main()
