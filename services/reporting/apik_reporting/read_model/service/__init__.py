"""The read model's use cases, grown past one file: `projection` (events into facts),
`writes` (a batch's statements run together), `monthly` (the indicators, breakdowns and
roll-up summed from the monthly counts, and their fold) and `rebuild` (the command that
replays the stream into the facts).

Only the projection's entry points are re-exported: `rebuild` imports the consumer's
wiring (`apik_reporting.consumers`), which imports these.
"""

from apik_reporting.read_model.service.projection import project, project_all, project_into

__all__ = ["project", "project_all", "project_into"]
