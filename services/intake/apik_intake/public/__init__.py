"""The public channel: the citizen's form and the tracking page with its PIN."""
