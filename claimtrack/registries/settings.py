"""``[tool.claimtrack.registries]``: where the registries are and how politely to ask them.

Every base URL is a setting, so tests and institutions with mirrors can point
them elsewhere.  Flags of ``refs check`` override the settings.
"""

from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import InputError

REGISTRIES = ("crossref", "datacite", "openalex", "arxiv", "openlibrary")

# Seconds between two requests to one registry: Crossref's polite pool allows
# about 10 a second; arXiv's terms ask for one request every three seconds.
DEFAULT_INTERVAL = {"crossref": 0.1, "datacite": 0.1, "openalex": 0.1, "arxiv": 3.0, "openlibrary": 0.5}


class RegistrySettings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    crossref: str = "https://api.crossref.org"
    datacite: str = "https://api.datacite.org"
    openalex: str = "https://api.openalex.org"
    arxiv: str = "https://export.arxiv.org/api"
    openlibrary: str = "https://openlibrary.org"
    mailto: Optional[str] = None  # Crossref's polite pool, OpenAlex's polite pool
    timeout: float = Field(20.0, gt=0)  # seconds one request may take in all
    connect_timeout: float = Field(10.0, gt=0, alias="connect-timeout")
    concurrency: int = Field(2, ge=1)  # requests in flight at once, per registry
    retries: int = Field(2, ge=0)  # of a 429, 5xx or dropped connection
    max_retry_after: float = Field(60.0, ge=0, alias="max-retry-after")  # longer: give up for this run
    interval: dict[str, float] = Field(default_factory=dict)  # per registry, seconds between requests
    recheck_days: float = Field(30.0, gt=0, alias="recheck-days")  # a found work is asked again after
    absent_days: float = Field(7.0, gt=0, alias="absent-days")  # "not registered" is asked again after

    def base(self, registry: str) -> str:
        return str(getattr(self, registry)).rstrip("/")

    def interval_of(self, registry: str) -> float:
        return float(self.interval.get(registry, DEFAULT_INTERVAL[registry]))

    def user_agent(self) -> str:
        from .. import __version__

        contact = f"; mailto:{self.mailto}" if self.mailto else ""
        return f"claimtrack/{__version__} (https://github.com/claimtrack/claimtrack{contact})"


def load(section: dict[str, Any], config_file: str = "pyproject.toml", **flags: Any) -> RegistrySettings:
    """Settings from ``[tool.claimtrack.registries]``, with the flags given replacing them."""
    data = dict(section)
    data.update({k.replace("_", "-"): v for k, v in flags.items() if v is not None})
    try:
        return RegistrySettings.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise InputError(f"[tool.claimtrack.registries] {where}: {err['msg']}", config_file) from None
