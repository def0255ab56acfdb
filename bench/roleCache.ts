import { rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { DEFAULT_START_URL } from "../test/emulator/index.js";
import { BENCH_PROFILE, BenchHome } from "./BenchHome.js";
import { runWorkerOnce } from "./runWorkerOnce.js";
import type { BenchOptions } from "./BenchOptions.js";
import { formatTable } from "./formatTable.js";
import { PROVIDER_KINDS, type ProviderKind } from "./ProviderKind.js";
import { startBenchEmulator } from "./startBenchEmulator.js";
import { median } from "./stats.js";
import type { TargetCheck } from "./targets.js";

const WORKER = fileURLToPath(new URL("./workers/roleCacheWorker.mjs", import.meta.url));
const RUN_TIMEOUT_MS = 60_000;
/** Runs per provider and state before the measured ones, discarded: they fill the file-system cache. */
const WARMUP_RUNS = 2;
/** The issue's targets, ours / SDK, spawn to credentials. */
const WARM_TARGET = 0.6;
const COLD_TARGET = 1.0;

/** The role cache's state when a fresh process starts; the SSO token is valid in both. */
export type RoleCacheState = "warm" | "cold";

interface RoleCacheRun {
  toResultMs: number;
  importMs: number;
  callMs: number;
  sdkClientModules: number;
  lockModule: boolean;
}

export interface RoleCacheRow {
  state: RoleCacheState;
  provider: ProviderKind;
  runs: number;
  /** Medians of the runs, ms. */
  toResultMs: number;
  importMs: number;
  callMs: number;
  /** Over the measured runs. */
  getRoleCredentials: number;
  /** The most SDK client modules (@aws-sdk/client-*, nested-clients) any run had loaded by the time it had credentials. */
  sdkClientModules: number;
  lockModuleLoaded: boolean;
}

export interface RoleCacheResult {
  rows: RoleCacheRow[];
  /** Medians, ours / SDK, spawn to credentials. */
  ratioWarm: number;
  ratioCold: number;
}

/**
 * A new process gets credentials once, ours (the built package, `roleCredentialCache: true`) against
 * the SDK's fromSSO, alternating run by run, with a valid SSO token and the AWS CLI's role cache
 * (~/.aws/cli/cache) either holding the credentials (warm: ours needs no SDK client and no network
 * call; the SDK has no such cache and calls GetRoleCredentials) or empty (cold: ours fetches under
 * the entry's lock and writes it).
 */
export async function runRoleCache(options: BenchOptions, log: (line: string) => void): Promise<RoleCacheResult> {
  const emulator = await startBenchEmulator({ latencyMs: options.latencyMs, rotation: "rotate" });
  const home = await BenchHome.create(DEFAULT_START_URL);
  const roleCacheDir = join(home.home, ".aws", "cli", "cache");
  try {
    const session = await emulator.control.issueSession();
    await home.reset(session);
    const env = home.env(emulator.url);
    const rows: RoleCacheRow[] = [];
    for (const state of ["warm", "cold"] as const) {
      const runs: Record<ProviderKind, RoleCacheRun[]> = { ours: [], sdk: [] };
      const calls: Record<ProviderKind, number> = { ours: 0, sdk: 0 };
      await rm(roleCacheDir, { recursive: true, force: true });
      if (state === "warm") await runOnce("ours", env);
      for (let i = 0; i < WARMUP_RUNS + options.freshRuns; i++) {
        const order: ProviderKind[] = i % 2 === 0 ? ["ours", "sdk"] : ["sdk", "ours"];
        for (const provider of order) {
          if (state === "cold") await rm(roleCacheDir, { recursive: true, force: true });
          await emulator.control.resetCalls();
          const run = await runOnce(provider, env);
          if (i < WARMUP_RUNS) continue;
          runs[provider].push(run);
          calls[provider] += (await emulator.control.calls()).calls.GetRoleCredentials;
        }
        if (i >= WARMUP_RUNS) {
          log(`role cache ${state} ${i - WARMUP_RUNS + 1}/${options.freshRuns}: ours ${runs.ours.at(-1)?.toResultMs.toFixed(0)} ms, sdk ${runs.sdk.at(-1)?.toResultMs.toFixed(0)} ms`);
        }
      }
      for (const provider of PROVIDER_KINDS) {
        const of = (key: "toResultMs" | "importMs" | "callMs"): number => median(runs[provider].map((run) => run[key]));
        rows.push({
          state,
          provider,
          runs: runs[provider].length,
          toResultMs: of("toResultMs"),
          importMs: of("importMs"),
          callMs: of("callMs"),
          getRoleCredentials: calls[provider],
          sdkClientModules: Math.max(...runs[provider].map((run) => run.sdkClientModules)),
          lockModuleLoaded: runs[provider].some((run) => run.lockModule),
        });
      }
    }
    const ratio = (state: RoleCacheState): number => {
      const of = (provider: ProviderKind) => rows.find((row) => row.state === state && row.provider === provider)?.toResultMs ?? Number.NaN;
      return of("ours") / of("sdk");
    };
    return { rows, ratioWarm: ratio("warm"), ratioCold: ratio("cold") };
  } finally {
    await emulator.stop();
    await home.cleanup();
  }
}

/** The part's section of the report. */
export function formatRoleCacheReport(result: RoleCacheResult): string {
  const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(0) : "-");
  return (
    `5. Role cache: a new process gets credentials with a valid token, the AWS CLI's role cache warm (holding them) or cold (empty); ` +
    `ours with roleCredentialCache: true, medians of ${result.rows[0]?.runs ?? 0} runs each, in ms\n` +
    formatTable(
      ["state", "provider", "spawn->credentials", "import entry", "first call", "GetRoleCreds", "SDK client modules", "lock module"],
      result.rows.map((row) => [
        row.state,
        row.provider,
        ms(row.toResultMs),
        ms(row.importMs),
        ms(row.callMs),
        String(row.getRoleCredentials),
        String(row.sdkClientModules),
        row.lockModuleLoaded ? "loaded" : "-",
      ]),
    ) +
    `\nours/SDK spawn->credentials: warm ${result.ratioWarm.toFixed(2)}, cold ${result.ratioCold.toFixed(2)}`
  );
}

/** The issue's targets for the part. Reported, never asserted. */
export function roleCacheTargets(result: RoleCacheResult | undefined): TargetCheck[] {
  if (result === undefined) return [];
  const warmOurs = result.rows.find((row) => row.state === "warm" && row.provider === "ours");
  return [
    { target: `warm role cache ours/SDK <= ${WARM_TARGET}`, measured: result.ratioWarm.toFixed(2), met: result.ratioWarm <= WARM_TARGET },
    {
      target: "warm role cache: no SDK client module, no GetRoleCredentials (ours)",
      measured: `${warmOurs?.sdkClientModules ?? "?"} modules, ${warmOurs?.getRoleCredentials ?? "?"} calls`,
      met: warmOurs?.sdkClientModules === 0 && warmOurs.getRoleCredentials === 0,
    },
    { target: `cold role cache, valid token: ours/SDK <= ${COLD_TARGET}`, measured: result.ratioCold.toFixed(2), met: result.ratioCold <= COLD_TARGET },
  ];
}

async function runOnce(provider: ProviderKind, env: NodeJS.ProcessEnv): Promise<RoleCacheRun> {
  const { line, toResultMs } = await runWorkerOnce(`role-cache ${provider}`, WORKER, [provider, BENCH_PROFILE], env, RUN_TIMEOUT_MS);
  return {
    toResultMs,
    importMs: line.importMs as number,
    callMs: line.callMs as number,
    sdkClientModules: line.sdkClientModules as number,
    lockModule: line.lockModule === true,
  };
}
