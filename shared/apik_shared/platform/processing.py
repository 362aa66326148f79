"""The record of processing activities (UU 27/2022), built from the code's declarations.

Each component declares, at the end of its `models.py`, what personal data its tables
hold and why: `PROCESSING: tuple[Processing, ...]`. This module collects them, renders
the record (`docs/processing.md`, Bahasa Indonesia beside English), checks that every
column whose name says it holds personal data is declared, and merges the answers of the
services' subject-access routes into one export.

    python -m apik_shared.platform.processing            # writes docs/processing.md
    python -m apik_shared.platform.processing --check    # fails when it is stale
    APIK_TOKEN=… python -m apik_shared.platform.processing subject-access \\
        --gateway http://127.0.0.1:8000 --reference DSR-2026-001 --nik 1771…

Components are found by name at run time (`importlib`), the way `make up` starts them:
the platform still imports no component.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any, Self

import sqlalchemy as sa
from pydantic import BaseModel, Field, model_validator

from apik_shared.devstack.components import COMPONENTS
from apik_shared.vocabulary.inputs import Email, Input, Line, Nik, PersonName, Phone

RECORD_PATH = Path("docs/processing.md")


@dataclass(frozen=True)
class Bilingual:
    """A text of the record, in Bahasa Indonesia (the record's language) and English."""

    id: str
    en: str


class LegalBasis(Enum):
    """The lawful bases of processing, UU 27/2022 Pasal 20 ayat (2)."""

    consent = ("a", "persetujuan yang sah secara eksplisit", "explicit lawful consent")
    contract = ("b", "pemenuhan kewajiban perjanjian", "performance of a contract")
    legal_obligation = ("c", "pemenuhan kewajiban hukum", "a legal obligation of the controller")
    vital_interest = ("d", "pelindungan kepentingan vital", "vital interests of the subject")
    public_task = (
        "e",
        "pelaksanaan tugas untuk kepentingan umum, pelayanan publik, atau kewenangan"
        " berdasarkan peraturan perundang-undangan",
        "a task in the public interest, a public service, or authority given by law",
    )
    legitimate_interest = ("f", "kepentingan yang sah lainnya", "other legitimate interests")

    def said(self) -> Bilingual:
        letter, id_, en = self.value
        return Bilingual(f"Pasal 20 ayat (2) huruf {letter}: {id_}", f"art. 20(2)({letter}): {en}")


@dataclass(frozen=True)
class Processing:
    """One processing activity: personal data a table holds, about whom, why, how long,
    who receives it and how it is kept. `columns` are the table's columns that hold it
    (checked against the table); `fields` says what they hold in words (a sealed column
    holds several)."""

    table: str
    columns: tuple[str, ...]
    data_class: str  # the retention period's key, e.g. "reporter_identity"
    subjects: Bilingual
    fields: Bilingual
    purpose: Bilingual
    legal_basis: LegalBasis
    retention: Bilingual
    recipients: Bilingual
    safeguards: Bilingual


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
            raise ValueError("Give at least one identifier: nik, phone, email or name.")
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


# Column names that say "personal data": a table with one of them must be declared. A
# heuristic, kept honest by being simple: a personal column named otherwise (a free-text
# `summary`, a signature's `content`) is caught by review, not here (see `undeclared`).
PERSONAL_NAMES = frozenset(
    {
        "name",
        "full_name",
        "username",
        "nik",
        "phone",
        "email",
        "address",
        "identity",
        "visitor",
        "borrower",
        "correspondent",
        "officer",
    }
)
PERSONAL_SUFFIXES = ("_name", "_username", "_index")


def is_personal(column: str) -> bool:
    return column in PERSONAL_NAMES or column.endswith(PERSONAL_SUFFIXES)


# --- collecting ----------------------------------------------------------------------


def models_of(package: str) -> ModuleType | None:
    """A component's `models` module, or None when the component is not installed."""
    try:
        return importlib.import_module(f"{package}.models")
    except ModuleNotFoundError as exc:
        if exc.name == package:
            return None
        raise


def declarations() -> dict[str, tuple[Processing, ...]]:
    """Every installed component's declarations, in `make up`'s order."""
    out: dict[str, tuple[Processing, ...]] = {}
    for component in COMPONENTS:
        models = models_of(component.package)
        if models is not None:
            out[component.name] = tuple(getattr(models, "PROCESSING", ()))
    return out


def tables_of(models: ModuleType) -> dict[str, sa.Table]:
    """The tables the module defines (SQLModel classes declared in it)."""
    out: dict[str, sa.Table] = {}
    for value in vars(models).values():
        table = getattr(value, "__table__", None)
        if isinstance(table, sa.Table) and getattr(value, "__module__", None) == models.__name__:
            out[table.name] = table
    return out


def undeclared(models: ModuleType) -> list[str]:
    """What the module's declarations miss: each table with a personal-looking column that
    no declaration names, and each declared table or column the module does not have.

    By table, not by column: an office's `name` and `address` share a table with its
    head's name, and the record says what the table holds in words."""
    tables = tables_of(models)
    declared: set[str] = set()
    problems: list[str] = []
    for item in getattr(models, "PROCESSING", ()):
        table = tables.get(item.table)
        if table is None:
            problems.append(f"{item.table}: declared, but no such table")
            continue
        declared.add(item.table)
        problems += [
            f"{item.table}.{column}: declared, but no such column"
            for column in item.columns
            if column not in table.c
        ]
    for name, table in sorted(tables.items()):
        personal = [column.name for column in table.c if is_personal(column.name)]
        if personal and name not in declared:
            problems.append(f"{name} ({', '.join(personal)}): personal data, not declared")
    return problems


# --- the record ----------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _rows(item: Processing) -> list[tuple[str, Bilingual]]:
    return [
        ("Subjek data / Data subjects", item.subjects),
        ("Data pribadi / Personal data", item.fields),
        ("Tujuan / Purpose", item.purpose),
        ("Dasar hukum / Legal basis (UU 27/2022)", item.legal_basis.said()),
        ("Retensi / Retention", item.retention),
        ("Penerima / Recipients", item.recipients),
        ("Pengamanan / Safeguards", item.safeguards),
    ]


def render(declared: Mapping[str, Sequence[Processing]]) -> str:
    lines = [
        "# Catatan aktivitas pemrosesan data pribadi / Record of processing activities",
        "",
        "<!-- Generated by `python -m apik_shared.platform.processing` from the `PROCESSING`"
        " declarations at the end of each component's `models.py`. Do not edit by hand:"
        " change the declaration and run it again (`tests/shared/test_processing.py`"
        " fails while this file is stale). -->",
        "",
        "Catatan ini memenuhi kewajiban Pengendali Data Pribadi untuk merekam seluruh"
        " kegiatan pemrosesan (UU 27/2022). Pengendali adalah kantor yang menjalankan APIK;"
        " setiap kantor hanya memproses data kantornya sendiri.",
        "",
        "This record meets the controller's duty to record every processing activity"
        " (UU 27/2022). The controller is the office running APIK; each office processes"
        " its own office's data only.",
        "",
        "| Komponen / Component | Tabel / Table | Kelas data / Data class | Subjek / Subjects |",
        "|---|---|---|---|",
    ]
    for component, items in declared.items():
        for item in items:
            lines.append(
                f"| {component} | `{item.table}` | `{item.data_class}` |"
                f" {_cell(item.subjects.id)} / {_cell(item.subjects.en)} |"
            )
    for component, items in declared.items():
        lines += ["", f"## {component}"]
        if not items:
            lines += ["", "Tidak menyimpan data pribadi. / Holds no personal data."]
        for item in items:
            columns = ", ".join(f"`{c}`" for c in item.columns)
            lines += [
                "",
                f"### `{item.table}` — `{item.data_class}`",
                "",
                f"Kolom / Columns: {columns}",
                "",
                "| | Bahasa Indonesia | English |",
                "|---|---|---|",
            ]
            lines += [f"| {label} | {_cell(t.id)} | {_cell(t.en)} |" for label, t in _rows(item)]
    lines += [
        "",
        "## Permintaan akses subjek data / Subject access requests",
        "",
        "Setiap layanan yang menyimpan data pribadi warga menjawab permintaan akses melalui"
        " rute khusus DPO (POST, agar pengenal tidak masuk URL atau log); setiap pembacaan"
        " diaudit. `POST /api/v1/auth/privacy/requests/{id}/access-export` (DPO kantor"
        " permintaan itu) atau `python -m apik_shared.platform.processing subject-access`"
        " menggabungkan jawabannya, dengan akun pegawai yang disimpan gateway, menjadi satu"
        " ekspor, termasuk apa yang dikecualikan menurut hukum dan alasannya, dan layanan"
        " yang tidak menjawab.",
        "",
        "Each service holding citizens' personal data answers an access request on a"
        " DPO-only route (POST, so identifiers stay out of URLs and logs); every read is"
        " audited. `POST /api/v1/auth/privacy/requests/{id}/access-export` (the request's"
        " office's DPO) or `python -m apik_shared.platform.processing subject-access` merges"
        " the answers, with the staff accounts the gateway holds, into one export, with what"
        " is withheld by law and why, and the services that did not answer.",
        "",
        "| Komponen / Component | Rute / Route |",
        "|---|---|",
    ]
    lines += [f"| {name} | `POST {path}` |" for name, path in SUBJECT_ACCESS.items()]
    return "\n".join(lines) + "\n"


# --- one export from every service ---------------------------------------------------


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m apik_shared.platform.processing")
    parser.add_argument("--output", type=Path, default=RECORD_PATH)
    parser.add_argument("--check", action="store_true", help="fail when the record is stale")
    commands = parser.add_subparsers(dest="command")
    access = commands.add_parser("subject-access", help="one export for one data subject")
    access.add_argument("--gateway", default="http://127.0.0.1:8000")
    access.add_argument("--reference", required=True, help="the request's reference")
    for identifier in ("nik", "phone", "email", "name"):
        access.add_argument(f"--{identifier}")
    args = parser.parse_args(argv)
    if args.command == "subject-access":
        token = os.environ.get("APIK_TOKEN")
        if not token:
            parser.error("APIK_TOKEN must hold a DPO's access token")
        fields = ("reference", "nik", "phone", "email", "name")
        body = {key: getattr(args, key) for key in fields if getattr(args, key)}
        export = asyncio.run(subject_access(args.gateway, token, body))
        json.dump(export, sys.stdout, ensure_ascii=False, indent=2)
        return 1 if export["unanswered"] else 0
    record = render(declarations())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != record:
            print(f"{args.output} is stale: run python -m apik_shared.platform.processing")
            return 1
        return 0
    args.output.write_text(record, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
