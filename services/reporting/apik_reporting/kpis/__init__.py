"""The annual indicators: targets the head sets, achievements from the read model, the
percentage of each against its target, and the IKM."""
