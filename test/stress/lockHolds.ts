import type { WorkerResult } from "../helpers/WorkerPool.js";

/**
 * The most processes that held the token cache lock at the same moment, from their log lines:
 * a process holds it from its "took the lock" line to its last line of the round (the lock is
 * released right after our last line; nothing of ours logs after that).
 */
export function maxConcurrentHolders(results: readonly WorkerResult[]): number {
  const events: [at: number, delta: number][] = [];
  for (const result of results) {
    const took = result.lines.find((line) => line.message.includes("took the lock"));
    const last = result.lines.at(-1);
    if (took === undefined || last === undefined) continue;
    events.push([took.at, +1], [Math.max(last.at, took.at), -1]);
  }
  // At equal times a release comes first: touching intervals do not overlap.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let max = 0;
  for (const [, delta] of events) {
    current += delta;
    max = Math.max(max, current);
  }
  return max;
}

/** Whether a result's log has a line containing `text`. */
export function logged(result: WorkerResult, text: string): boolean {
  return result.lines.some((line) => line.message.includes(text));
}
