"""Language tags: BCP-47 in the model, babel names in BibTeX ``langid``."""

from __future__ import annotations

from typing import Optional

BABEL = {
    "en": "english",
    "ru": "russian",
    "tr": "turkish",
    "fr": "french",
    "de": "german",
    "fa": "farsi",
    "az": "azerbaijani",
    "hy": "armenian",
    "ka": "georgian",
    "uk": "ukrainian",
    "es": "spanish",
    "pt": "portuguese",
    "it": "italian",
    "ar": "arabic",
    "zh": "chinese",
}
_FROM_BABEL = {name: tag for tag, name in BABEL.items()}
_FROM_BABEL.update({"american": "en", "british": "en", "UKenglish": "en", "USenglish": "en"})


def to_babel(tag: Optional[str]) -> Optional[str]:
    if not tag:
        return None
    return BABEL.get(tag.split("-")[0].lower(), tag)


def from_babel(name: Optional[str]) -> Optional[str]:
    if not name:
        return None
    return _FROM_BABEL.get(name.strip(), name.strip())
