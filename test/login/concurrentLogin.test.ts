// One login for many waiters, measured with real processes of the built CLI: 8 `login` runs, and 8
// credential commands with --login (credential-process, env, exec), started together with no token.
// Exactly one login flow starts (one StartDeviceAuthorization, or one visit to /authorize), at most
// one client is registered, one browser is launched, the others say that they wait, and all 8 succeed.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { fileURLToPath } from "node:url";

import { cliWorld, startCli, type CliProcess } from "../cli/cliHarness.js";
import { visitLikeABrowser } from "../emulator/visitLikeABrowser.js";

const FAKE_BROWSER = fileURLToPath(new URL("../fixtures/login/fakeBrowser.mjs", import.meta.url));
// A process that looks before the holder has written its note does not know its pid yet.
const WAITING = /Waiting for the login to sso-session "my-sso" in progress in (process \d+|another process)/;

async function recordingBrowser(t: TestContext): Promise<{ env: NodeJS.ProcessEnv; launches(): string[] }> {
  const dir = await mkdtemp(join(tmpdir(), "fake-browser-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const log = join(dir, "launches.log");
  return {
    env: { BROWSER: `${process.execPath} ${FAKE_BROWSER}`, FAKE_BROWSER_LOG: log },
    launches: () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").filter(Boolean) : []),
  };
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000, children: readonly CliProcess[] = []): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`waited too long for ${what}; stderr of the processes:\n${children.map((child) => child.stderr()).join("\n---\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const waiting = (children: readonly CliProcess[]): number => children.filter((child) => WAITING.test(child.stderr())).length;

test("8 concurrent `login --use-device-code`: one device authorization, one browser, 7 waiters, 8 successes", async (t) => {
  const w = await cliWorld(t, { noToken: true, emulator: { devicePollIntervalSeconds: 1 } });
  const browser = await recordingBrowser(t);
  const children = Array.from({ length: 8 }, () => startCli(["login", "--profile", "dev", "--use-device-code"], { ...w.env, ...browser.env }));
  const device = await w.emu.waitForPendingDevice(60_000);
  // Every other process has seen the login in progress, and the code is shown, before the user approves it
  // (a code approved before the first poll needs no prompt at all, as with the AWS CLI).
  await until(() => waiting(children) === 7 && children.some((child) => child.stderr().includes(device.userCode)), "7 waiting processes and the code shown", 60_000, children);
  w.emu.approveDevice(device.userCode);
  const results = await Promise.all(children.map((child) => child.done));

  t.diagnostic(`calls: ${JSON.stringify(w.emu.calls)}; browser launches: ${browser.launches().length}`);
  assert.deepEqual(results.map((result) => result.code), [0, 0, 0, 0, 0, 0, 0, 0], results.map((result) => result.stderr).join("\n---\n"));
  assert.equal(w.emu.calls.StartDeviceAuthorization, 1);
  assert.ok(w.emu.calls.RegisterClient <= 1);
  assert.equal(browser.launches().length, 1, "no browser tab per process");
  assert.equal(results.filter((result) => /enter the code:\n\n {2}[A-Z]{4}-[A-Z]{4}\n/.test(result.stderr)).length, 1, "one prompt");
  assert.equal(results.filter((result) => /logged in \(by the login of another process\)/.test(result.stderr)).length, 7);
});

test("8 concurrent credential commands with --login (credential-process, env, exec), PKCE: one authorize, 8 sets of credentials", async (t) => {
  const w = await cliWorld(t, { noToken: true });
  const browser = await recordingBrowser(t);
  const commands = [
    ...Array.from({ length: 4 }, () => ["credential-process", "--profile", "dev", "--login"]),
    ...Array.from({ length: 2 }, () => ["env", "--profile", "dev", "--login", "--format", "json"]),
    ...Array.from({ length: 2 }, () => ["exec", "--profile", "dev", "--login", "--", process.execPath, "-e", "process.stdout.write(process.env.AWS_ACCESS_KEY_ID)"]),
  ];
  const children = commands.map((args) => startCli(args, { ...w.env, ...browser.env }));
  await until(() => browser.launches().length === 1 && waiting(children) === 7, "one browser launch and 7 waiting processes", 60_000, children);
  // The user signs in in the one tab that opened.
  await visitLikeABrowser(browser.launches()[0] ?? "");
  const results = await Promise.all(children.map((child) => child.done));

  t.diagnostic(`calls: ${JSON.stringify(w.emu.calls)}`);
  assert.deepEqual(results.map((result) => result.code), [0, 0, 0, 0, 0, 0, 0, 0], results.map((result) => result.stderr).join("\n---\n"));
  assert.equal(w.emu.calls.Authorize, 1);
  assert.ok(w.emu.calls.RegisterClient <= 1);
  assert.equal(w.emu.calls.CreateToken, 1, "one token issued, for all of them");
  // The role credentials too are fetched once: the others find them in the AWS CLI's role cache.
  assert.equal(w.emu.calls.GetRoleCredentials, 1);
  assert.equal(browser.launches().length, 1);
  const keys = results.map((result, i) =>
    i < 4 ? (JSON.parse(result.stdout) as { AccessKeyId: string }).AccessKeyId : i < 6 ? (JSON.parse(result.stdout) as { AWS_ACCESS_KEY_ID: string }).AWS_ACCESS_KEY_ID : result.stdout,
  );
  assert.ok(keys.every((key) => /^ASIA/.test(key)), keys.join(","));
});

test("the login the others wait for is denied: it fails with LoginDeniedError, the 7 waiters with its message; all exit 77", async (t) => {
  const w = await cliWorld(t, { noToken: true, emulator: { devicePollIntervalSeconds: 1 } });
  const browser = await recordingBrowser(t);
  const children = Array.from({ length: 8 }, () => startCli(["login", "--profile", "dev", "--use-device-code"], { ...w.env, ...browser.env }));
  const device = await w.emu.waitForPendingDevice(60_000);
  await until(() => waiting(children) === 7 && children.some((child) => child.stderr().includes(device.userCode)), "7 waiting processes and the code shown", 60_000, children);
  w.emu.denyDevice(device.userCode);
  const results = await Promise.all(children.map((child) => child.done));
  assert.deepEqual(results.map((result) => result.code), [77, 77, 77, 77, 77, 77, 77, 77]);
  assert.equal(results.filter((result) => /aws-sso-creds: The sign-in for sso-session "my-sso" was denied \(access_denied\)/.test(result.stderr)).length, 1);
  assert.equal(
    results.filter((result) => /aws-sso-creds: The login to sso-session "my-sso" that process \d+ ran for this one failed \(LoginDeniedError\): The sign-in .* was denied/.test(result.stderr)).length,
    7,
  );
  assert.equal(w.emu.calls.StartDeviceAuthorization, 1, "a failed login is not started again by each waiter");
});

test("the process running the login is killed: once its lock is stale, a waiter logs in itself", async (t) => {
  const w = await cliWorld(t, { noToken: true, emulator: { devicePollIntervalSeconds: 1 } });
  const first = startCli(["login", "--profile", "dev", "--use-device-code", "--no-browser"], w.env);
  const abandoned = await w.emu.waitForPendingDevice(60_000);
  const second = startCli(["login", "--profile", "dev", "--use-device-code", "--no-browser"], w.env);
  await until(() => WAITING.test(second.stderr()), "the second process waiting");
  first.child.kill("SIGKILL");
  // The lock stops being touched; after staleMs (10 s) the waiter takes it over and starts its own login.
  await until(() => (w.emu.deviceAuthorizations.length === 2), "a second device authorization", 60_000);
  const device = w.emu.deviceAuthorizations[1];
  assert.ok(device !== undefined && device.userCode !== abandoned.userCode);
  await until(() => second.stderr().includes(device.userCode), "the new code shown");
  w.emu.approveDevice(device.userCode);
  const result = await second.done;
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /aws-sso-creds: logged in to sso-session "my-sso"/);
});
