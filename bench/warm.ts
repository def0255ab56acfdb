import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import { DEFAULT_START_URL } from "../test/emulator/index.js";
import { BENCH_PROFILE, BenchHome } from "./BenchHome.js";
import type { BenchOptions } from "./BenchOptions.js";
import type { ProviderKind } from "./ProviderKind.js";
import { startBenchEmulator } from "./startBenchEmulator.js";
import { median } from "./stats.js";

const WORKER = fileURLToPath(new URL("./workers/warmWorker.mjs", import.meta.url));
const RUN_TIMEOUT_MS = 120_000;

/** How the provider is called: see bench/workers/warmWorker.mjs. */
export type WarmWrap = "none" | "memoize" | "client";

export interface WarmVariant {
  provider: ProviderKind;
  wrap: WarmWrap;
}

/**
 * What is compared. Headline: each provider as it is used on its own, memoized: ours as fromSSO
 * returns it (it memoizes), the SDK's wrapped in the memoize an SDK client puts around a
 * credentials option (the SDK's fromSSO does not memoize: unwrapped, every call is a GetRoleCredentials).
 * Then both through a real client's `config.credentials()`, the same wrapper around each.
 */
export const WARM_VARIANTS: readonly WarmVariant[] = Object.freeze([
  { provider: "ours", wrap: "none" },
  { provider: "sdk", wrap: "memoize" },
  { provider: "ours", wrap: "client" },
  { provider: "sdk", wrap: "client" },
]);

export interface WarmVariantResult extends WarmVariant {
  /** Median over the runs of each run's median batch. */
  nsPerOp: number;
  runs: number[];
}

export interface WarmResult {
  iterations: number;
  variants: WarmVariantResult[];
  /** ours (as returned) / SDK (memoize-wrapped). */
  ratio: number;
  /** ours / SDK, both through S3Client config.credentials(). */
  ratioThroughClient: number;
}

/** Calls per second while the credentials are memoized: a fresh process per run, variants interleaved. */
export async function runWarm(options: BenchOptions, log: (line: string) => void): Promise<WarmResult> {
  const emulator = await startBenchEmulator({ latencyMs: options.latencyMs, rotation: "rotate" });
  const home = await BenchHome.create(DEFAULT_START_URL);
  try {
    await home.reset(await emulator.control.issueSession());
    const env = home.env(emulator.url);
    const runs = WARM_VARIANTS.map(() => [] as number[]);
    for (let run = 0; run < options.warmRuns; run++) {
      for (const [index, variant] of WARM_VARIANTS.entries()) {
        runs[index]?.push(await runOnce(variant, options.warmIterations, env));
      }
      log(`warm ${run + 1}/${options.warmRuns}: ${WARM_VARIANTS.map((v, i) => `${v.provider}/${v.wrap} ${runs[i]?.at(-1)?.toFixed(0)} ns`).join(", ")}`);
    }
    const variants = WARM_VARIANTS.map((variant, index) => ({ ...variant, nsPerOp: median(runs[index] ?? []), runs: runs[index] ?? [] }));
    const ns = (provider: ProviderKind, wrap: WarmWrap): number =>
      variants.find((variant) => variant.provider === provider && variant.wrap === wrap)?.nsPerOp ?? Number.NaN;
    return {
      iterations: options.warmIterations,
      variants,
      ratio: ns("ours", "none") / ns("sdk", "memoize"),
      ratioThroughClient: ns("ours", "client") / ns("sdk", "client"),
    };
  } finally {
    await emulator.stop();
    await home.cleanup();
  }
}

function runOnce(variant: WarmVariant, iterations: number, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, variant.provider, variant.wrap, String(iterations), BENCH_PROFILE], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      if (stderr.length < 16_000) stderr += chunk;
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      try {
        const line = JSON.parse(stdout.split("\n")[0] ?? "") as { ok: boolean; nsPerOp?: number; error?: unknown };
        if (code === 0 && line.ok && typeof line.nsPerOp === "number") return resolve(line.nsPerOp);
        throw new Error(JSON.stringify(line.error));
      } catch (error) {
        reject(new Error(`warm ${variant.provider}/${variant.wrap} failed (${code ?? signal}): ${String(error)}\n${stderr}`));
      }
    });
  });
}
