"""The desk's figures: performance per officer, and what visitors come about."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from apik_consultation.visits.rules import Category


class OfficerPerformance(BaseModel):
    officer: str
    visits_served: int
    average_duration_seconds: float
    median_duration_seconds: float
    average_rating: float | None
    share_rated_4_5: float | None


class PerformanceReport(BaseModel):
    office: str | None
    period_from: date
    period_to: date
    items: list[OfficerPerformance]


class CategoryCount(BaseModel):
    category: Category
    visits: int
    # Objections filed too late and so handled as complaints (on `complaint` only).
    late_objections: int = 0


class WeekCount(BaseModel):
    week: date  # the Monday the week starts on
    category: Category
    visits: int


class TermCount(BaseModel):
    term: str
    visits: int


class TopicWeekCount(BaseModel):
    """How many descriptions used one of the frequent terms (a topic) in one week."""

    week: date  # the Monday the week starts on
    term: str
    visits: int


class CategoryTerms(BaseModel):
    category: Category
    terms: list[TermCount]


class Analysis(BaseModel):
    office: str | None
    period_from: date
    period_to: date
    categories: list[CategoryCount]
    weekly: list[WeekCount]
    frequent_terms: list[TermCount]
    # The trend of each frequent term, and the problems each category's visitors name most.
    topic_weekly: list[TopicWeekCount]
    frequent_terms_by_category: list[CategoryTerms]
