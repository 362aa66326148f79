"""Giving a report to a PVL staff member, and taking it back."""
