// Real consumers of the endpoint, each a child of `aws-sso-creds exec --serve`: the JS SDK's default
// chain and an STS client given no credentials, boto3/botocore's container provider, and the AWS CLI v1,
// each calling the emulator's STS GetCallerIdentity, which checks that the key signing it was issued (by
// GetRoleCredentials) and has not expired. Then what each of them shows when the endpoint cannot get
// credentials. The python consumers are skipped, with the reason, where there is no python with boto3.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test, type TestContext } from "node:test";
import { fileURLToPath } from "node:url";

import { findBotocore } from "../interop/helpers/peers.js";
import { assertNoSecret, BIN, cliWorld, startCli, type CliResult, type CliWorld } from "./cliHarness.js";

const FIXTURES = fileURLToPath(new URL("../server/fixtures/", import.meta.url));
const JS_CONSUMER = `${FIXTURES}jsSdkConsumer.mjs`;
const BOTO_CONSUMER = `${FIXTURES}botoConsumer.py`;
const AWS_CLI_CONSUMER = `${FIXTURES}awsCliConsumer.mjs`;

interface ConsumerLine {
  consumer: "js-sdk" | "boto3" | "aws-cli";
  i?: number;
  ok: boolean;
  provider?: string;
  chainKey?: string;
  key?: string;
  method?: string;
  arn?: string;
  error?: { name?: string; message?: string; Code?: string; Message?: string };
  stderr?: string;
  status?: number;
}

function lines(result: CliResult): ConsumerLine[] {
  return result.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as ConsumerLine);
}

/** The python with boto3 and the AWS CLI, or undefined after marking the test skipped. */
function pythonOrSkip(t: TestContext): string | undefined {
  const probe = findBotocore();
  if ("missing" in probe) {
    t.skip(`no python with boto3/botocore: ${probe.missing}`);
    return undefined;
  }
  return probe.python;
}

/** Runs `exec --serve -- COMMAND` (the built CLI) with the consumer's settings and the emulator as STS. */
function execServe(w: CliWorld, command: string[], extra: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runProgram(process.execPath, [BIN, "exec", "--serve", "--profile", "dev", "--", ...command], { ...w.env, AWS_ENDPOINT_URL_STS: w.emu.url, ...extra });
}

/** Every STS call succeeded, signed with keys GetRoleCredentials issued, and each key the emulator saw was one of those. */
function assertStsSignedWithIssuedKeys(w: CliWorld, calls: number): void {
  const requests = w.emu.stsRequests.filter((record) => record.operation === "GetCallerIdentity");
  assert.equal(requests.length, calls);
  const issued = new Set(w.emu.issuedRoleCredentials.map((credentials) => credentials.accessKeyId));
  for (const record of requests) {
    assert.equal(record.outcome, "ok", JSON.stringify(record));
    assert.ok(issued.has(record.accessKeyId ?? ""), `signed with ${record.accessKeyId}, a key GetRoleCredentials issued`);
    assert.equal(w.emu.accessKeyInfo(record.accessKeyId ?? "")?.kind, "sso-role");
  }
}

test("the JS SDK: fromNodeProviderChain and an STS client with no credentials get the endpoint's credentials", async (t) => {
  const w = await cliWorld(t);
  const result = await execServe(w, [process.execPath, JS_CONSUMER], { CALLS: "2", INTERVAL_MS: "10" });
  assert.equal(result.code, 0, result.stderr);
  const calls = lines(result);
  assert.equal(calls.length, 2);
  const key = w.emu.issuedRoleCredentials[0]?.accessKeyId;
  for (const call of calls) {
    assert.equal(call.ok, true, JSON.stringify(call));
    assert.equal(call.chainKey, key);
    assert.match(call.arn ?? "", /^arn:aws:sts::111122223333:assumed-role\/AWSReservedSSO_ReadOnly_[0-9a-f]{16}\/emulator-user$/);
  }
  assertStsSignedWithIssuedKeys(w, 2);
  assert.equal(w.emu.calls.GetRoleCredentials, 1);
});

test("boto3/botocore: the container provider (and the default chain, which picks it) get the endpoint's credentials", async (t) => {
  const python = pythonOrSkip(t);
  if (python === undefined) return;
  const w = await cliWorld(t);
  const result = await execServe(w, [python, BOTO_CONSUMER], { CALLS: "2", INTERVAL_MS: "10" });
  assert.equal(result.code, 0, result.stderr);
  const calls = lines(result);
  assert.equal(calls.length, 3);
  const key = w.emu.issuedRoleCredentials[0]?.accessKeyId;
  for (const call of calls) {
    assert.equal(call.ok, true, JSON.stringify(call));
    assert.equal(call.key, key);
    assert.equal(call.method, "container-role", "botocore's ContainerProvider");
  }
  assertStsSignedWithIssuedKeys(w, 2);
});

test("the AWS CLI v1: aws sts get-caller-identity gets the endpoint's credentials", async (t) => {
  const python = pythonOrSkip(t);
  if (python === undefined) return;
  const w = await cliWorld(t);
  const result = await execServe(w, [process.execPath, AWS_CLI_CONSUMER], { CALLS: "1", PYTHON: python });
  assert.equal(result.code, 0, result.stderr);
  const [call] = lines(result);
  assert.equal(call?.ok, true, JSON.stringify(call));
  assert.match(call?.arn ?? "", /AWSReservedSSO_ReadOnly_/);
  assertStsSignedWithIssuedKeys(w, 1);
});

test(
  "20-second credentials, every consumer asking every second for 60 s: every call succeeds, the credentials rotate, about one GetRoleCredentials per lifetime",
  { timeout: 240_000 },
  async (t) => {
    const w = await cliWorld(t, { emulator: { roleCredentialsTtlSeconds: 20 } });
    const probe = findBotocore();
    const python = "missing" in probe ? undefined : probe.python;
    if (python === undefined) t.diagnostic(`boto3 and the AWS CLI left out: ${"missing" in probe ? probe.missing : ""}`);
    // All three at once, as children of one exec --serve (one endpoint, as a docker-compose would share it).
    const script = [
      `"${process.execPath}" "${JS_CONSUMER}" &`,
      ...(python === undefined ? [] : [`"${python}" "${BOTO_CONSUMER}" &`, `"${process.execPath}" "${AWS_CLI_CONSUMER}" &`]),
      "wait",
    ].join("\n");
    const durationMs = 60_000;
    const result = await execServe(w, ["sh", "-c", script], { DURATION_MS: String(durationMs), INTERVAL_MS: "1000", PYTHON: python ?? "" });
    assert.equal(result.code, 0, result.stderr);
    const calls = lines(result).filter((line) => (line.i ?? 0) >= 0);
    const figures: string[] = [];
    for (const consumer of ["js-sdk", ...(python === undefined ? [] : ["boto3", "aws-cli"])] as const) {
      const mine = calls.filter((call) => call.consumer === consumer);
      const failed = mine.filter((call) => !call.ok);
      assert.deepEqual(failed, [], `${consumer}: every call succeeds`);
      assert.ok(mine.length >= (consumer === "aws-cli" ? 10 : 40), `${consumer}: ${mine.length} calls`);
      const keys = new Set(mine.map((call) => call.chainKey ?? call.key ?? call.arn));
      figures.push(`${consumer}: ${mine.length} calls`);
      if (consumer !== "aws-cli") {
        assert.ok(keys.size >= 3, `${consumer}: the credentials rotated (${keys.size} keys in ${durationMs / 1000} s)`);
        figures.push(`${consumer}: ${keys.size} keys`);
      }
    }
    const stsCalls = w.emu.stsRequests.filter((record) => record.operation === "GetCallerIdentity");
    assertStsSignedWithIssuedKeys(w, stsCalls.length);
    const signingKeys = new Set(stsCalls.map((record) => record.accessKeyId));
    const getRoleCredentials = w.emu.calls.GetRoleCredentials;
    // 60 s is 3 lifetimes of 20 s; renewal at a third of the lifetime left makes it 4 to 5, and the
    // endpoint's warm-up set one more: far from one per request (there were stsCalls.length of those).
    assert.ok(getRoleCredentials >= 4 && getRoleCredentials <= 7, `${getRoleCredentials} GetRoleCredentials`);
    assert.ok(signingKeys.size >= 3, `${signingKeys.size} distinct keys signed the STS calls`);
    t.diagnostic(`${figures.join(", ")}; ${stsCalls.length} STS calls, ${signingKeys.size} signing keys, ${getRoleCredentials} GetRoleCredentials`);
    assertNoSecret(result.stderr, w.secrets(), "stderr");
  },
);

test("errors a consumer can act on: with a login needed, botocore and the AWS CLI show the endpoint's Message (the fix); the JS SDK's fromHttp keeps Code and Message", { timeout: 120_000 }, async (t) => {
  const w = await cliWorld(t, { noToken: true });
  const serve = startCli(["serve", "--profile", "dev", "--format", "json"], { ...w.env });
  t.after(async () => {
    serve.child.kill("SIGTERM");
    await serve.done;
  });
  await serve.waitForStdout("}\n");
  const variables = JSON.parse(serve.stdout()) as Record<string, string>;
  const consumerEnv = { ...w.env, ...variables, AWS_ENDPOINT_URL_STS: w.emu.url, MODE: "errors" };
  const fix = "Run: aws-sso-creds login --sso-session my-sso, or with the AWS CLI v2: aws sso login --sso-session my-sso";

  const jsRun = await runProgram(process.execPath, [JS_CONSUMER], consumerEnv);
  const [fromHttp, chain] = lines(jsRun);
  assert.equal(fromHttp?.ok, false);
  assert.equal(fromHttp?.error?.Code, "SsoTokenNotFoundError");
  assert.ok(fromHttp?.error?.Message?.endsWith(fix), JSON.stringify(fromHttp));
  assert.equal(fromHttp?.error?.message, "Server responded with status: 401");
  // The default chain goes on to its other providers and reports only that none worked; the reason
  // is on the endpoint's stderr.
  assert.equal(chain?.ok, false);
  assert.match(chain?.error?.message ?? "", /Could not load credentials from any providers/);
  assert.match(serve.stderr(), new RegExp(`could not get credentials for profile "dev": No cached SSO token .*${fix.replace(/[.]/g, "\\.")}`));

  const python = pythonOrSkip(t);
  if (python === undefined) return;
  const boto = await runProgram(python, [BOTO_CONSUMER], consumerEnv);
  const [botoLine] = lines(boto);
  assert.equal(botoLine?.ok, false);
  assert.equal(botoLine?.error?.name, "CredentialRetrievalError");
  assert.match(botoLine?.error?.message ?? "", /Received non 200 response 401 from container metadata: \{"Code":"SsoTokenNotFoundError","Message":"No cached SSO token at /);
  assert.ok(botoLine?.error?.message?.includes(fix));
  const cli = await runProgram(process.execPath, [AWS_CLI_CONSUMER], { ...consumerEnv, CALLS: "1", PYTHON: python });
  const [cliLine] = lines(cli);
  assert.equal(cliLine?.ok, false);
  assert.ok(cliLine?.stderr?.includes(fix), cliLine?.stderr);
  assert.equal(w.emu.stsRequests.length, 0, "no consumer got as far as STS");
});

/**
 * Runs a program to its end, without blocking the emulator in this process; killed after 3 minutes
 * (the rotation test runs its consumers for a minute on a loaded machine).
 */
function runProgram(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
    child.once("close", () => clearTimeout(timer));
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
