import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { EmulatorControl } from "./EmulatorControl.js";

const SERVER_PATH = fileURLToPath(new URL("./server.ts", import.meta.url));
/** The package root, so that `--import tsx` resolves from its node_modules. */
const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A standalone emulator running in a child process. */
export interface StandaloneEmulator {
  readonly url: string;
  readonly pid: number;
  readonly control: EmulatorControl;
  /** SIGTERM, then waits for the exit (SIGKILL after 5 s). Resolves with the exit code (null if killed). */
  stop(): Promise<number | null>;
}

export interface StartStandaloneEmulatorOptions {
  /** How long to wait for the `{"url"}` line. Default 20 s. */
  readonly startTimeoutMs?: number;
}

/** Spawns `node --import tsx test/emulator/server.ts ...args` and resolves once it is listening. */
export function startStandaloneEmulator(args: readonly string[] = [], options: StartStandaloneEmulatorOptions = {}): Promise<StandaloneEmulator> {
  const child = spawn(process.execPath, ["--import", "tsx", SERVER_PATH, ...args], {
    cwd: PACKAGE_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    if (stderr.length < 64_000) stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    }
    return exited;
  };

  return new Promise((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`standalone emulator did not start within ${options.startTimeoutMs ?? 20_000} ms; stderr:\n${stderr}`));
    }, options.startTimeoutMs ?? 20_000);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`standalone emulator exited (${String(code)}) before listening; stderr:\n${stderr}`));
    };
    child.once("exit", onExit);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      child.off("exit", onExit);
      child.stdout.removeAllListeners("data");
      child.stdout.resume();
      try {
        const { url } = JSON.parse(stdout.slice(0, newline)) as { url: string };
        if (child.pid === undefined) throw new Error("child has no pid");
        resolve({ url, pid: child.pid, control: new EmulatorControl(url), stop });
      } catch (error) {
        void stop();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
