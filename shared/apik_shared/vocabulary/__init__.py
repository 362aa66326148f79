"""The domain's shared words: working days and office calendars, the IKM survey,
Indonesian names and months, NIK, plausible moments, and the input field types."""
