"""Test support: real PostgreSQL and NATS for the suite, and signed tokens.

Register the fixtures with `pytest_plugins = ["apik_testing.plugin"]`.
"""
