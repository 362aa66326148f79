"""The breakdown answer."""

from __future__ import annotations

from apik_reporting.breakdowns.rules import Dimension
from apik_reporting.exports.schemas import Table


class Breakdown(Table):
    dimension: Dimension
