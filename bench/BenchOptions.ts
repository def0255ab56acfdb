/** The parts of the bench, in the order they run. */
export const BENCH_PARTS = ["contention", "fresh", "warm", "day", "roles", "serve"] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

export type ContentionRotation = "rotate" | "none";

export interface BenchOptions {
  parts: BenchPart[];
  /** The emulator's delay before answering each call. */
  latencyMs: number;
  /** Contention: the process counts, and the emulator's rotation modes. */
  sizes: number[];
  rotations: ContentionRotation[];
  /** Contention rounds per size and provider; undefined: enough for about 32 samples (at least 2). */
  rounds: number | undefined;
  /** Contention: leave the providers' lazily imported modules to their first call. */
  cold: boolean;
  /** Fresh process: runs per provider (the median is reported). */
  freshRuns: number;
  /** Warm: calls timed per run, and runs per variant. */
  warmIterations: number;
  warmRuns: number;
  /** Working day: simulated hours, processes, seconds between two calls of one process, rotation mode. */
  dayHours: number;
  dayProcesses: number;
  dayStepSeconds: number;
  dayRotations: ContentionRotation[];
  /** Where the results go. */
  out: string;
}

export const DEFAULT_BENCH_OPTIONS: Readonly<BenchOptions> = Object.freeze<BenchOptions>({
  parts: [...BENCH_PARTS],
  latencyMs: 30,
  sizes: [1, 8, 32],
  rotations: ["rotate", "none"],
  rounds: undefined,
  cold: false,
  freshRuns: 15,
  warmIterations: 200_000,
  warmRuns: 5,
  dayHours: 8,
  dayProcesses: 8,
  dayStepSeconds: 5,
  dayRotations: ["rotate", "none"],
  out: "bench/results.json",
});
