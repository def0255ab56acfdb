import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import { DEFAULT_START_URL } from "../test/emulator/index.js";
import { BENCH_PROFILE, BenchHome } from "./BenchHome.js";
import type { BenchOptions } from "./BenchOptions.js";
import { PROVIDER_KINDS, type ProviderKind } from "./ProviderKind.js";
import { startBenchEmulator } from "./startBenchEmulator.js";
import { median } from "./stats.js";

const WORKER = fileURLToPath(new URL("./workers/freshProcessWorker.mjs", import.meta.url));
const RUN_TIMEOUT_MS = 60_000;
/** Runs per provider before the measured ones, discarded: they fill the file-system cache. */
const WARMUP_RUNS = 2;

/** One fresh process, as its parent saw it and as it timed itself (ms). */
export interface FreshRun {
  /** From just before spawn to the child's result line. */
  toResultMs: number;
  /** From just before spawn to the child's exit. */
  toExitMs: number;
  /** Inside the child: process start to the script running (Node's own start-up). */
  bootMs: number;
  /** Inside the child: `await import()` of the package entry. */
  importMs: number;
  /** Inside the child: the first provider call (lazily loaded modules, config, cache, GetRoleCredentials). */
  callMs: number;
}

export interface FreshProviderResult {
  provider: ProviderKind;
  runs: number;
  /** Medians of the runs. */
  toResultMs: number;
  toExitMs: number;
  bootMs: number;
  importMs: number;
  callMs: number;
  /** Emulator calls over the measured runs: each run should be 1 GetRoleCredentials and no CreateToken. */
  createToken: number;
  getRoleCredentials: number;
}

export interface FreshProcessResult {
  providers: FreshProviderResult[];
  /** Medians, ours / SDK. */
  ratioToResult: number;
  ratioToExit: number;
  ratioImport: number;
}

/**
 * A new process gets credentials once, with a VALID token in the cache (no refresh): the cost of
 * starting up. Ours and the SDK alternate run by run, so both see the same background noise.
 */
export async function runFreshProcess(options: BenchOptions, log: (line: string) => void): Promise<FreshProcessResult> {
  const emulator = await startBenchEmulator({ latencyMs: options.latencyMs, rotation: "rotate" });
  const home = await BenchHome.create(DEFAULT_START_URL);
  try {
    const session = await emulator.control.issueSession();
    const env = home.env(emulator.url);
    const runs: Record<ProviderKind, FreshRun[]> = { ours: [], sdk: [] };
    const calls = { ours: { createToken: 0, getRoleCredentials: 0 }, sdk: { createToken: 0, getRoleCredentials: 0 } };
    for (let i = 0; i < WARMUP_RUNS + options.freshRuns; i++) {
      const order: ProviderKind[] = i % 2 === 0 ? ["ours", "sdk"] : ["sdk", "ours"];
      for (const provider of order) {
        await home.reset(session);
        await emulator.control.resetCalls();
        const run = await runOnce(provider, env);
        if (i < WARMUP_RUNS) continue;
        runs[provider].push(run);
        const counted = (await emulator.control.calls()).calls;
        calls[provider].createToken += counted.CreateToken;
        calls[provider].getRoleCredentials += counted.GetRoleCredentials;
      }
      if (i >= WARMUP_RUNS) {
        log(`fresh process ${i - WARMUP_RUNS + 1}/${options.freshRuns}: ours ${runs.ours.at(-1)?.toResultMs.toFixed(0)} ms, sdk ${runs.sdk.at(-1)?.toResultMs.toFixed(0)} ms`);
      }
    }
    const providers = PROVIDER_KINDS.map((provider): FreshProviderResult => {
      const of = (key: keyof FreshRun): number => median(runs[provider].map((run) => run[key]));
      return {
        provider,
        runs: runs[provider].length,
        toResultMs: of("toResultMs"),
        toExitMs: of("toExitMs"),
        bootMs: of("bootMs"),
        importMs: of("importMs"),
        callMs: of("callMs"),
        ...calls[provider],
      };
    });
    const [ours, sdk] = providers as [FreshProviderResult, FreshProviderResult];
    return {
      providers,
      ratioToResult: ours.toResultMs / sdk.toResultMs,
      ratioToExit: ours.toExitMs / sdk.toExitMs,
      ratioImport: ours.importMs / sdk.importMs,
    };
  } finally {
    await emulator.stop();
    await home.cleanup();
  }
}

function runOnce(provider: ProviderKind, env: NodeJS.ProcessEnv): Promise<FreshRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [WORKER, provider, BENCH_PROFILE], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let resultAt: number | undefined;
    const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      if (resultAt === undefined && stdout.includes("\n")) resultAt = performance.now();
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (stderr.length < 16_000) stderr += chunk;
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      const exitedAt = performance.now();
      let line: { ok?: boolean; bootMs?: number; importMs?: number; callMs?: number; error?: unknown } = {};
      try {
        line = JSON.parse(stdout.split("\n")[0] ?? "") as typeof line;
      } catch {
        // reported below
      }
      if (code !== 0 || line.ok !== true || resultAt === undefined) {
        reject(new Error(`fresh-process ${provider} run failed (${code ?? signal}): ${JSON.stringify(line.error ?? stdout)}\n${stderr}`));
        return;
      }
      resolve({
        toResultMs: resultAt - started,
        toExitMs: exitedAt - started,
        bootMs: line.bootMs as number,
        importMs: line.importMs as number,
        callMs: line.callMs as number,
      });
    });
  });
}
