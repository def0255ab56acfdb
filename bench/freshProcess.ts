import { fileURLToPath } from "node:url";

import { DEFAULT_START_URL } from "../test/emulator/index.js";
import { BENCH_PROFILE, BenchHome } from "./BenchHome.js";
import { runWorkerOnce } from "./runWorkerOnce.js";
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

async function runOnce(provider: ProviderKind, env: NodeJS.ProcessEnv): Promise<FreshRun> {
  const { line, toResultMs, toExitMs } = await runWorkerOnce(`fresh-process ${provider}`, WORKER, [provider, BENCH_PROFILE], env, RUN_TIMEOUT_MS);
  return { toResultMs, toExitMs, bootMs: line.bootMs as number, importMs: line.importMs as number, callMs: line.callMs as number };
}
