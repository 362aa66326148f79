"""The projection's defensive reading of event data (pure: no database)."""

from __future__ import annotations

import pytest

from apik_reporting.read_model.service.projection import Fields


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"n": 3}, (None, 3, None)),
        ({"n": True, "t": "2025-01-01"}, (None, None, None)),  # naive: no place in a year
        ({"n": "3", "t": "2025-01-01T00:00:00+07:00", "s": "x"}, ("x", None, 2025)),
        ({"s": {"nested": 1}, "t": 12}, (None, None, None)),
    ],
)
def test_fields_are_read_defensively(data, expected):
    fields = Fields(data)
    instant = fields.instant("t")
    assert (fields.text("s"), fields.number("n"), instant.year if instant else None) == expected
    assert fields.nested("missing").text("anything") is None
