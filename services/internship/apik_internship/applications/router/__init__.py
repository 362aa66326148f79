"""Applications' routes: the public form and status page (`public`), the reviewers'
(`review`), their interview note (`interview`), the acceptance letter and its public
check (`letter`), and the reading of the form's multipart body (`form`)."""

from apik_internship.applications.router.interview import router as interview
from apik_internship.applications.router.letter import router as letter
from apik_internship.applications.router.public import router as public
from apik_internship.applications.router.review import router as review

__all__ = ["interview", "letter", "public", "review"]
