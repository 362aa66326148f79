import { describe, expect, it } from "vitest";
import { buttonSteps, callOrder, formatClock, minutesSince, parseEvents, runningSeconds, stepPath } from "./desk";

describe("the service clock", () => {
  it("adds the time since the snapshot arrived while it runs", () => {
    // 95 s at the snapshot, received at t=10 000 ms, now t=17 500 ms: 7 whole seconds more.
    expect(runningSeconds({ duration_seconds: 95, clock_running: true }, 10_000, 17_500)).toBe(102);
  });

  it("stands still when paused, and never runs backwards", () => {
    expect(runningSeconds({ duration_seconds: 95, clock_running: false }, 10_000, 99_000)).toBe(95);
    expect(runningSeconds({ duration_seconds: 95, clock_running: true }, 10_000, 9_000)).toBe(95);
  });

  it("is written m:ss, with hours only when there are some", () => {
    expect(formatClock(7)).toBe("0:07");
    expect(formatClock(12 * 60 + 5)).toBe("12:05");
    expect(formatClock(3600 + 2 * 60 + 3)).toBe("1:02:03");
    expect(formatClock(-4)).toBe("0:00");
  });

  it("counts whole minutes waited", () => {
    const checkedIn = "2026-12-05T01:00:00Z";
    expect(minutesSince(checkedIn, Date.parse("2026-12-05T01:04:59Z"))).toBe(4);
    expect(minutesSince(checkedIn, Date.parse("2026-12-05T00:59:00Z"))).toBe(0);
  });
});

describe("the live queue's events", () => {
  it("gives complete events and keeps a partial one for the next chunk", () => {
    const chunk = 'retry: 3000\n\nevent: queue\ndata: {"items":[]}\n\n: keep-alive\n\nevent: queue\ndata: {"it';
    const { events, rest, retryMs } = parseEvents(chunk);
    expect(events).toEqual([{ event: "queue", data: '{"items":[]}' }]);
    expect(rest).toBe('event: queue\ndata: {"it');
    expect(retryMs).toBe(3000);
    const next = parseEvents(`${rest}ems":[1]}\n\n`);
    expect(next.events).toEqual([{ event: "queue", data: '{"items":[1]}' }]);
    expect(next.rest).toBe("");
  });

  it("joins data lines and reads CRLF line ends", () => {
    const { events } = parseEvents("data: a\r\ndata: b\r\n\r\n");
    expect(events).toEqual([{ event: "message", data: "a\nb" }]);
  });
});

describe("calling the next visitor", () => {
  const queue = [
    { id: "1", status: "in_service", officer: "rina" },
    { id: "2", status: "waiting", officer: null },
    { id: "3", status: "assigned", officer: "budi" },
    { id: "4", status: "assigned", officer: "rina" },
    { id: "5", status: "waiting", officer: null },
  ];

  it("takes the visit assigned to me first, then the waiting ones in order", () => {
    expect(callOrder(queue, "rina").map((v) => v.id)).toEqual(["4", "2", "5"]);
    expect(callOrder(queue, "dewi").map((v) => v.id)).toEqual(["2", "5"]);
  });
});

describe("the service screen's buttons", () => {
  it("come from the API's allowed steps, in the desk's order", () => {
    expect(buttonSteps(["assign", "pick_up", "start"])).toEqual(["pick_up", "start"]);
    expect(buttonSteps(["resume", "end"])).toEqual(["resume"]);
    expect(buttonSteps(["rate"])).toEqual([]);
    expect(stepPath("pick_up")).toBe("pick-up");
  });
});
