import { BENCH_PARTS, DEFAULT_BENCH_OPTIONS, type BenchOptions, type BenchPart, type ContentionRotation } from "./BenchOptions.js";

export const BENCH_USAGE = `usage: npm run bench -- [options]
  --only LIST            parts to run, of ${BENCH_PARTS.join(",")} (default all)
  --latency-ms N         emulator delay per call (default ${DEFAULT_BENCH_OPTIONS.latencyMs})
  --sizes LIST           contention: process counts (default ${DEFAULT_BENCH_OPTIONS.sizes.join(",")})
  --rotation LIST        contention: emulator rotation modes, of rotate,none (default rotate,none)
  --rounds N             contention: rounds per size and provider (default: about 32 samples, at least 2)
  --cold                 contention: do not preload the modules the providers import on first use
  --fresh-runs N         fresh process: runs per provider (default ${DEFAULT_BENCH_OPTIONS.freshRuns}, at least 15 for the README)
  --warm-iterations N    warm: calls timed per run (default ${DEFAULT_BENCH_OPTIONS.warmIterations})
  --warm-runs N          warm: runs per variant (default ${DEFAULT_BENCH_OPTIONS.warmRuns})
  --day-hours N          working day: simulated hours (default ${DEFAULT_BENCH_OPTIONS.dayHours})
  --day-processes N      working day: processes (default ${DEFAULT_BENCH_OPTIONS.dayProcesses})
  --day-step-s N         working day: simulated seconds between two calls of a process (default ${DEFAULT_BENCH_OPTIONS.dayStepSeconds})
  --day-rotation LIST    working day: emulator rotation modes, of rotate,none (default rotate,none)
  --out PATH             results file (default ${DEFAULT_BENCH_OPTIONS.out})`;

function list(flag: string, raw: string | undefined): string[] {
  const items = (raw ?? "").split(",").map((item) => item.trim()).filter((item) => item !== "");
  if (items.length === 0) throw new Error(`${flag} needs a comma-separated list`);
  return items;
}

function positive(flag: string, raw: string | undefined, integer = true): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`${flag} needs a positive ${integer ? "integer" : "number"}`);
  }
  return value;
}

function rotations(flag: string, raw: string | undefined): ContentionRotation[] {
  return list(flag, raw).map((mode) => {
    if (mode !== "rotate" && mode !== "none") throw new Error(`${flag}: ${mode} is not rotate or none`);
    return mode;
  });
}

/** The bench's command line; throws with a message naming the flag on bad input. */
export function parseBenchArgs(args: readonly string[]): BenchOptions | "help" {
  const options: BenchOptions = { ...DEFAULT_BENCH_OPTIONS, parts: [...DEFAULT_BENCH_OPTIONS.parts] };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] as string;
    const value = (): string | undefined => args[++i];
    switch (flag) {
      case "--help":
      case "-h":
        return "help";
      case "--only":
        options.parts = list(flag, value()).map((part) => {
          if (!(BENCH_PARTS as readonly string[]).includes(part)) throw new Error(`--only: ${part} is not one of ${BENCH_PARTS.join(", ")}`);
          return part as BenchPart;
        });
        break;
      case "--latency-ms": {
        const raw = value();
        const latency = Number(raw);
        if (raw === undefined || !Number.isFinite(latency) || latency < 0) throw new Error("--latency-ms needs a non-negative number");
        options.latencyMs = latency;
        break;
      }
      case "--sizes":
        options.sizes = list(flag, value()).map((size) => positive(flag, size));
        break;
      case "--rotation":
        options.rotations = rotations(flag, value());
        break;
      case "--rounds":
        options.rounds = positive(flag, value());
        break;
      case "--cold":
        options.cold = true;
        break;
      case "--fresh-runs":
        options.freshRuns = positive(flag, value());
        break;
      case "--warm-iterations":
        options.warmIterations = positive(flag, value());
        break;
      case "--warm-runs":
        options.warmRuns = positive(flag, value());
        break;
      case "--day-hours":
        options.dayHours = positive(flag, value(), false);
        break;
      case "--day-processes":
        options.dayProcesses = positive(flag, value());
        break;
      case "--day-step-s":
        options.dayStepSeconds = positive(flag, value(), false);
        break;
      case "--day-rotation":
        options.dayRotations = rotations(flag, value());
        break;
      case "--out": {
        const out = value();
        if (out === undefined || out === "") throw new Error("--out needs a path");
        options.out = out;
        break;
      }
      default:
        throw new Error(`unknown option: ${flag}`);
    }
  }
  return options;
}
