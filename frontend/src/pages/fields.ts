// Small helpers shared by the forms: nested values by dotted path, and the body sent
// with empty optional fields left out (the API refuses "" where it wants a value or
// nothing).
export type Values = Record<string, string>;

export function nested(values: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(values)) {
    if (value === "") continue;
    const parts = path.split(".");
    let node = out;
    for (const part of parts.slice(0, -1)) {
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return out;
}
