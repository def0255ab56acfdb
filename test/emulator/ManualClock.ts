/** A settable clock for the emulator's `now` option: starts at `startMs` and moves only when told. */
export class ManualClock {
  #nowMs: number;

  constructor(startMs: number = Date.UTC(2030, 0, 1)) {
    this.#nowMs = startMs;
  }

  /** Epoch milliseconds; pass `clock.now` (it is bound) as the emulator's `now`. */
  readonly now = (): number => this.#nowMs;

  advanceMs(ms: number): void {
    this.#nowMs += ms;
  }

  advanceSeconds(seconds: number): void {
    this.#nowMs += seconds * 1000;
  }

  set(epochMs: number): void {
    this.#nowMs = epochMs;
  }
}
