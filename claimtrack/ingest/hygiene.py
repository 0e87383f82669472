"""Source text that is never report text, taken out before a text format is read.

Template syntax (Liquid/Jekyll ``{{ site.url }}`` and ``{% ... %}``, with the
code inside ``{% highlight %}`` / ``{% raw %}`` / ``{% comment %}`` blocks) and
kramdown's attribute lists and extensions (``{:toc}``, ``{:start="3"}``,
``{::comment}``) are blanked out; lines are kept, so line numbers stay true.
R Markdown and Quarto code chunks (```` ```{r, echo=FALSE} ````) get a plain
fence (```` ```r ````): pandoc does not know the chunk syntax, so without this
the code is read as text and the text after it can be swallowed.
"""

from __future__ import annotations

import re

import yaml

_BLOCKS = re.compile(
    r"\{%-?\s*(highlight|raw|comment)\b.*?%\}.*?\{%-?\s*end\1\s*-?%\}"
    r"|\{::(comment|nomarkdown)\}.*?\{:/\2?\}",
    re.S,
)
_INLINE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{::?[^}\n]*\}")


# ```{r}, ```{python label, echo=FALSE}, ~~~{julia}: knitr/Quarto chunk headers
_CHUNK_FENCE = re.compile(
    r"^([ \t]{0,3}(?:`{3,}|~{3,}))[ \t]*\{[ \t]*([A-Za-z][\w+-]*)\b[^}\n]*\}[ \t]*$", re.M
)


def _blank(match: re.Match[str]) -> str:
    return "\n" * match.group(0).count("\n")


def strip_templates(text: str) -> str:
    text = _CHUNK_FENCE.sub(r"\1\2", text)
    return _INLINE.sub("", _BLOCKS.sub(_blank, text))


def front_matter(text: str) -> tuple[dict[str, object], str]:
    """YAML front matter (values as written) and the text with it blanked out."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            try:
                # BaseLoader: every value stays the text written ("2021-13-01" is not a crash)
                meta = yaml.load("\n".join(lines[1:end]), Loader=yaml.BaseLoader) or {}
            except yaml.YAMLError:
                return {}, text
            if not isinstance(meta, dict):
                return {}, text
            return meta, "\n" * end + "\n" + "\n".join(lines[end + 1 :])
    return {}, text
