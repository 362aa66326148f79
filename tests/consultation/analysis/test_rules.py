"""The desk's figures as pure rules: performance per officer, weekly trends and the most
frequent problems."""

from __future__ import annotations

from datetime import date

from apik_consultation.analysis import rules
from apik_consultation.analysis.rules import (
    Served,
    frequent_terms,
    week_of,
    weekly_counts,
    weekly_term_counts,
)


def test_weeks_start_on_monday():
    assert week_of(date(2026, 11, 24)) == date(2026, 11, 23)  # a Tuesday
    assert week_of(date(2026, 11, 23)) == date(2026, 11, 23)
    assert week_of(date(2026, 11, 29)) == date(2026, 11, 23)  # a Sunday


def test_weekly_counts_per_category_in_order():
    visits = [
        (date(2026, 11, 24), "objection"),
        (date(2026, 11, 16), "consultation"),
        (date(2026, 11, 25), "objection"),
        (date(2026, 11, 26), "consultation"),
    ]
    assert weekly_counts(visits) == [
        (date(2026, 11, 16), "consultation", 1),
        (date(2026, 11, 23), "consultation", 1),
        (date(2026, 11, 23), "objection", 2),
    ]


def test_frequent_terms_count_each_description_once_and_skip_stopwords():
    texts = [
        "Syarat kualifikasi tender jalan, syarat pengalaman",
        "Bertanya tentang syarat kualifikasi",
        "Jaminan penawaran ditolak Pokja",
        "",
    ]
    top = frequent_terms(texts, top=3)
    assert top == [("kualifikasi", 2), ("syarat", 2), ("ditolak", 1)]
    words = dict(frequent_terms(texts, top=50))
    assert "tentang" not in words and "bertanya" not in words and "dan" not in words


def test_a_topic_trend_counts_descriptions_per_week():
    visits = [
        (date(2026, 11, 16), "Jaminan penawaran ditolak, jaminan palsu?"),
        (date(2026, 11, 24), "Jaminan penawaran hilang"),
        (date(2026, 11, 25), "Syarat kualifikasi dan jaminan"),
        (date(2026, 11, 26), "Sanggahan tentang kualifikasi"),
    ]
    assert weekly_term_counts(visits, ["jaminan", "kualifikasi"]) == [
        (date(2026, 11, 16), "jaminan", 1),  # once per description, however often it is said
        (date(2026, 11, 23), "jaminan", 2),
        (date(2026, 11, 23), "kualifikasi", 2),
    ]
    assert weekly_term_counts(visits, []) == []


class TestPerformance:
    def test_figures_per_officer(self):
        served = [
            Served("ani", 600, 5),
            Served("ani", 300, 4),
            Served("ani", 1200, 2),
            Served("budi", 100, None),
        ]
        ani, budi = rules.performance(served)
        assert ani.officer == "ani" and ani.visits_served == 3
        assert ani.average_duration_seconds == 700.0
        assert ani.median_duration_seconds == 600.0
        assert ani.average_rating == round(11 / 3, 2)
        assert ani.share_rated_4_5 == round(2 / 3, 4)
        assert budi.visits_served == 1
        assert budi.average_rating is None and budi.share_rated_4_5 is None

    def test_median_of_an_even_count(self):
        [one] = rules.performance([Served("c", 100, 5), Served("c", 200, 5)])
        assert one.median_duration_seconds == 150.0
        assert one.share_rated_4_5 == 1.0

    def test_nothing_served(self):
        assert rules.performance([]) == []
