"""LaTeX papers whose references are their own: thebibliography in the .tex, a .bbl beside it.

The papers below follow what real sources do (seen in arXiv-style repositories, see
tests/devsets/citations/SOURCES.md): IEEEtran's numbered entries with ``\\newblock``
and ``\\url``, natbib's ``\\bibitem[Smith et~al.(2019)]{key}``, REVTeX's ``\\bibinfo``
and ``\\href`` to a DOI, a bibtex ``.bbl`` shipped without its ``.bib``, biber's
``.bbl`` of structured fields.  pandoc's own ``Cite`` elements are what must link.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from claimtrack.ingest.pandoc import executable

PAPER = r"""\documentclass{article}
\usepackage{natbib}
\begin{document}
\section{Introduction}
Message passing networks reach 92 percent accuracy on QM9 \cite{gilmer2017}.
Later work extended them to citation graphs \cite[p.~4]{kipf2017,hamilton2017}.
\citet{smith2019} showed that 45\% of real graphs are sparse \citep[see][Ch.~2]{smith2019}.
Some cite what the list lacks \cite{nobody2020}.

\begin{thebibliography}{99}
\providecommand{\url}[1]{\texttt{#1}}

\bibitem{gilmer2017}
J.~Gilmer, S.~S. Schoenholz, P.~F. Riley, O.~Vinyals, and G.~E. Dahl,
  ``Neural message passing for quantum chemistry,'' in \emph{Proc. 34th Int.
  Conf. Machine Learning (ICML)}, 2017, pp. 1263--1272.

\bibitem{kipf2017}
T.~N. Kipf and M.~Welling.
\newblock Semi-supervised classification with graph convolutional networks.
\newblock In {\em International Conference on Learning Representations}, 2017.
\newblock \url{https://openreview.net/forum?id=SJU4ayYgl&x=a_b%20c}

\bibitem[Hamilton et~al.(2017)Hamilton, Ying, and Leskovec]{hamilton2017}
Hamilton, W., Ying, Z., and Leskovec, J. (2017).
\newblock Inductive representation learning on large graphs.
\newblock In \textit{Advances in Neural Information Processing Systems}, pages 1024--1034.

\bibitem[Smith et~al.(2019)]{smith2019}
Smith, J., M{\"u}ller, K., \& Lee, B. (2019). Sparse graphs in the wild.
\textit{Journal of Graph Studies}, 12(3), 45--67. \doi{10.1000/jgs.2019_12}

\bibitem{never2001}
A.~Nobody, \emph{An Uncited Monograph}. Berlin: Springer, 2001.
\end{thebibliography}
\end{document}
"""


def _claims(cli) -> list[dict]:
    return json.loads(cli("claims", "list", "--format", "json").stdout)


def _records(project: Path, report: str) -> dict:
    import yaml

    return yaml.safe_load((project / "claims" / f"{report}.yaml").read_text("utf-8"))


def _refs(project: Path) -> dict:
    from claimtrack.refimport import read_library

    refs = {}
    for bib in (project / "references").rglob("*.bib"):
        refs.update({r.key: r for r in read_library(bib).references})
    return refs


def _pandoc_cites(tex: Path) -> list[str]:
    pandoc, _ = executable()
    out = subprocess.run([pandoc, "-f", "latex", "-t", "json", str(tex)], capture_output=True, check=True)
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


def test_cite_keys_link_to_the_bibitems_of_the_same_key(project, cli):
    tex = project / "reports" / "paper.tex"
    tex.write_text(PAPER, encoding="utf-8")
    out = cli("ingest", str(tex)).stdout
    assert "5 bibliography entries" in out
    assert "cited but not in the bibliography: nobody2020" in out  # and no other key
    claims = _claims(cli)
    cited = [
        [(c["key"], c["locator"], c["prefix"], c["found"]) for c in claim["citations"]] for claim in claims
    ]
    assert cited[:3] == [
        [("gilmer2017", None, None, True)],
        [
            ("kipf2017", None, None, True),
            ("hamilton2017", "p. 4", None, True),
        ],  # pandoc puts the postnote last
        [("smith2019", None, None, True), ("smith2019", "Ch. 2", "see", True)],
    ]
    assert cited[3] == [("nobody2020", None, None, False)]
    # the narrative \citet stands in the text as natbib prints it: the label's names
    assert claims[2]["text"].startswith("Smith et al. showed that 45% of real graphs are sparse")
    # every Cite pandoc finds that has a \bibitem is linked to the reference under that key
    linked = [c["label"] for claim in claims for c in claim["citations"] if c["found"]]
    assert sorted(linked) == sorted(k for k in _pandoc_cites(tex) if k != "nobody2020")


def test_no_bibitem_becomes_a_claim_and_uncited_ones_are_kept(project, cli):
    tex = project / "reports" / "paper.tex"
    tex.write_text(PAPER, encoding="utf-8")
    cli("ingest", str(tex))
    texts = " ".join(c["text"] for c in _claims(cli))
    for fragment in ("Gilmer", "Kipf", "Inductive", "Sparse graphs", "Nobody", "99", "providecommand"):
        assert fragment not in texts
    records = _records(project, "paper")
    assert [(e["key"], e["cited"]) for e in records["bibliography"]] == [
        ("gilmer2017", True), ("kipf2017", True), ("hamilton2017", True), ("smith2019", True),
        ("never2001", False),
    ]  # fmt: skip
    # the entries' lines are where the \bibitems are in the .tex
    lines = PAPER.split("\n")
    assert lines[records["bibliography"][0]["line"] - 1] == r"\bibitem{gilmer2017}"
    result = cli("audit", "--select", "CT201", "--format", "json", code=1)
    findings = json.loads(result.stdout)
    findings = findings["findings"] if isinstance(findings, dict) else findings
    assert [f["reference"] for f in findings] == ["never2001"]


def test_entries_are_parsed_into_fields_with_urls_and_dois_exact(project, cli):
    tex = project / "reports" / "paper.tex"
    tex.write_text(PAPER, encoding="utf-8")
    cli("ingest", str(tex))
    refs = _refs(project)
    gilmer = refs["gilmer2017"]
    assert gilmer.title == "Neural message passing for quantum chemistry"
    assert gilmer.authors[:2] == ["Gilmer, J.", "Schoenholz, S. S."] and len(gilmer.authors) == 5
    assert gilmer.date == "2017" and gilmer.pages == "1263–1272"
    kipf = refs["kipf2017"]
    assert kipf.title == "Semi-supervised classification with graph convolutional networks"
    assert kipf.authors == ["Kipf, T. N.", "Welling, M."]
    assert kipf.url == "https://openreview.net/forum?id=SJU4ayYgl&x=a_b%20c"  # % and _ as written
    smith = refs["smith2019"]
    assert smith.authors == ["Smith, J.", "Müller, K.", "Lee, B."]  # {\"u} decoded
    assert smith.title == "Sparse graphs in the wild" and smith.container == "Journal of Graph Studies"
    assert smith.doi == "10.1000/jgs.2019_12" and smith.date == "2019"
    assert refs["hamilton2017"].date == "2017"
    assert refs["never2001"].title == "An Uncited Monograph"


BBL_IEEE = r"""% Generated by IEEEtran.bst, version: 1.14 (2015/08/26)
\begin{thebibliography}{1}
\providecommand{\url}[1]{#1}
\csname url@samestyle\endcsname
\providecommand{\newblock}{\relax}
\providecommand{\bibinfo}[2]{#2}
\providecommand{\BIBentrySTDinterwordspacing}{\spaceskip=0pt\relax}
\BIBdecl

\bibitem{aws_lambda}
\BIBentryALTinterwordspacing
Aws lambda. [Online]. Available: \url{https://aws.amazon.com/lambda/}
\BIBentrySTDinterwordspacing

\bibitem{moon1969}
\bibinfo{author}{R.~M. Moon}, \bibinfo{author}{T.~Riste}, and \bibinfo{author}{W.~C. Koehler},
  ``\bibinfo{title}{Polarization analysis of thermal-neutron scattering},''
  \emph{\bibinfo{journal}{Phys. Rev.}}, vol. \bibinfo{volume}{181}, pp. \bibinfo{pages}{920--931}, \bibinfo{year}{1969}.

\end{thebibliography}
"""

PAPER_BBL = r"""\documentclass{IEEEtran}
\begin{document}
Serverless platforms bill per 100 ms of execution \cite{aws_lambda}.
Polarized neutrons separate magnetic from nuclear scattering \cite{moon1969}.
\bibliographystyle{IEEEtran}
\bibliography{references}
\end{document}
"""


def test_a_bbl_beside_the_tex_stands_for_a_missing_bib(project, cli):
    folder = project / "reports" / "serverless"
    folder.mkdir()
    (folder / "main.tex").write_text(PAPER_BBL, encoding="utf-8")
    (folder / "main.bbl").write_text(BBL_IEEE, encoding="utf-8")
    out = cli("ingest", str(folder / "main.tex")).stdout
    assert "not in the bibliography" not in out and "not found" not in out
    claims = _claims(cli)
    assert [[c["key"] for c in claim["citations"]] for claim in claims] == [["aws_lambda"], ["moon1969"]]
    refs = _refs(project)
    assert refs["aws_lambda"].url == "https://aws.amazon.com/lambda/"
    assert refs["moon1969"].title == "Polarization analysis of thermal-neutron scattering"
    assert refs["moon1969"].authors[0] == "Moon, R. M." and refs["moon1969"].date == "1969"
    records = _records(project, "serverless/main")
    assert all(e["line"] == 6 for e in records["bibliography"])  # cited where \bibliography is


def test_the_bib_wins_when_it_is_there(project, cli):
    folder = project / "reports" / "serverless"
    folder.mkdir()
    (folder / "main.tex").write_text(PAPER_BBL, encoding="utf-8")
    (folder / "main.bbl").write_text(BBL_IEEE.replace("Aws lambda", "Stale bbl text"), encoding="utf-8")
    (folder / "references.bib").write_text(
        "@online{aws_lambda, title = {AWS Lambda}, url = {https://aws.amazon.com/lambda/}, year = {2024}}\n"
        "@article{moon1969, author = {Moon, R. M.}, title = {Polarization analysis}, journal = {Phys. Rev.},"
        " year = {1969}}\n",
        encoding="utf-8",
    )
    cli("ingest", str(folder / "main.tex"))
    refs = _refs(project)
    assert refs["aws_lambda"].title == "AWS Lambda"  # from the .bib, not the .bbl
    assert _records(project, "serverless/main")["bibliography"] == []


def test_an_input_bbl_is_read_and_never_claims(project, cli):
    folder = project / "reports" / "paper"
    folder.mkdir()
    (folder / "paper.tex").write_text(
        PAPER_BBL.replace("\\bibliography{references}", "\\input{paper.bbl}"), encoding="utf-8"
    )
    (folder / "paper.bbl").write_text(BBL_IEEE, encoding="utf-8")
    cli("ingest", str(folder / "paper.tex"))
    claims = _claims(cli)
    assert [c["text"][:20] for c in claims] == ["Serverless platforms", "Polarized neutrons s"]
    assert all(c["citations"][0]["found"] for c in claims)


BBL_BIBLATEX = r"""% $ biblatex auxiliary file $
% $ biblatex bbl format version 3.1 $
\begingroup
\makeatletter
\refsection{0}
  \datalist[entry]{nty/global//global/global}
    \entry{buolamwini2018}{inproceedings}{}
      \name{author}{2}{}{%
        {{un=0,uniquepart=base,hash=694238e7}{%
           family={Buolamwini},
           familyi={B\bibinitperiod},
           given={Joy},
           giveni={J\bibinitperiod},
           givenun=0}}%
        {{un=0,uniquepart=base,hash=f2b0ffb5}{%
           family={Gebru},
           familyi={G\bibinitperiod},
           given={Timnit},
           giveni={T\bibinitperiod},
           givenun=0}}%
      }
      \list{publisher}{1}{%
        {PMLR}%
      }
      \strng{namehash}{1d3df5a4}
      \field{sortinit}{B}
      \field{labeltitlesource}{title}
      \field{booktitle}{Conference on Fairness, Accountability and Transparency}
      \field{title}{Gender shades: Intersectional accuracy disparities in commercial gender classification}
      \field{year}{2018}
      \field{pages}{77\bibrangedash 91}
      \range{pages}{15}
      \verb{doi}
      \verb 10.1000/fat.2018.77
      \endverb
      \verb{url}
      \verb https://proceedings.mlr.press/v81/buolamwini18a.html
      \endverb
    \endentry
  \enddatalist
\endrefsection
\endgroup
"""


def test_a_biblatex_bbl_is_read_field_by_field(project, cli):
    folder = project / "reports" / "fairness"
    folder.mkdir()
    (folder / "main.tex").write_text(
        "\\documentclass{article}\n\\usepackage{biblatex}\n\\addbibresource{refs.bib}\n\\begin{document}\n"
        "Commercial classifiers erred on 34.7 percent of darker-skinned women \\parencite[77]{buolamwini2018}.\n"
        "\\printbibliography\n\\end{document}\n",
        encoding="utf-8",
    )
    (folder / "main.bbl").write_text(BBL_BIBLATEX, encoding="utf-8")
    cli("ingest", str(folder / "main.tex"))
    [claim] = _claims(cli)
    assert [(c["key"], c["locator"], c["found"]) for c in claim["citations"]] == [
        ("buolamwini2018", "77", True)
    ]
    ref = _refs(project)["buolamwini2018"]
    assert ref.authors == ["Buolamwini, Joy", "Gebru, Timnit"]
    assert ref.title.startswith("Gender shades: Intersectional")
    assert ref.container == "Conference on Fairness, Accountability and Transparency"
    assert (ref.date, ref.pages, ref.publisher) == ("2018", "77–91", "PMLR")
    assert (
        ref.doi == "10.1000/fat.2018.77" and ref.url == "https://proceedings.mlr.press/v81/buolamwini18a.html"
    )
    assert ref.entry_type == "inproceedings"


def test_an_edited_bbl_is_read_again_on_the_next_ingest(project, cli):
    folder = project / "reports" / "serverless"
    folder.mkdir()
    (folder / "main.tex").write_text(PAPER_BBL, encoding="utf-8")
    (folder / "main.bbl").write_text(BBL_IEEE, encoding="utf-8")
    cli("ingest", str(folder / "main.tex"))
    (folder / "main.bbl").write_text(BBL_IEEE.replace("Aws lambda.", "AWS Lambda developer guide."), "utf-8")
    cli("ingest", str(folder / "main.tex"))
    texts = [e["text"] for e in _records(project, "serverless/main")["bibliography"]]
    assert texts[0].startswith("AWS Lambda developer guide.")  # not the records of the old .bbl


AMS = r"""\documentclass{article}
\usepackage{natbib}
\begin{document}
Outflow stratification sets the intensity \citep{Emanuel2012,EmanuelRotunno2011}.
\begin{thebibliography}{2}
\bibitem[{Emanuel(2012)}]{Emanuel2012}
Emanuel, K., 2012: {Self-stratification of tropical cyclone outflow. Part II:
  Implications for storm intensification}. \textit{J.\ Atmos.\ Sci.},
  \textbf{69}, 988--996.

\bibitem[{Emanuel and Rotunno(2011)Emanuel, and Rotunno}]{EmanuelRotunno2011}
Emanuel, K., and R.~Rotunno, 2011: {Self-stratification of tropical cyclone
  outflow. Part I: Implications for storm structure}. \textit{J.\ Atmos.\
  Sci.}, \textbf{68}, 2236--2249.
\end{thebibliography}
\end{document}
"""


def test_two_bibitems_stay_two_references_and_the_label_gives_the_year(project, cli):
    """AMS style ("Name, 2012: Title."): titles alike up to "Part I"/"Part II" must not merge."""
    tex = project / "reports" / "ams.tex"
    tex.write_text(AMS, encoding="utf-8")
    cli("ingest", str(tex))
    [claim] = _claims(cli)
    assert claim["references"] == ["Emanuel2012", "EmanuelRotunno2011"]
    refs = _refs(project)
    assert (refs["Emanuel2012"].date, refs["EmanuelRotunno2011"].date) == ("2012", "2011")
    assert refs["EmanuelRotunno2011"].authors == ["Emanuel, K.", "Rotunno, R."]


def test_a_broken_bbl_is_read_as_far_as_it_goes(project, cli):
    """Unbalanced braces, a macro without its arguments, a \\bibitem without a key: no traceback."""
    folder = project / "reports" / "broken"
    folder.mkdir()
    (folder / "main.tex").write_text(PAPER_BBL, encoding="utf-8")
    (folder / "main.bbl").write_text(
        "\\begin{thebibliography}{9}\n\\bibitem{aws_lambda} }}}{{\\bibinfo{x\n\\bibitem\n"
        "\\bibitem{moon1969} R. Moon, \\emph{Polarization, \\url{http://x.org/a%20b\n",
        encoding="utf-8",
    )
    result = cli("ingest", str(folder / "main.tex"))
    assert "Traceback" not in result.stdout + result.stderr
    claims = _claims(cli)
    assert [[c["found"] for c in claim["citations"]] for claim in claims] == [[True], [True]]
    assert _refs(project)["moon1969"].url == "http://x.org/a%20b"


def test_a_key_both_in_the_bib_and_in_thebibliography_is_one_reference(project, cli):
    folder = project / "reports" / "both"
    folder.mkdir()
    (folder / "main.tex").write_text(
        PAPER_BBL.replace("\\bibliography{references}", "\\bibliography{references}\n" + BBL_IEEE), "utf-8"
    )
    (folder / "references.bib").write_text(
        "@online{aws_lambda, title = {AWS Lambda}, url = {https://aws.amazon.com/lambda/}, year = {2024}}\n",
        encoding="utf-8",
    )
    cli("ingest", str(folder / "main.tex"))
    refs = _refs(project)
    assert sorted(refs) == ["aws_lambda", "moon1969"]  # no second reference for aws_lambda
    assert refs["aws_lambda"].title == "AWS Lambda"
    assert [e["key"] for e in _records(project, "both/main")["bibliography"]] == ["moon1969"]


def test_a_list_in_an_input_file_of_an_input_file(project, cli):
    """A thesis: main.tex inputs chapters/back.tex, which inputs chapters/refs.tex (paths from main's folder)."""
    folder = project / "reports" / "thesis"
    (folder / "chapters").mkdir(parents=True)
    (folder / "main.tex").write_text(
        "\\documentclass{report}\n\\begin{document}\n\\chapter{Intro}\n"
        "Serverless platforms bill per 100 ms of execution \\cite{aws_lambda}.\n"
        "\\input{chapters/back}\n\\end{document}\n",
        encoding="utf-8",
    )
    (folder / "chapters" / "back.tex").write_text("\\input{chapters/refs}\n", encoding="utf-8")
    (folder / "chapters" / "refs.tex").write_text(BBL_IEEE, encoding="utf-8")
    cli("ingest", str(folder / "main.tex"))
    [claim] = _claims(cli)
    assert [(c["key"], c["found"]) for c in claim["citations"]] == [("aws_lambda", True)]
    entries = _records(project, "thesis/main")["bibliography"]
    assert [(e["key"], e["line"], e["cited"]) for e in entries] == [
        ("aws_lambda", 5, True),
        ("moon1969", 5, False),
    ]
