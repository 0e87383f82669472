"""A LaTeX ``thebibliography`` list, item by item: key, label, plain text and URLs.

What authors write by hand and what bibtex writes into a ``.bbl`` (plain,
IEEEtran, natbib's author-year styles, REVTeX's apsrev) is the same
environment::

    \\begin{thebibliography}{99}
    \\bibitem{key} A.~Author, ``Title,'' \\emph{Journal}, 2019. \\url{https://...}
    \\bibitem[Smith et~al.(2019)]{smith19} Smith, J. ... \\newblock ...
    \\end{thebibliography}

The width argument (``{99}``) and whatever a style puts before the first
``\\bibitem`` (``\\providecommand``\\s) are not entries.  Each entry's LaTeX
becomes plain text with pylatexenc, taught the macros bibliography styles
use (``\\newblock``, ``\\bibinfo{field}{value}``, ``\\BibitemShut``, ...);
italics are marked ``\\x01...\\x02`` for the reference-string parser, and
the arguments of ``\\url``, ``\\href`` and ``\\doi`` are taken out before
any decoding, so URLs and DOIs stay exactly as written (``%`` and ``_``
inside them included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional

EM_OPEN, EM_CLOSE = "\x01", "\x02"  # italics, as refstrings.parse reads them
_SLOT = "\ue300{}\ue301"  # a URL or DOI taken out of the text, by number
_SLOT_RE = re.compile("\ue300(\\d+)\ue301")
_VERBATIM_ARG = re.compile(r"\\(url|nolinkurl|path|href|doi|Eprint|eprint)\s*(?=\{)")
_BEGIN = re.compile(r"\\begin\s*\{thebibliography\}")
_END = re.compile(r"\\end\s*\{thebibliography\}")
_BIBITEM = re.compile(r"\\bibitem(?![A-Za-z@])\s*")
_SWITCH = re.compile(r"\{\\(?:em|it|itshape|sl|slshape)(?![A-Za-z])\s*")  # {\em X} is \emph{X}
_PLAIN_SWITCH = re.compile(
    r"\{\\(?:bf|bfseries|sc|scshape|rm|sf|tt|upshape|small|footnotesize)(?![A-Za-z])\s*"
)
_URL_ESCAPES = re.compile(r"\\([#%_&~$])")


@dataclass
class Item:
    """One ``\\bibitem``: its key, optional label (``[12]``, ``[Smith et~al.(2019)]``) as text, its text."""

    key: str
    label: Optional[str]
    text: str  # plain text, italics marked with EM_OPEN/EM_CLOSE
    urls: list[str] = field(default_factory=list)  # from \url and \href, exactly as written
    dois: list[str] = field(default_factory=list)  # from \doi
    offset: int = 0  # of the \bibitem in the text it was read from
    # Fields the style tagged itself (REVTeX, ACM, natbib's "tagged" styles): \bibinfo{title}{...},
    # \showarticletitle{...}; plain text by field name, in order.
    tagged: dict[str, list[str]] = field(default_factory=dict)


def strip_comments(text: str) -> str:
    """The text without ``% comments`` (line breaks kept, so line numbers stay); ``\\%`` and the
    arguments of ``\\url``/``\\href`` (where ``%`` is a character) untouched."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\":
            verbatim = _VERBATIM_ARG.match(text, i)
            if verbatim:
                end = match_brace(text, verbatim.end())
                out.append(text[i:end])
                i = end
                continue
            out.append(text[i : i + 2])
            i += 2
            continue
        if char == "%":
            newline = text.find("\n", i)
            i = n if newline < 0 else newline
            continue
        out.append(char)
        i += 1
    return "".join(out)


def match_brace(text: str, start: int) -> int:
    """The index just past the group opening at ``text[start] == "{"`` (or the end of the text)."""
    depth = 0
    i = start
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def _match_bracket(text: str, start: int) -> int:
    """Past the ``[...]`` opening at ``start`` (braces inside may hold brackets)."""
    i = start + 1
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "{":
            i = match_brace(text, i)
            continue
        if char == "]":
            return i + 1
        i += 1
    return len(text)


def environments(text: str) -> list[tuple[int, str]]:
    """(offset of the body, body) of every ``thebibliography`` in a comment-free text."""
    found = []
    for begin in _BEGIN.finditer(text):
        start = begin.end()
        rest = text[start:].lstrip()
        if rest.startswith("{"):  # the width argument: {99}, {10}, {Smith 2019}
            start = len(text) - len(rest)
            start = match_brace(text, start)
        end = _END.search(text, start)
        found.append((start, text[start : end.start() if end else len(text)]))
    return found


def items(body: str, offset: int = 0) -> list[Item]:
    """The ``\\bibitem``\\s of one environment's body (its preamble of definitions dropped)."""
    starts = [m for m in _BIBITEM.finditer(body)]
    out = []
    for n, match in enumerate(starts):
        end = starts[n + 1].start() if n + 1 < len(starts) else len(body)
        i = match.end()
        label = None
        if body.startswith("[", i):
            close = _match_bracket(body, i)
            label = body[i + 1 : close - 1]
            i = close
            while i < end and body[i].isspace():
                i += 1
        if not body.startswith("{", i):
            continue  # \bibitem with no key: not something a \cite can name
        close = match_brace(body, i)
        key = " ".join(body[i + 1 : close - 1].split())
        if not key:
            continue
        item = convert(body[close:end])
        item.key, item.offset = key, offset + match.start()
        item.label = _label_text(label) if label is not None else None
        out.append(item)
    return out


_AUTHORYEAR = re.compile(r"\\citeauthoryear\s*(?=\{)")


def _label_text(label: str) -> Optional[str]:
    """A label as text; AAAI's ``\\citeauthoryear{names}{year}`` and apacite's
    ``{short}{long}{year}`` written as natbib's "short(year)long"."""
    found = _AUTHORYEAR.search(label)
    if found:
        groups, i = [], found.end()
        while len(groups) < 3 and i < len(label) and label[i] == "{":
            end = match_brace(label, i)
            groups.append(label[i + 1 : end - 1])
            i = end
            while i < len(label) and label[i].isspace():
                i += 1
        if len(groups) >= 2:
            label = f"{groups[0]}({groups[-1]}){groups[1] if len(groups) == 3 else ''}"
    text = convert(label).text.replace(EM_OPEN, "").replace(EM_CLOSE, "")
    return " ".join(text.split()) or None


def convert(latex: str) -> Item:
    """One entry's LaTeX as plain text, its URLs and DOIs kept aside exactly."""
    slots: list[tuple[str, str]] = []  # (kind, value)

    def slot(kind: str, value: str) -> str:
        slots.append((kind, value))
        return _SLOT.format(len(slots) - 1)

    latex = latex.replace("\\doibase", "https://doi.org/")
    latex = re.sub(r"\\href@noop\s*\{\s*\}", "", latex)  # REVTeX: a link with no target
    out: list[str] = []
    i = 0
    while i < len(latex):
        match = _VERBATIM_ARG.search(latex, i)
        if not match:
            out.append(latex[i:])
            break
        out.append(latex[i : match.start()])
        end = match_brace(latex, match.end())
        close = end - 1 if latex[end - 1] == "}" else end  # an unclosed brace: the rest is the URL
        value = _URL_ESCAPES.sub(r"\1", " ".join(latex[match.end() + 1 : close].split()))
        value = value.replace(" ", "")
        name = match.group(1)
        if name == "doi":
            out.append(slot("doi", value))
        elif name in ("href", "Eprint"):
            out.append(slot("link", value))  # the visible text is the next argument, read as text
        elif name == "eprint":
            out.append(slot("text", value))
        else:
            out.append(slot("url", value))
        i = end
    source = "".join(out)
    source = _SWITCH.sub(r"\\emph{", source)
    source = _PLAIN_SWITCH.sub("{", source)
    text = to_text(source)
    tagged = _tagged(source, slots)
    urls, dois = [], []

    def put_back(match: re.Match[str]) -> str:
        kind, value = slots[int(match.group(1))]
        if kind == "url":
            urls.append(value)
            return value
        if kind == "link":
            urls.append(value)
            return ""
        if kind == "doi":
            dois.append(value)
            return f"doi:{value}"
        return value

    text = _SLOT_RE.sub(put_back, text)
    text = " ".join(text.replace("\u00a0", " ").split())
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)  # a style's empty slot: apacite's "()" for no volume
    text = re.sub(r"\s+([.,;:])", r"\1", text)
    text = re.sub(r"([,;])(?:\s*[,;])+", r"\1", text)
    text = re.sub(r"[,;]\s*\.", ".", text)
    text = re.sub(rf"{EM_OPEN}\s*{EM_CLOSE}", "", text)
    return Item(key="", label=None, text=text.strip(), urls=urls, dois=dois, tagged=tagged)


_TAG = re.compile(r"\\(?:bibinfo\s*\{\s*(?P<name>[\w-]+)\s*\}|(?P<title>showarticletitle))\s*(?=\{)")


def _tagged(source: str, slots: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The values a style tagged with ``\\bibinfo{field}{value}`` (and ACM's ``\\showarticletitle``)."""
    found: dict[str, list[str]] = {}
    for match in _TAG.finditer(source):
        end = match_brace(source, match.end())
        value = to_text(source[match.end() + 1 : end - 1])
        value = _SLOT_RE.sub(lambda m: slots[int(m.group(1))][1], value)
        value = " ".join(value.replace(EM_OPEN, "").replace(EM_CLOSE, "").replace("\u00a0", " ").split())
        if value:
            found.setdefault(match.group("name") or "title", []).append(value.strip(" ,."))
    return found


def to_text(latex: str) -> str:
    """LaTeX to plain text with pylatexenc, the bibliography macros known."""
    from pylatexenc import latexwalker

    converter, walker_db = _converter()
    try:
        walker = latexwalker.LatexWalker(latex, latex_context=walker_db, tolerant_parsing=True)
        nodes, _, _ = walker.get_latex_nodes()
        return str(converter.nodelist_to_text(nodes))
    except (latexwalker.LatexWalkerError, RecursionError, IndexError, KeyError, TypeError, ValueError):
        # LaTeX pylatexenc cannot read even tolerantly: its words, without the markup
        return re.sub(r"\\[A-Za-z@]+\*?|[{}$]", " ", latex)


# macro -> (arguments, text): "%(n)s" is the n-th argument's text
_MACROS: dict[str, tuple[str, str]] = {
    "newblock": ("", " "),
    "emph": ("{", EM_OPEN + "%(1)s" + EM_CLOSE),
    "textit": ("{", EM_OPEN + "%(1)s" + EM_CLOSE),
    "textsl": ("{", EM_OPEN + "%(1)s" + EM_CLOSE),
    "mkbibemph": ("{", EM_OPEN + "%(1)s" + EM_CLOSE),
    "enquote": ("{", "“%(1)s”"),
    "mkbibquote": ("{", "“%(1)s”"),
    "bibinfo": ("{{", "%(2)s"),  # \bibinfo{author}{J. Smith}: natbib, apsrev
    "bibfield": ("{{", "%(2)s"),
    "bibnamefont": ("{", "%(1)s"),
    "bibfnamefont": ("{", "%(1)s"),
    "citenamefont": ("{", "%(1)s"),
    "natexlab": ("{", "%(1)s"),
    "BIBforeignlanguage": ("{{", "%(2)s"),
    "foreignlanguage": ("[{{", "%(3)s"),
    "selectlanguage": ("{", ""),
    "BibitemShut": ("{", ""),
    "BibitemOpen": ("", ""),
    "bibitemStop": ("", ""),
    "bibitemNoStop": ("", ""),
    "EOS": ("", ""),
    "BIBentryALTinterwordspacing": ("", ""),
    "BIBentrySTDinterwordspacing": ("", ""),
    "BIBdecl": ("", ""),
    "urlprefix": ("", ""),
    "urlstyle": ("{", ""),
    "bibAnnoteFile": ("{", ""),
    "bibAnnote": ("{{", ""),
    "penalty": ("", ""),
    "allowbreak": ("", ""),
    "relax": ("", ""),
    "bibstring": ("{", "%(1)s"),
    "textsc": ("{", "%(1)s"),
    "textbf": ("{", "%(1)s"),
    "textrm": ("{", "%(1)s"),
    "textsf": ("{", "%(1)s"),
    "texttt": ("{", "%(1)s"),
    "textup": ("{", "%(1)s"),
    "textnormal": ("{", "%(1)s"),
    "mbox": ("{", "%(1)s"),
    "hbox": ("{", "%(1)s"),
    "hyphen": ("", "-"),
    "TeX": ("", "TeX"),
    "LaTeX": ("", "LaTeX"),
    "BibTeX": ("", "BibTeX"),
    "noopsort": ("{", ""),
    "etalchar": ("{", "%(1)s"),
    # apacite: its .bbl is macros for every piece of an APA entry
    "APACinsertmetastar": ("{", ""),
    "APACrefYearMonthDay": ("{{{", "(%(1)s)"),
    "APACrefYear": ("{", "(%(1)s)"),
    "APACyear": ("{", "%(1)s"),
    "APACrefatitle": ("{{", "%(1)s"),
    "APACrefbtitle": ("{{", EM_OPEN + "%(1)s" + EM_CLOSE),
    "APACrefaetitle": ("{{", "[%(1)s]"),
    "APACrefbetitle": ("{{", "[%(1)s]"),
    "APACjournalVolNumPages": ("{{{{", EM_OPEN + "%(1)s" + EM_CLOSE + ", %(2)s(%(3)s), %(4)s"),
    "APACaddressPublisher": ("{{", "%(1)s: %(2)s"),
    "APACaddressInstitution": ("{{", "%(1)s: %(2)s"),
    "APACaddressSchool": ("{{", "%(1)s: %(2)s"),
    "APACrefnote": ("{", "%(1)s"),
    "APACmonth": ("{", "%(1)s"),
    "PrintBackRefs": ("{", ""),
    "CurrentBib": ("", ""),
    "BBA": ("", "&"),
    "BBAA": ("", "&"),
    "BBAB": ("", "and"),
    "BCBT": ("", ","),
    "BCBL": ("", ","),
    "BBOQ": ("", "“"),
    "BBCQ": ("", "”"),
    "BBOP": ("", "("),
    "BBCP": ("", ")"),
    "BIn": ("", "In"),
    "BPGS": ("", "pp."),
    "BPG": ("", "p."),
    "BEd": ("", "Ed."),
    "BEds": ("", "Eds."),
    "BED": ("", "Ed."),
    "BEDS": ("", "Eds."),
    "BOthers": ("{", "et al."),
    "BOthersPeriod": ("{", "et al."),
    "BNUM": ("", "No."),
    "BVOL": ("", "Vol."),
    "BVOLS": ("", "Vols."),
    "BTR": ("", "Tech. Rep."),
    "BCHAP": ("", "chap."),
    "BRetrievedFrom": ("", "Retrieved from"),
    "BAvailFrom": ("", "Available from"),
    "BPhD": ("", "Doctoral dissertation"),
    "BMTh": ("", "Master's thesis"),
    "Bby": ("", "by"),
    "BPBI": ("", ". "),
    "BCnt": ("{", ""),  # apacite's disambiguation letter (2016a): the label has it
    "unskip": ("", ""),
    "protect": ("", ""),
}


@lru_cache(maxsize=1)
def _converter() -> tuple[Any, Any]:
    from pylatexenc import latex2text, latexwalker, macrospec

    walker_db = latexwalker.get_default_latex_context_db()
    walker_db.add_context_category(
        "claimtrack-bibitems",
        prepend=True,
        macros=[macrospec.MacroSpec(name, args) for name, (args, _) in _MACROS.items()],
    )
    text_db = latex2text.get_default_latex_context_db()
    text_db.add_context_category(
        "claimtrack-bibitems",
        prepend=True,
        macros=[latex2text.MacroTextSpec(name, simplify_repl=repl) for name, (_, repl) in _MACROS.items()],
    )
    converter = latex2text.LatexNodes2Text(
        latex_context=text_db, math_mode="text", strict_latex_spaces=True, keep_comments=False
    )
    return converter, walker_db
