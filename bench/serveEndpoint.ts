// `npm run bench -- --only serve`: the credentials endpoint (the built CLI's `aws-sso-creds serve`, in a
// process of its own) against the floor: a bare node:http server in a process of its own that answers
// every request with a fixed JSON body of the same size. Both on 127.0.0.1, measured from this process:
// - latency of a warm request: one client, one keep-alive connection, requests one after another;
// - requests per second: CONCURRENCY clients on keep-alive connections, for DURATION_MS.
// Prints a table and writes bench/serve-results.json.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { Agent, request } from "node:http";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { DEFAULT_START_URL } from "../test/emulator/index.js";
import { BenchHome } from "./BenchHome.js";
import type { BenchOptions } from "./BenchOptions.js";
import { formatTable } from "./formatTable.js";
import { machineInfo, type MachineInfo } from "./machineInfo.js";
import { startBenchEmulator } from "./startBenchEmulator.js";
import { percentile } from "./stats.js";

const BIN = fileURLToPath(new URL("../dist/cjs/cli/bin.js", import.meta.url));
const OUT = "bench/serve-results.json";
const WARMUP_REQUESTS = 500;
const LATENCY_REQUESTS = 5_000;
const CONCURRENCY = 32;
const DURATION_MS = 5_000;
const RUNS = 3;

/** The floor: node:http and a fixed body, nothing else. */
const FLOOR_SERVER = `
const body = process.argv[1];
const server = require("node:http").createServer((request, response) => {
  response.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  response.end(body);
});
server.listen(0, "127.0.0.1", () => process.stdout.write(JSON.stringify({ port: server.address().port }) + "\\n"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
`;

export interface ServeTargetResult {
  target: "endpoint" | "floor";
  /** Per run: median and 99th percentile of a sequential warm request, ms. */
  p50Ms: number[];
  p99Ms: number[];
  /** Per run: requests per second with CONCURRENCY clients. */
  requestsPerSecond: number[];
  failed: number;
}

export interface ServeBenchResult {
  startedAt: string;
  machine: MachineInfo;
  bodyBytes: number;
  latencyRequests: number;
  concurrency: number;
  durationMs: number;
  runs: number;
  targets: ServeTargetResult[];
  /** GetRoleCredentials the emulator served during the whole bench: 1 (the warm-up), whatever the load. */
  getRoleCredentials: number;
}

interface Target {
  port: number;
  path: string;
  headers: Record<string, string>;
}

export async function runServeBench(_options: BenchOptions, log: (line: string) => void): Promise<ServeBenchResult> {
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  const emulator = await startBenchEmulator({ latencyMs: 0, rotation: "rotate" });
  const home = await BenchHome.create(DEFAULT_START_URL);
  const children: ChildProcess[] = [];
  try {
    await home.reset(await emulator.control.issueSession());
    const serve = spawn(process.execPath, [BIN, "serve", "--format", "json"], { env: home.env(emulator.url), stdio: ["ignore", "pipe", "pipe"] });
    children.push(serve);
    const variables = JSON.parse(await firstOutput(serve, (text) => text.includes("}"))) as Record<string, string>;
    const url = new URL(variables.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? "");
    const endpoint: Target = { port: Number(url.port), path: url.pathname, headers: { Authorization: variables.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? "" } };
    // The floor answers with a body of the same size as the endpoint's.
    const sample = await get(new Agent({ keepAlive: false }), endpoint);
    const floorProcess = spawn(process.execPath, ["-e", FLOOR_SERVER, sample.body], { stdio: ["ignore", "pipe", "pipe"] });
    children.push(floorProcess);
    const floor: Target = { port: (JSON.parse(await firstOutput(floorProcess, (text) => text.includes("\n"))) as { port: number }).port, path: "/", headers: {} };

    const results: ServeTargetResult[] = [
      { target: "endpoint", p50Ms: [], p99Ms: [], requestsPerSecond: [], failed: 0 },
      { target: "floor", p50Ms: [], p99Ms: [], requestsPerSecond: [], failed: 0 },
    ];
    for (let run = 0; run < RUNS; run++) {
      // Interleaved, so that whatever else the machine does weighs on both alike.
      for (const [index, target] of [endpoint, floor].entries()) {
        const result = results[index] as ServeTargetResult;
        const latency = await measureLatency(target);
        const throughput = await measureThroughput(target);
        result.p50Ms.push(percentile(latency.timesMs, 50));
        result.p99Ms.push(percentile(latency.timesMs, 99));
        result.requestsPerSecond.push(throughput.requestsPerSecond);
        result.failed += latency.failed + throughput.failed;
        log(
          `serve ${run + 1}/${RUNS} ${result.target}: p50 ${result.p50Ms.at(-1)?.toFixed(3)} ms, p99 ${result.p99Ms.at(-1)?.toFixed(3)} ms, ` +
            `${throughput.requestsPerSecond.toFixed(0)} req/s`,
        );
      }
    }
    const calls = await emulator.control.calls();
    return {
      startedAt,
      machine,
      bodyBytes: Buffer.byteLength(sample.body),
      latencyRequests: LATENCY_REQUESTS,
      concurrency: CONCURRENCY,
      durationMs: DURATION_MS,
      runs: RUNS,
      targets: results,
      getRoleCredentials: calls.calls.GetRoleCredentials,
    };
  } finally {
    for (const child of children) child.kill("SIGTERM");
    await emulator.stop();
    await home.cleanup();
  }
}

/** The table `npm run bench` prints, and writes the results file. */
export async function reportServeBench(result: ServeBenchResult): Promise<string> {
  await writeFile(resolve(OUT), `${JSON.stringify(result, null, 2)}\n`);
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  const rows = result.targets.map((target) => [
    target.target === "endpoint" ? "aws-sso-creds serve" : "bare node:http, fixed JSON (floor)",
    median(target.p50Ms).toFixed(3),
    median(target.p99Ms).toFixed(3),
    median(target.requestsPerSecond).toFixed(0),
    String(target.failed),
  ]);
  const [ours, floor] = result.targets;
  const ratio = ours && floor ? median(ours.requestsPerSecond) / median(floor.requestsPerSecond) : Number.NaN;
  return (
    `5. Credentials endpoint: warm GET of ${result.bodyBytes} bytes on 127.0.0.1, each server in its own process; ` +
    `latency: ${result.latencyRequests} sequential requests on one keep-alive connection; throughput: ${result.concurrency} ` +
    `keep-alive clients for ${result.durationMs / 1000} s; medians of ${result.runs} runs\n` +
    formatTable(["server", "p50 ms", "p99 ms", "req/s", "failed"], rows) +
    `\nendpoint/floor throughput: ${ratio.toFixed(2)}; GetRoleCredentials during the whole run: ${result.getRoleCredentials}\n` +
    `Results written to ${resolve(OUT)}\n`
  );
}

async function measureLatency(target: Target): Promise<{ timesMs: number[]; failed: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const timesMs: number[] = [];
  let failed = 0;
  try {
    for (let i = 0; i < WARMUP_REQUESTS + LATENCY_REQUESTS; i++) {
      const started = performance.now();
      const reply = await get(agent, target);
      const elapsed = performance.now() - started;
      if (reply.status !== 200) failed++;
      if (i >= WARMUP_REQUESTS) timesMs.push(elapsed);
    }
  } finally {
    agent.destroy();
  }
  return { timesMs, failed };
}

async function measureThroughput(target: Target): Promise<{ requestsPerSecond: number; failed: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let done = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + DURATION_MS;
  try {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < deadline) {
          const reply = await get(agent, target);
          if (reply.status === 200) done++;
          else failed++;
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return { requestsPerSecond: done / ((performance.now() - started) / 1000), failed };
}

function get(agent: Agent, target: Target): Promise<{ status: number; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: "127.0.0.1", port: target.port, path: target.path, headers: target.headers, agent }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolvePromise({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

function firstOutput(child: ChildProcess, complete: (text: string) => boolean): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let text = "";
    let errors = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (errors += chunk));
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      text += chunk;
      if (complete(text)) resolvePromise(text);
    });
    child.once("exit", (code) => reject(new Error(`exited (${code}) before it was ready: ${errors}`)));
  });
}
