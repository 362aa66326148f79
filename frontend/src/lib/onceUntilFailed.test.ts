import { describe, expect, it } from "vitest";
import { onceUntilFailed } from "./onceUntilFailed";

describe("a fetch made once until it fails", () => {
  it("is shared by every caller once it succeeds", async () => {
    let calls = 0;
    const fetch = onceUntilFailed(async () => (calls += 1));
    expect(await Promise.all([fetch(), fetch()])).toEqual([1, 1]);
    expect(await fetch()).toBe(1);
    expect(calls).toBe(1);
  });

  it("is made again by the next caller after a failure", async () => {
    let calls = 0;
    const fetch = onceUntilFailed(async () => {
      calls += 1;
      if (calls === 1) throw new TypeError("Failed to fetch dynamically imported module");
      return "here";
    });
    const first = fetch();
    expect(fetch()).toBe(first); // asked again while it is still under way: the same fetch
    await expect(first).rejects.toThrow(TypeError);
    expect(await fetch()).toBe("here");
    expect(await fetch()).toBe("here");
    expect(calls).toBe(2);
  });
});
