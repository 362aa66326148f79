"""Duplicates, copies and merges; a report's full history."""
