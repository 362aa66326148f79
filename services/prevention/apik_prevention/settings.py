"""Settings of the prevention service (`APIK_*` environment variables).

The assessment's own numbers (weights, sample sizes, cut-offs) are not settings: they
are data of each scheme (`schemes/*.json`), versioned and editable through the API.
What is here is how the office works with them.
"""

from __future__ import annotations

from pydantic import Field

from apik_shared.platform.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "prevention"
    # How many of an assessment's weakest indicators its rapor lists (what to fix first).
    # The 2022 rapor's length was not found; ten fit one page.
    rapor_weakest: int = Field(default=10, ge=1, le=50)
