import { spawn } from "node:child_process";

/** What one worker process answered: its first stdout line (parsed), and when, since the spawn. */
export interface WorkerAnswer {
  /** The first line of stdout, parsed as JSON (the worker's `{ ok, ... }`). */
  line: Record<string, unknown>;
  /** From the spawn to the first line. */
  toResultMs: number;
  /** From the spawn to the process's exit. */
  toExitMs: number;
}

/**
 * Runs one bench worker (`node <script> ...args`) as a new process and times it from the outside:
 * to its first line on stdout, and to its exit. Rejects (with its stderr) when it fails, says it
 * failed, or outlives `timeoutMs`.
 */
export function runWorkerOnce(what: string, script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let resultAt: number | undefined;
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (resultAt === undefined && stdout.includes("\n")) resultAt = performance.now();
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      if (stderr.length < 16_000) stderr += chunk;
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      const exitedAt = performance.now();
      let line: Record<string, unknown> = {};
      try {
        line = JSON.parse(stdout.split("\n")[0] ?? "") as Record<string, unknown>;
      } catch {
        // reported below
      }
      if (code !== 0 || line.ok !== true || resultAt === undefined) {
        reject(new Error(`${what} run failed (${code ?? signal}): ${JSON.stringify(line.error ?? stdout)}\n${stderr}`));
        return;
      }
      resolve({ line, toResultMs: resultAt - started, toExitMs: exitedAt - started });
    });
  });
}
