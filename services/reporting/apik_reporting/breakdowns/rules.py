"""What each breakdown means, written once (pure: no FastAPI, no database).

The API, the exports and the annual report show these definitions verbatim: the English
(`BREAKDOWNS`, the precise one naming the events) and the Indonesian the office reads
(`BREAKDOWNS_ID`); every dimension has both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Dimension(StrEnum):
    substance = "substance"
    outcome = "outcome"
    channel = "channel"
    agency_type = "agency_type"
    month = "month"
    public_loss = "public_loss"


BREAKDOWNS: dict[Dimension, str] = {
    Dimension.substance: "Reports handed to examination in the year (report.verified, "
    "year of verified_at), by substance (sector).",
    Dimension.outcome: "Cases closed in the year (case.closed, year of the last closed_at), "
    "by outcome; an imported old record counts in the year its old application closed it, "
    "with the outcome its old status was mapped to (report.imported).",
    Dimension.channel: "Reports and consultations registered in the year (report.registered "
    "of every kind, year of registered_at), by channel.",
    Dimension.agency_type: "Reports handed to examination in the year (report.verified, year "
    "of verified_at), by the type of the reported agency.",
    Dimension.month: "Per month of the year, each indicator counted as its definition "
    "says: public reports registered, consultations recorded, reports handed over, cases "
    "closed, desk visits.",
    Dimension.public_loss: "Public loss (kerugian publik) prevented and recovered, as "
    "examination recorded it at closure (case.closed public_loss: kind, amount in IDR, "
    "people affected), of the cases closed in the year (year of the last closed_at, whose "
    "loss counts), per office, substance (the case's, else the report's) and type of the "
    "reported agency (the report's, from intake): how many cases, the people affected "
    "and the amount of each kind.",
}
BREAKDOWNS_ID: dict[Dimension, str] = {
    Dimension.substance: "Laporan yang diserahkan ke Keasistenan Pemeriksaan pada tahun itu "
    "(report.verified, menurut tanggal putusan pleno), dirinci per substansi (sektor).",
    Dimension.outcome: "Laporan yang ditutup Pemeriksaan pada tahun itu (case.closed, menurut "
    "tanggal penutupan terakhir), dirinci per hasil penyelesaian; arsip lama yang diimpor "
    "dihitung pada tahun penutupannya, dengan hasil dari status lamanya (report.imported).",
    Dimension.channel: "Laporan dan konsultasi yang diregistrasi pada tahun itu "
    "(report.registered semua jenis, menurut tanggal registrasi), dirinci per cara "
    "penyampaian.",
    Dimension.agency_type: "Laporan yang diserahkan ke Keasistenan Pemeriksaan pada tahun itu "
    "(report.verified, menurut tanggal putusan pleno), dirinci per jenis instansi terlapor.",
    Dimension.month: "Per bulan dalam tahun itu, tiap indikator dihitung sesuai definisinya: "
    "Laporan Masyarakat yang diregistrasi, konsultasi yang tercatat, laporan yang diserahkan "
    "ke Pemeriksaan, laporan yang ditutup, dan kunjungan meja layanan.",
    Dimension.public_loss: "Kerugian publik yang dicegah dan yang dipulihkan, sebagaimana "
    "dicatat Pemeriksaan saat laporan ditutup (case.closed public_loss: jenis, jumlah dalam "
    "rupiah, jumlah orang terdampak), dari laporan yang ditutup pada tahun itu (menurut "
    "tanggal penutupan terakhir), per kantor, substansi (yang ditetapkan Pemeriksaan, atau "
    "bila tidak ada, substansi laporan) dan jenis instansi terlapor: jumlah laporan, "
    "jumlah orang terdampak dan nilai kerugian tiap jenis.",
}
UNSPECIFIED = "unspecified"  # the key of rows whose event did not say
MONTH_COLUMNS = (
    "lm_registered",
    "knl_recorded",
    "reports_handed_over",
    "reports_closed",
    "desk_visits",
)

# Public loss: the kinds examination records at closure, and each row's measures.
LOSS_KINDS = ("prevented", "recovered")
LOSS_MEASURES = ("cases", "people", "idr")
LOSS_KEYS = ("office", "substance", "agency_type")
LOSS_COLUMNS = (*LOSS_KEYS, *(f"{k}_{m}" for k in LOSS_KINDS for m in LOSS_MEASURES))


@dataclass(frozen=True)
class Loss:
    """The sums of one kind of loss for one office, substance and agency type."""

    office: str
    substance: str
    agency_type: str
    kind: str
    cases: int
    people: int
    idr: int


def loss_totals(found: Iterable[Loss]) -> dict[str, Loss]:
    """Per kind, the sums over every office, substance and agency type (zeros for a kind
    with none; other kinds are left out)."""
    totals = {kind: Loss("", "", "", kind, 0, 0, 0) for kind in LOSS_KINDS}
    for loss in found:
        if (total := totals.get(loss.kind)) is not None:
            totals[loss.kind] = Loss(
                "",
                "",
                "",
                loss.kind,
                total.cases + loss.cases,
                total.people + loss.people,
                total.idr + loss.idr,
            )
    return totals


def loss_rows(found: Iterable[Loss]) -> list[dict[str, str | int]]:
    """One row per office, substance and agency type (`LOSS_COLUMNS`), the kinds side by
    side; the largest amount prevented and recovered together first."""
    rows: dict[tuple[str, str, str], dict[str, str | int]] = {}
    for loss in found:
        if loss.kind not in LOSS_KINDS:
            continue
        key = (loss.office, loss.substance, loss.agency_type)
        row = rows.setdefault(
            key,
            dict(zip(LOSS_KEYS, key, strict=True))
            | dict.fromkeys(LOSS_COLUMNS[len(LOSS_KEYS) :], 0),
        )
        for measure in LOSS_MEASURES:
            name = f"{loss.kind}_{measure}"
            row[name] = int(row[name]) + getattr(loss, measure)

    def order(row: dict[str, str | int]) -> tuple[int, str, str, str]:
        amount = sum(int(row[f"{kind}_idr"]) for kind in LOSS_KINDS)
        return (-amount, str(row["office"]), str(row["substance"]), str(row["agency_type"]))

    return sorted(rows.values(), key=order)
