"""Indonesia's provinces and regencies/cities by their Kemendagri codes (issue 21)."""
