"""Reporters: the sealed identity, repeat reporters recognised, audited identity reads."""
