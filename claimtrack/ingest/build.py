"""From a parsed document to records: footnotes, references and claims.

This is where re-ingest keeps what people curated: a footnote whose text is
unchanged keeps the citekeys it had (so corrected reference fields stay
attached), a source already known anywhere in the project keeps its key and
its stored fields, and a claim keeps its id and review block when its text is
unchanged or only edited a little.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Optional, TypeVar

from pydantic import BaseModel, ValidationError

from .. import checkworthy
from ..keys import make_key
from ..model import (
    BibliographyEntry,
    Citation,
    CitationMode,
    CitationStyle,
    Claim,
    ClaimFile,
    Footnote,
    FootnoteKind,
    Location,
    Reference,
    Report,
)
from .document import CiteDraft, Document, Paragraph
from .markdown import plain, protect_markers, to_inline
from .notes import resolve_short
from .sentences import Sentence, split
from .sources import SourceDraft, parse_footnote

_CONTEXT = 40  # characters of text kept before and after a claim to find it again


def normalize_text(text: str) -> str:
    """Text compared for identity: quotes, dashes, case and spacing folded."""
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    return " ".join(text.casefold().split())


def _title_key(title: Optional[str]) -> str:
    return re.sub(r"[^\w]+", " ", normalize_text(title or "")).strip()


@dataclass
class References:
    """The project's references, and the ones this ingest adds."""

    existing: dict[str, Reference]
    new: list[Reference] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.taken = set(self.existing)
        self._identity: dict[tuple[str, str], str] = {}
        for ref in self.existing.values():
            self._identity.setdefault(self._ident(ref.url, ref.title, ref.container), ref.key)

    @staticmethod
    def _ident(url: Optional[str], title: Optional[str], container: Optional[str]) -> tuple[str, str]:
        # The exact URL and the title: two URLs that differ only by .htm/.html are kept
        # apart (one of them is wrong, and the audit must be able to say so), and so is
        # one URL cited under two titles.
        if url:
            return (url.strip(), _title_key(title))
        return ("", f"{_title_key(title)}|{_title_key(container)}")

    def resolve(self, draft: SourceDraft, preferred: Optional[str] = None, match: bool = True) -> str:
        """The key of the source: a known one with the same URL and title (unless ``match`` is
        False), else a new one (``preferred``, the document's own key for it, when no other
        source holds it)."""
        fields = {k: v for k, v in draft.fields.items() if v not in (None, "", [])}
        ident = self._ident(fields.get("url"), fields.get("title"), fields.get("container"))
        if preferred and not (fields.get("url") or fields.get("title")):
            ident = ("", f"key:{preferred}")  # nothing to tell it by: an entry of its own
        if match and ident in self._identity:
            return self._identity[ident]
        key = (
            preferred
            if preferred and preferred not in self.taken
            else make_key(
                authors=fields.get("authors", []),
                organization=fields.get("organization"),
                container=fields.get("container"),
                url=fields.get("url"),
                date=fields.get("date"),
                title=fields.get("title"),
                taken=self.taken,
            )
        )
        self.taken.add(key)
        self.new.append(lenient(Reference, {"key"}, key=key, **fields))
        self._identity.setdefault(ident, key)
        return key

    def known(self, key: str) -> bool:
        return key in self.existing or any(r.key == key for r in self.new)


M = TypeVar("M", bound=BaseModel)


def lenient(model: type[M], required: set[str], **fields: Any) -> M:
    """Build ``model`` from parsed fields, dropping any the parser got wrong.

    Text can say "February 31, 2020" or a URL path /2020/02/31/: a reference
    without that one field beats no record (or a traceback).
    """
    while True:
        try:
            return model(**fields)
        except ValidationError as exc:
            bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]} - required
            if not bad & set(fields):
                raise
            for name in bad:
                fields.pop(name, None)


def claim_id(report_id: str, text: str, occurrence: int = 0) -> str:
    seed = f"{report_id}\n{normalize_text(text)}" + (f"\n{occurrence}" if occurrence else "")
    return "c" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:10]


def build(
    doc: Document,
    report: Report,
    report_lines: list[str],
    refs: References,
    previous: Optional[ClaimFile],
) -> ClaimFile:
    bibliography, surnames = _bibliography(doc, refs, previous)
    entry_keys = [entry.key for entry in bibliography]
    cites = {
        label: [_citation(d, doc, entry_keys, refs) for d in drafts]
        for label, drafts in doc.citations.items()
    }
    # A footnote citing [@key] or [4]: those citations are its sources.
    in_notes = {
        note: [c for label in labels for c in cites.get(label, [])] for note, labels in doc.note_cites.items()
    }
    pinpoints: dict[str, dict[str, Optional[str]]] = {}  # note label -> key -> its own pinpoint
    footnotes = _footnotes(doc, refs, previous, in_notes, pinpoints)
    by_label = {f.label: f for f in footnotes}
    claims: list[Claim] = []
    for index, paragraph in enumerate(doc.paragraphs):
        claims.extend(
            _claims(
                paragraph,
                index,
                report,
                report_lines,
                by_label,
                surnames,
                doc.marker,
                cites,
                in_notes,
                pinpoints,
            )
        )
    used = {key for claim in claims for key in claim.references}
    for entry in bibliography:
        entry.cited = entry.key in used
    claims = _keep_curated(_unique_ids(claims, report.id), previous)
    return ClaimFile(report=report, footnotes=footnotes, bibliography=bibliography, claims=claims)


# -- footnotes --------------------------------------------------------------


def _footnotes(
    doc: Document,
    refs: References,
    previous: Optional[ClaimFile],
    in_notes: dict[str, list[Citation]],
    pinpoints: dict[str, dict[str, Optional[str]]],
) -> list[Footnote]:
    earlier = {normalize_text(f.text): f.references for f in (previous.footnotes if previous else [])}
    result: list[Footnote] = []
    full: list[tuple[dict[str, Any], str]] = []  # sources cited in full so far, for short notes
    noted: dict[str, list[tuple[dict[str, Any], str]]] = {}  # note label -> its sources, for "supra note 3"
    for definition in doc.footnotes:
        parsed = parse_footnote(definition.markdown)
        keys: list[str] = []
        kept = earlier.get(normalize_text(definition.markdown))
        if parsed.kind is FootnoteKind.IBID:
            keys = list(result[-1].references) if result else []
        elif kept and len(kept) == len(parsed.sources) and all(refs.known(k) for k in kept):
            keys = list(kept)  # unchanged footnote: keep its (possibly corrected) references
        else:
            keys = _note_keys(parsed.sources, refs, full, result[-1].references if result else [], noted)
            if len(keys) == len(parsed.sources) > 1:  # several sources: each keeps its own pinpoint
                pinpoints[definition.label] = {}
                for key, source in zip(keys, parsed.sources, strict=True):
                    pinpoints[definition.label].setdefault(key, source.locator)
        cited = [c.key for c in in_notes.get(definition.label, []) if c.found]
        if cited:
            keys = cited + keys
            if parsed.kind is FootnoteKind.NOTE:
                parsed.kind = FootnoteKind.SOURCE
        by_key = {key: fields for fields, key in full}
        noted[definition.label] = [(by_key.get(key, {}), key) for key in keys]
        result.append(
            Footnote(
                label=definition.label,
                line=definition.line,
                kind=parsed.kind,
                text=definition.markdown,
                references=list(dict.fromkeys(keys)),
                locator=parsed.locator,
            )
        )
    return result


def _note_keys(
    sources: list[SourceDraft],
    refs: References,
    full: list[tuple[dict[str, Any], str]],
    previous: list[str],
    noted: dict[str, list[tuple[dict[str, Any], str]]],
) -> list[str]:
    """A key for each source of a note; a short note gets the key of the full note it abbreviates.

    "Id." inside a note citing more is the previous note's last source; a short form of a work
    never cited in full ("Malone, *The Twentieth Century West*, 255.") becomes a reference of
    its own, with the names and title it gives, rather than being dropped.
    """
    keys = []
    for source in sources:
        short = source.short
        if short is not None:
            if short.ibid:
                key = previous[-1] if previous else None
            elif short.note is not None and noted.get(short.note):  # "supra note 3": a work of note 3
                key = resolve_short(short, noted[short.note]) or noted[short.note][0][1]
            else:
                key = resolve_short(short, full)
            if key is None and source.fields:  # it looked short, but it is the first citation of its work
                key = refs.resolve(source)
                full.append((source.fields, key))
            elif key is None and not short.ibid and (short.names or short.title):
                key = refs.resolve(SourceDraft({"authors": short.names, "title": short.title}))
            if key:
                keys.append(key)
            continue
        key = refs.resolve(source)
        full.append((source.fields, key))
        keys.append(key)
    return keys


def _bibliography(
    doc: Document, refs: References, previous: Optional[ClaimFile]
) -> tuple[list[BibliographyEntry], dict[str, str]]:
    earlier = {normalize_text(e.text): e.key for e in (previous.bibliography if previous else [])}
    entries: list[BibliographyEntry] = []
    surnames: dict[str, str] = {}  # surname -> key
    own: dict[str, str] = {}  # project key -> the \bibitem key it was given for
    for draft in doc.bibliography:
        key = earlier.get(normalize_text(draft.text))
        if not key or not refs.known(key):
            key = refs.resolve(SourceDraft(draft.fields), preferred=draft.key)
            if draft.key and own.get(key, draft.key) != draft.key:
                # two \bibitems of the list are two entries, even when their parsed fields agree
                key = refs.resolve(SourceDraft(draft.fields), preferred=draft.key, match=False)
        if draft.key:
            own.setdefault(key, draft.key)
        entries.append(BibliographyEntry(key=key, line=draft.line, text=draft.text, cited=False))
        for name in draft.surnames:
            surnames.setdefault(name, key)
    return entries, surnames


# -- claims -----------------------------------------------------------------


def _citation(draft: CiteDraft, doc: Document, entry_keys: list[str], refs: References) -> Citation:
    """A citation as written, pointed at its reference's project key."""
    if draft.style is CitationStyle.CITEKEY and draft.entry is None:
        key = doc.cite_keys.get(draft.key or "")
        found = key is not None
    else:
        key = entry_keys[draft.entry] if draft.entry is not None else None
        found = key is not None and refs.known(key)
    return Citation(
        key=key or draft.key or draft.label or "",
        style=draft.style,
        mode=draft.mode,
        locator=draft.locator,
        prefix=draft.prefix,
        suffix=draft.suffix,
        label=draft.label,
        found=found,
    )


def _note_citations(
    label: str, note: Optional[Footnote], inside: list[Citation], pinpoints: dict[str, Optional[str]]
) -> list[Citation]:
    """The citations a footnote marker stands for: the note's own ([@key, p. 3] inside it), then its sources."""
    if note is None:
        return []
    out = list(inside)  # each keeps its own label: the citekey or number written in the note
    rest = [k for k in note.references if not any(c.key == k for c in out)]
    locator = note.locator if len(rest) == 1 and not out else None
    return out + [
        Citation(key=k, style=CitationStyle.NOTE, label=label, locator=pinpoints.get(k, locator))
        for k in rest
    ]


def _claims(
    paragraph: Paragraph,
    index: int,
    report: Report,
    report_lines: list[str],
    footnotes: dict[str, Footnote],
    surnames: dict[str, str],
    marker: Optional[re.Pattern[str]],
    cites: dict[str, list[Citation]],
    in_notes: dict[str, list[Citation]],
    pinpoints: dict[str, dict[str, Optional[str]]],
) -> list[Claim]:
    inline = _inline(paragraph, marker)
    sentences = split(inline.text, inline.markers)
    claims = []
    for sentence in sentences:
        keys: list[str] = []
        citations: list[Citation] = []
        for label in sentence.markers:
            if label in cites:
                citations.extend(cites[label])
                keys.extend(c.key for c in cites[label] if c.found)
                continue
            note = footnotes.get(label)
            keys.extend(note.references if note else [])
            citations.extend(_note_citations(label, note, in_notes.get(label, []), pinpoints.get(label, {})))
        named = _named_sources(sentence.text, surnames)
        keys.extend(key for _, key in named)
        citations.extend(
            Citation(key=key, style=CitationStyle.AUTHOR_DATE, mode=CitationMode.AUTHOR_IN_TEXT, label=name)
            for name, key in named
            if not any(c.key == key for c in citations)
        )
        if not sentence.markers and not named and not checkworthy.assess(sentence.text).checkable:
            continue
        claims.append(
            Claim(
                id="",
                report=report.id,
                section=paragraph.section,
                text=sentence.text,
                footnotes=list(dict.fromkeys(m for m in sentence.markers if m not in cites)),
                references=list(dict.fromkeys(keys)),
                cited_as=list(dict.fromkeys(name for name, _ in named)),
                location=_location(sentence, inline.text, paragraph, index, report_lines),
                citations=citations,
            )
        )
    return claims


def _inline(paragraph: Paragraph, marker: Optional[re.Pattern[str]]) -> Any:
    source = protect_markers(paragraph.markdown, marker) if marker else paragraph.markdown
    return to_inline(source)


def split_ahead(doc: Document) -> None:
    """Split every paragraph as :func:`build` will (run in a worker, with sentences.recording)."""
    for paragraph in doc.paragraphs:
        inline = _inline(paragraph, doc.marker)
        split(inline.text, inline.markers)


def _named_sources(text: str, surnames: dict[str, str]) -> list[tuple[str, str]]:
    """Bibliography entries whose author the sentence names ("According to Waltz")."""
    found = []
    for name, key in surnames.items():
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            found.append((name, key))
    return found


def _location(
    sentence: Sentence,
    text: str,
    paragraph: Paragraph,
    index: int,
    report_lines: list[str],
) -> Location:
    line = _find_line(sentence.text, paragraph, report_lines)
    end_line = _find_line(sentence.text[-40:], paragraph, report_lines, last=True) or line
    return Location(
        line=line,
        end_line=max(line, end_line),
        paragraph=index,
        prefix=" ".join(text[max(0, sentence.start - _CONTEXT) : sentence.start].split()),
        suffix=" ".join(text[sentence.end : sentence.end + _CONTEXT].split()),
    )


def _find_line(fragment: str, paragraph: Paragraph, report_lines: list[str], last: bool = False) -> int:
    """The report line where a sentence starts (or ends): its words, searched in the paragraph's lines."""
    words = fragment.split()
    probe = " ".join(words[-4:] if last else words[:4])
    candidates = paragraph.lines or [paragraph.line]
    for number in reversed(candidates) if last else candidates:
        if probe and probe in " ".join(plain(report_lines[number - 1]).split()):
            return number
    return candidates[-1] if last else paragraph.line


def _unique_ids(claims: list[Claim], report_id: str) -> list[Claim]:
    seen: dict[str, int] = {}
    for claim in claims:
        norm = normalize_text(claim.text)
        occurrence = seen.get(norm, 0)
        seen[norm] = occurrence + 1
        claim.id = claim_id(report_id, claim.text, occurrence)
    return claims


def _keep_curated(claims: list[Claim], previous: Optional[ClaimFile]) -> list[Claim]:
    """Carry ids and reviews over from the last ingest; keep reviewed claims that vanished."""
    if previous is None:
        return claims
    old = {c.id: c for c in previous.claims}
    unmatched_new = []
    for claim in claims:
        if claim.id in old:
            claim.review = old.pop(claim.id).review
        else:
            unmatched_new.append(claim)
    # An edited sentence: the closest old claim of the same report, if close enough.
    for claim in unmatched_new:
        best, best_ratio = None, 0.0
        for candidate in old.values():
            matcher = difflib.SequenceMatcher(None, claim.text, candidate.text, autojunk=False)
            if matcher.real_quick_ratio() < 0.8 or matcher.quick_ratio() < 0.8:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
        if best is not None and best_ratio >= 0.8:
            claim.id, claim.review = best.id, best.review
            del old[best.id]
    ids = {c.id for c in claims}
    kept = [
        c.model_copy(update={"detached": True})
        for c in old.values()
        if c.review.is_curated and c.id not in ids
    ]
    return claims + kept
