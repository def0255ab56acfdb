import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const WORKERS_DIR = fileURLToPath(new URL("./workers/", import.meta.url));

export interface WorkerMessage {
  readonly type: string;
  readonly [key: string]: unknown;
}

/**
 * A forked bench worker (`bench/workers/<script>`) spoken to over IPC. Plain Node: the parent's
 * `--import tsx` is not passed on. stderr is kept (bounded) for error reports.
 */
export class WorkerProcess {
  readonly #child: ChildProcess;
  readonly #inbox: WorkerMessage[] = [];
  readonly #waiters = new Set<() => void>();
  #stderr = "";
  #exit: string | undefined;

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on("message", (message: WorkerMessage) => {
      this.#inbox.push(message);
      this.#wake();
    });
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      if (this.#stderr.length < 16_000) this.#stderr += chunk;
    });
    child.once("exit", (code, signal) => {
      this.#exit = `exited with ${code ?? signal}`;
      this.#wake();
    });
    child.once("error", (error) => {
      this.#exit = `failed: ${error.message}`;
      this.#wake();
    });
  }

  static fork(script: string, args: readonly string[], env: NodeJS.ProcessEnv): WorkerProcess {
    return new WorkerProcess(
      fork(`${WORKERS_DIR}${script}`, [...args], { env, execArgv: [], stdio: ["ignore", "ignore", "pipe", "ipc"] }),
    );
  }

  get stderr(): string {
    return this.#stderr;
  }

  send(message: WorkerMessage): void {
    this.#child.send(message);
  }

  /** The next message of `type` (earlier ones of other types are dropped); rejects if the worker exits or `timeoutMs` passes. */
  async next(type: string, timeoutMs: number): Promise<WorkerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = this.#inbox.shift();
      if (message !== undefined) {
        if (message.type === type) return message;
        continue;
      }
      if (this.#exit !== undefined) throw new Error(`bench worker ${this.#exit} while waiting for "${type}"\n${this.#stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`bench worker sent no "${type}" within ${timeoutMs} ms\n${this.#stderr}`);
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.#waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.#waiters.add(wake);
      });
    }
  }

  /** Asks the worker to exit; SIGKILL after 5 s. */
  async stop(): Promise<void> {
    if (this.#exit !== undefined) return;
    const exited = new Promise<void>((resolve) => this.#child.once("exit", () => resolve()));
    try {
      this.#child.send({ type: "exit" });
    } catch {
      this.#child.kill("SIGTERM");
    }
    const timer = setTimeout(() => this.#child.kill("SIGKILL"), 5000);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }

  #wake(): void {
    for (const wake of [...this.#waiters]) wake();
  }
}
