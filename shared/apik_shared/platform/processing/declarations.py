"""What a component declares of the personal data its tables hold (`PROCESSING` at the
end of its `models.py`): the activity, in both languages, and its lawful basis."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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
