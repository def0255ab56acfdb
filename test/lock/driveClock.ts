import { setTimeout as sleep } from "node:timers/promises";

import type { TestClock } from "../helpers/TestClock.js";

/**
 * Lets the code under test run (it does real file I/O between its sleeps) until it sleeps on
 * `clock` again or `settled()` says it is done. The bound only keeps a broken test from hanging.
 */
export async function untilIdle(clock: TestClock, settled: () => boolean): Promise<void> {
  for (let polls = 0; clock.sleeping === 0 && !settled(); polls++) {
    if (polls > 30_000) throw new Error("the code under test neither slept on the clock nor finished");
    await sleep(1);
  }
}

/** Whether a promise has settled, readable at any time. */
export function watch(promise: Promise<unknown>): () => boolean {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return () => settled;
}

/**
 * Moves `clock` forward `stepMs` at a time, letting the code under test run after each step, until
 * the clock's monotonic reading reaches `targetMs` or `settled()` says it is done.
 */
export async function advanceTo(clock: TestClock, targetMs: number, settled: () => boolean, stepMs = 20): Promise<void> {
  await untilIdle(clock, settled);
  while (!settled() && clock.monotonic() < targetMs) {
    await clock.advance(Math.min(stepMs, targetMs - clock.monotonic()));
    await untilIdle(clock, settled);
  }
}
