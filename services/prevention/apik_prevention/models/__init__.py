"""Every table of the prevention service.

Assessments keep no personal data: respondents are codes, enumerators and reviewers are
staff user names, photos are references. Focal points' and community members' names and
contacts are sealed with the service's keyring (`APIK_PII_KEYS`). A scheme version's
definition is the JSON of `schemes.schemas.SchemeDefinition`; once an assessment uses
it, it is frozen.
"""

from apik_prevention.models import (
    agreements,
    articles,
    assessments,
    clinics,
    community,
    focal_points,
    innovations,
    social_media,
    studies,
    subject_requests,
    villages,
)
from apik_prevention.models.agreements import (
    Agreement,
    AgreementActivity,
    AgreementDocument,
    AgreementDocumentRead,
    AgreementReminder,
)
from apik_prevention.models.articles import Article, PressReleaseCounter
from apik_prevention.models.assessments import (
    Assessment,
    AssessmentCase,
    AssessmentEntry,
    CaseFollowUp,
    SchemeVersion,
)
from apik_prevention.models.clinics import (
    Clinic,
    ClinicParticipant,
    ClinicParticipantRead,
)
from apik_prevention.models.community import (
    CommunityGroup,
    CommunityMember,
    CommunityMemberRead,
    CommunityTraining,
)
from apik_prevention.models.focal_points import (
    DiscussionGroup,
    FocalPoint,
    FocalPointChange,
    FocalPointRead,
)
from apik_prevention.models.innovations import Innovation
from apik_prevention.models.social_media import SocialPost
from apik_prevention.models.studies import (
    Study,
    Suggestion,
    SuggestionEvidence,
    SuggestionReminder,
)
from apik_prevention.models.subject_requests import SubjectRequest
from apik_prevention.models.villages import Village
from apik_shared.platform.processing import Processing

# The record of processing (docs/processing.md): each module declares its own tables.
PROCESSING: tuple[Processing, ...] = (
    *assessments.PROCESSING,
    *agreements.PROCESSING,
    *clinics.PROCESSING,
    *focal_points.PROCESSING,
    *studies.PROCESSING,
    *articles.PROCESSING,
    *social_media.PROCESSING,
    *innovations.PROCESSING,
    *villages.PROCESSING,
    *community.PROCESSING,
    *subject_requests.PROCESSING,
)

__all__ = [
    "PROCESSING",
    "Agreement",
    "AgreementActivity",
    "AgreementDocument",
    "AgreementDocumentRead",
    "AgreementReminder",
    "Article",
    "Assessment",
    "AssessmentCase",
    "AssessmentEntry",
    "CaseFollowUp",
    "Clinic",
    "ClinicParticipant",
    "ClinicParticipantRead",
    "CommunityGroup",
    "CommunityMember",
    "CommunityMemberRead",
    "CommunityTraining",
    "DiscussionGroup",
    "FocalPoint",
    "FocalPointChange",
    "FocalPointRead",
    "Innovation",
    "PressReleaseCounter",
    "SchemeVersion",
    "SocialPost",
    "Study",
    "SubjectRequest",
    "Suggestion",
    "SuggestionEvidence",
    "SuggestionReminder",
    "Village",
]
