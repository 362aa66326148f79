"""A year's figures by one dimension: substance, outcome, channel, agency type, month."""
