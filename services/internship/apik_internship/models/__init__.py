"""Every table of the internship service. An applicant's identity, their institution's
letter and what a Red Button report says are AES-GCM ciphertexts (`FieldCipher`), bound
to their row; codes the public holds (an application's, a receipt) are kept only as
keyed hashes, so the database alone opens nothing."""

from apik_internship.models.alerting import RedButtonContact, RedButtonDelivery
from apik_internship.models.applications import (
    ApplicantRead,
    Application,
    ApplicationLetter,
    Quota,
)
from apik_internship.models.days import (
    Absence,
    AttendanceDay,
    Cohort,
    CohortMember,
    CohortUnit,
    LogbookEntry,
    LogbookReminder,
    Placement,
    PlacementChange,
    Work,
    WorkFile,
)
from apik_internship.models.formats import InstitutionFormat
from apik_internship.models.interviews import ApplicationInterview
from apik_internship.models.learning import (
    AcceptanceLetter,
    Alumnus,
    AlumnusLink,
    AlumnusRead,
    AlumnusRequest,
    Certificate,
    Evaluation,
    FinalReport,
    LearningAcknowledgement,
    LearningMaterial,
    LearningResult,
    LearningVersion,
)
from apik_internship.models.processing import PROCESSING
from apik_internship.models.red_button import (
    IdentityRequest,
    RedButtonAction,
    RedButtonAlert,
    RedButtonCase,
    RedButtonMessage,
    RedButtonRead,
    RedButtonRoster,
    RedButtonStaff,
    RedButtonStep,
)

__all__ = [
    "PROCESSING",
    "Absence",
    "AcceptanceLetter",
    "Alumnus",
    "AlumnusLink",
    "AlumnusRead",
    "AlumnusRequest",
    "ApplicantRead",
    "Application",
    "ApplicationInterview",
    "ApplicationLetter",
    "AttendanceDay",
    "Certificate",
    "Cohort",
    "CohortMember",
    "CohortUnit",
    "Evaluation",
    "FinalReport",
    "IdentityRequest",
    "InstitutionFormat",
    "LearningAcknowledgement",
    "LearningMaterial",
    "LearningResult",
    "LearningVersion",
    "LogbookEntry",
    "LogbookReminder",
    "Placement",
    "PlacementChange",
    "Quota",
    "RedButtonAction",
    "RedButtonAlert",
    "RedButtonCase",
    "RedButtonContact",
    "RedButtonDelivery",
    "RedButtonMessage",
    "RedButtonRead",
    "RedButtonRoster",
    "RedButtonStaff",
    "RedButtonStep",
    "Work",
    "WorkFile",
]
