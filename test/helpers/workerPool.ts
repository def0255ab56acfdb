import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

import type { FromSSOInit } from "../../src/FromSSOInit.js";

const WORKER = fileURLToPath(new URL("../fixtures/credentialWorker.mjs", import.meta.url));
const BUILT = fileURLToPath(new URL("../../dist/esm/index.js", import.meta.url));

export interface WorkerResult {
  worker: number;
  ok: boolean;
  accessKeyId?: string;
  error?: { name?: string; message?: string; serviceCode?: string };
  warnings: string[];
  ms: number;
}

/** JSON-safe options for the workers (no clients, clocks or loggers). */
export type WorkerInit = Omit<FromSSOInit, "ssoClient" | "oidcClient" | "now" | "logger" | "clientConfig"> & {
  clientConfig?: { endpoint?: string };
};

/**
 * N child processes, each running the built package, that start a round together:
 * every worker is forked and reports ready before any is told to go.
 */
export class WorkerPool {
  readonly #children: ChildProcess[];
  #round = 0;

  private constructor(children: ChildProcess[]) {
    this.#children = children;
  }

  static async start(count: number, env: NodeJS.ProcessEnv = {}): Promise<WorkerPool> {
    if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run \`npm run build\` first (npm test does)`);
    const children = Array.from({ length: count }, () =>
      fork(WORKER, [], { env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] }),
    );
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
    for (const child of children) child.removeAllListeners("exit");
    return new WorkerPool(children);
  }

  get pids(): number[] {
    return this.#children.map((child) => child.pid ?? -1);
  }

  /** Tells every worker to get credentials at once; resolves when all have answered. */
  async round(init: WorkerInit, clockOffsetMs = 0): Promise<WorkerResult[]> {
    const round = ++this.#round;
    const answers = this.#children.map(
      (child, worker) =>
        new Promise<WorkerResult>((resolve, reject) => {
          const onMessage = (message: { type?: string; round?: number } & Omit<WorkerResult, "worker">) => {
            if (message.type !== "result" || message.round !== round) return;
            child.off("message", onMessage);
            child.off("exit", onExit);
            resolve({ ...message, worker });
          };
          const onExit = (code: number | null, signal: string | null) =>
            reject(new Error(`worker ${worker} exited (${code ?? signal}) during round ${round}`));
          child.on("message", onMessage);
          child.once("exit", onExit);
        }),
    );
    for (const child of this.#children) child.send({ type: "run", round, init, clockOffsetMs });
    return Promise.all(answers);
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
