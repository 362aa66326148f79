"""The learning library's kinds (pure). The N-gain of a module's pre- and post-tests is
shared with the prevention unit's clinics: `apik_shared.vocabulary.ngain`."""

from __future__ import annotations

from enum import StrEnum


class MaterialKind(StrEnum):
    guidebook = "guidebook"  # buku panduan
    module = "module"  # modul (the kind with pre- and post-tests)
    sop = "sop"
