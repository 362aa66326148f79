"""Certificates: issued when an internship meets the rules of completion, printed with
the office's letterhead and a QR code to a public verify route."""
