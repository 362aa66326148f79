// The tone of each state the integration API sends (an import, a send to the portal, a
// portal file): apart from lib/integration.ts because the report page (intake's area)
// shows the portal files' states too, and needs none of the imports' logic or words.
export type Tone = "ok" | "busy" | "waiting" | "failed";

// An import: checked (the dry run, nothing sent), running, done.
export function importTone(status: string): Tone {
  return status === "done" ? "ok" : status === "running" ? "busy" : "waiting";
}

// A send to a portal: pending, sent, failed (waiting for a replay).
export function sendTone(status: string): Tone {
  return status === "sent" ? "ok" : status === "failed" ? "failed" : "waiting";
}

// A portal file: waiting, stored, refused (never tried again), failed (retries spent).
export function fileTone(status: string): Tone {
  return status === "stored" ? "ok" : status === "waiting" ? "waiting" : "failed";
}
