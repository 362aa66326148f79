"""The data protection officer's registers (UU 27/2022): data subjects' requests and
personal-data breaches."""
