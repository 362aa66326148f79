"""Learning: the office's guidebook, modules and SOP as a versioned library that interns
acknowledge reading, and pre- and post-tests per module scored by N-gain."""
