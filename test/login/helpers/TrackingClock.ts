// A TestClock that knows which of its sleeps are pending and how long each is, so a test can drive
// a login's waits one at a time (advance by exactly the poll interval the code chose), told apart
// from request deadlines by their length.
import type { Clock } from "../../../src/clock/Clock.js";
import { TestClock } from "../../helpers/TestClock.js";

interface PendingSleep {
  readonly ms: number;
}

export class TrackingClock implements Clock {
  readonly inner: TestClock;
  /** Every sleep asked for, in order. */
  readonly sleeps: number[] = [];
  readonly #pending = new Set<PendingSleep>();

  constructor(startMs?: number) {
    this.inner = new TestClock(startMs);
  }

  readonly now = (): number => this.inner.now();
  readonly monotonic = (): number => this.inner.monotonic();
  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    const entry = { ms };
    this.sleeps.push(ms);
    this.#pending.add(entry);
    return this.inner.sleep(ms, signal).finally(() => this.#pending.delete(entry));
  };

  /** The pending sleeps' lengths. */
  get pending(): number[] {
    return [...this.#pending].map((entry) => entry.ms);
  }

  /**
   * Runs `work` to its end, advancing the clock by each pending sleep that `isWait` accepts, one at a
   * time, as soon as it is asked for (real time passes only for I/O). `onTurn` runs between steps.
   */
  async drive<T>(work: Promise<T>, isWait: (ms: number) => boolean, onTurn: () => void | Promise<void> = () => undefined): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled) {
      await onTurn();
      const wait = [...this.#pending].find((entry) => isWait(entry.ms));
      if (wait !== undefined) await this.inner.advance(wait.ms);
      else await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return work;
  }
}
