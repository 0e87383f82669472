"""Every setting of ``[tool.claimtrack]``: its table, key, default and meaning, read from the code.

The settings models are the single definition: ``config.Settings`` (the
folders), ``links.policy.LinkSettings``, ``sources.settings.SourceSettings``,
``registries.settings.RegistrySettings`` and, for the tables read as plain
dicts, the small models below.  A setting's description is its pydantic
``description``, else the comment beside (or just above) its line in the
model's source, else a line of :data:`NOTES`; a setting with none of these
fails ``tests/test_config_command.py``.

Two things are built from the catalog: ``claimtrack config`` (the settings in
force, each with where it came from) and ``docs/settings.md`` (the reference
page, ``claimtrack config --reference``; a test fails when the committed page
differs from the generated one).
"""

from __future__ import annotations

import inspect
import io
import json
import tokenize
import typing
from dataclasses import dataclass
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, Field

# -- models of the tables that are read as plain dicts ------------------------


class AuditSettings(BaseModel):
    """``[tool.claimtrack.audit]`` (read by ``audit.runner.AuditOptions.build``)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: Union[str, list[str]] = Field(
        default_factory=list,
        description="Only these rules: codes (CT101), families (CT1), slugs (citation-needed) or ALL. "
        "Default: every rule.",
    )
    ignore: Union[str, list[str]] = Field(default_factory=list, description="Skip these rules (same forms).")
    fail_on: str = Field(
        "warning",
        alias="fail-on",
        description="Exit 1 on a finding this severe or worse: error, warning, info.",
    )


class ExportSettings(BaseModel):
    """``[tool.claimtrack.export]`` (read by ``claimtrack export``)."""

    model_config = ConfigDict(extra="forbid")

    format: str = Field("biblatex", description="Bibliography format when --format is not given.")
    style: str = Field("apa", description="CSL style (a bundled name or a .csl file) for --format text/html.")


class IndexSettings(BaseModel):
    """``[tool.claimtrack.index]`` (read by the lookups)."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(20, ge=1, description="Results `claims search` shows when --limit is not given.")


class VerifySettings(BaseModel):
    """``[tool.claimtrack.verify]`` (read by ``verify.render.fail_on``)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    fail_on: Union[str, list[str]] = Field(
        default_factory=lambda: ["altered", "not-found"],
        alias="fail-on",
        description="Verdicts that make `claimtrack verify` exit 1.",
    )


# -- descriptions of fields whose model carries none ---------------------------

NOTES: dict[str, str] = {
    "reports": "Folder of the reports, relative to the project root.",
    "claims": "Folder of the claim records (claims/*.yaml).",
    "references": "Folder of the references (references/*.bib).",
    "lock_timeout": "Seconds a command that writes waits while another one writes to the project.",
    "links.max_concurrency": "Requests in flight at once, all hosts.",
    "links.host_concurrency": "Requests in flight at once per host.",
    "links.host_request_interval": "Least time between two requests to one host (50ms, 1s, ...).",
    "links.timeout": "Time one request may take in all.",
    "links.connect_timeout": "Time to connect to a host.",
    "links.run_timeout": "Time the whole check may take.",
    "links.max_retries": "Retries of a transient failure.",
    "links.retry_wait": "Wait before the first retry (doubled after each).",
    "links.retry_after_cap": "Longest Retry-After honoured; a longer one is an error for this run.",
    "links.max_redirects": "Redirects followed at most.",
    "links.max_body": "Bytes of a page read at most (fragments, soft 404s).",
    "links.method": "auto (HEAD for files, GET for pages), head or get.",
    "links.include_fragments": "Check that each URL's #fragment is on the page.",
    "links.user_agent": "User-Agent header (browser-like by default: bot walls answer anything else).",
    "links.exclude": "Skip URLs matching these regexes.",
    "links.deny": "Never connect to these address ranges (CIDR).",
    "links.deny_private": "Refuse private address ranges.",
    "links.deny_loopback": "Refuse loopback addresses.",
    "links.fail_on": "Also fail on these verdicts: blocked, error.",
    "links.fail_after": "Fail only when a URL failed this many runs in a row.",
    "links.cache": "Keep verdicts in .claimtrack/ between runs.",
    "links.cache_max_age": "How long a cached verdict is trusted, per verdict (alive, dead, ...).",
    "links.archive_api": "Wayback Machine availability API, for --archive and links archive.",
    "links.hosts": 'Per-host overrides: [tool.claimtrack.links.hosts."example.org"] with host_concurrency, '
    "host_request_interval, timeout, user_agent.",
    "sources.captures": "Folder of the WARC captures and their index, relative to the project root.",
    "sources.max_bytes": "Bytes of a page or PDF kept at most; a longer one is cut, and marked so.",
    "sources.timeout": "Seconds one fetch may take, body included.",
    "registries.crossref": "Crossref API base URL.",
    "registries.datacite": "DataCite API base URL.",
    "registries.openalex": "OpenAlex API base URL.",
    "registries.arxiv": "arXiv API base URL.",
    "registries.openlibrary": "Open Library base URL.",
    "registries.mailto": "Contact address sent to Crossref and OpenAlex (their polite pools).",
    "registries.timeout": "Seconds one request may take in all.",
    "registries.connect_timeout": "Seconds to connect to a registry.",
    "registries.concurrency": "Requests in flight at once, per registry.",
    "registries.retries": "Retries of a 429, a 5xx or a dropped connection.",
    "registries.max_retry_after": "Longest Retry-After waited for; a longer one: the registry is left for this run.",
    "registries.interval": "Seconds between two requests, per registry (defaults: Crossref, DataCite, "
    "OpenAlex 0.1; arXiv 3, as its terms ask; Open Library 0.5).",
    "registries.recheck_days": "Days after which a found work is asked about again.",
    "registries.absent_days": 'Days after which "not registered" is asked about again.',
}


@dataclass(frozen=True)
class Table:
    name: str  # "" for [tool.claimtrack] itself
    model: type[BaseModel]
    top: bool = False  # [tool.claimtrack] itself: its dict fields are the sub-tables, listed on their own


def tables() -> list[Table]:
    """The tables of ``[tool.claimtrack]`` in the order of the reference page."""
    from .config import Settings
    from .links.policy import LinkSettings
    from .sources.settings import SourceSettings

    found = [
        Table("", Settings, top=True),
        Table("audit", AuditSettings),
        Table("links", LinkSettings),
        Table("sources", SourceSettings),
        Table("verify", VerifySettings),
        Table("export", ExportSettings),
        Table("index", IndexSettings),
    ]
    try:  # refs check's registries (claimtrack/registries), when this build has them
        from .registries.settings import RegistrySettings
    except ImportError:
        pass
    else:
        found.insert(5, Table("registries", RegistrySettings))
    return found


@dataclass(frozen=True)
class Setting:
    table: str
    key: str  # as written in pyproject.toml (the alias, when the model has one)
    name: str  # the model's field name
    default: Any
    type: str
    description: str

    @property
    def where(self) -> str:
        return f"[tool.claimtrack.{self.table}]" if self.table else "[tool.claimtrack]"


def _source_comments(model: type[BaseModel]) -> dict[str, str]:
    """The ``# comment`` beside each field of ``model``'s class body, or on the lines just above it."""
    try:
        source = inspect.getsource(model)
    except (OSError, TypeError):
        return {}
    comments: dict[int, str] = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            comments[tok.start[0]] = tok.string.lstrip("#").strip()
    found: dict[str, str] = {}
    lines = source.splitlines()
    for number, line in enumerate(lines, start=1):
        head = line.strip().split(":", 1)[0]
        if line.startswith("    ") and not line.startswith("     ") and head.isidentifier() and ":" in line:
            text = comments.get(number)
            above, n = [], number - 1
            while text is None and n in comments and lines[n - 1].strip().startswith("#"):
                above.insert(0, comments[n])
                n -= 1
            found[head] = text or " ".join(above)
    return {k: v for k, v in found.items() if v}


def _type_name(annotation: Any) -> str:
    text = getattr(annotation, "__name__", None) if isinstance(annotation, type) else None
    text = text or str(annotation).replace("typing.", "")
    return text.replace("Union[str, float, int]", "duration").replace("NoneType", "None")


def _default(field: Any) -> Any:
    if field.default_factory is not None:
        return field.default_factory()
    return field.default


def settings() -> list[Setting]:
    out = []
    for table in tables():
        comments = _source_comments(table.model)
        for name, field in table.model.model_fields.items():
            if table.top and typing.get_origin(field.annotation) is dict:
                continue
            dotted = f"{table.name}.{name}" if table.name else name
            comment = comments.get(name, "")
            description = field.description or NOTES.get(dotted) or comment[:1].upper() + comment[1:]
            out.append(
                Setting(
                    table.name,
                    field.alias or name,
                    name,
                    _default(field),
                    _type_name(field.annotation),
                    description,
                )
            )
    return out


def show(value: Any) -> str:
    """A value as it would be written in TOML (near enough: JSON's spelling of lists and strings)."""
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if value is None:
        return "(none)"
    return json.dumps(value, ensure_ascii=False, default=str)


# -- the settings in force -----------------------------------------------------


def in_force(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """Each setting with its value in force and where that came from (``raw``: the project's table)."""
    rows = []
    for s in settings():
        table = raw.get(s.table, {}) if s.table else raw
        table = table if isinstance(table, dict) else {}
        given = next(
            (k for k in (s.key, s.name, s.key.replace("-", "_"), s.key.replace("_", "-")) if k in table), None
        )
        rows.append(
            {
                "table": s.table,
                "key": s.key,
                "value": table[given] if given else s.default,
                "source": "pyproject.toml" if given else "default",
            }
        )
    return rows


# The environment variables claimtrack reads, and what each does.
ENVIRONMENT = {
    "NO_COLOR": "set: no colour on a terminal",
    "TERM": "dumb: plain text even on a terminal",
    "CI": "set: no progress bars",
    "CLAIMTRACK_CACHE_DIR": "where the quick path keeps its description of the CLI (default ~/.cache/claimtrack)",
    "CLAIMTRACK_NO_QUICK": "set: every command runs through typer (no quick path)",
}


# -- the reference page ----------------------------------------------------------


def reference_page() -> str:
    """docs/settings.md: every setting with its default, by table."""
    lines = [
        "# Settings reference",
        "",
        "<!-- Generated by `claimtrack config --reference` from the settings models; do not edit.",
        "     tests/test_config_command.py fails when this page differs from the code. -->",
        "",
        "Settings live in the project's `pyproject.toml`, under `[tool.claimtrack]` and its sub-tables.",
        "Every key is optional; a command's flags override them. `claimtrack config` prints the",
        "settings in force and where each came from.",
        "",
    ]
    by_table: dict[str, list[Setting]] = {}
    for s in settings():
        by_table.setdefault(s.table, []).append(s)
    for rows in by_table.values():
        lines += [f"## `{rows[0].where}`", "", "| key | default | meaning |", "|---|---|---|"]
        for s in rows:
            default, meaning = show(s.default).replace("|", "\\|"), s.description.replace("|", "\\|")
            lines.append(f"| `{s.key}` | `{default}` | {meaning} |")
        lines.append("")
    lines += ["## Environment", "", "| variable | effect |", "|---|---|"]
    lines += [f"| `{k}` | {v} |" for k, v in ENVIRONMENT.items()]
    return "\n".join(lines) + "\n"
