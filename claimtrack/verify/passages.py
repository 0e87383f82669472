"""A source cut into passages, ranked against a claim with BM25 (bm25s).

A passage is a paragraph of the extracted text; a long paragraph is cut at
sentence ends into pieces of about ``MAX_WORDS`` words, and a short line (a
heading, a caption) is joined to what follows, so each passage can carry a
claim on its own.  Terms are Snowball stems (PyStemmer) in the text's
language, cut to six letters: "burned" meets "burning", "dropped" meets
"drops" (the stemmer's work) and "supplier" meets "supplied" (the cut's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Optional

from .text import Doc, words

MAX_WORDS = 90
MIN_WORDS = 12
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[\"\u201c(\[]?[A-Z\u0400-\u042f0-9])")


_STEMMER_NAMES = {
    "en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian", "pt": "portuguese",
    "nl": "dutch", "ru": "russian", "tr": "turkish", "sv": "swedish", "da": "danish", "no": "norwegian",
}  # fmt: skip
_STEMMERS: dict[str, object] = {}


def stemmer(language: Optional[str] = "en"):
    """The Snowball stemmer of ``language`` (English for one it lacks), made once."""
    key = (language or "en")[:2]
    if key not in _STEMMERS:
        import Stemmer

        _STEMMERS[key] = Stemmer.Stemmer(_STEMMER_NAMES.get(key, "english"))
    return _STEMMERS[key]


STEM_LETTERS = 6


def stem(word: str, language: Optional[str] = "en") -> str:
    return stemmer(language).stemWord(word)[:STEM_LETTERS]  # type: ignore[attr-defined]


def _stopwords(language: Optional[str]) -> frozenset[str]:
    import bm25s.stopwords as lists

    table = {
        "en": lists.STOPWORDS_EN_PLUS,
        "de": lists.STOPWORDS_GERMAN,
        "fr": lists.STOPWORDS_FRENCH,
        "es": lists.STOPWORDS_SPANISH,
        "it": lists.STOPWORDS_ITALIAN,
        "pt": lists.STOPWORDS_PORTUGUESE,
        "nl": lists.STOPWORDS_DUTCH,
        "ru": lists.STOPWORDS_RUSSIAN,
        "tr": lists.STOPWORDS_TURKISH,
    }
    return frozenset(table.get((language or "en")[:2], lists.STOPWORDS_EN_PLUS))


_STOP_CACHE: dict[str, frozenset[str]] = {}


def stopwords(language: Optional[str]) -> frozenset[str]:
    key = (language or "en")[:2]
    if key not in _STOP_CACHE:
        _STOP_CACHE[key] = _stopwords(key)
    return _STOP_CACHE[key]


# Words of a figure's notation: "percent" in a claim is "%" in many sources; the figure is compared apart.
UNIT_WORDS = frozenset(
    "percent per cent pct percentage points point thousand million billion trillion bn mn tn "
    "dollars dollar usd euros euro eur pounds gbp".split()
)


# The report's own words around what a source says ("X said", "according to"): a source
# rarely says them of itself, so they are no test of whether it carries the claim.
ATTRIBUTION_WORDS = frozenset(
    "said says say told tells tell argued argues noted notes wrote writes added adds called calls insisted "
    "insists claimed claims stated states explained explains described describes asked asks reported reports "
    "according warned warns announced announces acknowledged admitted suggested suggests".split()
)


def key_terms(text: str, language: Optional[str] = "en") -> list[str]:
    """The stems of a claim's content words: no stop words, numbers, units, attribution verbs
    or one-letter words."""
    stop = stopwords(language)
    seen: dict[str, None] = {}
    for word in words(text):
        if len(word) < 3 or word in stop or word in UNIT_WORDS or word in ATTRIBUTION_WORDS or word.isdigit():
            continue
        seen.setdefault(stem(word, language), None)
    return list(seen)


@dataclass
class Passage:
    first: int  # index of its first word in the Doc
    last: int  # index of its last word (inclusive)
    text: str  # the original text


def _pieces(paragraph: str) -> list[str]:
    sentences = _SENTENCE_END.split(paragraph)
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for sentence in sentences:
        count = len(sentence.split())
        if current and size + count > MAX_WORDS:
            pieces.append(" ".join(current))
            current, size = [], 0
        current.append(sentence)
        size += count
    if current:
        pieces.append(" ".join(current))
    return pieces


def split(text: str) -> list[str]:
    """The passages of ``text`` (paragraphs are lines), as strings."""
    out: list[str] = []
    carry = ""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if carry:
            line = f"{carry} {line}"
            carry = ""
        if len(line.split()) < MIN_WORDS:
            carry = line
            continue
        out.extend(_pieces(line))
    if carry:
        if out and len(out[-1].split()) + len(carry.split()) <= MAX_WORDS * 1.5:
            out[-1] = f"{out[-1]} {carry}"
        else:
            out.append(carry)
    return out


class Passages:
    """The passages of one source text, their word ranges in its Doc, and a BM25 index."""

    def __init__(self, text: str, language: Optional[str] = "en") -> None:
        self.language = language
        self.items: list[Passage] = []
        self.doc = Doc(text="")
        pieces = split(text)
        joined = "\n".join(pieces)
        self.doc = Doc.of(joined)
        word = 0
        for piece in pieces:
            count = len(words(piece))
            if count:
                self.items.append(Passage(first=word, last=word + count - 1, text=piece))
            word += count

    @cached_property
    def stems(self) -> list[set[str]]:
        return [set(words_) for words_ in self._stemmed]

    @cached_property
    def _stemmed(self) -> list[list[str]]:
        stems = [w[:STEM_LETTERS] for w in stemmer(self.language).stemWords(self.doc.words)]  # type: ignore[attr-defined]
        return [stems[p.first : p.last + 1] for p in self.items]

    @cached_property
    def _bm25(self):
        import bm25s

        corpus = self._stemmed
        index = bm25s.BM25()
        index.index(corpus, show_progress=False)
        return index

    def scores(self, terms: list[str]) -> list[float]:
        """BM25 score of every passage for the query ``terms`` (stems)."""
        if not self.items or not terms:
            return [0.0] * len(self.items)
        return [float(s) for s in self._bm25.get_scores(terms)]

    def ranked(self, terms: list[str], limit: int = 5) -> list[int]:
        scores = self.scores(terms)
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        return [i for i in order[:limit] if scores[i] > 0]

    def coverage(self, index: int, terms: list[str]) -> float:
        """The share of ``terms`` that passage ``index`` contains."""
        if not terms:
            return 0.0
        have = self.stems[index]
        return sum(1 for t in terms if t in have) / len(terms)

    @cached_property
    def all_stems(self) -> set[str]:
        return set().union(*self.stems) if self.stems else set()

    def coverage_around(self, index: int, terms: list[str], reach: int = 1) -> float:
        """The share of ``terms`` that passage ``index`` and its neighbours contain together."""
        if not terms:
            return 0.0
        have: set[str] = set()
        for i in range(max(0, index - reach), min(len(self.items), index + reach + 1)):
            have |= self.stems[i]
        return sum(1 for t in terms if t in have) / len(terms)

    def containing(self, word: int) -> int:
        """The passage holding word ``word`` of the Doc."""
        for index, passage in enumerate(self.items):
            if passage.first <= word <= passage.last:
                return index
        return max(0, len(self.items) - 1)
