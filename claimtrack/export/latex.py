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
}
_SPECIAL_RE = re.compile("[" + re.escape("".join(_SPECIAL)) + "]")


def escape(text: str) -> str:
    """``text`` with LaTeX's special characters made literal; Unicode is kept (biber reads UTF-8)."""
    return _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group(0)], " ".join(text.split()))


def protect_case(title: str) -> str:
    """Escape a title and brace every word after the first that has a capital.

    BibTeX styles and pandoc lower-case titles to sentence case; the braces
    keep names and acronyms ("Karabakh", "NATO") as the source wrote them.
    """
    words = escape(title).split(" ")
    out = []
    for index, word in enumerate(words):
        if index > 0 and any(c.isupper() for c in word) and "\\" not in word:
            # punctuation stays outside: "{Relations}:" not "{Relations:}"
            core = re.match(r"^([\"'“‘(\[]*)(.*?)([.,:;!?”’'\")\]]*)$", word)
            lead, middle, tail = core.groups() if core else ("", word, "")
            word = f"{lead}{{{middle}}}{tail}" if middle else word
        out.append(word)
    return " ".join(out)


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
