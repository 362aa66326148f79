"""APIK reporting: a read model of every event, KPIs against annual targets, exports."""
