// `npm run bench [-- options]`: our fromSSO (the built package, dist/) against fromSSO of
// @aws-sdk/credential-providers, side by side, against the standalone emulator. Prints a table
// and writes bench/results.json. `npm run bench -- --help` lists the options.
import { writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { resolve } from "node:path";

import type { BenchResults } from "./BenchResults.js";
import { runContention } from "./contention.js";
import { runFreshProcess } from "./freshProcess.js";
import { formatRoleCacheReport, roleCacheTargets, runRoleCache } from "./roleCache.js";
import { machineInfo } from "./machineInfo.js";
import { BENCH_USAGE, parseBenchArgs } from "./parseBenchArgs.js";
import { formatReport } from "./report.js";
import { checkTargets } from "./targets.js";
import { runWarm } from "./warm.js";
import { reportServeBench, runServeBench } from "./serveEndpoint.js";
import { runWorkingDay } from "./workingDay.js";

async function main(): Promise<number> {
  let options;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${BENCH_USAGE}\n`);
    return 2;
  }
  if (options === "help") {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  const contention = options.parts.includes("contention") ? await runContention(options, log) : undefined;
  const freshProcess = options.parts.includes("fresh") ? await runFreshProcess(options, log) : undefined;
  const warm = options.parts.includes("warm") ? await runWarm(options, log) : undefined;
  const workingDay = options.parts.includes("day") ? await runWorkingDay(options, log) : undefined;
  const roleCache = options.parts.includes("roles") ? await runRoleCache(options, log) : undefined;
  if (options.parts.includes("serve")) process.stdout.write(`\n${await reportServeBench(await runServeBench(options, log))}`);
  const results: BenchResults = {
    startedAt,
    durationSeconds: Math.round((performance.now() - started) / 1000),
    machine,
    loadAverageAtEnd: Number(loadavg()[0]?.toFixed(2)),
    options,
    contention,
    freshProcess,
    warm,
    workingDay,
    roleCache,
    targets: [...checkTargets(options.latencyMs, contention, freshProcess, warm), ...roleCacheTargets(roleCache)],
  };
  process.stdout.write(`\n${formatReport(results)}${roleCache === undefined ? "" : `\n${formatRoleCacheReport(roleCache)}\n`}`);
  const out = resolve(options.out);
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nResults written to ${out} (${results.durationSeconds} s)\n`);
  return 0;
}

process.exitCode = await main();
