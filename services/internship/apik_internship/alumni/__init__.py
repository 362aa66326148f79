"""Alumni: the office's lasting network of former interns, with consent per field, a
visibility the alumnus chooses, their own updates by magic link, and their requests."""
