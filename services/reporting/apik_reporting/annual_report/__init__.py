"""The annual performance report: the year's targets, achievements and breakdowns as a
PDF in Bahasa Indonesia (its tables are also each feature's CSV and XLSX exports)."""
