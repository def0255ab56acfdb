import { DEFAULT_START_URL, type StandaloneEmulator } from "../test/emulator/index.js";
import { BENCH_PROFILE, BenchHome } from "./BenchHome.js";
import type { BenchOptions, ContentionRotation } from "./BenchOptions.js";
import type { ProviderKind } from "./ProviderKind.js";
import { startBenchEmulator } from "./startBenchEmulator.js";
import { max, percentile } from "./stats.js";
import { WorkerProcess, type WorkerMessage } from "./WorkerProcess.js";

const READY_TIMEOUT_MS = 120_000;
const RESULT_TIMEOUT_MS = 90_000;
/** About this many processes' timings per size and provider, unless --rounds says otherwise. */
const SAMPLES_PER_SIZE = 32;

/** One size, rotation mode and provider of the contention bench, over all its rounds. */
export interface ContentionResult {
  rotation: ContentionRotation;
  processes: number;
  provider: ProviderKind;
  rounds: number;
  /** CreateToken calls in each round (each round is one token expiry). */
  createTokenPerRound: number[];
  /** GetRoleCredentials calls, all rounds. */
  getRoleCredentials: number;
  /** Processes that got no credentials, all rounds. */
  failed: number;
  /** Why they failed: "name: message" and how often. */
  failures: Record<string, number>;
  /** Time from "go" to credentials, in the processes that got them. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Median CPU time (user + system) one process used from "go" to its outcome, all processes. */
  cpuP50Ms: number;
}

interface RoundOutcome {
  createToken: number;
  getRoleCredentials: number;
  results: WorkerMessage[];
}

/**
 * N processes start together with an expired token in the cache: all are forked and have loaded
 * their provider before any is told to go. Fresh processes every round, so no in-process state
 * (the SDK's refresh throttle, our memoized credentials) carries over; ours and the SDK alternate.
 */
export async function runContention(options: BenchOptions, log: (line: string) => void): Promise<ContentionResult[]> {
  const results: ContentionResult[] = [];
  for (const rotation of options.rotations) {
    const emulator = await startBenchEmulator({ latencyMs: options.latencyMs, rotation });
    const home = await BenchHome.create(DEFAULT_START_URL);
    try {
      for (const processes of options.sizes) {
        const rounds = options.rounds ?? Math.max(2, Math.ceil(SAMPLES_PER_SIZE / processes));
        const outcomes: Record<ProviderKind, RoundOutcome[]> = { ours: [], sdk: [] };
        for (let round = 0; round < rounds; round++) {
          const order: ProviderKind[] = round % 2 === 0 ? ["ours", "sdk"] : ["sdk", "ours"];
          for (const provider of order) {
            const outcome = await runRound(emulator, home, provider, processes, options.cold);
            outcomes[provider].push(outcome);
            const failed = outcome.results.filter((result) => result.ok !== true).length;
            log(
              `contention ${rotation} N=${processes} ${provider} round ${round + 1}/${rounds}: ` +
                `CreateToken ${outcome.createToken}, GetRoleCredentials ${outcome.getRoleCredentials}, failed ${failed}`,
            );
          }
        }
        for (const provider of ["ours", "sdk"] as const) results.push(summarize(rotation, processes, provider, outcomes[provider]));
      }
    } finally {
      await emulator.stop();
      await home.cleanup();
    }
  }
  return results;
}

async function runRound(
  emulator: StandaloneEmulator,
  home: BenchHome,
  provider: ProviderKind,
  processes: number,
  cold: boolean,
): Promise<RoundOutcome> {
  const env = home.env(emulator.url);
  const args = cold ? [provider, "--cold"] : [provider];
  const workers = Array.from({ length: processes }, () => WorkerProcess.fork("contentionWorker.mjs", args, env));
  try {
    await Promise.all(workers.map((worker) => worker.next("ready", READY_TIMEOUT_MS)));
    await home.reset(await emulator.control.issueSession({ accessTokenExpired: true }));
    await emulator.control.resetCalls();
    for (const worker of workers) worker.send({ type: "go", profile: BENCH_PROFILE });
    const results = await Promise.all(workers.map((worker) => worker.next("result", RESULT_TIMEOUT_MS)));
    const { calls } = await emulator.control.calls();
    return { createToken: calls.CreateToken, getRoleCredentials: calls.GetRoleCredentials, results };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}

function summarize(rotation: ContentionRotation, processes: number, provider: ProviderKind, outcomes: RoundOutcome[]): ContentionResult {
  const all = outcomes.flatMap((outcome) => outcome.results);
  const times = all.filter((result) => result.ok === true).map((result) => result.ms as number);
  const failures: Record<string, number> = {};
  for (const result of all) {
    if (result.ok === true) continue;
    const error = result.error as { name: string; message: string };
    const key = `${error.name}: ${error.message}`;
    failures[key] = (failures[key] ?? 0) + 1;
  }
  return {
    rotation,
    processes,
    provider,
    rounds: outcomes.length,
    createTokenPerRound: outcomes.map((outcome) => outcome.createToken),
    getRoleCredentials: outcomes.reduce((sum, outcome) => sum + outcome.getRoleCredentials, 0),
    failed: all.length - times.length,
    failures,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    maxMs: max(times),
    cpuP50Ms: percentile(all.map((result) => result.cpuMs as number), 50),
  };
}
