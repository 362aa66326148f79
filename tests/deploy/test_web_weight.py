"""What the public pages weigh on a slow phone (issue 21: "work on a slow phone connection").

The web app is built (Vite, its manifest on) and, for the sign-in page and every public
page, what the browser must download before the page shows is summed: the entry chunk
with every chunk it imports statically and their styles, plus the page's own lazy chunk
and its static imports. A chunk fetched later on purpose (the English catalogue, the
command palette, a chart below a table) is a dynamic import and does not count.

What is summed is what travels: the build writes a gzip and a brotli copy beside each
text file over 1 kB (`frontend/vite.config.ts`) and the gateway sends the one the
browser accepts (`gateway/apik_gateway/webapp/`). The budget holds the gzip copies (a
file without one counts whole): gzip is what every browser takes, also over plain
HTTP where browsers do not offer brotli; brotli is smaller still. 3G at 400 kbit/s
moves 50 kB a second, so 300 kB is six seconds of transfer on a first visit before the
page can be used (later visits take the hashed assets from the cache: they are
immutable). Before the cuts of docs/web-app.md every public page weighed 323 kB or more
at zlib level 6 (/kepatuhan 457 kB, its chart included); after them 262 kB, the
heaviest /magang/daftar at 293 kB (its date of birth opens a calendar); after the second
cut (Mantine's styles and the screens' Indonesian out of the entry) 217 kB for the
entry's own pages and 282 kB for /magang/daftar; after the fourth (the staff screens'
URL parsing out of the entry, the public pages' selects and date fields fetched once
the page shows) 209 kB and 249 kB. The budgets leave room for a little more, not a
library more.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from .topology import ROOT

FRONTEND = ROOT / "frontend"
BUDGET_GZIP = 290_000
# The pages the entry chunk renders on its own (sign-in, public report, tracking): 217 kB
# once the rest of Mantine's styles and the screens' Indonesian left the entry
# (docs/web-app.md), 265 kB before.
BUDGET_ENTRY_GZIP = 225_000
# frontend/vite.config.ts writes no copy of a smaller file.
COPY_THRESHOLD = 1024
# The pages rendered by the entry chunk itself (router.tsx imports them statically).
EAGER_PUBLIC = ("/masuk", "/lapor", "/lacak")
# What every other page loads before it renders (router.tsx's root route): the rest of
# Mantine's styles and the public areas' Indonesian. Dynamic imports, counted for those pages.
SCREENS = ("src/styles/screens.ts", "src/i18n/publicScreens.ts")


def static_closure(manifest: dict[str, dict], key: str) -> set[str]:
    """The manifest's keys loaded with `key`: it and its static imports, transitively."""
    seen: set[str] = set()
    todo = [key]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(manifest[current].get("imports", []))
    return seen


def files_of(manifest: dict[str, dict], keys: Iterable[str]) -> set[str]:
    """The emitted files (scripts and their styles) of manifest keys."""
    files: set[str] = set()
    for key in keys:
        files.add(manifest[key]["file"])
        files.update(manifest[key].get("css", []))
    return files


def page_weights(
    manifest: dict[str, dict],
    pages: dict[str, str | None],
    size: Callable[[str], int],
    screens: Iterable[str] = (),
) -> dict[str, int]:
    """Each page's first-load weight: the entry's closure plus, for a lazy page (its
    source file given), the files of its closure and of the `screens` modules' closures
    (loaded before any lazy page renders) the entry does not already bring."""
    entry = next(k for k, v in manifest.items() if v.get("isEntry"))
    entry_files = files_of(manifest, static_closure(manifest, entry))
    weights = {}
    for route, source in pages.items():
        files = set(entry_files)
        if source is not None:
            for key in (source, *screens):
                files |= files_of(manifest, static_closure(manifest, key))
        weights[route] = sum(size(f) for f in files)
    return weights


def public_pages(router: str, layout: str) -> dict[str, str | None]:
    """The routes of router.tsx under the layout's public paths (no session asked), with
    the source file of a lazy one."""
    listed = re.search(r"PUBLIC_PATHS = \[([^\]]*)\]", layout)
    assert listed, "Layout.tsx lists its PUBLIC_PATHS"
    prefixes = re.findall(r'"([^"]+)"', listed.group(1))
    pages: dict[str, str | None] = dict.fromkeys(EAGER_PUBLIC)
    for block in re.split(r"\bcreateRoute\(", router)[1:]:
        path = re.search(r'path:\s*"([^"]+)"', block)
        lazy = re.search(r'import\("\./([^"]+)"\)', block)
        if path is None or lazy is None or "requireSession" in block:
            continue
        if any(path.group(1).startswith(p) for p in prefixes):
            pages[path.group(1)] = f"src/{lazy.group(1)}.tsx"
    return pages


def app_public_pages() -> dict[str, str | None]:
    src = FRONTEND / "src"
    return public_pages(
        (src / "router.tsx").read_text(), (src / "components" / "Layout.tsx").read_text()
    )


def test_a_page_that_imports_a_heavy_chunk_statically_is_over_budget() -> None:
    """The sums on a manifest in miniature: shared chunks once, dynamic imports not."""
    manifest: dict[str, dict[str, Any]] = {
        "index.html": {
            "file": "a/entry.js",
            "isEntry": True,
            "imports": ["_shared.js"],
            "css": ["a/app.css"],
        },
        "_shared.js": {"file": "a/shared.js"},
        "src/Light.tsx": {
            "file": "a/light.js",
            "imports": ["_shared.js"],
            "dynamicImports": ["_chart.js"],
        },
        "src/Heavy.tsx": {"file": "a/heavy.js", "imports": ["_shared.js", "_chart.js"]},
        "_chart.js": {"file": "a/chart.js"},
        "src/rest.ts": {"file": "a/rest.css"},
    }
    sizes = {
        "a/entry.js": 100,
        "a/app.css": 20,
        "a/shared.js": 10,
        "a/light.js": 5,
        "a/heavy.js": 5,
        "a/chart.js": 400,
        "a/rest.css": 7,
    }
    weights = page_weights(
        manifest,
        {"/": None, "/light": "src/Light.tsx", "/heavy": "src/Heavy.tsx"},
        sizes.__getitem__,
        screens=("src/rest.ts",),
    )
    assert weights == {"/": 130, "/light": 142, "/heavy": 542}


def test_public_pages_are_read_from_the_router() -> None:
    pages = app_public_pages()
    assert pages["/tombol-merah"] == "src/pages/redbutton/RaisePage.tsx"
    assert pages["/kepatuhan"] == "src/pages/prevention/ResultsPage.tsx"
    # Staff pages: one behind requireSession, one the layout sends to the sign-in.
    assert "/pemeriksaan" not in pages and "/pencegahan/desa/$villageId" not in pages
    assert len(pages) >= 12


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`vite build` into a temporary folder, once for the module (skips where the web app
    cannot be built)."""
    if shutil.which("npx") is None:
        pytest.skip("Node.js 20+ with npm is not installed (the web app's only extra requirement)")
    if not (FRONTEND / "node_modules" / "vite").is_dir():
        pytest.skip("frontend/node_modules is missing: `make webtest` (or `npm ci` in frontend/)")
    out = tmp_path_factory.mktemp("web") / "dist"
    subprocess.run(
        ["npx", "vite", "build", "--outDir", str(out), "--emptyOutDir", "--logLevel", "error"],
        cwd=FRONTEND,
        check=True,
        timeout=600,
    )
    return out


def test_the_sign_in_and_public_pages_stay_within_the_budget(dist: Path) -> None:
    out = dist
    manifest = json.loads((out / ".vite" / "manifest.json").read_text())

    def on_the_wire(suffix: str) -> Callable[[str], int]:
        def size(file: str) -> int:
            copy = out / (file + suffix)
            return (copy if copy.is_file() else out / file).stat().st_size

        return size

    pages = app_public_pages()
    gzipped = page_weights(manifest, pages, on_the_wire(".gz"), SCREENS)
    brotli = page_weights(manifest, pages, on_the_wire(".br"), SCREENS)
    raw = page_weights(manifest, pages, lambda file: (out / file).stat().st_size, SCREENS)
    print("first visit, bytes raw / gzip / brotli:")
    for route in sorted(pages):
        print(f"  {route}: {raw[route]} / {gzipped[route]} / {brotli[route]}")
    over = {route: w for route, w in gzipped.items() if w > BUDGET_GZIP}
    assert not over, f"over {BUDGET_GZIP} bytes gzipped (first visit on 3G): {over}"
    entry = {route: gzipped[route] for route in EAGER_PUBLIC if gzipped[route] > BUDGET_ENTRY_GZIP}
    assert not entry, f"over {BUDGET_ENTRY_GZIP} bytes gzipped (the entry's own pages): {entry}"
    for route in pages:
        # The budget counts the copies: they must be what travels, not the raw files.
        assert brotli[route] < gzipped[route] < raw[route] / 3, route


def test_every_text_file_of_the_build_over_the_threshold_has_its_copies(dist: Path) -> None:
    """What the gateway can send compressed is what the build wrote (frontend/vite.config.ts)."""
    out = dist
    texts = [
        f
        for f in out.rglob("*")
        if f.suffix in {".html", ".js", ".css", ".json", ".svg"}
        and ".vite" not in f.relative_to(out).parts
    ]
    assert len(texts) > 50
    for file in texts:
        size = file.stat().st_size
        for suffix, decompress in ((".gz", gzip.decompress), (".br", None)):
            copy = file.with_name(file.name + suffix)
            if size < COPY_THRESHOLD:
                assert not copy.exists(), copy
                continue
            assert copy.is_file(), copy
            assert copy.stat().st_size < size, copy
            if decompress is not None:
                assert decompress(copy.read_bytes()) == file.read_bytes(), copy
