"""Prevention KPIs: assessments published and their results, suggestions followed up,
clinics and their N-gain, focal points activated, agreements in force."""
