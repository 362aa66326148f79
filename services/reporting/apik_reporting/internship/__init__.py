"""Internship KPIs: interns per month, institution kind and unit; Red Button response times."""
