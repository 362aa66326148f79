"""The steps a report goes through: verification, the plenary, the answer; the deadline."""
