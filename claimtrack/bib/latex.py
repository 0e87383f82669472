"""LaTeX in field values: decoded to plain Unicode on import, escaped again on export.

Decoding is pylatexenc's, taught the few macros bibliographies use that it
does not know (``\\TeX``, ``\\LaTeX``, ``\\url``, ``\\mkbibquote``,
``\\noopsort``, biblatex's ``\\hyphen``), so that no word of a title silently disappears.  Escaping
reuses the export's rules (``export/latex.py``) minus its curly quotes: a
straight quote stays straight, so titles do not change on a round trip.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..export.latex import _SPECIAL, _protect_part

_SPECIAL_RE = re.compile("[" + re.escape("".join(_SPECIAL)) + "]")
_NEEDS_DECODING = re.compile(r"[\\{}$~]|--|``|''")


@lru_cache(maxsize=1)
def _converter():
    from pylatexenc import latex2text, latexwalker, macrospec

    walker_db = latexwalker.get_default_latex_context_db()
    walker_db.add_context_category(
        "claimtrack-bib",
        prepend=True,
        macros=[
            macrospec.MacroSpec("url", "{"),
            macrospec.MacroSpec("href", "{{"),
            macrospec.MacroSpec("mkbibquote", "{"),
            macrospec.MacroSpec("noopsort", "{"),
            macrospec.MacroSpec("bibstring", "{"),
            macrospec.MacroSpec("hyphen", ""),
            macrospec.MacroSpec("hyph", ""),
            macrospec.MacroSpec("TeX", ""),
            macrospec.MacroSpec("LaTeX", ""),
            macrospec.MacroSpec("LaTeXe", ""),
            macrospec.MacroSpec("BibTeX", ""),
        ],
    )
    text_db = latex2text.get_default_latex_context_db()
    text_db.add_context_category(
        "claimtrack-bib",
        prepend=True,
        macros=[
            latex2text.MacroTextSpec("url", simplify_repl="%(1)s"),
            latex2text.MacroTextSpec("href", simplify_repl="%(2)s"),
            latex2text.MacroTextSpec("mkbibquote", simplify_repl="“%(1)s”"),
            latex2text.MacroTextSpec("noopsort", simplify_repl=""),
            latex2text.MacroTextSpec("bibstring", simplify_repl="%(1)s"),
            latex2text.MacroTextSpec("hyphen", simplify_repl="-"),
            latex2text.MacroTextSpec("hyph", simplify_repl="-"),
            latex2text.MacroTextSpec("TeX", simplify_repl="TeX"),
            latex2text.MacroTextSpec("LaTeX", simplify_repl="LaTeX"),
            latex2text.MacroTextSpec("LaTeXe", simplify_repl="LaTeX2e"),
            latex2text.MacroTextSpec("BibTeX", simplify_repl="BibTeX"),
        ],
    )
    converter = latex2text.LatexNodes2Text(latex_context=text_db, math_mode="text", strict_latex_spaces=True)
    return converter, walker_db


# \& \% \$ \# \_ kept aside while braces and dashes are handled, then put back as the characters
_PLACEHOLDER = {c: chr(0xE100 + i) for i, c in enumerate("&%$#_")}
_FROM_PLACEHOLDER = {ord(p): c for c, p in _PLACEHOLDER.items()}
_FROM_PLACEHOLDER_ESCAPED = {ord(p): "\\" + c for c, p in _PLACEHOLDER.items()}
_PLAIN_MARKUP = [("---", "\u2014"), ("--", "\u2013"), ("``", "\u201c"), ("''", "\u201d"), ("~", " "),
                 ("{", ""), ("}", "")]  # fmt: skip


# Accents as combining marks: {\"o}, \"{o}, \"o, {\v c}, \v{c}: the bulk of real libraries' LaTeX,
# decoded here so that pylatexenc (exact, but 50 times slower) only sees the rest.
_COMBINING = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
              ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
              "r": "\u030a"}  # fmt: skip
_ACCENT = re.compile(
    r"\{\\([\"'`^~=.])\s*\{?([A-Za-z])\}?\}|\\([\"'`^~=.])\s*\{([A-Za-z])\}|\\([\"'`^~=.])([A-Za-z])"
    r"|\{\\([uvHckr])\s+([A-Za-z])\}|\{\\([uvHckr])\{([A-Za-z])\}\}|\\([uvHckr])\{([A-Za-z])\}"
)
_ESCAPED = re.compile(r"\\([&%$#_])")


def _accent(match: re.Match[str]) -> str:
    groups = [g for g in match.groups() if g is not None]
    return unicodedata.normalize("NFC", groups[1] + _COMBINING[groups[0]])


@lru_cache(maxsize=65536)
def decode(value: str) -> str:
    """A field value as plain Unicode: accents, dashes, quotes and macros decoded, braces dropped."""
    if not _NEEDS_DECODING.search(value):
        return " ".join(value.split())
    if "\\" in value:
        value = _ESCAPED.sub(lambda m: _PLACEHOLDER[m.group(1)], _ACCENT.sub(_accent, value))
    if "\\" not in value and "$" not in value:
        # only case braces, dashes and quotes (most fields): what pylatexenc would give, 50 times faster
        for code, char in _PLAIN_MARKUP:
            value = value.replace(code, char)
        return " ".join(value.split()).translate(_FROM_PLACEHOLDER)
    from pylatexenc import latexwalker

    value = value.translate(_FROM_PLACEHOLDER_ESCAPED)

    converter, walker_db = _converter()
    # Our own escapes go through placeholders: pylatexenc reads some as look-alike characters.
    for n, code in enumerate(_SPECIAL.values()):
        value = value.replace(code, chr(0xE000 + n)) if code.endswith("{}") else value
    walker = latexwalker.LatexWalker(value, latex_context=walker_db, tolerant_parsing=True)
    nodes, _, _ = walker.get_latex_nodes()
    text = converter.nodelist_to_text(nodes)
    for n, (char, code) in enumerate(_SPECIAL.items()):
        text = text.replace(chr(0xE000 + n), char) if code.endswith("{}") else text
    return " ".join(text.replace("\u00a0", " ").split())


def escape(text: str) -> str:
    """``text`` with LaTeX's special characters made literal; Unicode is kept (biber reads UTF-8)."""
    return _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group(0)], " ".join(text.split()))


def protect_case(title: str) -> str:
    """A title escaped, every word after the first that has a capital braced.

    Styles and pandoc recase titles; the braces keep names and acronyms as
    the source wrote them (as ``export/latex.protect_case``, without curly quotes).
    """
    out = []
    for index, word in enumerate(escape(title).split(" ")):
        core = word.lstrip("[(“‘")  # "[The": the capital of a first word is the sentence's own
        if (index > 0 or any(c.isupper() for c in core[1:])) and "\\" not in word:
            word = "-".join(_protect_part(part) for part in word.split("-"))
        out.append(word)
    return " ".join(out)
