// The community screens' pure logic: a version as the API's ETag writes it (for
// If-Match), and the status moves a member can make, as the API's rule has them
// (`community/rules.py` MOVES); the API still decides, and refuses any other.

export function etagOf(version: number): string {
  return `"${version}"`;
}

export type MoveLabel = "com.induct" | "com.decline" | "com.leave" | "com.return";

export function movesOf(status: string): Array<{ to: "active" | "inactive"; label: MoveLabel }> {
  if (status === "candidate") {
    return [
      { to: "active", label: "com.induct" },
      { to: "inactive", label: "com.decline" },
    ];
  }
  if (status === "active") return [{ to: "inactive", label: "com.leave" }];
  if (status === "inactive") return [{ to: "active", label: "com.return" }];
  return [];
}
