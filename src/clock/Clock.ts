/**
 * The one source of time for everything the library does: expiry decisions, backoff, waits for a
 * peer or a lock, request deadlines. Injected (the `clock` option), so tests drive it instead of
 * sleeping for real.
 */
export interface Clock {
  /** Wall-clock time in epoch milliseconds: token and credential expiry, file times. */
  now(): number;
  /**
   * A monotonic reading in milliseconds, for measuring how long something took or waited.
   * It never steps back when the wall clock is set back.
   */
  monotonic(): number;
  /**
   * Resolves after `ms` milliseconds of this clock's time. With `signal`, rejects with its reason
   * once it is aborted (and lets go of the timer).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
