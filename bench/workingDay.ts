import { DEFAULT_START_URL } from "../test/emulator/index.js";
import { BENCH_PROFILE, BenchHome } from "./BenchHome.js";
import type { BenchOptions, ContentionRotation } from "./BenchOptions.js";
import type { ProviderKind } from "./ProviderKind.js";
import { startBenchEmulator } from "./startBenchEmulator.js";
import { WorkerProcess } from "./WorkerProcess.js";

const TOKEN_LIFETIME_S = 3600;
const ROLE_CREDENTIALS_LIFETIME_S = 3600;
/** Both providers refresh the token, and fetch new role credentials, 5 minutes before expiry (ours by default, the SDK fixed). */
const REFRESH_WINDOW_S = 300;
const READY_TIMEOUT_MS = 60_000;
const TICK_TIMEOUT_MS = 60_000;

export interface WorkingDayMinimum {
  /** With the 5-minute window both providers use: a refresh every (lifetime - window). */
  createToken: number;
  getRoleCredentials: number;
  /** With no window at all (a refresh at the last moment): the floor for any provider. */
  createTokenNoWindow: number;
  getRoleCredentialsNoWindow: number;
}

export interface WorkingDayRun {
  provider: ProviderKind;
  rotation: ContentionRotation;
  createToken: number;
  getRoleCredentials: number;
  /** Provider calls that failed (no credentials, or expired ones), of `calls`. */
  failedCalls: number;
  calls: number;
  failures: Record<string, number>;
  realSeconds: number;
}

export interface WorkingDayResult {
  hours: number;
  processes: number;
  stepSeconds: number;
  minimum: WorkingDayMinimum;
  runs: WorkingDayRun[];
}

/**
 * The calls a day needs at least. The day starts right after `aws sso login` (a token valid for
 * one hour) and every process needs valid role credentials from 0 to `hours`. A refresh at time
 * t lasts until t + lifetime, and each provider renews `window` before the end, so renewals come
 * every (lifetime - window): CreateToken at k * (lifetime - window) for k >= 1, role credentials
 * at k * (lifetime - window) for k >= 0, per process (processes share no role credentials).
 */
export function workingDayMinimum(hours: number, processes: number): WorkingDayMinimum {
  const day = hours * 3600;
  const renewals = (lifetime: number, window: number): number => Math.ceil(day / (lifetime - window)) - 1;
  return {
    createToken: renewals(TOKEN_LIFETIME_S, REFRESH_WINDOW_S),
    getRoleCredentials: processes * (1 + renewals(ROLE_CREDENTIALS_LIFETIME_S, REFRESH_WINDOW_S)),
    createTokenNoWindow: Math.ceil(day / TOKEN_LIFETIME_S) - 1,
    getRoleCredentialsNoWindow: processes * Math.ceil(day / ROLE_CREDENTIALS_LIFETIME_S),
  };
}

/**
 * K long-lived processes through a simulated working day with 1-hour tokens and role credentials.
 * Time is the emulator's clock: the driver moves it (and every process's clock) forward by
 * `stepSeconds`, then each process asks its provider for credentials once, all at the same
 * simulated instant; so every expiry is met by all K processes together.
 */
export async function runWorkingDay(options: BenchOptions, log: (line: string) => void): Promise<WorkingDayResult> {
  const runs: WorkingDayRun[] = [];
  for (const rotation of options.dayRotations) {
    for (const provider of ["ours", "sdk"] as const) {
      const run = await runDay(provider, rotation, options);
      log(
        `working day ${rotation} ${provider}: CreateToken ${run.createToken}, GetRoleCredentials ${run.getRoleCredentials}, ` +
          `failed calls ${run.failedCalls}/${run.calls} (${run.realSeconds.toFixed(1)} s)`,
      );
      runs.push(run);
    }
  }
  return {
    hours: options.dayHours,
    processes: options.dayProcesses,
    stepSeconds: options.dayStepSeconds,
    minimum: workingDayMinimum(options.dayHours, options.dayProcesses),
    runs,
  };
}

async function runDay(provider: ProviderKind, rotation: ContentionRotation, options: BenchOptions): Promise<WorkingDayRun> {
  const started = performance.now();
  const emulator = await startBenchEmulator({ latencyMs: options.latencyMs, rotation });
  const home = await BenchHome.create(DEFAULT_START_URL);
  const env = home.env(emulator.url);
  const workers = Array.from({ length: options.dayProcesses }, () => WorkerProcess.fork("workingDayWorker.mjs", [provider, BENCH_PROFILE], env));
  try {
    await Promise.all(workers.map((worker) => worker.next("ready", READY_TIMEOUT_MS)));
    await home.reset(await emulator.control.issueSession());
    await emulator.control.resetCalls();
    const stepMs = options.dayStepSeconds * 1000;
    const steps = Math.ceil((options.dayHours * 3600 * 1000) / stepMs);
    const failures: Record<string, number> = {};
    let failedCalls = 0;
    let offsetMs = 0;
    for (let step = 0; step < steps; step++) {
      if (step > 0) {
        await emulator.control.advanceClock(stepMs);
        offsetMs += stepMs;
      }
      for (const worker of workers) worker.send({ type: "tick", offsetMs });
      const tocks = await Promise.all(workers.map((worker) => worker.next("tock", TICK_TIMEOUT_MS)));
      for (const tock of tocks) {
        if (tock.ok === true) continue;
        failedCalls++;
        const error = tock.error as { name: string; message: string };
        const key = `${error.name}: ${error.message}`;
        failures[key] = (failures[key] ?? 0) + 1;
      }
    }
    const { calls } = await emulator.control.calls();
    return {
      provider,
      rotation,
      createToken: calls.CreateToken,
      getRoleCredentials: calls.GetRoleCredentials,
      failedCalls,
      calls: steps * workers.length,
      failures,
      realSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await emulator.stop();
    await home.cleanup();
  }
}
