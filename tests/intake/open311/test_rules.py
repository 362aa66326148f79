"""The facade's pure rules: the form's fields, the list's filters, open and closed, the
spec's XML."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree as ET

import pytest

from apik_intake.open311 import rules
from apik_intake.open311.rules import Format, Open311Failure, SpecError
from apik_intake.open311.views import render_xml, spec_errors

NOW = datetime(2026, 12, 6, 5, 0, tzinfo=UTC)


def test_attributes_are_gathered_and_multivalues_kept_in_order():
    fields = rules.form_fields(
        [
            ("service_code", "education"),
            ("attribute[reported_agency]", "Dinas Pendidikan"),
            ("attribute[maladministration][]", "undue_delay"),
            ("attribute[maladministration][]", "incompetence"),
        ]
    )
    assert fields == {
        "service_code": "education",
        "attribute": {
            "reported_agency": "Dinas Pendidikan",
            "maladministration": ["undue_delay", "incompetence"],
        },
    }


def test_every_bad_field_of_the_form_is_named_at_once():
    with pytest.raises(Open311Failure) as refused:
        rules.form_fields(
            [
                ("service_code", "a"),
                ("service_code", "b"),
                ("title", "x"),
                ("attribute[colour]", "red"),
                ("attribute[nik][]", "1"),
            ]
        )
    assert [e.description.split(":")[0] for e in refused.value.errors] == [
        "service_code",
        "title",
        "attribute[colour]",
        "attribute[nik][]",
    ]
    assert refused.value.status == 400


def test_registration_errors_are_named_by_the_open311_field():
    assert rules.open311_name(("reporter", "nik")) == "attribute[nik]"
    assert rules.open311_name(("reporter", "name")) == "first_name"
    assert rules.open311_name(("reported_agency", "type")) == "attribute[agency_type]"
    assert rules.open311_name(("maladministration", 0)) == "attribute[maladministration]"
    assert rules.open311_name(("summary",)) == "description"


def test_a_location_is_coordinates_an_address_or_an_address_id():
    assert rules.located(-3.8, 102.3, None, None)
    assert rules.located(None, None, "Jl. Salak 5", None)
    assert rules.located(None, None, None, "A-17")
    assert not rules.located(-3.8, None, None, None)
    assert not rules.located(None, None, "", None)


def test_a_long_description_is_shortened_in_the_summary_and_kept_whole():
    text = "x" * 3000
    assert len(rules.summary_of(text)) == rules.SUMMARY_MAX
    chronology = rules.chronology_of(
        chronology=None,
        description=text,
        address="Pasar Minggu",
        lat=-3.8,
        long=102.3,
        address_id=None,
        media_url="https://example.id/foto.jpg",
    )
    assert chronology.startswith(text)
    assert "Lokasi (Open311): Pasar Minggu; koordinat -3.8, 102.3" in chronology
    assert "Tautan media (Open311): https://example.id/foto.jpg" in chronology


def test_a_report_is_closed_when_intake_ends_it_or_its_case_closes():
    assert rules.public_status("registered", False) == "open"
    assert rules.public_status("accepted", False) == "open"
    assert rules.public_status("accepted", True) == "closed"
    for ended in ("rejected", "withdrawn", "merged", "answered", "recorded"):
        assert rules.public_status(ended, False) == "closed"
    assert rules.status_notes("registered", False) == "Teregistrasi"


def test_the_list_defaults_to_the_last_90_days():
    found = rules.request_filter([], NOW)
    assert (found.start, found.end) == (NOW - timedelta(days=90), NOW)
    since = rules.request_filter([("start_date", "2026-11-01T00:00:00+07:00")], NOW)
    assert since.end == NOW and since.start == datetime(2026, 10, 31, 17, tzinfo=UTC)


def test_numbers_override_the_other_filters():
    found = rules.request_filter([("service_request_id", "A-1, B-2,A-1"), ("status", "open")], NOW)
    assert found.numbers == ("A-1", "B-2") and found.start is None


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ([("status", "pending")], "status"),
        ([("start_date", "yesterday")], "start_date"),
        ([("end_date", "2026-12-01T00:00:00")], "end_date"),
        ([("page", "2")], "page"),
        ([("end_date", "0001-01-01T00:00:00Z")], "end_date"),
        ([("start_date", "9999-12-31T00:00:00Z")], "start_date"),
        (
            [("start_date", "2026-01-01T00:00:00Z"), ("end_date", "2026-06-01T00:00:00Z")],
            "start_date",
        ),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(params, named):
    with pytest.raises(Open311Failure) as refused:
        rules.request_filter(params, NOW)
    assert refused.value.errors[0].code == 400
    assert refused.value.errors[0].description.startswith(f"{named}:")


def test_a_query_plus_in_an_offset_read_as_a_space_is_understood():
    found = rules.request_filter([("end_date", "2026-12-01T00:00:00 07:00")], NOW)
    assert found.end == datetime(2026, 11, 30, 17, tzinfo=UTC)


def test_english_only_when_asked_first():
    assert rules.english("en-US,id;q=0.5")
    assert not rules.english("id,en;q=0.8")
    assert not rules.english(None)


def test_definitions_speak_indonesian_first():
    indonesian = rules.definition_attributes(in_english=False)
    agency = next(a for a in indonesian if a["code"] == "reported_agency")
    assert agency["required"] is True and agency["order"] == 1
    forms = next(a for a in indonesian if a["code"] == "maladministration")
    assert forms["datatype"] == "multivaluelist"
    assert {"key": "undue_delay", "name": "Penundaan berlarut"} in forms["values"]
    english = rules.definition_attributes(in_english=True)
    assert english[0]["description"].startswith("The agency")


def test_the_xml_names_list_items_as_the_spec_does():
    body = render_xml(
        "service_definition",
        {"service_code": "education", "attributes": rules.definition_attributes(in_english=False)},
    )
    assert body.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = ET.fromstring(body)
    first = root.find("attributes/attribute")
    assert first is not None and first.findtext("code") == "reported_agency"
    assert first.findtext("required") == "true" and first.findtext("datatype_description") == ""
    values = root.findall("attributes/attribute[code='agency_type']/values/value")
    assert values[0].findtext("key") == "local_government"


def test_errors_in_the_spec_format_both_ways():
    errors = [SpecError(403, "api_key: missing or not valid."), SpecError(400, "lat: <&>")]
    as_json = spec_errors(Format.json, errors)
    assert as_json.status_code == 403
    assert as_json.body == (
        b'[{"code": 403, "description": "api_key: missing or not valid."}, '
        b'{"code": 400, "description": "lat: <&>"}]'
    )
    as_xml = spec_errors(Format.xml, errors)
    assert as_xml.media_type == "text/xml; charset=utf-8"
    parsed = ET.fromstring(bytes(as_xml.body))
    assert [e.findtext("code") for e in parsed.findall("error")] == ["403", "400"]
    assert parsed.findall("error")[1].findtext("description") == "lat: <&>"
