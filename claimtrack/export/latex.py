"""LaTeX-safe field values for BibTeX and biblatex, and the way back.

Values are stored as plain Unicode; on export every field except a URL is
escaped here.  URLs are written raw: biber and ``\\url`` read them verbatim,
and an escaped ``%`` or ``_`` would become part of the link.
"""

from __future__ import annotations

import re

# Characters with a meaning in LaTeX, and how to write them literally.
_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    # a straight double quote stays one: pandoc's reader would turn pairs into
    # nested quotation marks that no other format has
    '"': r"\textquotedbl{}",
}
_SPECIAL_RE = re.compile("[" + re.escape("".join(_SPECIAL)) + "]")


_QUOTED = re.compile(r'"([^"]*)"')
# 'x' as a quotation, not an apostrophe: no letter before the opening one or after the closing one
_SINGLE_QUOTED = re.compile(r"(?<!\w)'(?=\S)([^']*?)(?<=\S)'(?!\w)")


def curly_quotes(text: str) -> str:
    """Paired straight quotes as “ ” and ‘ ’.

    Every consumer then reads the same characters: pandoc's biblatex reader
    and CSL processors would otherwise each make their own quotations of
    them, differently, and babel makes a bare ``"`` a shorthand in some languages.
    """
    return _SINGLE_QUOTED.sub("‘\\1’", _QUOTED.sub("“\\1”", text))


def escape(text: str) -> str:
    """``text`` with LaTeX's special characters made literal; Unicode is kept (biber reads UTF-8).

    Straight double quotes in pairs become “ ” (see ``curly_quotes``).
    """
    return _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group(0)], curly_quotes(" ".join(text.split())))


def protect_case(title: str) -> str:
    """Escape a title and brace every word after the first that has a capital.

    BibTeX styles and pandoc lower-case titles to sentence case; the braces
    keep names and acronyms ("Karabakh", "NATO") as the source wrote them.
    """
    words = escape(title).split(" ")
    out = []
    for index, word in enumerate(words):
        # the first word keeps its capital anyway; "NATO" or "iPhone" there still needs braces
        if (index > 0 or any(c.isupper() for c in word[1:])) and "\\" not in word:
            # each part of "Russian-brokered" on its own; punctuation stays outside the braces
            word = "-".join(_protect_part(part) for part in word.split("-"))
        out.append(word)
    return " ".join(out)


def _protect_part(part: str) -> str:
    if not any(c.isupper() for c in part):
        return part
    core = re.match(r"^([“‘(\[]*)(.*?)([.,:;!?”’')\]]*)$", part)
    lead, middle, tail = core.groups() if core else ("", part, "")
    return f"{lead}{{{middle}}}{tail}" if middle else part


def to_unicode(value: str) -> str:
    """A field value from a .bib file as plain Unicode: accents decoded, case braces dropped."""
    if not re.search(r"[\\{}$~]", value):
        return " ".join(value.split())
    from pylatexenc.latex2text import LatexNodes2Text

    # Our own escapes go through placeholders: pylatexenc reads them as
    # look-alike characters (U+02C6 for a caret).
    for n, code in enumerate(_SPECIAL.values()):
        value = value.replace(code, chr(0xE000 + n)) if code.endswith("{}") else value
    # math_mode="verbatim" keeps a stray "$" as written; "~" is a no-break space.
    text = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True).latex_to_text(value)
    for n, (char, code) in enumerate(_SPECIAL.items()):
        text = text.replace(chr(0xE000 + n), char) if code.endswith("{}") else text
    return " ".join(text.replace("\u00a0", " ").split())
