import { describe, expect, it } from "vitest";
import { renewalDelayMs } from "./renewal";

describe("when the access token is renewed", () => {
  it("renews a 5-minute token one minute before it expires", () => {
    expect(renewalDelayMs(300)).toBe(240_000); // 300 s - 60 s
  });

  it("keeps a fifth of a short token's life as the margin", () => {
    expect(renewalDelayMs(100)).toBe(80_000); // 100 s - 20 s
  });

  it("never renews in a tight loop", () => {
    expect(renewalDelayMs(2)).toBe(5_000);
    expect(renewalDelayMs(0)).toBe(5_000);
  });
});
