import type { BenchResults } from "./BenchResults.js";
import { formatCounts } from "./formatCounts.js";
import { formatTable } from "./formatTable.js";
import { p99BudgetMs } from "./targets.js";

const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(0) : "-");

/** The bench's results as the text tables it prints (and the README's Performance section quotes). */
export function formatReport(results: BenchResults): string {
  const { machine, options } = results;
  const sections: string[] = [
    `Machine: ${machine.nproc} CPUs (${machine.cpuModel}), memory ${machine.memory}, Node ${machine.node} on ${machine.platform}; ` +
      `load average ${machine.loadAverage} at start, ${results.loadAverageAtEnd} at end. Emulator latency ${options.latencyMs} ms per call.`,
  ];

  if (results.contention) {
    const rows = results.contention.map((row) => [
      row.rotation,
      String(row.processes),
      row.provider,
      String(row.rounds),
      formatCounts(row.createTokenPerRound),
      String(row.getRoleCredentials),
      `${row.failed}/${row.processes * row.rounds}`,
      ms(row.p50Ms),
      ms(row.p99Ms),
      ms(row.maxMs),
      ms(row.cpuP50Ms),
      row.processes > 1 ? ms(p99BudgetMs(results.contention ?? [], row, options.latencyMs)) : "",
    ]);
    const failures = results.contention.flatMap((row) =>
      Object.entries(row.failures).map(([reason, count]) => `  ${row.rotation} N=${row.processes} ${row.provider}: ${count} x ${reason}`),
    );
    sections.push(
      `1. Contention: N processes start together with an expired token (${options.cold ? "cold" : "provider modules preloaded"}); ` +
        "times in ms from \"go\" to credentials (successful processes), CPU: median per process",
      formatTable(
        ["rotation", "N", "provider", "rounds", "CreateToken/round", "GetRoleCreds", "failed", "p50", "p99", "max", "CPU/process", "p99 target"],
        rows,
      ) + (failures.length > 0 ? `\nFailures:\n${failures.join("\n")}` : ""),
    );
  }

  if (results.freshProcess) {
    const fresh = results.freshProcess;
    sections.push(
      `2. Fresh process: a new process gets credentials with a valid cached token; medians of ${fresh.providers[0]?.runs ?? 0} runs each, in ms`,
      formatTable(
        ["provider", "spawn->credentials", "spawn->exit", "node start-up", "import entry", "first call", "CreateToken", "GetRoleCreds"],
        fresh.providers.map((row) => [
          row.provider,
          ms(row.toResultMs),
          ms(row.toExitMs),
          ms(row.bootMs),
          ms(row.importMs),
          ms(row.callMs),
          String(row.createToken),
          String(row.getRoleCredentials),
        ]),
      ) +
        `\nours/SDK: ${fresh.ratioToResult.toFixed(2)} spawn->credentials, ${fresh.ratioToExit.toFixed(2)} spawn->exit, ` +
        `${fresh.ratioImport.toFixed(2)} import`,
    );
  }

  if (results.warm) {
    const warm = results.warm;
    sections.push(
      `3. Warm: one call while the credentials are memoized (${warm.iterations} calls per run, median of ${warm.variants[0]?.runs.length ?? 0} runs)`,
      formatTable(
        ["provider", "called as", "ns/op"],
        warm.variants.map((variant) => [
          variant.provider,
          { none: "fromSSO() as returned", memoize: "memoize(fromSSO()) as a client wraps it", client: "S3Client config.credentials()" }[variant.wrap],
          variant.nsPerOp.toFixed(0),
        ]),
      ) + `\nours/SDK: ${warm.ratio.toFixed(2)} (ours as returned vs SDK memoize-wrapped), ${warm.ratioThroughClient.toFixed(2)} through a client`,
    );
  }

  if (results.workingDay) {
    const day = results.workingDay;
    const { minimum } = day;
    sections.push(
      `4. Working day: ${day.hours} simulated hours, ${day.processes} processes each calling every ${day.stepSeconds} simulated s, ` +
        "1-hour tokens and role credentials",
      formatTable(
        ["rotation", "provider", "CreateToken", "GetRoleCreds", "failed calls"],
        day.runs.map((run) => [run.rotation, run.provider, String(run.createToken), String(run.getRoleCredentials), `${run.failedCalls}/${run.calls}`]),
      ) +
        `\nMinimum with the 5-minute refresh window both use: ${minimum.createToken} CreateToken, ${minimum.getRoleCredentials} GetRoleCredentials ` +
        `(no window at all: ${minimum.createTokenNoWindow} and ${minimum.getRoleCredentialsNoWindow})` +
        day.runs
          .flatMap((run) => Object.entries(run.failures).map(([reason, count]) => `\n  ${run.rotation} ${run.provider}: ${count} x ${reason}`))
          .join(""),
    );
  }

  if (results.targets.length > 0) {
    sections.push(
      "Targets (ours)",
      formatTable(
        ["target", "measured", "met"],
        results.targets.map((check) => [check.target, check.measured, check.met ? "yes" : "NO"]),
      ),
    );
  }
  return sections.join("\n\n") + "\n";
}
