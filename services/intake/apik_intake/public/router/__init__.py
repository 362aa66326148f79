"""The public channel's routes (`routes`) and the reading of the form's bodies (`form`)."""

from apik_intake.public.router.routes import router

__all__ = ["router"]
