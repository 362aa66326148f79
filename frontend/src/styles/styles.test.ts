// Node's file reading, for this test only (the app's code has no Node types).
/// <reference types="node" />
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const mantine = join(here, "..", "..", "node_modules", "@mantine", "core");

function imported(file: string): string[] {
  const css = readFileSync(join(here, file), "utf8");
  return [...css.matchAll(/@import "@mantine\/core\/styles\/([\w-]+)\.layer\.css";/g)].map((m) => m[1]!);
}

// Mantine's styles.css is its per-component files one after the other: their order there
// is the order the two halves keep (a component's rules after those it builds on).
function mantineOrder(): string[] {
  const whole = readFileSync(join(mantine, "styles.css"), "utf8");
  const files = readdirSync(join(mantine, "styles")).filter((f) => f.endsWith(".css") && !f.endsWith(".layer.css"));
  const at = (f: string) => whole.indexOf(readFileSync(join(mantine, "styles", f), "utf8").trim().slice(0, 200));
  expect(files.length).toBeGreaterThan(100);
  expect(files.filter((f) => at(f) < 0)).toEqual([]);
  return files.sort((a, b) => at(a) - at(b)).map((f) => f.replace(/\.css$/, ""));
}

describe("Mantine's styles, split between the entry and the other screens", () => {
  const entry = imported("entry.css");
  const screens = imported("screens.css");
  const order = mantineOrder();

  it("cover every file of Mantine's once (an upgrade's new file fails here)", () => {
    expect(entry.length).toBeGreaterThan(20);
    expect([...entry, ...screens].sort()).toEqual([...order].sort());
  });

  it("keep Mantine's order in each half, its global and shared styles in the entry", () => {
    expect(entry).toEqual(order.filter((f) => entry.includes(f)));
    expect(screens).toEqual(order.filter((f) => screens.includes(f)));
    // Everything before Accordion in styles.css: the global styles and the components
    // others are built on, so no file of the later half builds on one the entry lacks.
    expect(order.slice(0, order.indexOf("Accordion")).filter((f) => !entry.includes(f))).toEqual([]);
  });
});
