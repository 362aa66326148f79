"""The whole suite shares the real servers (see apik_shared.testing)."""

pytest_plugins = ["apik_shared.testing.plugin"]
