// The CLI with role chains and the shared role cache: every credential command accepts a profile
// that chains from SSO, STS is found through AWS_ENDPOINT_URL_STS, the cache is on by default and
// --no-cache turns it off, an MFA code is asked for on a terminal only, and status shows the chains.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { test, type TestContext } from "node:test";

import { BIN, cliWorld, PROCESS_TIMEOUT_MS, type CliWorld } from "../cli/cliHarness.js";
import { ROLE_A, ROLE_B, chainConfig } from "./chainWorld.js";

const MFA_SERIAL = "arn:aws:iam::111122223333:mfa/me";
const MFA_PROFILE = ["[profile mfa]", `role_arn = ${ROLE_A}`, "source_profile = dev", `mfa_serial = ${MFA_SERIAL}`, ""].join("\n");

async function chainCli(t: TestContext, extra = ""): Promise<CliWorld & { sts: NodeJS.ProcessEnv }> {
  const w = await cliWorld(t, { config: chainConfig(extra) });
  return { ...w, sts: { AWS_ENDPOINT_URL_STS: w.emu.url } };
}

test("credential-process for a two-hop chain; the next run takes it from ~/.aws/cli/cache; --no-cache fetches and writes nothing", async (t) => {
  const w = await chainCli(t);
  const first = await w.run(["credential-process", "--profile", "admin"], w.sts);
  assert.equal(first.code, 0, first.stderr);
  const output = JSON.parse(first.stdout) as { AccessKeyId: string; AccountId: string };
  assert.equal(output.AccessKeyId, w.emu.issuedAssumedRoleCredentials[1]?.accessKeyId);
  assert.equal(output.AccountId, "555566667777");
  assert.deepEqual([w.emu.calls.GetRoleCredentials, w.emu.calls.AssumeRole], [1, 2]);
  const cacheDir = join(w.fixture.home, ".aws", "cli", "cache");
  assert.equal((await readdir(cacheDir)).length, 3);

  const second = await w.run(["credential-process", "--profile", "admin"], w.sts);
  assert.equal(second.code, 0, second.stderr);
  assert.equal((JSON.parse(second.stdout) as { AccessKeyId: string }).AccessKeyId, output.AccessKeyId);
  assert.deepEqual([w.emu.calls.GetRoleCredentials, w.emu.calls.AssumeRole], [1, 2], "no call: all from the cache");

  const before = await Promise.all((await readdir(cacheDir)).sort().map((name) => readFile(join(cacheDir, name), "utf8")));
  const uncached = await w.run(["credential-process", "--profile", "admin", "--no-cache"], w.sts);
  assert.equal(uncached.code, 0, uncached.stderr);
  assert.notEqual((JSON.parse(uncached.stdout) as { AccessKeyId: string }).AccessKeyId, output.AccessKeyId);
  assert.deepEqual([w.emu.calls.GetRoleCredentials, w.emu.calls.AssumeRole], [2, 4]);
  const after = await Promise.all((await readdir(cacheDir)).sort().map((name) => readFile(join(cacheDir, name), "utf8")));
  assert.deepEqual(after, before, "--no-cache leaves the cache as it was");
});

test("env and exec for a chained profile: its own region, the last role's credentials", async (t) => {
  const w = await chainCli(t);
  const env = await w.run(["env", "--profile", "deploy", "--format", "json"], w.sts);
  assert.equal(env.code, 0, env.stderr);
  const variables = JSON.parse(env.stdout) as Record<string, string>;
  assert.equal(variables.AWS_REGION, "eu-west-1");
  assert.equal(variables.AWS_ACCOUNT_ID, "222233334444");
  assert.equal(variables.AWS_ACCESS_KEY_ID, w.emu.issuedAssumedRoleCredentials[0]?.accessKeyId);
  assert.equal(w.emu.stsRequests[0]?.region, "eu-west-1");

  const exec = await w.run(["exec", "--profile", "admin", "--", process.execPath, "-e", "console.log(process.env.AWS_ACCESS_KEY_ID, process.env.AWS_REGION)"], w.sts);
  assert.equal(exec.code, 0, exec.stderr);
  assert.equal(exec.stdout.trim(), `${w.emu.issuedAssumedRoleCredentials[1]?.accessKeyId} eu-central-1`);
});

test("mfa_serial without a terminal: exit 78 and what to do instead; nothing sent", async (t) => {
  const w = await chainCli(t, MFA_PROFILE);
  const result = await w.run(["credential-process", "--profile", "mfa"], w.sts);
  assert.equal(result.code, 78, result.stderr);
  assert.match(result.stderr, /requires multi-factor authentication \(mfa_serial = arn:aws:iam::111122223333:mfa\/me\)/);
  assert.match(result.stderr, /in a terminal to be asked for the code/);
  assert.equal(w.emu.calls.AssumeRole, 0);
});

test("mfa_serial on a terminal: the code is asked for on stderr, read from the terminal, and sent", async (t) => {
  const w = await chainCli(t, MFA_PROFILE);
  w.emu.setRoleTrust(ROLE_A, { mfaSerial: MFA_SERIAL, mfaTokenCode: "246810" });
  const words = [process.execPath, BIN, "env", "--profile", "mfa", "--format", "json"].map((word) => `'${word}'`).join(" ");
  const child = spawn("script", ["-qec", `exec ${words}`, "/dev/null"], { env: { TERM: "xterm", ...w.env, ...w.sts }, stdio: ["pipe", "pipe", "pipe"] });
  let output = "";
  const prompted = new Promise<void>((resolve) => {
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      if (output.includes(`Enter MFA code for ${MFA_SERIAL}: `)) resolve();
    });
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), PROCESS_TIMEOUT_MS);
  await prompted;
  child.stdin.write("246810\n");
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  clearTimeout(timer);
  assert.equal(code, 0, output);
  assert.equal(w.emu.stsRequests[0]?.params.TokenCode, "246810");
  assert.equal(w.emu.stsRequests[0]?.outcome, "ok");
  assert.match(output, new RegExp(`"AWS_ACCESS_KEY_ID": "${w.emu.issuedAssumedRoleCredentials[0]?.accessKeyId}"`));
});

test("status lists chained profiles with their role, account and the profiles they come through", async (t) => {
  const extra = ["[profile keys]", "aws_access_key_id = AKIAEXAMPLE", "aws_secret_access_key = x", "", "[profile fromkeys]", `role_arn = ${ROLE_B}`, "source_profile = keys", ""].join("\n");
  const w = await chainCli(t, extra);
  const json = await w.run(["status", "--json"]);
  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout) as { profiles: { profile: string; roleArn: string | null; via: string[]; accountId: string; roleName: string; region: string; ssoSession: string }[]; sessions: { profiles: string[] }[] };
  const byName = Object.fromEntries(report.profiles.map((profile) => [profile.profile, profile]));
  assert.deepEqual(Object.keys(byName).sort(), ["admin", "deploy", "dev"], "a chain that does not start from SSO is not listed");
  assert.deepEqual(
    { roleArn: byName.admin?.roleArn, via: byName.admin?.via, accountId: byName.admin?.accountId, roleName: byName.admin?.roleName, region: byName.admin?.region, ssoSession: byName.admin?.ssoSession },
    { roleArn: ROLE_B, via: ["deploy", "dev"], accountId: "555566667777", roleName: "Admin", region: "eu-central-1", ssoSession: "my-sso" },
  );
  assert.deepEqual(byName.dev?.via, []);
  assert.deepEqual(report.sessions[0]?.profiles.sort(), ["admin", "deploy", "dev"]);
  const table = await w.run(["status"]);
  assert.match(table.stdout, /admin\s+my-sso\s+555566667777\s+Admin\s+eu-central-1\s+deploy > dev/);
  const one = await w.run(["status", "--profile", "admin"]);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(w.emu.calls.GetRoleCredentials + w.emu.calls.AssumeRole, 0, "status calls nothing");
});
