import type { InjectedFault } from "./FaultSpec.js";
import { type OperationName } from "./OperationName.js";

/** Per-operation FIFO of injected faults; each entry applies to the next `remaining` calls. */
export class FaultQueue {
  readonly #queues = new Map<OperationName, { fault: InjectedFault; remaining: number }[]>();

  add(operation: OperationName, count: number, fault: InjectedFault): void {
    if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
    const queue = this.#queues.get(operation) ?? [];
    queue.push({ fault, remaining: count });
    this.#queues.set(operation, queue);
  }

  /** The fault for this call of `operation`, if one is queued (and consumes it). */
  take(operation: OperationName): InjectedFault | undefined {
    const queue = this.#queues.get(operation);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) queue.shift();
    return head.fault;
  }

  /** How many calls of `operation` will still be faulted. */
  pending(operation: OperationName): number {
    return (this.#queues.get(operation) ?? []).reduce((sum, entry) => sum + entry.remaining, 0);
  }

  clear(): void {
    this.#queues.clear();
  }
}
