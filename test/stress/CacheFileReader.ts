import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const READER = fileURLToPath(new URL("../fixtures/stressCacheReader.mjs", import.meta.url));

/** What the reader process saw: every read that did not give a whole token is counted. */
export interface CacheReadReport {
  reads: number;
  missing: number;
  invalidJson: number;
  incomplete: number;
  otherErrors: number;
  /** Kind and length only, never the text. */
  examples: string[];
}

/** A separate process that parses one cache file in a tight loop until stopped (test/fixtures/stressCacheReader.mjs). */
export class CacheFileReader {
  readonly #child: ChildProcess;

  private constructor(child: ChildProcess) {
    this.#child = child;
  }

  static async start(path: string): Promise<CacheFileReader> {
    const child = fork(READER, [path], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    await new Promise<void>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`cache reader exited early with ${code}`)));
      child.once("message", () => resolve());
    });
    child.removeAllListeners("exit");
    return new CacheFileReader(child);
  }

  /** Stops the loop and returns its counts. */
  stop(): Promise<CacheReadReport> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#child.kill("SIGKILL");
        reject(new Error("the cache reader did not report within 30 s"));
      }, 30_000);
      this.#child.on("message", (message: { type?: string } & CacheReadReport) => {
        if (message.type !== "report") return;
        clearTimeout(timer);
        resolve(message);
      });
      this.#child.send({ type: "stop" });
    });
  }
}
