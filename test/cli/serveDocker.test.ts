// The Docker and SAM local recipes of docs/container-endpoint.md. A container runs only where a Docker
// daemon does (and the image is already there: nothing is pulled); elsewhere that test is skipped with
// the reason. The proxy recipe (B) is played out with the real consumers inside an isolated network
// namespace whose loopback holds 169.254.170.2 (see containerAddressScenario.ts): no traffic can leave
// it. SAM local's way of getting credentials (a new boto3 session per invocation) with boto3 itself.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test, type TestContext } from "node:test";
import { fileURLToPath } from "node:url";

import { findBotocore } from "../interop/helpers/peers.js";
import { BIN, cliWorld, PACKAGE_ROOT, type CliResult } from "./cliHarness.js";

const FIXTURES = fileURLToPath(new URL("../server/fixtures/", import.meta.url));
const DOCS = fileURLToPath(new URL("../../docs/container-endpoint.md", import.meta.url));
const SCENARIO = fileURLToPath(new URL("../server/fixtures/containerAddressScenario.ts", import.meta.url));
const DOCKER_IMAGE = process.env.SERVE_TEST_DOCKER_IMAGE ?? "amazon/aws-cli:latest";

interface ConsumerRun {
  code: number | null;
  lines: { ok: boolean; method?: string }[];
  stderr: string;
}

interface ScenarioSummary {
  js: ConsumerRun;
  boto?: ConsumerRun;
  awsCli?: ConsumerRun;
  forwarded: number;
  sts: { outcome: string; issued: boolean }[];
  getRoleCredentials: number;
  serveExit: number | null;
  serveStderr: string;
}

function run(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, cwd: PACKAGE_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

function pythonOrSkip(t: TestContext): string | undefined {
  const probe = findBotocore();
  if ("missing" in probe) {
    t.skip(`no python with boto3/botocore: ${probe.missing}`);
    return undefined;
  }
  return probe.python;
}

test("recipe A, host networking: the AWS CLI in a container gets the endpoint's credentials", async (t) => {
  const info = spawnSync("docker", ["info", "--format", "{{.ServerVersion}}"], { encoding: "utf8", timeout: 30_000 });
  if (info.error !== undefined || info.status !== 0) {
    t.skip(`no Docker daemon here (${info.error?.message ?? info.stderr.trim().split("\n").at(-1) ?? `exit ${info.status}`}); recipe B is played out in an isolated network namespace below`);
    return;
  }
  if (spawnSync("docker", ["image", "inspect", DOCKER_IMAGE], { stdio: "ignore" }).status !== 0) {
    t.skip(`the image ${DOCKER_IMAGE} is not on this machine (nothing is pulled by the tests; SERVE_TEST_DOCKER_IMAGE names another)`);
    return;
  }
  const w = await cliWorld(t);
  const result = await run(
    process.execPath,
    [
      BIN, "exec", "--serve", "--profile", "dev", "--",
      "docker", "run", "--rm", "--network", "host",
      "-e", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "-e", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "-e", "AWS_REGION", "-e", "AWS_DEFAULT_REGION",
      DOCKER_IMAGE, "sts", "get-caller-identity", "--endpoint-url", w.emu.url, "--output", "json",
    ],
    w.env,
  );
  assert.equal(result.code, 0, result.stderr);
  assert.match(JSON.parse(result.stdout).Arn as string, /AWSReservedSSO_ReadOnly_/);
  const [request] = w.emu.stsRequests;
  assert.equal(request?.outcome, "ok");
  assert.equal(request?.accessKeyId, w.emu.issuedRoleCredentials[0]?.accessKeyId);
});

test("recipe B, the proxy container at 169.254.170.2 with the documented RELATIVE_URI: the JS SDK, boto3 and the AWS CLI, in an isolated network namespace", async (t) => {
  const isolated = spawnSync("unshare", ["-rn", "ip", "link", "set", "lo", "up"], { encoding: "utf8", timeout: 30_000 });
  if (isolated.error !== undefined || isolated.status !== 0) {
    t.skip(`no isolated network namespace to hold 169.254.170.2 (unshare -rn: ${isolated.error?.message ?? isolated.stderr.trim()}); the address is never used outside one`);
    return;
  }
  const docs = readFileSync(DOCS, "utf8");
  const relative = /-e AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=(\S+)/.exec(docs)?.[1];
  assert.equal(relative, "/profiles/dev", "the recipe in docs/container-endpoint.md");
  const probe = findBotocore();
  const python = "missing" in probe ? undefined : probe.python;
  if (python === undefined) t.diagnostic(`boto3 and the AWS CLI left out: ${"missing" in probe ? probe.missing : ""}`);
  const result = await run("unshare", ["-rn", process.execPath, "--import", "tsx", SCENARIO, relative, ...(python === undefined ? [] : [python])], {
    ...process.env,
    NODE_OPTIONS: "",
  });
  assert.equal(result.code, 0, result.stderr);
  const summary = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "{}") as ScenarioSummary;
  const [js] = summary.js.lines;
  assert.equal(js?.ok, true, JSON.stringify(summary.js));
  if (python !== undefined) {
    assert.ok(summary.boto?.lines.every((line) => line.ok && line.method === "container-role"), JSON.stringify(summary.boto));
    assert.equal(summary.awsCli?.lines[0]?.ok, true, JSON.stringify(summary.awsCli));
  }
  // Every credentials request came through the forwarder at 169.254.170.2, and passed the endpoint's
  // Host check (Host: 169.254.170.2); every STS call was signed with a key GetRoleCredentials issued.
  assert.ok(summary.forwarded >= (python === undefined ? 1 : 4), `${summary.forwarded} connections forwarded`);
  assert.equal(summary.sts.length, python === undefined ? 1 : 3);
  assert.ok(summary.sts.every((request) => request.outcome === "ok" && request.issued), JSON.stringify(summary.sts));
  assert.equal(summary.getRoleCredentials, 1);
  assert.equal(summary.serveExit, 0, summary.serveStderr);
  assert.doesNotMatch(summary.serveStderr, /refused/, "no request was refused");
});

test("recipe C, SAM local's way: a new boto3 session per invocation gets keys with more than Lambda's 15 minutes left", async (t) => {
  const python = pythonOrSkip(t);
  if (python === undefined) return;
  const w = await cliWorld(t);
  const result = await run(process.execPath, [BIN, "exec", "--serve", "--profile", "dev", "--", python, `${FIXTURES}botoConsumer.py`], {
    ...w.env,
    MODE: "sam",
    CALLS: "3",
  });
  assert.equal(result.code, 0, result.stderr);
  const invocations = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as { ok: boolean; method: string; secondsLeft: number; key: string });
  assert.equal(invocations.length, 3);
  for (const invocation of invocations) {
    assert.equal(invocation.method, "container-role");
    assert.ok(invocation.secondsLeft > 15 * 60, `${invocation.secondsLeft} s left`);
    assert.equal(invocation.key, w.emu.issuedRoleCredentials[0]?.accessKeyId);
  }
});
