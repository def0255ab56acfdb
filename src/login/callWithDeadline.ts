import type { Clock } from "../clock/Clock.js";
import type { CallerWords } from "../errors/CallerWords.js";
import { timeoutSignal } from "../clock/timeoutSignal.js";
import { serviceFailure, timeoutFailure, type ServiceFailure } from "../errors/serviceFailure.js";

/** An SDK call's output, or what its failure may show (no response body, no request). */
export type CallOutcome<T> = { ok: true; output: T } | { ok: false; failure: ServiceFailure };

/**
 * One SDK call bounded by `timeoutMs` of `clock` time (SDK retries included), its failure described
 * by `serviceFailure` (or as our own timeout). Aborting `signal` aborts the call too.
 */
export async function callWithDeadline<T>(
  send: (abortSignal: AbortSignal) => Promise<T>,
  options: { clock: Clock; timeoutMs: number; signal?: AbortSignal | undefined; words?: CallerWords | undefined },
): Promise<CallOutcome<T>> {
  const deadline = timeoutSignal(options.clock, options.timeoutMs);
  const abortSignal = options.signal === undefined ? deadline.signal : AbortSignal.any([deadline.signal, options.signal]);
  try {
    return { ok: true, output: await send(abortSignal) };
  } catch (error) {
    if (options.signal?.aborted === true) throw options.signal.reason;
    return { ok: false, failure: deadline.signal.aborted ? timeoutFailure(error, options.timeoutMs, options.words) : serviceFailure(error) };
  } finally {
    deadline.dispose();
  }
}
