"""Reports: registration from every channel, finding and reading them."""
