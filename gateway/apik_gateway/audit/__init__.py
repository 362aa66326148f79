"""The audit of role changes, read by the data protection officer."""
