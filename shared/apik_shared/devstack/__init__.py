"""Local infrastructure and process supervision for `make up` and the test harness."""
