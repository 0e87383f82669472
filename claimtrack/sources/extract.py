"""Readable text from a capture: trafilatura for HTML, pdfminer.six for PDF.

``main`` is the article (navigation, footers and boilerplate removed); ``full``
is all the visible text, kept because an extractor can drop a pull quote or a
table the claim cites, and a quotation that is on the page must never be
called missing.  The language is the one the page declares, else a guess
(py3langid) from its text.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from typing import Optional

from .metadata import Meta
from .warc import Response

# trafilatura and pdfminer log every odd page at WARNING; a capture is judged on its text.
for _name in ("trafilatura", "htmldate", "pdfminer", "charset_normalizer"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
_SOFT_HYPHEN = "\u00ad"


@dataclass
class SourceText:
    main: str
    full: str
    language: Optional[str] = None  # BCP-47 primary subtag: en, de, fr...
    language_source: str = ""  # "declared" or "guessed"
    kind: str = "html"  # html, pdf, text
    metadata: dict[str, tuple[str, str]] = field(default_factory=dict)  # field -> (value, where from)

    def as_dict(self) -> dict:
        return {
            "main": self.main,
            "full": self.full,
            "language": self.language,
            "language_source": self.language_source,
            "kind": self.kind,
            "metadata": {k: list(v) for k, v in self.metadata.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> SourceText:
        meta = {k: (v[0], v[1]) for k, v in (data.get("metadata") or {}).items()}
        return cls(
            main=data["main"],
            full=data["full"],
            language=data.get("language"),
            language_source=data.get("language_source", ""),
            kind=data.get("kind", "html"),
            metadata=meta,
        )


def _decode(body: bytes, charset: Optional[str]) -> str:
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(body).best()
        return str(best) if best is not None else body.decode("latin-1")


def is_pdf(response: Response) -> bool:
    return response.content_type == "application/pdf" or response.body[:5] == b"%PDF-"


def _tidy(text: str) -> str:
    text = text.replace(_SOFT_HYPHEN, "").replace("\r\n", "\n").replace("\x0c", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _pdf_text(body: bytes) -> str:
    from pdfminer.high_level import extract_text

    try:
        text = extract_text(io.BytesIO(body))
    except Exception:  # pdfminer raises many kinds on damaged or encrypted files: no text, not a crash
        return ""
    # A word broken across lines ("inter-\nnational") is one word again.
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    # Lines inside a paragraph are joined; blank lines separate paragraphs.
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n".join(p for p in paragraphs if p)


_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head")


def _visible_text(tree) -> str:
    """All the text a reader sees on the page, one text node a line (quotes may sit anywhere)."""
    import copy

    from lxml import etree

    body = copy.deepcopy(tree)
    etree.strip_elements(body, *_INVISIBLE, etree.Comment, with_tail=False)
    return "\n".join(t.strip() for t in body.itertext() if t.strip())


def _html_text(html: str, url: str) -> tuple[str, str, Meta]:
    """(main text, all visible text, metadata), the page parsed once."""
    import trafilatura

    from .metadata import html_metadata

    tree = trafilatura.load_html(html)
    if tree is None:
        return "", "", {}
    metadata = html_metadata(html, url, tree=tree)
    full = _visible_text(tree)
    # extract() prunes the tree it is given: it gets the tree last.
    main = trafilatura.extract(tree, url=url or None, include_comments=False, include_tables=True,
                               favor_recall=True, deduplicate=False)  # fmt: skip
    return _tidy(main or ""), _tidy(full), metadata


SURE = 0.9  # py3langid's normalised probability from which its guess beats a page's declaration
_IDENTIFIER: list = []


def _identifier():
    """py3langid with normalised probabilities (made once: loading the model takes 0.3 s)."""
    if not _IDENTIFIER:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _IDENTIFIER.append(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
    return _IDENTIFIER[0]


def guess_language(text: str) -> Optional[tuple[str, float]]:
    """(language, probability) of ``text`` by py3langid, when there is enough text to tell."""
    sample = text[:5000]
    if len(sample.split()) < 40:
        return None
    language, probability = _identifier().classify(sample)
    return language, float(probability)


def extract(response: Response) -> SourceText:
    """Text, language and metadata of a captured answer."""
    from .metadata import pdf_metadata

    if is_pdf(response):
        text = _tidy(_pdf_text(response.body))
        result = SourceText(main=text, full=text, kind="pdf", metadata=pdf_metadata(response.body))
    elif response.content_type in _HTML_TYPES or response.body.lstrip()[:1] == b"<":
        html = _decode(response.body, response.charset)
        main, full, metadata = _html_text(html, response.url)
        result = SourceText(main=main or full, full=full, kind="html", metadata=metadata)
    else:
        text = _tidy(_decode(response.body, response.charset))
        result = SourceText(main=text, full=text, kind="text")
    # A sure guess from the text wins over a declaration (templates often declare the
    # site's default language on every page); an unsure one (code, tables, names) does not.
    guessed = guess_language(result.main or result.full)
    declared = result.metadata.get("language")
    if guessed and (guessed[1] >= SURE or not declared):
        result.language, result.language_source = guessed[0], "guessed from the text"
    elif declared:
        result.language = declared[0].replace("_", "-").split("-")[0].lower()
        result.language_source = f"declared ({declared[1]})"
    return result
