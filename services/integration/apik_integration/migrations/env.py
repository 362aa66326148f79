from apik_shared.platform.migrations import run_env

run_env()
