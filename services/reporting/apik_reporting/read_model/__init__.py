"""The read model: events into facts (`projection`, `writes`), the monthly counts the
indicators add up (`monthly`), and the rebuild that replays the stream into them.

Its consumer is wired in `apik_reporting.consumers`.
"""
