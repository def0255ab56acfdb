import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

import type { FromSSOInit } from "../../src/FromSSOInit.js";

const WORKER = fileURLToPath(new URL("../fixtures/credentialWorker.mjs", import.meta.url));
const BUILT = fileURLToPath(new URL("../../dist/esm/index.js", import.meta.url));

export interface LogLine {
  level: string;
  message: string;
  /** Date.now() in the worker when the line was logged. */
  at: number;
}

export interface WorkerResult {
  worker: number;
  pid: number;
  ok: boolean;
  /** The worker was killed (by the test) before it answered. */
  killed: boolean;
  /** This worker was the one that stalled (see `Stall`). */
  stalled?: boolean;
  accessKeyId?: string;
  error?: { name?: string; message?: string; serviceCode?: string; isTypeError?: boolean };
  lines: LogLine[];
  ms: number;
  /** Date.now() in this process when the answer arrived. */
  finishedAt: number;
}

/** JSON-safe options for the workers (no clients, clocks or loggers). */
export type WorkerInit = Omit<FromSSOInit, "ssoClient" | "oidcClient" | "clock" | "env" | "logger" | "clientConfig"> & {
  clientConfig?: { endpoint?: string; maxAttempts?: number };
};

/** Block the worker's event loop this long while it holds the lock (see test/fixtures/credentialWorker.mjs). */
export interface Stall {
  on: "refreshing" | "after-create-token";
  ms: number;
  /** Only the first process to create this file stalls. */
  once?: string;
}

export interface RoundOptions {
  clockOffsetMs?: number;
  /** Which workers stall, and how. */
  stall?: (worker: number) => Stall | undefined;
  /** The round fails (and every worker is killed) if not over by then. Default 120 s. */
  timeoutMs?: number;
}

/**
 * N child processes running the built package (test/fixtures/credentialWorker.mjs), started together
 * for each round: every worker is forked and reports ready before any is told to go. Log lines
 * reach `onLog` as they happen, so a test can act on them (kill the process that is refreshing).
 */
export class WorkerPool {
  readonly #children: ChildProcess[];
  readonly #killed = new Set<number>();
  #round = 0;
  onLog: ((worker: number, line: LogLine) => void) | undefined;

  private constructor(children: ChildProcess[]) {
    this.#children = children;
    children.forEach((child, worker) => {
      child.on("message", (message: { type?: string } & LogLine) => {
        if (message.type === "log") this.onLog?.(worker, { level: message.level, message: message.message, at: message.at });
      });
    });
  }

  static async start(count: number, env: NodeJS.ProcessEnv = {}): Promise<WorkerPool> {
    if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run \`npm run build\` first (npm test and npm run test:stress do)`);
    const children = Array.from({ length: count }, () =>
      fork(WORKER, [], { env: { ...process.env, ...env }, execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] }),
    );
    try {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve, reject) => {
              child.once("error", reject);
              child.once("exit", (code) => reject(new Error(`worker exited early with ${code}`)));
              child.once("message", () => resolve());
            }),
        ),
      );
    } catch (error) {
      for (const child of children) child.kill("SIGKILL");
      throw error;
    }
    for (const child of children) child.removeAllListeners("exit");
    return new WorkerPool(children);
  }

  get size(): number {
    return this.#children.length;
  }

  pid(worker: number): number {
    return this.#children[worker]?.pid ?? -1;
  }

  /** Kills one worker (SIGKILL: no exit hook runs, so a lock it holds stays behind). */
  kill(worker: number, signal: NodeJS.Signals = "SIGKILL"): void {
    this.#killed.add(worker);
    this.#children[worker]?.kill(signal);
  }

  /** Tells every live worker to get credentials at once; resolves when all have answered or died. */
  async round(init: WorkerInit | ((worker: number) => WorkerInit), options: RoundOptions = {}): Promise<WorkerResult[]> {
    const round = ++this.#round;
    const live = this.#children.map((child, worker) => ({ child, worker })).filter(({ worker }) => !this.#killed.has(worker));
    const answers = live.map(
      ({ child, worker }) =>
        new Promise<WorkerResult>((resolve) => {
          const pid = child.pid ?? -1;
          const onMessage = (message: { type?: string; round?: number } & Omit<WorkerResult, "worker" | "pid" | "killed" | "finishedAt">) => {
            if (message.type !== "result" || message.round !== round) return;
            child.off("message", onMessage);
            child.off("exit", onExit);
            resolve({ ...message, worker, pid, killed: false, finishedAt: Date.now() });
          };
          const onExit = (code: number | null, signal: string | null) => {
            child.off("message", onMessage);
            const killed = this.#killed.has(worker);
            resolve({
              worker,
              pid,
              ok: false,
              killed,
              error: killed ? undefined : { name: "WorkerCrashed", message: `worker exited (${code ?? signal}) during round ${round}` },
              lines: [],
              ms: 0,
              finishedAt: Date.now(),
            });
          };
          child.on("message", onMessage);
          child.once("exit", onExit);
        }),
    );
    for (const { child, worker } of live) {
      child.send({
        type: "run",
        round,
        init: typeof init === "function" ? init(worker) : init,
        clockOffsetMs: options.clockOffsetMs ?? 0,
        stall: options.stall?.(worker),
      });
    }
    const timeoutMs = options.timeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        for (const { worker } of live) this.kill(worker);
        reject(new Error(`round ${round} not over after ${timeoutMs} ms: a worker hangs (all killed)`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([Promise.all(answers), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.#children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
          }),
      ),
    );
  }
}
