"""The issue's targets, measured on the real dev set when it is present (see SOURCES.md).

The documents are public material that is not committed; they are looked for
in $CLAIMTRACK_DEVSETS/citations and ../shared/devsets/citations beside the
repository. Without them these tests skip and say why.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "benchmarks"))


def _devset() -> Path:
    for base in (os.environ.get("CLAIMTRACK_DEVSETS"), str(REPO.parent / "shared" / "devsets")):
        if base and (Path(base) / "citations").is_dir():
            return Path(base) / "citations"
    pytest.skip("no citations dev set: set CLAIMTRACK_DEVSETS (see tests/devsets/citations/SOURCES.md)")


@pytest.mark.timeout(600)
def test_citekey_documents_link_pandocs_cites():
    folder = _devset() / "citekey"
    if not folder.is_dir():
        pytest.skip(f"{folder} is missing")
    import citations_eval

    grand = citations_eval.citekey(folder)
    assert grand["in_bib"] > 100
    assert grand["linked"] / grand["in_bib"] >= 0.98


@pytest.mark.timeout(900)
def test_numbered_author_date_and_notes_documents():
    folder = _devset() / "rendered"
    if not folder.is_dir():
        pytest.skip(f"{folder} is missing: python benchmarks/render_devset.py makes it")
    import citations_eval

    results = citations_eval.listed(folder)
    families = {"numbered": ("ieee", "american-medical-association", "elsevier-vancouver", "nature"),
                "author-date": ("apa", "chicago-author-date-17th-edition", "harvard-cite-them-right",
                                "modern-language-association")}  # fmt: skip
    for family, styles in families.items():  # the target: 95% of in-text citations linked
        linked = sum(results[s]["linked"] for s in styles if s in results)
        cites = sum(results[s]["cites"] for s in styles if s in results)
        assert linked / cites >= 0.95, family
    # notes: every note the pandoc front end returns is linked; it drops some (figures, callouts)
    notes = results.get("chicago-notes-bibliography-17th-edition")
    if notes:
        assert notes["linked"] / notes["cites"] >= 0.80
    for style, counts in results.items():
        assert counts["as_claims"] == 0, style  # no list entry became a claim
        assert counts["score_urldate_as_date"] == 0, style  # an access date is never the date
        for field in ("author", "title", "date", "url"):
            if counts[f"total_{field}"]:
                assert counts[f"score_{field}"] / counts[f"total_{field}"] >= 0.80, (style, field)
    for field in ("author", "title", "date", "url"):  # over all styles: the 90% target
        score = sum(c[f"score_{field}"] for c in results.values())
        total = sum(c[f"total_{field}"] for c in results.values())
        assert score / total >= 0.90, field


@pytest.mark.timeout(900)
def test_web_pages_whose_citations_link_to_their_entries():
    folder, csl = _devset() / "citekey", _devset() / "csl"
    if not folder.is_dir() or not csl.is_dir():
        pytest.skip("the citekey documents or the CSL styles are missing")
    import html_citations_eval

    for style, total in html_citations_eval.evaluate(folder, csl, ["apa", "nature"]).items():
        assert total["linked"] / total["oracle"] >= 0.95, style
        assert total["as_claims"] == 0, style
