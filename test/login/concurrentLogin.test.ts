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
const WAITING = /Waiting for the login to sso-session "my-sso" in progress in process \d+/;

async function recordingBrowser(t: TestContext): Promise<{ env: NodeJS.ProcessEnv; launches(): string[] }> {
  const dir = await mkdtemp(join(tmpdir(), "fake-browser-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const log = join(dir, "launches.log");
  return {
    env: { BROWSER: `${process.execPath} ${FAKE_BROWSER}`, FAKE_BROWSER_LOG: log },
    launches: () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").filter(Boolean) : []),
  };
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`waited too long for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const waiting = (children: readonly CliProcess[]): number => children.filter((child) => WAITING.test(child.stderr())).length;

test("8 concurrent `login --use-device-code`: one device authorization, one browser, 7 waiters, 8 successes", async (t) => {
  const w = await cliWorld(t, { noToken: true, emulator: { devicePollIntervalSeconds: 1 } });
  const browser = await recordingBrowser(t);
  const children = Array.from({ length: 8 }, () => startCli(["login", "--profile", "dev", "--use-device-code"], { ...w.env, ...browser.env }));
  const device = await w.emu.waitForPendingDevice(60_000);
  // Every other process has seen the login in progress before the user approves it.
  await until(() => waiting(children) === 7, "7 waiting processes");
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
  await until(() => browser.launches().length === 1 && waiting(children) === 7, "one browser launch and 7 waiting processes");
  // The user signs in in the one tab that opened.
  await visitLikeABrowser(browser.launches()[0] ?? "");
  const results = await Promise.all(children.map((child) => child.done));

  t.diagnostic(`calls: ${JSON.stringify(w.emu.calls)}`);
  assert.deepEqual(results.map((result) => result.code), [0, 0, 0, 0, 0, 0, 0, 0], results.map((result) => result.stderr).join("\n---\n"));
  assert.equal(w.emu.calls.Authorize, 1);
  assert.ok(w.emu.calls.RegisterClient <= 1);
  assert.equal(w.emu.calls.CreateToken, 1, "one token issued, for all of them");
  assert.equal(w.emu.calls.GetRoleCredentials, 8);
  assert.equal(browser.launches().length, 1);
  const keys = results.map((result, i) =>
    i < 4 ? (JSON.parse(result.stdout) as { AccessKeyId: string }).AccessKeyId : i < 6 ? (JSON.parse(result.stdout) as { AWS_ACCESS_KEY_ID: string }).AWS_ACCESS_KEY_ID : result.stdout,
  );
  assert.ok(keys.every((key) => /^ASIA/.test(key)), keys.join(","));
});
