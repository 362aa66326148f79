"""Reading the CSV files the lists export, as a spreadsheet would open them."""

from __future__ import annotations

import csv
import io


def csv_records(body: bytes, delimiter: str = ",") -> list[dict[str, str]]:
    """The rows by header. The file must start with a BOM: without it Excel reads
    UTF-8 as the machine's code page and mangles Indonesian names."""
    assert body.startswith("\ufeff".encode()), "a BOM, for Excel"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=delimiter))
