"""The record of processing activities is generated from the code's declarations, and
the code cannot grow a table of personal data without declaring it."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
import sqlalchemy as sa
from pydantic import ValidationError

from apik_shared.devstack.components import COMPONENTS
from apik_shared.platform.processing import (
    OTHER_PERSON,
    Bilingual,
    LegalBasis,
    Processing,
    SubjectAccessRequest,
    declarations,
    main,
    merge_access,
    models_of,
    render,
    undeclared,
)

RECORD = Path(__file__).parents[2] / "docs" / "processing.md"


def test_docs_processing_md_is_the_record_the_declarations_give():
    assert RECORD.read_text(encoding="utf-8") == render(declarations()), (
        "docs/processing.md is stale: run python -m apik_shared.platform.processing"
    )


@pytest.mark.parametrize("package", [c.package for c in COMPONENTS])
def test_every_table_holding_personal_data_is_declared(package: str):
    models = models_of(package)
    assert models is not None
    assert undeclared(models) == []


def _models(*tables: sa.Table, processing: tuple[Processing, ...] = ()) -> ModuleType:
    """A components' `models` module, as the check reads one."""
    module = ModuleType("somewhere.models")
    for table in tables:
        model = type(table.name.title(), (), {"__table__": table, "__module__": module.__name__})
        setattr(module, model.__name__, model)
    module.PROCESSING = processing  # type: ignore[attr-defined]
    return module


def _declaring(table: str, *columns: str) -> Processing:
    said = Bilingual("x", "x")
    return Processing(
        table=table,
        columns=columns,
        data_class="c",
        subjects=said,
        fields=said,
        purpose=said,
        legal_basis=LegalBasis.public_task,
        retention=said,
        recipients=said,
        safeguards=said,
    )


def test_a_new_table_with_a_phone_and_no_declaration_is_caught():
    meta = sa.MetaData()
    guests = sa.Table("guest", meta, sa.Column("id", sa.Integer), sa.Column("phone", sa.Text))
    helpers = sa.Table(
        "helper", meta, sa.Column("id", sa.Integer), sa.Column("helper_name", sa.Text)
    )
    rooms = sa.Table("room", meta, sa.Column("id", sa.Integer), sa.Column("floor", sa.Integer))
    assert undeclared(_models(guests, helpers, rooms)) == [
        "guest (phone): personal data, not declared",
        "helper (helper_name): personal data, not declared",
    ]
    declared = _models(guests, helpers, rooms, processing=(_declaring("guest", "phone"),))
    assert undeclared(declared) == ["helper (helper_name): personal data, not declared"]


def test_a_declaration_of_a_table_or_column_that_is_not_there_is_caught():
    meta = sa.MetaData()
    guests = sa.Table("guest", meta, sa.Column("phone", sa.Text))
    models = _models(guests, processing=(_declaring("guest", "fax"), _declaring("visitor")))
    assert undeclared(models) == [
        "guest.fax: declared, but no such column",
        "visitor: declared, but no such table",
    ]


def test_check_fails_on_a_stale_record_and_passes_on_a_fresh_one(tmp_path: Path):
    output = tmp_path / "processing.md"
    output.write_text("# an old record\n")
    assert main(["--check", "--output", str(output)]) == 1
    assert main(["--output", str(output)]) == 0
    assert main(["--check", "--output", str(output)]) == 0


def test_the_one_export_names_every_withholding_and_every_silent_service():
    intake = {
        "service": "intake",
        "reports": [{"report_id": "r1"}],
        "withheld": [{"what": "timeline", "report_id": "r1", "reason": "x", "basis": "y"}],
    }
    export = merge_access({"intake": intake, "consultation": "503 upstream unavailable"})
    assert export["services"] == {"intake": {"service": "intake", "reports": [{"report_id": "r1"}]}}
    assert export["withheld"] == [
        {"service": "intake", "what": "timeline", "report_id": "r1", "reason": "x", "basis": "y"}
    ]
    assert export["unanswered"] == [
        {"service": "consultation", "error": "503 upstream unavailable"}
    ]


def test_a_request_needs_an_identifier_and_normalises_them_as_registration_does():
    with pytest.raises(ValidationError, match="identifier"):
        SubjectAccessRequest(reference="DSR-1")
    request = SubjectAccessRequest.model_validate(
        {"reference": " DSR-1 ", "phone": "0812-3456-7890", "email": "Budi@Example.ID"}
    )
    assert request.reference == "DSR-1" and request.phone == "+6281234567890"
    assert request.email == "budi@example.id"
    assert OTHER_PERSON.basis.startswith("UU 27/2022")
