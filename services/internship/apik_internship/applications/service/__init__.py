"""Applications: filed on the public form (`filing`), read by reviewers with the applicant
masked or in full and every full read audited (`reading`), found by the queue's filters
a page at a time or all for its CSV (`listing`), accepted within the unit's quota or
declined with a reason (`deciding`); an accepted intern's account linked to it
(`accounts`); the acceptance letter with its public check (`letters`); the reviewers'
sealed interview note (`interviews`)."""

from apik_internship.applications.service.accounts import (
    AccountTaken,
    intern_application,
    link_intern_account,
)
from apik_internship.applications.service.deciding import accept, decline
from apik_internship.applications.service.filing import by_code, check_request, file_application
from apik_internship.applications.service.interviews import read_interview, write_interview
from apik_internship.applications.service.letters import (
    LetterContent,
    acceptance_letter,
    check_document,
    check_letter,
)
from apik_internship.applications.service.listing import (
    ApplicationFilter,
    export_applications,
    list_applications,
)
from apik_internship.applications.service.reading import (
    ApplicantAccess,
    applicant_for_print,
    applicant_name,
    get_application,
    read_letter,
    shown,
)

__all__ = [
    "AccountTaken",
    "ApplicantAccess",
    "ApplicationFilter",
    "LetterContent",
    "accept",
    "acceptance_letter",
    "applicant_for_print",
    "applicant_name",
    "by_code",
    "check_document",
    "check_letter",
    "check_request",
    "decline",
    "export_applications",
    "file_application",
    "get_application",
    "intern_application",
    "link_intern_account",
    "list_applications",
    "read_interview",
    "read_letter",
    "shown",
    "write_interview",
]
