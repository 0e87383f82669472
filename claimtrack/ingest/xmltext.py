"""Taking elements out of an lxml tree without losing the text that follows them.

In lxml the text after an element is that element's ``tail``: removing the
element naively removes that text too.  The HTML and ODT readers use these.
"""

from __future__ import annotations

from typing import Any


def remove(el: Any) -> None:
    """Remove an element, keeping the text after it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail or ""
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


def replace_with_text(el: Any, text: str) -> None:
    """Put ``text`` where the element was."""
    el.tail = text + (el.tail or "")
    remove(el)
