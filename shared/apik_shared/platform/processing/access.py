"""A data subject's access request: what every service's subject-access route takes,
what it withholds and why, and one export merged from every service's answer."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Self

from pydantic import BaseModel, Field, model_validator

from apik_shared.vocabulary.inputs import Email, Input, Line, Nik, PersonName, Phone, invalid

# Where each service answers a data subject's access request (DPO only, audited); the
# aggregator asks each of them. A component not named here answers none (see the record).
SUBJECT_ACCESS = {
    "intake": "/api/v1/intake/privacy/subject-access",
    "consultation": "/api/v1/consultation/privacy/subject-access",
    "examination": "/api/v1/examination/privacy/subject-access",
}


class SubjectAccessRequest(Input):
    """What every subject-access route takes: the request's reference (kept in the audit
    of every identity it reads) and the identifiers the data subject gave, normalised as
    at registration so that they meet the stored ones. Each service searches by those it
    can and says which (`searched_by`)."""

    reference: Annotated[Line, Field(min_length=3, max_length=200)]
    nik: Nik | None = None
    phone: Phone | None = None
    email: Email | None = None
    name: PersonName | None = None

    @model_validator(mode="after")
    def _one_identifier(self) -> SubjectAccessRequest:
        if not (self.nik or self.phone or self.email or self.name):
            raise invalid(
                "identifier_required", "Give at least one identifier: nik, phone, email or name."
            )
        return self


@dataclass(frozen=True)
class Reason:
    """Why something held on a subject is not given to them, and under which law."""

    reason: str
    basis: str


# The reasons every service gives. The articles are those the DPO answers under; an
# office's counsel may word them otherwise, the reasons stay.
OTHER_PERSON = Reason(
    "another person's personal data",
    "UU 27/2022 Pasal 33 huruf b (no access that discloses another person's data)",
)
DELIBERATION = Reason(
    "the office's internal deliberation: who decided, and their notes",
    "UU 14/2008 Pasal 17 huruf i (internal memoranda)",
)


class Withheld(BaseModel):
    """Something held on the subject and not given, named, with the reason and the law:
    an export never passes for more complete than it is."""

    what: str
    reason: str
    basis: str

    @classmethod
    def of(cls, what: str, why: Reason, **where: Any) -> Self:
        """`what`, withheld for `why`; `where` names the record (a report, a visit)."""
        return cls(what=what, reason=why.reason, basis=why.basis, **where)


def merge_access(answers: Mapping[str, Any]) -> dict[str, Any]:
    """One export from each service's answer (a JSON object) or failure (a string): the
    services' findings side by side, everything withheld in one list naming its service,
    and the services that did not answer, so a partial export never passes for whole."""
    export: dict[str, Any] = {"services": {}, "withheld": [], "unanswered": []}
    for service, answer in answers.items():
        if not isinstance(answer, Mapping):
            export["unanswered"].append({"service": service, "error": str(answer)})
            continue
        export["services"][service] = {k: v for k, v in answer.items() if k != "withheld"}
        for item in answer.get("withheld", ()):
            export["withheld"].append({"service": service, **item})
    return export


async def ask_services(
    client: Any,
    targets: Mapping[str, str | None],
    body: Mapping[str, str],
    headers: Mapping[str, str],
    seconds: float = 60,
) -> dict[str, Any]:
    """Each service's answer (a JSON object), or why there is none (a string), asking
    `targets` (service: the URL of its subject-access route, None when unknown) with
    `client` (an `httpx.AsyncClient`). Never raises for a service that is down: the
    export names it instead. The CLI and the gateway's access export both ask here."""
    import httpx  # not loaded by the services that import this module for its types

    async def ask(url: str | None) -> Any:
        if url is None:
            return "no address configured for this service"
        try:
            response = await client.post(
                url, json=dict(body), headers=dict(headers), timeout=seconds
            )
        except httpx.HTTPError as exc:
            return f"unreachable: {type(exc).__name__}"
        if response.status_code != 200:
            return f"answered {response.status_code}: {response.text[:500]}"
        try:
            answer = response.json()
        except ValueError:
            return "answered something other than JSON"
        return answer if isinstance(answer, Mapping) else "answered a non-object"

    names = list(targets)
    answers = await asyncio.gather(*(ask(targets[n]) for n in names))
    return dict(zip(names, answers, strict=True))


async def subject_access(
    gateway: str, token: str, body: Mapping[str, str], services: Iterable[str] = SUBJECT_ACCESS
) -> dict[str, Any]:
    """Asks every service's subject-access route through the gateway, as the DPO."""
    import httpx

    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=gateway) as client:
        targets: dict[str, str | None] = {s: SUBJECT_ACCESS[s] for s in services}
        answers = await ask_services(client, targets, body, headers)
    return merge_access(answers)
