// Both clocks keep the Clock contract: sleeps resolve after their time, and an aborted sleep rejects
// with the signal's own reason (the code that aborts a wait says why, and that is what callers see).
import assert from "node:assert/strict";
import { test } from "node:test";

import type { Clock } from "../src/clock/Clock.js";
import { systemClock } from "../src/clock/systemClock.js";
import { TestClock } from "./helpers/TestClock.js";

for (const [name, make] of [
  ["systemClock", () => ({ clock: systemClock, advance: async () => undefined })],
  ["TestClock", () => {
    const clock = new TestClock();
    return { clock, advance: (ms: number) => clock.advance(ms) };
  }],
] as [string, () => { clock: Clock; advance(ms: number): Promise<void> }][]) {
  test(`${name}: an aborted sleep rejects with the signal's reason, before or during the sleep`, async () => {
    const { clock } = make();
    const reason = new Error("the token source was closed");
    const during = new AbortController();
    const sleeping = clock.sleep(60_000, during.signal);
    during.abort(reason);
    await assert.rejects(sleeping, (error: unknown) => error === reason);
    const before = new AbortController();
    before.abort(reason);
    await assert.rejects(clock.sleep(10, before.signal), (error: unknown) => error === reason);
  });

  test(`${name}: a sleep resolves, and monotonic time moves forward`, async () => {
    const { clock, advance } = make();
    const start = clock.monotonic();
    const sleeping = clock.sleep(5);
    await advance(5);
    await sleeping;
    assert.ok(clock.monotonic() > start);
  });
}
