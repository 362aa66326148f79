// The consultation desk's pure logic: the running service clock, the live queue's
// server-sent events, and which visit "call next" takes.

// A queue entry as the API sends it (GET /queue and each `queue` event).
export interface ClockEntry {
  duration_seconds: number;
  clock_running: boolean;
}

// Seconds of service shown now: the API's count at its snapshot, plus the time since the
// snapshot arrived while the clock runs. Measured on this machine's own clock from when
// the snapshot was received, so a browser whose clock is off still counts right.
export function runningSeconds(entry: ClockEntry, receivedAtMs: number, nowMs: number): number {
  const extra = entry.clock_running ? Math.max(0, Math.floor((nowMs - receivedAtMs) / 1000)) : 0;
  return Math.max(0, entry.duration_seconds) + extra;
}

// 0:07, 12:05, 1:02:03: minutes and seconds, hours only when there are any.
export function formatClock(total: number): string {
  const seconds = Math.max(0, Math.floor(total));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

// The same duration for a screen reader and a label: whole hours, minutes and seconds.
export function clockParts(total: number): { hours: number; minutes: number; seconds: number } {
  const seconds = Math.max(0, Math.floor(total));
  return { hours: Math.floor(seconds / 3600), minutes: Math.floor((seconds % 3600) / 60), seconds: seconds % 60 };
}

// Minutes waited since check-in (for the waiting list), never negative.
export function minutesSince(iso: string, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - Date.parse(iso)) / 60_000));
}

export interface ServerEvent {
  event: string;
  data: string;
}

// Parses a text/event-stream chunk by chunk: the complete events in `buffer` and what
// is left for the next chunk. Comments (": keep-alive") are skipped; `retry:` is given
// back so the reconnection waits as the server asks.
export function parseEvents(buffer: string): { events: ServerEvent[]; rest: string; retryMs: number | null } {
  const events: ServerEvent[] = [];
  let retryMs: number | null = null;
  const normalised = buffer.replace(/\r\n?/g, "\n");
  const blocks = normalised.split("\n\n");
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line === "" || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
      else if (field === "retry" && /^\d+$/.test(value)) retryMs = Number(value);
    }
    if (data.length > 0) events.push({ event, data: data.join("\n") });
  }
  return { events, rest, retryMs };
}

export interface Queued {
  id: string;
  status: string;
  officer: string | null;
}

// The visits "call next" tries, in turn: one already assigned to this officer first
// (they were called for it), then those waiting, first come first (the API's order).
export function callOrder<T extends Queued>(items: readonly T[], me: string): T[] {
  const mine = items.filter((v) => v.status === "assigned" && v.officer === me);
  const waiting = items.filter((v) => v.status === "waiting");
  return [...mine, ...waiting];
}

// The service steps a screen offers, from the API's `allowed_steps`, in the order the
// desk works; `assign` needs a supervisor's choice of officer and `rate` the visitor's
// own form, so neither is a plain button.
const BUTTON_STEPS = ["pick_up", "start", "pause", "resume"] as const;
export type ButtonStep = (typeof BUTTON_STEPS)[number];

export function buttonSteps(allowed: readonly string[]): ButtonStep[] {
  return BUTTON_STEPS.filter((s) => allowed.includes(s));
}

// The route of each step (the API's path segment).
export function stepPath(step: ButtonStep): "pick-up" | "start" | "pause" | "resume" {
  return step === "pick_up" ? "pick-up" : step;
}
