"""The whole suite shares the real servers (see apik_testing)."""

pytest_plugins = ["apik_testing.plugin"]
