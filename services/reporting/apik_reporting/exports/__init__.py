"""CSV and XLSX exports of the tables the other features answer in JSON."""
