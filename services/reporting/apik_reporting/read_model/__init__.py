"""The read model: events into facts, the monthly counts the indicators add up, and the
rebuild that replays the stream into them (all in `service/`, a use-case file grown
into a package). Its consumer is wired in `apik_reporting.consumers`.
"""
