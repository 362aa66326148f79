"""Applications' routes: the public form and status page (`public`), the reviewers'
(`review`), and the reading of the form's multipart body (`form`)."""

from apik_internship.applications.router.public import router as public
from apik_internship.applications.router.review import router as review

__all__ = ["public", "review"]
