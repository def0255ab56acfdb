import { setTimeout as sleep } from "node:timers/promises";

import type { Clock } from "./Clock.js";

/** The real clock: `Date.now`, `performance.now` and `node:timers` sleeps. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  monotonic: () => performance.now(),
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      await sleep(Math.max(0, ms), undefined, { signal });
    } catch (error) {
      // node:timers rejects with its own AbortError; the Clock contract is the signal's reason.
      if (signal?.aborted) throw signal.reason;
      throw error;
    }
  },
});
