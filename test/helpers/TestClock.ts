import type { Clock } from "../../src/clock/Clock.js";
import { systemClock } from "../../src/clock/systemClock.js";

interface Sleeper {
  wakeAtMs: number;
  resolve: () => void;
}

/**
 * A {@link Clock} that moves only when told. Sleepers wake when `advance` passes their time, so
 * tests of backoff and waits run without real sleeps. `stepWall` moves the wall clock alone (a clock
 * set back or forward), as `date -s` would; the monotonic reading is unaffected.
 */
export class TestClock implements Clock {
  #wallMs: number;
  #monotonicMs = 0;
  readonly #sleepers = new Set<Sleeper>();

  constructor(startMs: number = Date.UTC(2030, 0, 1)) {
    this.#wallMs = startMs;
  }

  readonly now = (): number => this.#wallMs;

  readonly monotonic = (): number => this.#monotonicMs;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    // Nothing to wait for: as a real timer of 0 would, it resolves without the clock moving.
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const sleeper: Sleeper = {
        wakeAtMs: this.#monotonicMs + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.#sleepers.delete(sleeper);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#sleepers.add(sleeper);
    });
  };

  /** How many sleeps are pending: lets a test wait until the code under test is waiting. */
  get sleeping(): number {
    return this.#sleepers.size;
  }

  /** Moves both clocks forward, waking every sleeper whose time has come (in order), with a macrotask turn after each. */
  async advance(ms: number): Promise<void> {
    const target = this.#monotonicMs + ms;
    for (;;) {
      const next = [...this.#sleepers].filter((s) => s.wakeAtMs <= target).sort((a, b) => a.wakeAtMs - b.wakeAtMs)[0];
      if (next === undefined) break;
      this.#wallMs += next.wakeAtMs - this.#monotonicMs;
      this.#monotonicMs = next.wakeAtMs;
      this.#sleepers.delete(next);
      next.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.#wallMs += target - this.#monotonicMs;
    this.#monotonicMs = target;
  }

  /** Steps the wall clock alone (negative: set back). Sleepers and the monotonic reading do not move. */
  stepWall(ms: number): void {
    this.#wallMs += ms;
  }

  /** Resolves once at least `count` sleeps are pending (polling with real macrotask turns, bounded). */
  async untilSleeping(count = 1, maxTurns = 10_000): Promise<void> {
    for (let turn = 0; this.#sleepers.size < count; turn++) {
      if (turn >= maxTurns) throw new Error(`TestClock: fewer than ${count} sleepers after ${maxTurns} turns`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/**
 * A {@link Clock} with real sleeps whose wall and monotonic readings can be moved forward: for
 * tests across processes, SDK retries and file locks, where nothing could drive a {@link TestClock}.
 */
export class OffsetClock implements Clock {
  #offsetMs = 0;

  readonly now = (): number => Date.now() + this.#offsetMs;

  readonly monotonic = (): number => performance.now() + this.#offsetMs;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> => systemClock.sleep(ms, signal);

  /** Moves both readings forward (sleepers already waiting still wait their real time). */
  advance(ms: number): void {
    this.#offsetMs += ms;
  }
}
