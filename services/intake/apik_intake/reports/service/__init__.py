"""Reports' use cases: registration, finding, searching. They add and flush; the
boundary commits."""

from apik_intake.reports.service.lookup import get_report, timeline
from apik_intake.reports.service.registration import Registered, register_report
from apik_intake.reports.service.search import ReportQuery, export_rows, list_reports, to_csv

__all__ = [
    "Registered",
    "ReportQuery",
    "export_rows",
    "get_report",
    "list_reports",
    "register_report",
    "timeline",
    "to_csv",
]
