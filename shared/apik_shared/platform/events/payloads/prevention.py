"""Events published by the prevention service (Cegah).

References and published figures, no personal data: an assessment is its id, the
assessed unit's name and kind (a public body, not a person), its region, the scheme
version and the result as published.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from apik_shared.platform.events.payloads.base import Event


class PreventionEvent(Event):
    producer: ClassVar[str] = "prevention"


class AssessmentPublished(PreventionEvent):
    """The head published an assessment's result after the plenary."""

    event_type: ClassVar[str] = "assessment.published"

    assessment_id: str
    office: str
    year: int
    unit_name: str  # a public body ("Dinas Kependudukan … Kota Bengkulu")
    unit_type: str  # ministry, agency, province, regency, city, land_office, police_resort…
    region: str
    regency: str | None = None
    scheme_code: str
    scheme_version: int
    total: float
    label: str  # the band: "Zona Hijau", "Kualitas Tertinggi (A)"…
    zone: str | None = None  # green, yellow, red (schemes up to 2024)
    grade: str | None = None  # A-E (2022-2024)
    opinion: bool = False  # the "Opini Ombudsman RI" (2025-)
    suffix: str | None = None  # "Tanpa Maladministrasi"
    published_at: datetime
    published_by: str  # the head's username


class AgreementExpiring(PreventionEvent):
    """An agreement in force reached a reminder threshold before its end date (once per
    agreement and threshold; only the tightest one reached at once is announced)."""

    event_type: ClassVar[str] = "agreement.expiring"

    agreement_id: str
    office: str
    kind: str  # mou, pks
    parent_id: str | None = None  # a PKS's MoU
    renewal: int = 0  # 0 for the first agreement, 1 for its first renewal…
    ends_on: date  # the last day in force
    threshold_days: int  # 90, 60, 30 (APIK_AGREEMENT_REMINDER_DAYS)
    days_left: int


class AgreementActivated(PreventionEvent):
    """An MoU or PKS came into force (its signed document on file). References only: not
    its title, number or parties."""

    event_type: ClassVar[str] = "agreement.activated"

    agreement_id: str
    office: str
    kind: str  # mou, pks
    parent_id: str | None = None  # a PKS's MoU
    renewal: int = 0
    starts_on: date
    ends_on: date  # the last day in force
    activated_at: datetime


class AgreementEnded(PreventionEvent):
    """An agreement in force stopped being in force: it expired (the day after its end
    date, by the office's calendar) or was terminated early. References only."""

    event_type: ClassVar[str] = "agreement.ended"

    agreement_id: str
    office: str
    kind: str  # mou, pks
    status: str  # expired, terminated
    ends_on: date  # the end date it had
    ended_on: date  # the office's own date it ended
    ended_at: datetime


class ClinicCompleted(PreventionEvent):
    """A coaching clinic was completed: its certificates are issued. Counts and the
    class's gains only, never a participant."""

    event_type: ClassVar[str] = "clinic.completed"

    clinic_id: str
    office: str
    held_on: date
    participants: int  # registered
    attended: int  # who receive a certificate
    tested: int  # with both the pre- and the post-test
    class_gain: float | None = None  # Hake's, three decimals; null when undefined
    mean_gain: float | None = None  # the mean of individual gains (defined ones)
    completed_at: datetime
    completed_by: str  # the officer's username


class FocalPointActivated(PreventionEvent):
    """A focal point became active (accepted the invitation, or back in the role).
    References only: no name, phone or email."""

    event_type: ClassVar[str] = "focal_point.activated"

    focal_point_id: str
    office: str
    regency: str  # a region, for the KPI by regency
    reactivated: bool = False  # true when it was inactive before
    activated_at: datetime
    activated_by: str  # the officer's username


class FocalPointDeactivated(PreventionEvent):
    """An active focal point left the role (inactive). References only."""

    event_type: ClassVar[str] = "focal_point.deactivated"

    focal_point_id: str
    office: str
    regency: str  # a region, for the KPI by regency
    deactivated_at: datetime


class SuggestionFollowedUp(PreventionEvent):
    """A study's suggestion to an agency was followed up, the agency's evidence on file.
    References only: not the suggestion's text, not the evidence."""

    event_type: ClassVar[str] = "suggestion.followed_up"

    suggestion_id: str
    study_id: str
    office: str
    agency: str  # a public body
    due_on: date
    followed_up_on: date  # the office's own date
    late: bool  # followed up after the due date


class ArticlePublished(PreventionEvent):
    """A news item, opinion piece or press release was published after a second
    person's approval. References only: not the text, not the author."""

    event_type: ClassVar[str] = "article.published"

    article_id: str
    office: str
    kind: str  # news, opinion, press_release
    number: str | None = None  # a press release's number (`005/HM.01/I/2026`)
    published_on: date  # the office's own date
    published_at: datetime


class VillageDecided(PreventionEvent):
    """The head decided an anti-maladministration village (the decision letter). The
    village is a public body; its score is the one the office verified."""

    event_type: ClassVar[str] = "village.decided"

    village_id: str
    office: str
    year: int
    village: str  # "Desa Padang Genting"
    regency: str
    assessment_id: str | None = None
    total: float | None = None
    label: str | None = None
    decree_number: str
    decided_on: date  # the office's own date


class CommunityMemberStatusChanged(PreventionEvent):
    """A Sahabat Ombudsman member's status changed (inducted: active; left: inactive),
    or a member was recorded already inducted. References only: no name, phone or email.
    Intake keeps a copy, so that a report on the `community` channel names an active
    member of the office."""

    event_type: ClassVar[str] = "community_member.status_changed"

    member_id: str
    office: str
    status: str  # candidate, active, inactive
    changed_at: datetime
    changed_by: str  # the officer's username


class SubjectRequestOverdue(PreventionEvent):
    """A data subject's request (access, correction, erasure) was still unanswered at its
    deadline (UU 27/2022: 3 x 24 hours from receipt), announced once per request by the
    subject-requests job. References only: no name, nothing asked or answered."""

    event_type: ClassVar[str] = "subject_request.overdue"

    request_id: str
    office: str
    subject: str  # community_member, focal_point
    subject_id: str
    kind: str  # access, correction, erasure
    received_at: datetime
    due_at: datetime
    detected_at: datetime


EVENT_TYPES: dict[str, type[Event]] = {
    e.event_type: e
    for e in (
        AssessmentPublished,
        AgreementActivated,
        AgreementEnded,
        AgreementExpiring,
        ClinicCompleted,
        FocalPointActivated,
        FocalPointDeactivated,
        SuggestionFollowedUp,
        ArticlePublished,
        VillageDecided,
        CommunityMemberStatusChanged,
        SubjectRequestOverdue,
    )
}
