/** Wall-clock time plus an adjustable offset: lets a long-running (standalone) emulator jump forward. */
export class OffsetClock {
  #offsetMs = 0;

  /** Epoch milliseconds (`Date.now()` + offset); bound, so it can be passed as the emulator's `now`. */
  readonly now = (): number => Date.now() + this.#offsetMs;

  readonly advanceMs = (ms: number): void => {
    this.#offsetMs += ms;
  };

  get offsetMs(): number {
    return this.#offsetMs;
  }
}
