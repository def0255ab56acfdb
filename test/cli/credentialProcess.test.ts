import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { appendFile } from "node:fs/promises";
import { test, type TestContext } from "node:test";
import { fileURLToPath } from "node:url";

import { ACCOUNT_ID, ROLE_NAME } from "../helpers/ssoFixture.js";
import { assertNoSecret, BIN, cliWorld, PROCESS_TIMEOUT_MS, type CliWorld } from "./cliHarness.js";

const CONSUMER = fileURLToPath(new URL("../fixtures/cliSdkConsumer.mjs", import.meta.url));

interface CredentialProcessOutput {
  Version: number;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
  AccountId: string;
}

test("credential-process prints the credential_process JSON on stdout, and nothing else anywhere", async (t) => {
  const w = await cliWorld(t);
  const result = await w.run(["credential-process", "--profile", "dev"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, "", "no progress lines when stderr is not a terminal");
  assert.equal(result.stdout.split("\n").length, 2, "one line of JSON");
  const output = JSON.parse(result.stdout) as CredentialProcessOutput;
  assert.deepEqual(Object.keys(output), ["Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration", "AccountId"]);
  assert.equal(output.Version, 1);
  const issued = w.emu.issuedRoleCredentials;
  assert.equal(issued.length, 1);
  assert.equal(output.AccessKeyId, issued[0]?.accessKeyId);
  assert.equal(output.AccountId, ACCOUNT_ID);
  assert.equal(issued[0]?.roleName, ROLE_NAME);
  assert.match(output.Expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(new Date(output.Expiration).getTime(), issued[0]?.expiration);
  assert.ok(output.SecretAccessKey.length > 0 && output.SessionToken.length > 0);
  assert.deepEqual(w.emu.calls.CreateToken, 0);
});

test("AWS_PROFILE picks the profile when --profile is not given", async (t) => {
  const w = await cliWorld(t);
  const result = await w.run(["credential-process"], { AWS_PROFILE: "dev" });
  assert.equal(result.code, 0, result.stderr);
  assert.equal((JSON.parse(result.stdout) as CredentialProcessOutput).AccessKeyId, w.emu.issuedRoleCredentials[0]?.accessKeyId);
});

/** Adds `[profile dev-process]` whose credential_process runs the built CLI for profile dev. */
async function addProcessProfile(w: CliWorld): Promise<void> {
  const command = `"${process.execPath}" "${BIN}" credential-process --profile dev`;
  await appendFile(w.fixture.configPath, `\n[profile dev-process]\ncredential_process = ${command}\nregion = eu-west-1\n`);
}

function runProgram(t: TestContext, file: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), PROCESS_TIMEOUT_MS);
    t.after(() => clearTimeout(timer));
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

for (const provider of ["fromIni", "fromProcess"] as const) {
  test(`the JS SDK's ${provider} gets credentials through credential_process = aws-sso-creds credential-process`, async (t) => {
    const w = await cliWorld(t, { session: { accessTokenExpired: true } });
    await addProcessProfile(w);
    const result = await runProgram(t, process.execPath, [CONSUMER, provider, "dev-process"], w.env);
    assert.equal(result.code, 0, result.stderr);
    const got = JSON.parse(result.stdout) as { accessKeyId: string; expiration: string; accountId: string; hasSessionToken: boolean };
    assert.equal(got.accessKeyId, w.emu.issuedRoleCredentials[0]?.accessKeyId);
    assert.equal(new Date(got.expiration).getTime(), w.emu.issuedRoleCredentials[0]?.expiration);
    assert.equal(got.accountId, ACCOUNT_ID);
    assert.equal(got.hasSessionToken, true);
    assert.equal(w.emu.calls.CreateToken, 1, "the expired SSO token was refreshed once, by the CLI");
  });
}

/** The real interpreter behind python3 (a pyenv shim needs the real HOME; the test's HOME is a temp dir). */
function pythonWith(module: string): string | undefined {
  const result = spawnSync("python3", ["-c", `import sys, ${module}; print(sys.executable)`], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

test("botocore (boto3) gets credentials through credential_process = aws-sso-creds credential-process", async (t) => {
  const python = pythonWith("boto3");
  if (python === undefined) {
    t.skip("python3 with boto3 is not installed (python3 -c 'import boto3' failed)");
    return;
  }
  const w = await cliWorld(t);
  await addProcessProfile(w);
  const script = [
    "import boto3, json",
    "session = boto3.Session(profile_name='dev-process')",
    "c = session.get_credentials().get_frozen_credentials()",
    "print(json.dumps({'accessKeyId': c.access_key, 'hasSessionToken': bool(c.token), 'region': session.region_name}))",
  ].join("\n");
  const result = await runProgram(t, python, ["-c", script], w.env);
  assert.equal(result.code, 0, result.stderr);
  const got = JSON.parse(result.stdout) as { accessKeyId: string; hasSessionToken: boolean; region: string };
  assert.deepEqual(got, { accessKeyId: w.emu.issuedRoleCredentials[0]?.accessKeyId, hasSessionToken: true, region: "eu-west-1" });
});

test("the AWS CLI resolves a credential_process profile through aws-sso-creds", async (t) => {
  const python = pythonWith("awscli");
  if (python === undefined) {
    t.skip("the AWS CLI (python3 -m awscli) is not installed");
    return;
  }
  const w = await cliWorld(t);
  await addProcessProfile(w);
  // `configure list` resolves the credentials (and shows the key's last 4 characters) without calling AWS.
  const result = await runProgram(t, python, ["-m", "awscli", "configure", "list", "--profile", "dev-process"], w.env);
  assert.equal(result.code, 0, result.stderr);
  const accessKeyId = w.emu.issuedRoleCredentials[0]?.accessKeyId ?? "";
  assert.match(result.stdout, new RegExp(`access_key\\s+\\*+${accessKeyId.slice(-4)}\\s+custom-process`));
  assertNoSecret(result.stdout + result.stderr, w.secrets(), "the AWS CLI's output");
});
