"""Sahabat Ombudsman: the office's community groups, members and their training."""
