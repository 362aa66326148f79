"""Routing a report to another office."""
