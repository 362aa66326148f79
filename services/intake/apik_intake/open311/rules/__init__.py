"""Open311 GeoReport v2 in intake's words (pure: no web framework, no database).

The facade speaks the frozen spec (https://wiki.open311.org/GeoReport_v2): a service is a
substance, `jurisdiction_id` is an office code, `service_request_id` is the public
registration number, and a report is `open` until intake or examination closes it. What
Ombudsman reports need beyond the spec's fields (the agency reported, the NIK, the forms
of maladministration) travels as the service definition's attributes.
"""

from apik_intake.open311.rules.definitions import (
    ATTRIBUTE_CODES,
    ATTRIBUTES,
    MULTIVALUED,
    Attribute,
    definition_attributes,
)
from apik_intake.open311.rules.filters import (
    DEFAULT_WINDOW,
    FILTERS,
    MAX_RESULTS,
    RequestFilter,
    request_filter,
)
from apik_intake.open311.rules.form import (
    FIELD_NAMES,
    SCALAR_FIELDS,
    SUMMARY_MAX,
    chronology_of,
    event_date,
    form_fields,
    located,
    open311_name,
    reporter_name,
    summary_of,
)
from apik_intake.open311.rules.spec import (
    CLOSED_STATUSES,
    DEFINITIONS_CHANGED,
    MEDIA_TYPES,
    SPECIFICATION,
    Format,
    Open311Failure,
    SpecError,
    english,
    format_of,
    public_status,
    status_notes,
)

__all__ = [
    "ATTRIBUTES",
    "ATTRIBUTE_CODES",
    "CLOSED_STATUSES",
    "DEFAULT_WINDOW",
    "DEFINITIONS_CHANGED",
    "FIELD_NAMES",
    "FILTERS",
    "MAX_RESULTS",
    "MEDIA_TYPES",
    "MULTIVALUED",
    "SCALAR_FIELDS",
    "SPECIFICATION",
    "SUMMARY_MAX",
    "Attribute",
    "Format",
    "Open311Failure",
    "RequestFilter",
    "SpecError",
    "chronology_of",
    "definition_attributes",
    "english",
    "event_date",
    "form_fields",
    "format_of",
    "located",
    "open311_name",
    "public_status",
    "reporter_name",
    "request_filter",
    "status_notes",
    "summary_of",
]
