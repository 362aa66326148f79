import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ALL_STAFF_AREAS, STAFF_AREAS, textsOf, type StaffArea, type TextsFile } from "./areas";
import { MESSAGES } from "./bothCatalogues";
import { EN } from "./en";
import { ID_ENTRY, type Locale } from "./messages";
import { PUBLIC_SCREENS_ID } from "./publicScreens";

// Issue 21: a staff screen loads the shared staff part and its own area's words only
// (areas.ts), so a key its files use from another area would show as a raw id. This
// follows each route of router.tsx to the files its screen imports and holds every
// message id they name to what that route loads, in both languages: the entry's chunk
// (its screens and the layout: the entry's words), a public page (and the public
// pages' words), a staff screen (and its area's). And each area's words stay small on a
// slow connection: each part's gzip within a budget.

const SRC = join(dirname(fileURLToPath(import.meta.url)), "..");
// Beyond the shared staff part, a staff screen's own words, gzipped (issue 21: ~12 kB).
const AREA_BUDGET_GZIP = 12_000;

type Texts = Readonly<Record<string, string>>;
const ALL_IDS = new Set(Object.keys(MESSAGES.id));

function sourceOf(file: string): string {
  return readFileSync(join(SRC, file), "utf8");
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = join(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    if (/\.tsx?$/.test(candidate) && existsSync(join(SRC, candidate))) return candidate;
  }
  return undefined;
}

// The files a file brings to the screen: its own imports (but types'), and with `lazy`
// those it fetches later too (a chart, a tab), which render within the same route. The
// catalogues themselves (i18n/) are what is checked against, not checked.
function filesReached(starts: string[], lazy: boolean): Set<string> {
  const seen = new Set<string>();
  const queue = [...starts];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || file.startsWith("i18n/") || file === "router.tsx") continue;
    seen.add(file);
    const text = sourceOf(file);
    const specs = [...text.matchAll(/^import (?!type )[^;]*?from "(\.[^"]+)";/gms)].map((m) => m[1]!);
    if (lazy) specs.push(...[...text.matchAll(/import\("(\.[^"]+)"\)/g)].map((m) => m[1]!));
    for (const spec of specs) {
      const target = resolveImport(file, spec);
      if (target !== undefined) queue.push(target);
    }
  }
  return seen;
}

// The message ids a file names: a string that is an id of the catalogues, or the stem
// of one it completes at run time (`prev.tab.${tab}`, codeLabel(labels, "status", …)).
function idsNamed(text: string): { ids: string[]; stems: string[] } {
  const ids = [...text.matchAll(/["'`]([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+)["'`]/g)].map((m) => m[1]!).filter((id) => ALL_IDS.has(id));
  const stems = [
    ...[...text.matchAll(/`([A-Za-z][A-Za-z0-9_.-]*\.)\$\{/g)].map((m) => m[1]!),
    ...[...text.matchAll(/codeLabel\([^,]+,\s*"(\w+)"/g)].map((m) => `${m[1]}.`),
  ].filter((stem) => [...ALL_IDS].some((id) => id.startsWith(stem)));
  return { ids, stems };
}

// What of `files` a catalogue lacks: an id, or a stem none of its ids completes.
function missing(files: Iterable<string>, texts: Texts, read: (file: string) => string = sourceOf): string[] {
  const keys = Object.keys(texts);
  const found: string[] = [];
  for (const file of files) {
    const { ids, stems } = idsNamed(read(file));
    for (const id of ids) if (!(id in texts)) found.push(`${file}: ${id}`);
    for (const stem of stems) if (!keys.some((key) => key.startsWith(stem))) found.push(`${file}: ${stem}*`);
  }
  return [...new Set(found)];
}

type Route = { name: string; path: string; area?: StaffArea; screen?: string };

function routes(): Route[] {
  const router = sourceOf("router.tsx");
  return [...router.matchAll(/const (\w+) = createRoute\(\{([\s\S]*?)\n\}\);/g)].map(([, name = "", body = ""]) => ({
    name,
    path: /path: "([^"]+)"/.exec(body)?.[1] ?? "",
    area: /staffScreen\("(\w+)"\)/.exec(body)?.[1] as StaffArea | undefined,
    screen: /import\("(\.[^"]+)"\)/.exec(body)?.[1],
  }));
}

async function filesTexts(files: readonly TextsFile[], locale: Locale): Promise<Texts> {
  return Object.assign({}, ...(await Promise.all(files.map((file) => textsOf(file, locale)))));
}

const ENTRY: Record<Locale, Texts> = { id: ID_ENTRY, en: EN };
const PUBLIC: Record<Locale, Texts> = { id: { ...PUBLIC_SCREENS_ID, ...ID_ENTRY }, en: EN };
// The entry chunk's screens and layout: what main.tsx, the layout and the entry's
// screens import, and what they fetch on their own later (the shortcuts' help opens on
// any page). router.tsx itself is left out: its search checks (lib/) are in the entry
// chunk, but their words show on their own screens only, checked with them.
const ENTRY_SCREENS = ["pages/SignIn.tsx", "pages/PublicReport.tsx", "pages/Track.tsx"];
const ENTRY_FILES = filesReached(["main.tsx", "components/Layout.tsx", ...ENTRY_SCREENS], true);

describe("the words each route loads", () => {
  it("cover the entry chunk's screens and layout", () => {
    expect(ENTRY_FILES.has("components/Layout.tsx")).toBe(true);
    expect(ENTRY_FILES.has("components/Shortcuts.tsx")).toBe(true);
    expect(ENTRY_SCREENS.every((screen) => sourceOf("router.tsx").includes(`from "./${screen.replace(".tsx", "")}"`))).toBe(true);
    for (const locale of ["id", "en"] as const) expect(missing(ENTRY_FILES, ENTRY[locale])).toEqual([]);
  });

  it("name an area for every staff screen, and a screen for every other route", () => {
    const found = routes();
    expect(found.length).toBeGreaterThan(40);
    for (const route of found) expect(route.area !== undefined || route.screen !== undefined || ["/masuk", "/lapor", "/lacak"].includes(route.path), route.name).toBe(true);
    const named = new Set(found.map((route) => route.area).filter((area) => area !== undefined));
    expect([...named].sort()).toEqual([...ALL_STAFF_AREAS].sort());
  });

  for (const locale of ["id", "en"] as const) {
    it(`cover the public pages' and each staff area's screens (${locale})`, async () => {
      const lacking: string[] = [];
      for (const route of routes()) {
        if (route.screen === undefined) continue;
        const files = [...filesReached([resolveImport("router.tsx", route.screen)!], true)].filter((file) => !ENTRY_FILES.has(file));
        const texts = route.area === undefined ? PUBLIC[locale] : { ...(await filesTexts([...STAFF_AREAS.staff, ...STAFF_AREAS[route.area]], locale)), ...PUBLIC[locale] };
        lacking.push(...missing(files, texts).map((gap) => `${route.path} (${route.area ?? "public"}) ${gap}`));
      }
      expect([...new Set(lacking)]).toEqual([]);
    });
  }

  it("find an id used, and miss it where it is not loaded", () => {
    const page = "pages/kpi/KpiPage.tsx";
    expect(idsNamed(sourceOf(page)).ids).toContain("kpi.title");
    expect(missing([page], PUBLIC.id)).toContain(`${page}: kpi.title`);
    const fake = (): string => "t(`prev.tab.${tab}`); codeLabel(labels, \"visitStatus\", s)";
    expect(missing(["x.tsx"], { "prev.tab.results": "x" }, fake)).toEqual(["x.tsx: visitStatus.*"]);
  });
});

describe("each staff area's words", () => {
  // The sizes, for the record: `npm test -- routeAreas` prints them.
  const sizes: string[] = [];
  for (const area of ["staff", ...ALL_STAFF_AREAS] as const) {
    for (const locale of ["id", "en"] as const) {
      it(`stay within ${AREA_BUDGET_GZIP} bytes gzipped beyond the shared part (${area}, ${locale})`, async () => {
        const files: readonly TextsFile[] = area === "staff" ? STAFF_AREAS.staff : STAFF_AREAS[area].filter((file) => !(STAFF_AREAS.staff as readonly string[]).includes(file));
        // Each file is a chunk of its own, compressed apart (as the build's copies are).
        const chunks = await Promise.all(files.map(async (file) => Buffer.from(JSON.stringify(await textsOf(file, locale)))));
        const raw = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
        const gzip = chunks.reduce((sum, chunk) => sum + gzipSync(chunk, { level: 9 }).length, 0);
        sizes.push(`${area} ${locale}: ${raw} B raw, ${gzip} B gzip`);
        expect(gzip).toBeLessThanOrEqual(AREA_BUDGET_GZIP);
      });
    }
  }
  it("are reported", () => {
    console.info(sizes.join("\n"));
    expect(sizes.length).toBe(2 * (ALL_STAFF_AREAS.length + 1));
  });
});
