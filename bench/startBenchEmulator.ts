import { startStandaloneEmulator, type StandaloneEmulator } from "../test/emulator/index.js";

export interface BenchEmulatorSettings {
  latencyMs: number;
  rotation: "rotate" | "none";
}

/**
 * A standalone emulator (its own process, so that it shares no event loop with the bench driver)
 * with 1-hour access tokens and role credentials and the given latency and rotation mode.
 */
export function startBenchEmulator(settings: BenchEmulatorSettings): Promise<StandaloneEmulator> {
  return startStandaloneEmulator([
    "--latency-ms",
    String(settings.latencyMs),
    "--rotation",
    settings.rotation,
    "--access-token-ttl",
    "3600",
    "--role-credentials-ttl",
    "3600",
  ]);
}
