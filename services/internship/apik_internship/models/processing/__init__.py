"""The internship's record of processing, by whose data: applicants and the Red Button,
then interns' own records."""

from apik_internship.models.processing import applicants, interns

PROCESSING = (*applicants.PROCESSING, *interns.PROCESSING)
