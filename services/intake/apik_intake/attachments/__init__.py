"""Attachments: checked by content, sealed at rest, downloaded verified."""
