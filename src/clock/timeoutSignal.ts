import type { Clock } from "./Clock.js";

/** An abort signal that fires after `ms` of `clock` time, and a `dispose` that lets its timer go. */
export interface TimeoutSignal {
  readonly signal: AbortSignal;
  dispose(): void;
}

/** Like `AbortSignal.timeout`, but on the injected clock. The reason is a `TimeoutError` DOMException. */
export function timeoutSignal(clock: Clock, ms: number): TimeoutSignal {
  const controller = new AbortController();
  const cancel = new AbortController();
  clock.sleep(ms, cancel.signal).then(
    () => controller.abort(new DOMException(`timed out after ${ms} ms`, "TimeoutError")),
    () => undefined,
  );
  return { signal: controller.signal, dispose: () => cancel.abort() };
}
