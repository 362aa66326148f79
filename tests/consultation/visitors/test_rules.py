"""Who sees a visitor in full (pure): the roles that serve visitors, in the visit's office."""

from __future__ import annotations

from apik_consultation.visitors.rules import Shown, disclosure, masked

SERVING = ("desk_officer", "desk_supervisor")


def test_only_the_serving_roles_of_the_visits_office_see_the_visitor():
    def seen(*held: str, office: str = "KAB") -> str:
        return disclosure(held, reader_office=office, visit_office="KAB", roles=SERVING)

    assert seen("desk_officer") == seen("desk_supervisor") == "full"
    assert seen("head") == seen("analyst") == seen("dpo") == "masked"
    assert seen("admin") == "masked"  # running the system is not serving visitors
    assert seen("desk_supervisor", "national", office="PUSAT") == "masked"
    assert seen("desk_officer", office="JKT") == "masked"


def test_a_masked_visitor_keeps_enough_to_tell_people_apart_and_no_more():
    visitor = Shown(name="Budi  Santoso", phone="+6281234567890", institution="CV Maju Jaya")
    hidden = masked(visitor)
    assert hidden.name == "B*** S******" and hidden.phone == "+62812******90"
    assert hidden.institution == "C* M*** J***" and hidden.disclosure == "masked"
    assert masked(Shown(name="A", phone=None, institution=None)).name == "A*"
    assert masked(Shown(name="Ani", phone="+6281", institution="")).phone == "*****"
