import importlib
import sys

from apik_shared.migrations import run_env

# Revision 0015 computes the near-copy signatures of the reports stored before it with
# `apik_intake.rules_duplicates.text_bands`, a module now at `apik_intake.duplicates.rules`.
# Old revisions are not edited, so the old name stays resolvable here, where revisions run.
sys.modules.setdefault(
    "apik_intake.rules_duplicates", importlib.import_module("apik_intake.duplicates.rules")
)

run_env()
