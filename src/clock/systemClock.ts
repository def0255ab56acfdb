import { setTimeout as sleep } from "node:timers/promises";

import type { Clock } from "./Clock.js";

/** The real clock: `Date.now`, `performance.now` and `node:timers` sleeps. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  monotonic: () => performance.now(),
  sleep: (ms: number, signal?: AbortSignal) => sleep(Math.max(0, ms), undefined, { signal }),
});
