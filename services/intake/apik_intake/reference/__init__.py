"""The office's reference lists (substance categories)."""
