// Assignment's pure logic: the round-robin's next examiner (examination's rule in
// assignment/rules.py mirrored, so a supervisor assigning by hand sees whose turn it is;
// the API's own round-robin decides for new cases), and a roster line in words.

export interface RosterEntry {
  examiner_id: string;
  display_name: string;
  team: string;
  capacity: number;
  in_rotation: boolean;
  absent_from: string | null; // YYYY-MM-DD, the office's calendar
  absent_until: string | null;
  open_cases: number;
}

export interface Rotation {
  enabled: boolean;
  team: string | null;
  last_examiner_id: string | null;
}

export function absentOn(e: RosterEntry, day: string): boolean {
  if (e.absent_from === null && e.absent_until === null) return false;
  return (e.absent_from ?? "0000-01-01") <= day && day <= (e.absent_until ?? "9999-12-31");
}

export function availableOn(e: RosterEntry, day: string): boolean {
  return e.in_rotation && !absentOn(e, day) && e.open_cases < e.capacity;
}

// The first available examiner after the last one picked, in a stable order (by id),
// wrapping round; among the rotation's team when it names one. Null when the rotation
// is off or nobody is available.
export function nextInTurn(roster: readonly RosterEntry[], rotation: Rotation | null, today: string): RosterEntry | null {
  if (!rotation?.enabled) return null;
  const ordered = roster
    .filter((e) => rotation.team === null || e.team === rotation.team)
    .sort((a, b) => (a.examiner_id < b.examiner_id ? -1 : a.examiner_id > b.examiner_id ? 1 : 0));
  if (ordered.length === 0) return null;
  const last = rotation.last_examiner_id;
  let start = 0;
  if (last !== null) {
    const after = ordered.findIndex((e) => e.examiner_id > last);
    start = after === -1 ? 0 : after;
  }
  for (let offset = 0; offset < ordered.length; offset += 1) {
    const candidate = ordered[(start + offset) % ordered.length]!;
    if (availableOn(candidate, today)) return candidate;
  }
  return null;
}
