"""``claimtrack verify``: every cited claim against each of its captured sources."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Optional

from ..errors import InputError
from ..sources import store, texts
from ..sources.settings import captures_dir
from . import drift
from . import readable as readable_text
from .judge import judge
from .results import DriftOut, Result, VerifyResults
from .source import Source


class _Sources:
    """Captured texts, read once per run and shared by the claims citing them."""

    def __init__(self, root: Path, captures: Path) -> None:
        self.root, self.captures = root, captures
        self._cache: dict[str, Optional[Source]] = {}
        self.problems: dict[str, str] = {}  # capture file -> why it could not be read

    def get(self, capture: store.Capture) -> Optional[Source]:
        file = capture.file or ""
        if file not in self._cache:
            text = None
            try:
                text = texts.load(self.root, self.captures, file) if file else None
            except FileNotFoundError:
                self.problems[file] = f"the capture file {file} is missing from {self.captures.name}/"
            except Exception as exc:  # warcio and gzip raise several kinds on a damaged file
                self.problems[file] = f"the capture file {file} cannot be read ({type(exc).__name__})"
            self._cache[file] = (
                None if text is None else Source(main=text.main, full=text.full, language=text.language)
            )
        return self._cache[file]


def _unchecked(base: dict, claim_id: str, reason: str, **extra: Any) -> Result:
    return Result(claim=claim_id, verdict="unchecked", reason=reason, **base, **extra)


LANGUAGE_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "ru": "Russian", "tr": "Turkish", "uk": "Ukrainian", "ar": "Arabic", "zh": "Chinese", "nl": "Dutch",
}  # fmt: skip


def _language(code: Optional[str]) -> str:
    return f"{LANGUAGE_NAMES.get(code or '', code or 'an unknown language')} ({code})"


def _fetch_problem(last: Optional[store.Capture], readable: Optional[store.Capture]) -> Optional[str]:
    """Why no capture of the source can be read, if none can."""
    if last is None:
        return "no capture: run `claimtrack sources fetch`"
    if readable is not None:
        return None
    if last.verdict == "blocked":
        return f"not readable: {last.detail or 'a bot wall or access refusal answered'}"
    status = f"HTTP {last.status}" if last.status else ""
    return f"the fetch failed ({last.verdict}): {last.detail or status}"


def _text_problem(source: Optional[Source], problem: Optional[str], language: str) -> Optional[str]:
    """Why the captured text cannot be judged against the claim, if it cannot."""
    if problem:
        return problem
    short = readable_text.too_little(source.main if source else "")
    if source is None or short:
        return short or "no readable text"
    if source.language and language and source.language != language[:2]:
        return f"the source is in {_language(source.language)}, the claim in {_language(language[:2])}: not compared"
    return None


def check_pair(
    claim_id: str,
    claim_text: str,
    language: str,
    key: str,
    url: str,
    index: store.CaptureIndex,
    sources: _Sources,
) -> Result:
    """The verdict of one cited source on one claim, from the source's latest readable capture."""
    base: dict[str, Any] = {"reference": key, "url": url}
    last, readable = index.latest(key), index.latest(key, readable=True)
    why = _fetch_problem(last, readable)
    if why or readable is None or last is None:
        where = {"capture": last.file, "captured_at": last.fetched_at} if last else {}
        return _unchecked(base, claim_id, why or "no capture", **where)
    base.update(capture=readable.file, captured_at=readable.fetched_at)
    source = sources.get(readable)
    why = _text_problem(source, sources.problems.get(readable.file or ""), language)
    if why or source is None:
        return _unchecked(
            base, claim_id, why or "no readable text", language=source.language if source else None
        )
    result = judge(claim_id, claim_text, language, source, base)
    wall = readable_text.paywall(source.main, source.full)
    if wall and result.verdict != "supported":
        # What a paywall hides may well say it: the page's silence proves nothing.
        words = len(source.main.split())
        return _unchecked(
            base, claim_id, f'a paywall: only {words} words are readable (the page says "{wall}")',
            passage=result.passage, language=source.language,
        )  # fmt: skip
    if last.file != readable.file:
        result.reason += f"; the last fetch ({last.fetched_at}) failed ({last.verdict}), so the capture of {readable.fetched_at} was read"
    result.drift = _drift(claim_id, claim_text, language, index.first(key), readable, source, sources, base)
    return result


def _drift(
    claim_id: str,
    claim_text: str,
    language: str,
    first: Optional[store.Capture],
    readable: store.Capture,
    source: Source,
    sources: _Sources,
    base: dict[str, Any],
) -> Optional[DriftOut]:
    """How the source changed since its first capture, and whether the claim's evidence is still there."""
    if first is None or first.file == readable.file:
        return None
    first_source = sources.get(first)
    if first_source is None:
        return None
    # The evidence as it was first read: is that passage still on the page?
    before = judge(claim_id, claim_text, language, first_source, base)
    return drift.compare(first_source, source, before.passage, first.fetched_at, readable.fetched_at)


def verify(
    project: Any,
    *,
    report: Optional[str] = None,
    claims: Optional[list[str]] = None,
    keys: Optional[list[str]] = None,
) -> VerifyResults:
    """Verdicts for the cited claims of ``project`` (optionally one report, some claims or sources)."""
    if not project.claim_files:
        # Verifying nothing would pass CI silently: a wrong --root or a forgotten ingest.
        raise InputError("nothing to verify: no claims/*.yaml; run `claimtrack ingest` first", project.root)
    root = Path(project.root)
    captures = captures_dir(project)
    index = store.load(captures)
    sources = _Sources(root, captures)
    report_id = project.resolve_report(report) if report else None
    wanted_claims = set(claims) if claims else None
    results = []
    for rid, claim_file in project.claim_files.items():
        if report_id and rid != report_id:
            continue
        language = claim_file.report.language or "en"
        for claim in claim_file.claims:
            if wanted_claims is not None and claim.id not in wanted_claims:
                continue
            if claim.detached:
                continue  # its sentence left the report: nothing to check any more
            for key in claim.references:
                if keys and key not in keys:
                    continue
                ref = project.references.get(key)
                if ref is None or not ref.url:
                    continue  # nothing to capture: books, unknown keys (audit reports those)
                result = check_pair(claim.id, claim.text, language, key, ref.url, index, sources)
                result.report = rid
                results.append(result)
    generated = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return VerifyResults(generated_at=generated, results=results)
